"""Load a tree file safely: YAML with line numbers, and nothing a hostile file can abuse.

Tree files are untrusted input. We never construct Python objects from tags, refuse anchors and
aliases (the alias-bomb vector; trees share answers through `answer_sets` instead), bound the file
size and nesting depth, and reject duplicate keys, which plain YAML silently overwrites.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import TreeError, TreeErrors, shown
from .format import ID_PATTERN

MAX_BYTES = 512 * 1024      # the largest real tree is a few KB
MAX_DEPTH = 32              # nesting of mappings and lists
MAX_EVENTS = 50_000         # bounded work, whatever the file says: pure-Python PyYAML takes ~50 µs an
                            # event, and 512 KB of ordinary tree is ~27,000 events (the FOI tree: 694)
_ID = re.compile(ID_PATTERN)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
}


class Located:
    """Mixin: where a value starts in its file (1-based line)."""
    line: int


class LDict(dict, Located):
    """A mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.words: dict[str, str] = {}     # the words YAML read as booleans (yes, On, off...), by key

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list, Located):
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        self.item_words: list[str | None] = []   # as LDict.words, by position


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def load_text(text: str, file: str):
    """Parse YAML text into LDict/LList/str/int/bool/None, or raise TreeErrors."""
    def fail(line, message):
        raise TreeErrors([TreeError(file, line, message)]) from None   # the YAML error is in the message

    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        # Only text that never came from a file can hold a lone surrogate; it has no UTF-8 form.
        fail(text[: exc.start].count("\n") + 1, "file is not valid UTF-8")
    if size > MAX_BYTES:
        fail(None, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        fail(None, "file is empty: a tree needs an id, a title, a start and nodes")

    try:
        try:
            documents = _parse(text, _LOADER, fail)
        except (yaml.YAMLError, RecursionError):
            if _LOADER is yaml.SafeLoader:
                raise
            # libyaml's messages are terse; PyYAML's pure-Python parser words most errors better.
            # It rejects a little more (a '?' in {en: Is it true?}), so it only words, never decides.
            _parse(text, yaml.SafeLoader, fail)   # raises its own, better-worded error...
            raise                                   # ...or accepts the text: libyaml's error stands
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(" ".join(filter(None, [exc.context, exc.problem])).split())   # one line
        if "'\\t'" in problem:
            problem += " (indent with spaces, not tabs)"
        elif "mapping values are not allowed" in problem:
            problem += " (text containing ': ' must be in quotes)"
        elif "while parsing a flow" in problem:
            # Unquoted text inside { } or [ ] ends at any of , : [ ] { }
            problem += " (inside { } or [ ], text containing , : [ ] { } must be in quotes)"
        fail(mark.line + 1 if mark else None, f"YAML syntax error: {problem}")
    except yaml.reader.ReaderError as exc:
        # Control characters and the like: PyYAML gives a position, a person wants a line.
        line = text[: exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        fail(line, f"file contains a character that YAML does not allow (#x{code:04x}); remove it")
    except yaml.YAMLError as exc:
        fail(None, "YAML error: " + " ".join(str(exc).split()))
    except RecursionError:
        fail(None, f"nesting is deeper than {MAX_DEPTH} levels")

    documents = [d for d in documents if d is not None]
    if not documents:
        fail(None, "file is empty: a tree needs an id, a title, a start and nodes")
    if len(documents) > 1:
        fail(documents[1].start_mark.line + 1, "a tree file holds one YAML document; found a second '---'")
    return _convert(documents[0], file, None, "tree")


# libyaml, the C parser PyYAML's wheels bundle: about ten times faster than the pure-Python parser,
# and right where that one is wrong ("{en: Is it true?, cy: ...}" is valid YAML).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, loader, fail) -> list:
    """Check the event stream (cheap, bounded: it sees anchors before anything expands), then
    compose the document. Raises yaml errors as they come; `fail` for what trees may not use."""
    depth = doc_starts = 0
    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        line = event.start_mark.line + 1
        if count > MAX_EVENTS:
            fail(line, "file is too complex to be a decision tree")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            fail(line, "YAML anchors and aliases (&name, *name) are not allowed; share answers with answer_sets")
        tag = getattr(event, "tag", None)
        if tag and tag not in _PLAIN_TAGS and tag != "!":
            written = tag.replace("tag:yaml.org,2002:", "!!", 1)     # as written: !!python/...
            fail(line, f"YAML tag {shown(written)} is not allowed in tree files")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                fail(line, f"nesting is deeper than {MAX_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            doc_starts += 1     # caught here, the '---' itself is the line named
            if doc_starts > 1:
                fail(line, "a tree file holds one YAML document; found a second '---'")
    return list(yaml.compose_all(text, Loader=loader))


def _node_id(node: yaml.MappingNode) -> str | None:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return value_node.value if _ID.fullmatch(value_node.value) else None
    return None


def _convert(node, file: str, node_id: str | None = None, role: str = ""):
    """role: "tree" for the document, "nodes" for its node list, "node" for an entry of it. An error
    inside a node names it, as the later checks do, even though the loader knows no other field."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if role == "node":
            node_id = _node_id(node)
        out = LDict(line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise TreeErrors([TreeError(file, key_node.start_mark.line + 1, "mapping keys must be plain words",
                                            node_id)])
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in out:
                raise TreeErrors([TreeError(file, key_line,
                                            f"duplicate key {shown(key)} (first at line {out.key_lines[key]})", node_id)])
            out[key] = _convert(value_node, file, node_id, "nodes" if role == "tree" and key == "nodes" else "")
            out.key_lines[key] = key_line
            if isinstance(out[key], bool):
                out.words[key] = value_node.value
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(line)
        for item in node.value:
            out.append(_convert(item, file, node_id, "node" if role == "nodes" else ""))
            out.item_lines.append(item.start_mark.line + 1)
            out.item_words.append(item.value if isinstance(out[-1], bool) else None)
        return out
    # Scalars: resolve with the safe resolver only (str, int, bool, null, float).
    value = node.value          # what construct_scalar returns, without a new loader per scalar
    tag = node.tag
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in {"true", "yes", "on"}
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value)
        except ValueError:
            return value
    return value


def load_file(path: Path, display: str | None = None):
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TreeErrors([TreeError(name, None, f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise TreeErrors([TreeError(name, None, f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,})")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TreeErrors([TreeError(name, line, "file is not valid UTF-8")]) from None
    return load_text(text, name)
