"""Load a tree file safely: YAML with line numbers, and nothing a hostile file can abuse.

Tree files are untrusted input. We never construct Python objects from tags, refuse anchors and
aliases (the alias-bomb vector; trees share answers through `answer_sets` instead), bound the file
size and nesting depth, and reject duplicate keys, which plain YAML silently overwrites.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import TreeError, TreeErrors

MAX_BYTES = 512 * 1024      # the largest real tree is a few KB
MAX_DEPTH = 32              # nesting of mappings and lists
MAX_EVENTS = 200_000        # bounded work, whatever the file says

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

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list, Located):
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def load_text(text: str, file: str):
    """Parse YAML text into LDict/LList/str/int/bool/None, or raise TreeErrors."""
    def fail(line, message):
        raise TreeErrors([TreeError(file, line, message)])

    if len(text.encode("utf-8")) > MAX_BYTES:
        fail(None, f"file is too large ({len(text.encode('utf-8')):,} bytes; the limit is {MAX_BYTES:,})")
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        fail(None, "file is empty: a tree needs an id, a title, a start and nodes")

    # First pass over the event stream: cheap, bounded, and it sees anchors before anything expands.
    depth = 0
    try:
        for count, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader)):
            line = event.start_mark.line + 1
            if count > MAX_EVENTS:
                fail(line, "file is too complex to be a decision tree")
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                fail(line, "YAML anchors and aliases (&name, *name) are not allowed; share answers with answer_sets")
            tag = getattr(event, "tag", None)
            if tag and tag not in _PLAIN_TAGS and tag != "!":
                fail(line, f"YAML tag {tag!r} is not allowed in tree files")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    fail(line, f"nesting is deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        if "mapping values are not allowed" in problem:
            problem += " (text containing ': ' must be in quotes)"
        fail(mark.line + 1 if mark else None, f"YAML syntax error: {problem}")
    except yaml.YAMLError as exc:
        fail(None, f"YAML error: {exc}")
    except RecursionError:
        fail(None, f"nesting is deeper than {MAX_DEPTH} levels")

    documents = [d for d in documents if d is not None]
    if not documents:
        fail(None, "file is empty: a tree needs an id, a title, a start and nodes")
    if len(documents) > 1:
        fail(documents[1].start_mark.line + 1, "a tree file holds one YAML document; found a second '---'")
    return _convert(documents[0], file)


def _convert(node, file: str):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict(line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise TreeErrors([TreeError(file, key_node.start_mark.line + 1, "mapping keys must be plain words")])
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in out:
                raise TreeErrors([TreeError(file, key_line,
                                            f"duplicate key '{key}' (first at line {out.key_lines[key]})")])
            out[key] = _convert(value_node, file)
            out.key_lines[key] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(line)
        for item in node.value:
            out.append(_convert(item, file))
            out.item_lines.append(item.start_mark.line + 1)
        return out
    # Scalars: resolve with the safe resolver only (str, int, bool, null, float).
    value = yaml.SafeLoader.construct_scalar(yaml.SafeLoader(""), node)
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
