"""Errors that name the file, the line and the node, carry a machine-readable code, and never carry
a traceback to the user."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# Every kind of problem, by code: what tools and tests match on. decision_trees/README.md lists
# them (a test keeps the two in step), and the broken-tree corpus has a case for each.
CODES: dict[str, str] = {
    # reading the file
    "unreadable": "the file cannot be read",
    "not-a-regular-file": "a symbolic link, named pipe, device or folder where a tree file should be",
    "file-name": "a tree file not named <id>.yml (.yaml, upper case)",
    "skipped-file": "a hidden or editor-temporary file beside the trees, skipped (warning)",
    "too-large": "the file is larger than the size limit",
    "not-utf8": "the file is not UTF-8",
    "stray-bom": "a byte-order mark (U+FEFF) after the start of the file",
    "empty-file": "the file holds no tree",
    # YAML
    "yaml-syntax": "YAML syntax error",
    "yaml-character": "a character YAML does not allow",
    "yaml-anchor": "YAML anchors and aliases",
    "yaml-tag": "YAML tags",
    "yaml-documents": "more than one YAML document",
    "too-deep": "nesting deeper than the limit",
    "too-complex": "more YAML events than the limit",
    "duplicate-key": "a key given twice in one mapping",
    "non-scalar-key": "a mapping key that is not a plain word",
    # fields
    "unknown-field": "a field the format does not have",
    "missing-field": "a required field is missing",
    "wrong-type": "a value of the wrong type (a list for a mapping, a number for text...)",
    "bare-boolean": "a bare yes/no/on/off that YAML reads as true/false",
    "unknown-value": "a value outside a closed set (verdict, node type)",
    "invalid-id": "an id that is not lower-case words joined by hyphens",
    "id-too-long": "an id longer than the limit",
    "reserved-id": "an id the page or its URL already uses (step, questions, index...)",
    "too-few-entries": "a list shorter than its minimum (answers, options, items, nodes, cites)",
    "too-many-entries": "a list longer than its limit (answers per question, nodes)",
    "answer-without-next": "an answer that leads nowhere",
    # text
    "missing-language": "text without its English or Welsh",
    "unknown-language": "text in a language other than en and cy",
    "empty-text": "empty text",
    "text-too-long": "text longer than the limit",
    "control-character": "a control character (NUL, ESC...) in text",
    "bidi-control": "a bidirectional override or isolate in text",
    "invisible-text": "text made only of invisible characters",
    "language-mark": "a [words]{lang=xx} language mark that is malformed or names an unknown language",
    "same-in-both-languages": "Welsh text identical to its English, not marked as the same (warning)",
    # the tree as a whole
    "duplicate-id": "a node, answer, option or item id given twice",
    "duplicate-label": "two answers, options or items of one node with the same label",
    "duplicates-none": "an option that repeats the 'none of these' answer",
    "unsure-not-last": "an unsure answer that is not the last answer",
    "several-unsure": "more than one unsure answer in a question",
    "no-unsure-answer": "a question with no 'I'm not sure' answer and no no_unsure_reason (lint only)",
    "needless-unsure-reason": "a no_unsure_reason beside an 'I'm not sure' answer (lint only)",
    "unknown-answer-set": "a question using an answer set that does not exist",
    "unused-answer-set": "an answer set no question uses",
    "unknown-answer": "an answer set's next map naming an answer the set does not have",
    "missing-next": "an answer set's next map without an answer of the set",
    "tree-id-mismatch": "a tree id that does not match its file name",
    "unknown-node": "a reference to a node that does not exist",
    "start-is-outcome": "start pointing at an outcome",
    "cycle": "a route that comes back to a node",
    "unreachable": "a node no route from the start reaches",
    "dead-end": "a node from which no outcome can be reached",
    "no-outcome": "a tree without any outcome",
    "too-many-routes": "a route list longer than the limit",
    # citations and the page
    "citation-path": "a citation page that is not a plain relative path to a Markdown page",
    "citation-walkthrough": "a citation of a walkthrough page instead of a policy",
    "citation-page": "a cited page missing in English or Welsh",
    "citation-section": "a cited heading id missing in English or Welsh",
    "id-collision": "an id the walkthrough puts on its page that a heading there already has",
    # scenarios
    "scenario-format": "a scenario file not in the scenario format",
    "scenario-mismatch": "a scenario whose answers do not reach what it expects",
    # practice cases (decision_trees/cases/)
    "unknown-tree": "a case file for a walkthrough that does not exist",
    "missing-reason": "a case file without a one-line reason for an outcome of its tree",
    "case-mismatch": "a case whose answers do not walk its tree to its outcome",
    "choices-without-outcome": "a case whose choices leave out its own outcome",
    "unknown-case": "a session plan naming a case that is not in the file",
    # the comparison (comparison/)
    "comparison-not-shown": "a comparison page without the comparison's marker",
    "unknown-organisation": "a comparison cell for an organisation that is not a column",
    "missing-cell": "a comparison topic without a cell for an organisation",
    "cell-silent-and-summary": "a comparison cell both silent and with a summary or cites",
    "cell-without-summary": "a comparison cell with neither a summary nor silent: true",
    "citation-other-policy": "a comparison cell citing another organisation's policy",
}

_NUMBER_SHOWN = 10**18  # larger numbers are described, not printed (Python refuses >4,300 digits)


def _keep(ch: str) -> bool:
    """Shown as itself: printable ASCII, and Latin letters (Welsh ŵ, ŷ stay readable)."""
    if " " <= ch <= "~":
        return True
    return ch.isprintable() and ord(ch) > 127 and unicodedata.name(ch, "").startswith("LATIN ")


def _escaped(ch: str) -> str:
    code = ord(ch)
    if ch in "\n\t\r":
        return repr(ch)[1:-1]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quote_value(value: object) -> str:
    """A value from the file, quoted for a message: one line, cut short, and with every character a
    reader could mistake for another (a Cyrillic 'о' for a Latin 'o', a zero-width space, a control
    character) escaped as its code point. Never fails, whatever the value."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _NUMBER_SHOWN:
        return f"a number of {len(format(abs(value), 'x'))} hexadecimal digits"
    if not isinstance(value, str):
        return repr(value)
    cut = len(value) > 50
    text = value[:48] if cut else value
    quote = '"' if "'" in text and '"' not in text else "'"
    body = "".join(
        ch if _keep(ch) and ch not in (quote, "\\") else ("\\" + ch if ch in (quote, "\\") else _escaped(ch))
        for ch in text
    )
    return f"{quote}{body}{'...' if cut else ''}{quote}"


# Control characters have no Unicode name, only these (their Unicode name aliases).
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def described(ch: str) -> str:
    """One character for a message: 'A', or U+043E CYRILLIC SMALL LETTER O."""
    if " " < ch <= "~":
        return f"'{ch}'"
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "UNNAMED CHARACTER"
    return f"U+{ord(ch):04X} {name}"


def as_text(value: object) -> str:
    """str() for any value the loader makes, huge numbers included."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _NUMBER_SHOWN:
        return format(value, "#x")
    return str(value)


@dataclass(frozen=True)
class TreeError:
    file: str
    line: int | None
    message: str
    node: str | None = None
    code: str = field(default="", kw_only=True)
    severity: Severity = field(default="error", kw_only=True)

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error: every problem has a listed code
            raise ValueError(f"unknown error code {self.code!r}")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" node '{self.node}':" if self.node else ""
        return f"{where}:{node} {self.message}"


class TreeErrors(Exception):
    """One or more problems with tree files; str() is the message a person reads."""

    def __init__(self, errors: Iterable[TreeError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))
        super().__init__("\n".join(map(str, self.errors)))
