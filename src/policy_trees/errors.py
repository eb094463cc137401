"""Errors that name the file, the line and the node, and never carry a traceback to the user."""
from __future__ import annotations

from dataclasses import dataclass


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
