"""Structural validation: every field known, of the right type, present when required, within its
limits, and every text readable.

Walks the declarations in `tree_format` over the located data from `loader`, so each error carries
the line of the offending key and the id of the node it belongs to. A list longer than its limit is
reported and not walked: the check stays bounded whatever the file holds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TypeGuard, assert_never

from site_translations.lang_spans import problems as mark_problems

from . import limits
from . import tree_format as fmt
from .errors import TreeError, described, quote_value
from .loader import LDict, LList, YamlValue, line_of

_ID = re.compile(fmt.ID_PATTERN)
_LANGUAGE = {"en": "English", "cy": "Welsh"}
_ID_CHARACTER = re.compile(r"[a-z0-9-]")
# Bidirectional embeddings, overrides and isolates, and the direction marks: text on this site is
# Welsh and English, written left to right; these reorder what a reader sees (Trojan Source).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that draw nothing: format characters (zero-width space and joiners, the word joiner,
# soft hyphen, byte-order mark...), and the fillers and blanks that are letters or symbols.
_BLANKS = "\u115f\u1160\u3164\uffa0\u2800\u180e"


def _is_id(value: object) -> bool:
    # fullmatch: with re.match, '$' also accepts a trailing newline ("yes\n" from a block scalar).
    return isinstance(value, str) and len(value) <= limits.MAX_ID_LENGTH and _ID.fullmatch(value) is not None


def id_problem(value: object) -> tuple[str, str]:
    """(code, what is wrong) for a value that is not a valid id."""
    if isinstance(value, str) and len(value) > limits.MAX_ID_LENGTH:
        return "id-too-long", (
            f"is {len(value):,} characters long; an id has at most {limits.MAX_ID_LENGTH} "
            f"(ids sit in every address and anchor) (got {quote_value(value)})"
        )
    reason = ""
    if isinstance(value, str) and value:
        odd = sorted({ch for ch in value if not _ID_CHARACTER.fullmatch(ch)}, key=value.index)
        if odd:
            listed = ", ".join(described(ch) for ch in odd[:3]) + (", ..." if len(odd) > 3 else "")
            reason = f", which has {listed}"
        elif not value[0].isalpha():
            reason = ", which does not start with a letter"
        else:
            reason = ", with a hyphen that does not join two words"
    return "invalid-id", (
        f"must be an id of lower-case letters, digits and hyphens (got {quote_value(value)}{reason})"
    )


def text_problem(text: str) -> tuple[str, str] | None:
    """(code, what is wrong) for a text no reader could rely on, or None."""
    if len(text) > limits.MAX_TEXT_LENGTH:
        return "text-too-long", f"is {len(text):,} characters long (the limit is {limits.MAX_TEXT_LENGTH:,})"
    for index, ch in enumerate(text):
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            return "control-character", (
                f"holds a control character, {described(ch)}, at character {index + 1}: remove it"
            )
    bidi = _BIDI.search(text)
    if bidi:
        return "bidi-control", (
            f"holds {described(bidi.group())} at character {bidi.start() + 1}, which reorders "
            "what a reader sees: remove it"
        )
    visible = [
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf" and ch not in _BLANKS
    ]
    if not visible:
        shown_chars = ", ".join(dict.fromkeys(described(ch) for ch in text if not ch.isspace()))
        return "invisible-text", f"is made only of characters that show nothing ({shown_chars})"
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


class StructureChecker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[TreeError] = []
        self.warnings: list[TreeError] = []
        self.node: str | None = None

    def error(self, line: int | None, message: str, code: str) -> None:
        self.errors.append(TreeError(self.file, line, message, self.node, code=code))

    def warn(self, line: int | None, message: str, code: str) -> None:
        self.warnings.append(TreeError(self.file, line, message, self.node, code=code, severity="warning"))

    # -- entry point -------------------------------------------------------------------------
    def check_tree(self, data: YamlValue) -> TypeGuard[LDict]:
        """Whether `data` is a tree as the format says (a mapping, so the type narrows); what is wrong
        goes to self.errors."""
        if not isinstance(data, LDict):
            self.error(
                line_of(data, 1),
                "a tree file must be a mapping with id, title, intro, start and nodes",
                "wrong-type",
            )
            return False
        self.check_record(data, fmt.TREE_FIELDS, "tree")
        return not self.errors

    # -- records -----------------------------------------------------------------------------
    def check_record(self, data: LDict, fields: dict[str, fmt.Field], what: str) -> None:
        for key in data:
            if key not in fields:
                close = difflib.get_close_matches(str(key)[:100], list(fields), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(fields)})"
                self.error(
                    data.line_of(key), f"unknown field {quote_value(key)} in {what}{hint}", "unknown-field"
                )
        for name, spec in fields.items():
            if name not in data:
                if spec.required:
                    self.error(data.line, f"{what} is missing required field '{name}'", "missing-field")
                continue
            self.check_value(data[name], spec, f"'{name}'", data.line_of(name), data.words.get(name))

    def bare_word(self, line: int, what: str, value: bool, word: str | None) -> None:
        # Name the word as written: YAML 1.1 also reads on/off/y/n as booleans, not just yes/no.
        word = word or ("yes" if value else "no")
        self.error(
            line, f'{what}: YAML reads a bare {word} as true/false; write "{word}" in quotes', "bare-boolean"
        )

    def check_value(
        self, value: YamlValue, spec: fmt.Field, what: str, line: int, word: str | None = None
    ) -> None:
        kind = spec.kind
        if isinstance(value, bool) and kind in ("id", "ref", "enum", "str"):
            self.bare_word(line, what, value, word)
            return
        match kind:
            case "id" | "ref":
                if not _is_id(value):
                    code, problem = id_problem(value)
                    self.error(line, f"{what} {problem}", code)
                elif value in spec.reserved:
                    self.error(
                        line,
                        f"{what} cannot be {quote_value(value)}: {spec.reserved[value]}; choose another id",
                        "reserved-id",
                    )
            case "str":
                if not isinstance(value, str) or not value.strip():
                    self.error(line, f"{what} must be a non-empty string", "wrong-type")
                elif len(value) > limits.MAX_TEXT_LENGTH:
                    self.error(line, f"{what} is too long ({len(value):,} characters)", "text-too-long")
            case "bool":
                if not isinstance(value, bool):
                    self.error(line, f"{what} must be true or false (got {quote_value(value)})", "wrong-type")
            case "enum":
                if not isinstance(value, str) or value not in spec.values:
                    self.error(
                        line,
                        f"{what} must be one of {', '.join(spec.values)} (got {quote_value(value)})",
                        "unknown-value",
                    )
            case "text":
                self.check_text(value, what, line)
            case "record":
                if not isinstance(value, LDict):
                    self.error(line, f"{what} must be a mapping", "wrong-type")
                else:
                    self.check_record(value, spec.fields, what)
            case "list":
                if not isinstance(value, LList):
                    self.error(line, f"{what} must be a list", "wrong-type")
                    return
                if not self.check_length(value, spec, what, line):
                    return
                for item, item_line, item_word in zip(
                    value, value.item_lines, value.item_words, strict=False
                ):
                    self.check_value(item, spec.entry, f"an entry of {what}", item_line, item_word)
            case "map":
                if not isinstance(value, LDict):
                    self.error(line, f"{what} must be a mapping", "wrong-type")
                    return
                if not self.check_length(value, spec, what, line):
                    return
                for key, item in value.items():
                    if not _is_id(key):
                        code, problem = id_problem(key)
                        self.error(value.line_of(key), f"a key of {what} {problem}", code)
                    self.check_value(
                        item,
                        spec.entry,
                        f"{quote_value(key)} in {what}",
                        value.line_of(key),
                        value.words.get(key),
                    )
            case "answers":
                self.check_answers(value, line)
            case "node":
                self.check_node(value, line)
            case _:
                # A kind added to tree_format.FieldKind without a check here is a type error (mypy).
                assert_never(kind)

    def check_length(self, value: LList | LDict, spec: fmt.Field, what: str, line: int) -> bool:
        """False (and an error) when the list or mapping is too long to walk."""
        if len(value) < spec.min_items:
            entries = "entry" if spec.min_items == 1 else "entries"
            self.error(
                line,
                f"{what} needs at least {spec.min_items} {entries} (has {len(value)})",
                "too-few-entries",
            )
        most = getattr(limits, spec.max_items)
        if len(value) > most:
            self.error(line, f"{what} has {len(value):,} entries; the limit is {most:,}", "too-many-entries")
            return False
        return True

    def check_text(self, value: YamlValue, what: str, line: int) -> None:
        if isinstance(value, str):
            self.error(
                line,
                f"{what} must give both languages, as en: ... and cy: ... "
                f"(or {fmt.SAME_IN_BOTH}: ... for a name that is the same in both)",
                "wrong-type",
            )
            return
        if not isinstance(value, LDict):
            self.error(line, f"{what} must be a mapping with en and cy", "wrong-type")
            return
        languages = (fmt.SAME_IN_BOTH,) if fmt.SAME_IN_BOTH in value else fmt.LANGUAGES
        strings = {}
        for lang in languages:
            text, name = value.get(lang), _LANGUAGE.get(lang, "English and Welsh")
            if lang not in value:
                self.error(value.line, f"{what} has no {name} text ({lang})", "missing-language")
            elif isinstance(text, bool):
                # `en: yes` is a boolean to YAML, not the word; calling it empty would mislead.
                self.bare_word(value.line_of(lang), what, text, value.words.get(lang))
            elif text is not None and not isinstance(text, str):
                self.error(
                    value.line_of(lang),
                    f"{what} has {name} text ({lang}) that is not a string "
                    f"(got {quote_value(text)}); put it in quotes",
                    "wrong-type",
                )
            elif not text or not text.strip():
                self.error(value.line_of(lang), f"{what} has empty {name} text ({lang})", "empty-text")
            else:
                problem = text_problem(text)
                if problem:
                    self.error(
                        value.line_of(lang), f"{what} has {name} text ({lang}) that {problem[1]}", problem[0]
                    )
                else:
                    strings[lang] = text
                    # words in another language, marked [words]{lang=en}
                    for mark_problem in mark_problems(text):
                        self.error(value.line_of(lang), f"{what} ({lang}): {mark_problem}", "language-mark")
        for key in value:
            if key not in languages:
                if key in fmt.LANGUAGES or key == fmt.SAME_IN_BOTH:
                    self.error(
                        value.line_of(key),
                        f"{what} gives {fmt.SAME_IN_BOTH}: and {key}: write {fmt.SAME_IN_BOTH}: alone "
                        "for a text that is the same in both languages, or en: and cy:",
                        "unknown-language",
                    )
                else:
                    self.error(
                        value.line_of(key),
                        f"{what} has unknown language {quote_value(key)} (use en and cy)",
                        "unknown-language",
                    )
        if len(strings) == 2 and _same(strings["en"], strings["cy"]):
            self.warn(
                value.line_of("cy"),
                f"{what} has Welsh text (cy) identical to its English: translate it, or, if it is "
                f"meant to be the same in both (a name), write it once as {{{fmt.SAME_IN_BOTH}: ...}}",
                "same-in-both-languages",
            )

    def check_answers(self, value: YamlValue, line: int) -> None:
        if isinstance(value, LDict):
            self.check_record(value, fmt.USE_SET, "'answers'")
        elif isinstance(value, LList):
            if len(value) < 2:
                self.error(
                    line, f"a question needs at least two answers (has {len(value)})", "too-few-entries"
                )
            if len(value) > limits.MAX_CHOICES:
                self.error(
                    line,
                    f"a question has {len(value):,} answers; the limit is {limits.MAX_CHOICES}",
                    "too-many-entries",
                )
                return
            for item, item_line in zip(value, value.item_lines, strict=False):
                if not isinstance(item, LDict):
                    self.error(
                        item_line, "each answer must be a mapping with id, label and next", "wrong-type"
                    )
                    continue
                self.check_record(item, fmt.ANSWER, "answer")
                if "next" not in item:
                    self.error(
                        item.line,
                        f"answer {quote_value(item.get('id'))} has no 'next'",
                        "answer-without-next",
                    )
        else:
            self.error(line, "'answers' must be a list of answers, or {set: ..., next: ...}", "wrong-type")

    def check_node(self, value: YamlValue, line: int) -> None:
        self.node = None
        if not isinstance(value, LDict):
            self.error(line, "each node must be a mapping with id and type", "wrong-type")
            return
        if _is_id(value.get("id")):  # an invalid id is reported, not used to name the node
            self.node = value["id"]
        node_type = value.get("type")
        if "type" not in value:
            self.error(
                value.line,
                f"node is missing required field 'type' ({', '.join(fmt.NODE_TYPES)})",
                "missing-field",
            )
        elif not isinstance(node_type, str) or node_type not in fmt.NODE_FIELDS:  # a list is unhashable
            self.error(
                value.line_of("type"),
                f"node type must be one of {', '.join(fmt.NODE_TYPES)} (got {quote_value(node_type)})",
                "unknown-value",
            )
        else:
            self.check_record(value, fmt.NODE_FIELDS[node_type], f"{node_type} node")
        self.node = None
