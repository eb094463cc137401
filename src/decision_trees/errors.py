"""Errors that name the file, the line and the node, and never carry a traceback to the user."""

from __future__ import annotations

from dataclasses import dataclass


def shown(value) -> str:
    """A value from the file, quoted for a message: 'hint' as 'hint', but escaped and cut short, since
    it may hold a newline (an error is one line) or be huge."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    if len(text) > 60:
        text = text[:56] + "..." + (text[0] if text[0] in "'\"" else "")  # keep the closing quote
    return text


@dataclass(frozen=True)
class TreeError:
    file: str
    line: int | None
    message: str
    node: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" node '{self.node}':" if self.node else ""
        return f"{where}:{node} {self.message}"


class TreeErrors(Exception):
    """One or more problems with tree files; str() is the message a person reads."""

    def __init__(self, errors: list[TreeError]):
        self.errors = sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))
        super().__init__("\n".join(map(str, self.errors)))
