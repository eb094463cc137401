"""Load a tree file safely: YAML with line numbers, and nothing a hostile file can abuse.

Tree files are untrusted input. We never construct Python objects from tags, refuse anchors and
aliases (the alias-bomb vector; trees share answers through `answer_sets` instead), bound the file
size and nesting depth, and reject duplicate keys, which plain YAML silently overwrites.

The file is read in one pass over the parser's events: each of those refusals happens as soon as
the parser reaches it, before anything after it is read or built.

Other data files written by hand (the policy comparison) are read by the same loader: a `FileKind`
says what such a file is called in messages and which of its lists holds the parts that an error
inside one names (a tree's nodes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import TreeError, TreeErrors, shown
from .tree_format import ID_PATTERN

MAX_BYTES = 512 * 1024  # the largest real tree is a few KB
MAX_DEPTH = 32  # nesting of mappings and lists
MAX_EVENTS = 50_000  # bounded work, whatever the file says: pure-Python PyYAML takes ~50 µs an
# event, and 512 KB of ordinary tree is ~27,000 events (the FOI tree: 694)
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class FileKind:
    """A kind of data file, as its messages name it."""

    noun: str  # "a tree file holds one YAML document"
    described: str  # "file is too complex to be a decision tree"
    needs: str  # "file is empty: a tree needs ..."
    share_hint: str  # what to use instead of anchors and aliases
    parts: str | None  # the top-level list whose entries an error inside names, or None


TREE_FILE = FileKind(
    noun="tree",
    described="a decision tree",
    needs="an id, a title, a start and nodes",
    share_hint="share answers with answer_sets",
    parts="nodes",
)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
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
        self.words: dict[str, str] = {}  # the words YAML read as booleans (yes, On, off...), by key

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list, Located):
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        self.item_words: list[str | None] = []  # as LDict.words, by position


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def load_text(text: str, file: str, kind: FileKind = TREE_FILE):
    """Parse YAML text into LDict/LList/str/int/bool/None, or raise TreeErrors."""

    def fail(line, message):
        raise TreeErrors([TreeError(file, line, message)]) from None  # the YAML error is in the message

    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        # Only text that never came from a file can hold a lone surrogate; it has no UTF-8 form.
        fail(text[: exc.start].count("\n") + 1, "file is not valid UTF-8")
    if size > MAX_BYTES:
        fail(None, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    if not text.strip() or all(
        line.strip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        fail(None, f"file is empty: a {kind.noun} needs {kind.needs}")

    try:
        try:
            documents, key_error = _read(text, SAFE_LOADER, fail, kind)
        except (yaml.YAMLError, RecursionError):
            if SAFE_LOADER is yaml.SafeLoader:
                raise
            # libyaml's messages are terse; PyYAML's pure-Python parser words most errors better.
            # It rejects a little more (a '?' in {en: Is it true?}), so it only words, never decides.
            _read(text, yaml.SafeLoader, fail, kind)  # raises its own, better-worded error...
            raise  # ...or accepts the text: libyaml's error stands
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(" ".join(filter(None, [exc.context, exc.problem])).split())  # one line
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

    if key_error:
        raise TreeErrors([key_error.as_error(file)])
    documents = [d for d in documents if d is not None]
    if not documents:
        fail(None, f"file is empty: a {kind.noun} needs {kind.needs}")
    return documents[0]


# libyaml, the C parser PyYAML's wheels bundle: about ten times faster than the pure-Python parser,
# and right where that one is wrong ("{en: Is it true?, cy: ...}" is valid YAML).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()  # the safe loaders' own: str, int, bool, null, float
_NO_KEY = object()  # a mapping waiting for its next key
_DROPPED = object()  # a key that is an error: its value is read and dropped


class _Frame:
    """A mapping or list being read. `owner` is the tree node it is part of, to name in errors."""

    __slots__ = ("key", "key_line", "owner", "role", "value")

    def __init__(self, value, owner, role):
        self.value, self.owner, self.role = value, owner, role
        self.key, self.key_line = _NO_KEY, 0


class _BadKey:
    """The first bad key. Reported once the file is read: a YAML error anywhere comes first, as
    it would from a parser that reads the whole file, and the node's id may come after its bad key."""

    def __init__(self, line: int, message: str, owner):
        self.line, self.message, self.owner = line, message, owner

    def as_error(self, file: str) -> TreeError:
        node_id = None
        if self.owner is not None:
            node_id = self.owner.get("id")
            if isinstance(node_id, bool):
                node_id = self.owner.words["id"]  # id: yes is still the node's name
            if not (isinstance(node_id, str) and _ID.fullmatch(node_id)):
                node_id = None
        return TreeError(file, self.line, self.message, node_id)


def _read(text: str, loader, fail, file_kind: FileKind) -> tuple[list, _BadKey | None]:
    """Read the YAML in one pass over its events, building LDict/LList/scalars with their lines.
    What trees may not use is refused as soon as it appears (`fail`): anchors and aliases before
    anything could expand, tags, nesting deeper than MAX_DEPTH, a second document, and more than
    MAX_EVENTS events in all. YAML syntax errors are raised as the parser meets them."""
    documents: list = []
    stack: list[_Frame] = []
    key_error = None
    doc_starts = 0

    def place(value, line: int, word: str | None):
        """Put a finished value where it belongs: a document, a mapping's key or value, a list item."""
        nonlocal key_error
        if not stack:
            documents.append(value)
            return
        frame = stack[-1]
        container = frame.value
        if isinstance(container, LList):
            container.append(value)
            container.item_lines.append(line)
            container.item_words.append(word if isinstance(value, bool) else None)
        elif frame.key is _NO_KEY:  # this value is a key
            key = word
            if key is None:
                frame.key = _DROPPED
                key_error = key_error or _BadKey(line, "mapping keys must be plain words", frame.owner)
            elif key in container:
                frame.key = _DROPPED
                key_error = key_error or _BadKey(
                    line,
                    f"duplicate key {shown(key)} (first at line {container.key_lines[key]})",
                    frame.owner,
                )
            else:
                frame.key, frame.key_line = key, line
        else:
            key = frame.key
            if key is not _DROPPED:
                container[key] = value
                container.key_lines[key] = frame.key_line
                if isinstance(value, bool):
                    container.words[key] = word
            frame.key = _NO_KEY

    def open_frame(value) -> _Frame:
        parent = stack[-1] if stack else None
        if isinstance(value, LList):
            is_node_list = parent is not None and parent.role is _TREE and parent.key == file_kind.parts
            return _Frame(value, parent and parent.owner, _NODES if is_node_list else _LIST)
        if parent is None:
            return _Frame(value, None, _TREE)
        if parent.role is _NODES:
            return _Frame(value, value, _MAP)  # a node: errors inside it name it
        return _Frame(value, parent.owner, _MAP)

    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        line = event.start_mark.line + 1
        if count > MAX_EVENTS:
            fail(line, f"file is too complex to be {file_kind.described}")
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor:
                fail(line, _no_anchors(file_kind))
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            elif tag not in _PLAIN_TAGS:
                fail(line, _tag_not_allowed(tag, file_kind))
            place(_scalar(tag, event.value), line, event.value)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor:
                fail(line, _no_anchors(file_kind))
            if event.tag and event.tag not in _PLAIN_TAGS and event.tag != "!":
                fail(line, _tag_not_allowed(event.tag, file_kind))
            if len(stack) >= MAX_DEPTH:
                fail(line, f"nesting is deeper than {MAX_DEPTH} levels")
            stack.append(open_frame(LDict(line) if kind is yaml.MappingStartEvent else LList(line)))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            finished = stack.pop().value
            place(finished, finished.line, None)
        elif kind is yaml.AliasEvent:
            fail(line, _no_anchors(file_kind))
        elif kind is yaml.DocumentStartEvent:
            doc_starts += 1  # caught here, the '---' itself is the line named
            if doc_starts > 1:
                fail(line, f"a {file_kind.noun} file holds one YAML document; found a second '---'")
    return documents, key_error


# Frame roles: the document's mapping, its list of nodes, any other mapping, any other list.
_TREE, _NODES, _MAP, _LIST = "tree", "nodes", "mapping", "list"


def _no_anchors(kind: FileKind) -> str:
    return f"YAML anchors and aliases (&name, *name) are not allowed; {kind.share_hint}"


def _tag_not_allowed(tag: str, kind: FileKind) -> str:
    written = tag.replace("tag:yaml.org,2002:", "!!", 1)  # as written: !!python/...
    return f"YAML tag {shown(written)} is not allowed in {kind.noun} files"


def _scalar(tag: str, value: str):
    """A scalar's value by its (resolved) tag: str, int, bool, None or float, never an object."""
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


def load_file(path: Path, display: str | None = None, kind: FileKind = TREE_FILE):
    name = display or str(path)
    return load_bytes(read_file(path, name), name, kind)


def read_file(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TreeErrors([TreeError(name, None, f"cannot read file: {exc.strerror}")]) from None


def load_bytes(raw: bytes, name: str, kind: FileKind = TREE_FILE):
    """load_text for a file's bytes: refused if too large or not UTF-8, before any parsing."""
    if len(raw) > MAX_BYTES:
        raise TreeErrors(
            [TreeError(name, None, f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,})")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TreeErrors([TreeError(name, line, "file is not valid UTF-8")]) from None
    return load_text(text, name, kind)
