"""Structural validation: every field known, of the right type, present when required.

Walks the declarations in `format` over the located data from `loader`, so each error carries the
line of the offending key and the id of the node it belongs to.
"""

from __future__ import annotations

import difflib
import re

from site_translations.lang_spans import problems as mark_problems

from . import tree_format as fmt
from .errors import TreeError, shown
from .loader import LDict, LList, line_of

_ID = re.compile(fmt.ID_PATTERN)
_LANGUAGE = {"en": "English", "cy": "Welsh"}


def _is_id(value) -> bool:
    # fullmatch: with re.match, '$' also accepts a trailing newline ("yes\n" from a block scalar).
    return isinstance(value, str) and _ID.fullmatch(value) is not None


class StructureChecker:
    def __init__(self, file: str):
        self.file = file
        self.errors: list[TreeError] = []
        self.node: str | None = None

    def error(self, line, message):
        self.errors.append(TreeError(self.file, line, message, self.node))

    # -- entry point -------------------------------------------------------------------------
    def check_tree(self, data) -> bool:
        if not isinstance(data, LDict):
            self.error(
                line_of(data, 1), "a tree file must be a mapping with id, title, intro, start and nodes"
            )
            return False
        self.check_record(data, fmt.TREE_FIELDS, "tree")
        return not self.errors

    # -- records -----------------------------------------------------------------------------
    def check_record(self, data: LDict, fields: dict, what: str) -> None:
        for key in data:
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(fields)})"
                self.error(data.line_of(key), f"unknown field {shown(key)} in {what}{hint}")
        for name, spec in fields.items():
            if name not in data:
                if spec.required:
                    self.error(data.line, f"{what} is missing required field '{name}'")
                continue
            self.check_value(data[name], spec, f"'{name}'", data.line_of(name), data.words.get(name))

    def bare_word(self, line, what: str, value: bool, word: str | None) -> None:
        # Name the word as written: YAML 1.1 also reads on/off/y/n as booleans, not just yes/no.
        word = word or ("yes" if value else "no")
        self.error(line, f'{what}: YAML reads a bare {word} as true/false; write "{word}" in quotes')

    def check_value(self, value, spec: fmt.Field, what: str, line: int, word: str | None = None) -> None:
        kind = spec.kind
        if isinstance(value, bool) and kind in ("id", "ref", "enum", "str"):
            self.bare_word(line, what, value, word)
            return
        if kind in ("id", "ref"):
            if not _is_id(value):
                self.error(
                    line,
                    f"{what} must be an id of lower-case letters, digits and hyphens (got {shown(value)})",
                )
        elif kind == "str":
            if not isinstance(value, str) or not value.strip():
                self.error(line, f"{what} must be a non-empty string")
        elif kind == "bool":
            if not isinstance(value, bool):
                self.error(line, f"{what} must be true or false (got {shown(value)})")
        elif kind == "enum":
            if not isinstance(value, str) or value not in spec.of:
                self.error(line, f"{what} must be one of {', '.join(spec.of)} (got {shown(value)})")
        elif kind == fmt.TEXT:
            self.check_text(value, what, line)
        elif kind == "record":
            if not isinstance(value, LDict):
                self.error(line, f"{what} must be a mapping")
            else:
                self.check_record(value, spec.of, what)
        elif kind == "list":
            if not isinstance(value, LList):
                self.error(line, f"{what} must be a list")
                return
            if len(value) < spec.min_items:
                entries = "entry" if spec.min_items == 1 else "entries"
                self.error(line, f"{what} needs at least {spec.min_items} {entries} (has {len(value)})")
            for item, item_line, item_word in zip(value, value.item_lines, value.item_words, strict=False):
                self.check_value(item, spec.of, f"an entry of {what}", item_line, item_word)
        elif kind == "map":
            if not isinstance(value, LDict):
                self.error(line, f"{what} must be a mapping")
                return
            for key, item in value.items():
                if not _is_id(key):
                    self.error(value.line_of(key), f"{shown(key)} in {what} is not a valid id")
                self.check_value(
                    item, spec.of, f"{shown(key)} in {what}", value.line_of(key), value.words.get(key)
                )
        elif kind == "answers":
            self.check_answers(value, line)
        elif kind == "node":
            self.check_node(value, line)

    def check_text(self, value, what: str, line: int) -> None:
        if isinstance(value, str):
            self.error(line, f"{what} must give both languages, as en: ... and cy: ...")
            return
        if not isinstance(value, LDict):
            self.error(line, f"{what} must be a mapping with en and cy")
            return
        for lang in fmt.LANGUAGES:
            text, name = value.get(lang), _LANGUAGE[lang]
            if lang not in value:
                self.error(value.line, f"{what} has no {name} text ({lang})")
            elif isinstance(text, bool):
                # `en: yes` is a boolean to YAML, not the word; calling it empty would mislead.
                self.bare_word(value.line_of(lang), what, text, value.words.get(lang))
            elif text is not None and not isinstance(text, str):
                self.error(
                    value.line_of(lang),
                    f"{what} has {name} text ({lang}) that is not a string "
                    f"(got {shown(text)}); put it in quotes",
                )
            elif not text or not text.strip():
                self.error(value.line_of(lang), f"{what} has empty {name} text ({lang})")
            else:  # words in another language, marked [words]{lang=en}
                for problem in mark_problems(text):
                    self.error(value.line_of(lang), f"{what} ({lang}): {problem}")
        for key in value:
            if key not in fmt.LANGUAGES:
                self.error(value.line_of(key), f"{what} has unknown language {shown(key)} (use en and cy)")

    def check_answers(self, value, line: int) -> None:
        if isinstance(value, LDict):
            self.check_record(value, fmt.USE_SET, "'answers'")
        elif isinstance(value, LList):
            if len(value) < 2:
                self.error(line, f"a question needs at least two answers (has {len(value)})")
            for item, item_line in zip(value, value.item_lines, strict=False):
                if not isinstance(item, LDict):
                    self.error(item_line, "each answer must be a mapping with id, label and next")
                    continue
                self.check_record(item, fmt.ANSWER, "answer")
                if "next" not in item:
                    self.error(item.line, f"answer {shown(item.get('id'))} has no 'next'")
        else:
            self.error(line, "'answers' must be a list of answers, or {set: ..., next: ...}")

    def check_node(self, value, line: int) -> None:
        self.node = None
        if not isinstance(value, LDict):
            self.error(line, "each node must be a mapping with id and type")
            return
        if _is_id(value.get("id")):  # an invalid id is reported, not used to name the node
            self.node = value["id"]
        node_type = value.get("type")
        if "type" not in value:
            self.error(value.line, f"node is missing required field 'type' ({', '.join(fmt.NODE_TYPES)})")
        elif not isinstance(node_type, str) or node_type not in fmt.NODE_FIELDS:  # a list is unhashable
            self.error(
                value.line_of("type"),
                f"node type must be one of {', '.join(fmt.NODE_TYPES)} (got {shown(node_type)})",
            )
        else:
            self.check_record(value, fmt.NODE_FIELDS[node_type], f"{node_type} node")
        self.node = None
