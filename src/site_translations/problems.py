"""What a Welsh check reports: where, which check, and what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    check: str  # spelling, mutation, answer-form, term, marking, english-word, chrome, flag...
    file: str  # relative to the project folder (or to the built site)
    line: int | None
    message: str
    node: str | None = None  # a tree's node id

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" (node {self.node})" if self.node else ""
        return f"{where}{node}: [{self.check}] {self.message}"

    @property
    def key(self) -> str:
        """The problem without line numbers: what the baseline of known problems records, so that
        an edit elsewhere in a file does not make a known problem look new."""
        node = f" (node {self.node})" if self.node else ""
        message = re.sub(r"(\.yml):\d+", r"\1", self.message)  # "(terms.yml:39)": that line moves too
        return f"{self.file}{node}: [{self.check}] {message}"
