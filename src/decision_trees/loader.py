"""Load a tree file safely: YAML with line numbers, and nothing a hostile file can abuse.

Tree files are untrusted input. We never construct Python objects from tags, refuse anchors and
aliases (the alias-bomb vector; trees share answers through `answer_sets` instead), bound the file
size and nesting depth, and reject duplicate keys, which plain YAML silently overwrites.

The file is read in one pass over the parser's events: each of those refusals happens as soon as
the parser reaches it, before anything after it is read or built.

Other data files written by hand (the policy comparison, the practice cases) are read by the same
loader: a `FileKind` says what such a file is called in messages and which of its lists holds the
parts that an error inside one names (a tree's nodes).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final, NoReturn

import yaml

from . import limits
from .errors import TreeError, TreeErrors, quote_value
from .tree_format import ID_PATTERN

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

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.words: dict[str, str] = {}  # the words YAML read as booleans (yes, On, off...), by key

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list, Located):
    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        self.item_words: list[str | None] = []  # as LDict.words, by position


# What a tree file's YAML reads as (a float only where the format wants text, to be refused).
YamlValue = LDict | LList | str | int | float | bool | None
# Raises the TreeErrors for a line (None: the whole file), a message and a code.
Fail = Callable[[int | None, str, str], NoReturn]


def line_of(value: object, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def load_text(text: str, file: str, kind: FileKind = TREE_FILE) -> YamlValue:
    """Parse YAML text into LDict/LList/str/int/bool/None, or raise TreeErrors."""

    def fail(line: int | None, message: str, code: str) -> NoReturn:
        raise TreeErrors([TreeError(file, line, message, code=code)]) from None

    if len(text) > limits.MAX_BYTES:  # at least as many bytes: refused before encoding it all
        fail(None, _too_large(len(text.encode("utf-8", "surrogatepass"))), "too-large")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        # Only text that never came from a file can hold a lone surrogate; it has no UTF-8 form.
        fail(text[: exc.start].count("\n") + 1, "file is not valid UTF-8", "not-utf8")
    if size > limits.MAX_BYTES:
        fail(None, _too_large(size), "too-large")
    return _parse(text, file, kind)


def _parse(text: str, file: str, kind: FileKind = TREE_FILE) -> YamlValue:
    """Parse text already held to the size limit and known to be UTF-8."""

    def fail(line: int | None, message: str, code: str) -> NoReturn:
        raise TreeErrors([TreeError(file, line, message, code=code)]) from None  # YAML's error is in it

    stray_bom = text.find("\ufeff", 1)
    if stray_bom > 0:
        fail(
            text.count("\n", 0, stray_bom) + 1,
            "a byte-order mark (U+FEFF, invisible in most editors) in the middle of the file, often "
            "left where two files were joined: delete it",
            "stray-bom",
        )
    if not text.strip() or all(
        line.strip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        fail(None, f"file is empty: a {kind.noun} needs {kind.needs}", "empty-file")

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
        fail(mark.line + 1 if mark else None, f"YAML syntax error: {problem}", "yaml-syntax")
    except yaml.reader.ReaderError as exc:
        # Control characters and the like: PyYAML gives a position, a person wants a line.
        line = text[: exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        fail(
            line,
            f"file contains a character that YAML does not allow (#x{code:04x}); remove it",
            "yaml-character",
        )
    except yaml.YAMLError as exc:
        fail(None, "YAML error: " + " ".join(str(exc).split()), "yaml-syntax")
    except RecursionError:
        fail(None, f"nesting is deeper than {limits.MAX_DEPTH} levels", "too-deep")

    if key_error:
        raise TreeErrors([key_error.as_error(file)])
    documents = [d for d in documents if d is not None]
    if not documents:
        fail(None, f"file is empty: a {kind.noun} needs {kind.needs}", "empty-file")
    return documents[0]


def _too_large(size: int) -> str:
    return f"file is too large ({size:,} bytes; the limit is {limits.MAX_BYTES:,})"


# libyaml, the C parser PyYAML's wheels bundle: about ten times faster than the pure-Python parser,
# and right where that one is wrong ("{en: Is it true?, cy: ...}" is valid YAML).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()  # the safe loaders' own: str, int, bool, null, float


class _KeySlot(Enum):
    """A mapping's key slot when it holds no key."""

    EMPTY = "waiting for its next key"
    DROPPED = "the key is an error: its value is read and dropped"


_NO_KEY: Final = _KeySlot.EMPTY
_DROPPED: Final = _KeySlot.DROPPED


class _Frame:
    """A mapping or list being read. `owner` is the tree node it is part of, to name in errors."""

    __slots__ = ("key", "key_line", "owner", "role", "value")

    def __init__(self, value: LDict | LList, owner: LDict | None, role: str) -> None:
        self.value, self.owner, self.role = value, owner, role
        self.key: str | _KeySlot = _NO_KEY
        self.key_line = 0


class _BadKey:
    """The first bad key. Reported once the file is read: a YAML error anywhere comes first, as
    it would from a parser that reads the whole file, and the node's id may come after its bad key."""

    def __init__(self, line: int, message: str, owner: LDict | None, code: str) -> None:
        self.line, self.message, self.owner, self.code = line, message, owner, code

    def as_error(self, file: str) -> TreeError:
        node_id = None
        if self.owner is not None:
            node_id = self.owner.get("id")
            if isinstance(node_id, bool):
                node_id = self.owner.words["id"]  # id: yes is still the node's name
            if not (isinstance(node_id, str) and _ID.fullmatch(node_id)):
                node_id = None
        return TreeError(file, self.line, self.message, node_id, code=self.code)


def _read(
    text: str, loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader], fail: Fail, file_kind: FileKind
) -> tuple[list[YamlValue], _BadKey | None]:
    """Read the YAML in one pass over its events, building LDict/LList/scalars with their lines.
    What trees may not use is refused as soon as it appears (`fail`): anchors and aliases before
    anything could expand, tags, nesting deeper than MAX_DEPTH, a second document, and more than
    MAX_EVENTS events in all. YAML syntax errors are raised as the parser meets them."""
    documents: list[YamlValue] = []
    stack: list[_Frame] = []
    key_error = None
    doc_starts = 0

    def place(value: YamlValue, line: int, word: str | None) -> None:
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
                key_error = key_error or _BadKey(
                    line, "mapping keys must be plain words", frame.owner, "non-scalar-key"
                )
            elif key in container:
                frame.key = _DROPPED
                key_error = key_error or _BadKey(
                    line,
                    f"duplicate key {quote_value(key)} (first at line {container.key_lines[key]})",
                    frame.owner,
                    "duplicate-key",
                )
            else:
                frame.key, frame.key_line = key, line
        else:
            held = frame.key
            if held is not _DROPPED:
                container[held] = value
                container.key_lines[held] = frame.key_line
                if isinstance(value, bool) and word is not None:  # a scalar always has its word
                    container.words[held] = word
            frame.key = _NO_KEY

    def open_frame(value: LDict | LList) -> _Frame:
        parent = stack[-1] if stack else None
        if isinstance(value, LList):
            is_node_list = parent is not None and parent.role is _TREE and parent.key == file_kind.parts
            return _Frame(value, parent.owner if parent else None, _NODES if is_node_list else _LIST)
        if parent is None:
            return _Frame(value, None, _TREE)
        if parent.role is _NODES:
            return _Frame(value, value, _MAP)  # a node: errors inside it name it
        return _Frame(value, parent.owner, _MAP)

    max_events, max_depth = limits.MAX_EVENTS, limits.MAX_DEPTH
    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        line = event.start_mark.line + 1 if event.start_mark else 1  # the parsers mark every event
        if count > max_events:
            fail(line, f"file is too complex to be {file_kind.described}", "too-complex")
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                fail(line, _no_anchors(file_kind), "yaml-anchor")
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            elif tag not in _PLAIN_TAGS:
                fail(line, _tag_not_allowed(tag, file_kind), "yaml-tag")
            value = event.value
            if event.style != "|" and "\n" in value:
                # Folding (>, >- and plain or quoted lines) turns each blank line of the file into
                # one newline; the format says a blank line starts a paragraph, so keep it one.
                value = value.replace("\n", "\n\n")
            place(_scalar(tag, value), line, event.value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor:
                fail(line, _no_anchors(file_kind), "yaml-anchor")
            if event.tag and event.tag not in _PLAIN_TAGS and event.tag != "!":
                fail(line, _tag_not_allowed(event.tag, file_kind), "yaml-tag")
            if len(stack) >= max_depth:
                fail(line, f"nesting is deeper than {max_depth} levels", "too-deep")
            stack.append(
                open_frame(LDict(line) if isinstance(event, yaml.MappingStartEvent) else LList(line))
            )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            finished = stack.pop().value
            place(finished, finished.line, None)
        elif isinstance(event, yaml.AliasEvent):
            fail(line, _no_anchors(file_kind), "yaml-anchor")
        elif isinstance(event, yaml.DocumentStartEvent):
            doc_starts += 1  # caught here, the '---' itself is the line named
            if doc_starts > 1:
                fail(
                    line,
                    f"a {file_kind.noun} file holds one YAML document; found a second '---'",
                    "yaml-documents",
                )
    return documents, key_error


# Frame roles: the document's mapping, its list of nodes, any other mapping, any other list.
_TREE, _NODES, _MAP, _LIST = "tree", "nodes", "mapping", "list"


def _no_anchors(kind: FileKind) -> str:
    return f"YAML anchors and aliases (&name, *name) are not allowed; {kind.share_hint}"


def _tag_not_allowed(tag: str, kind: FileKind) -> str:
    written = tag.replace("tag:yaml.org,2002:", "!!", 1)  # as written: !!python/...
    return f"YAML tag {quote_value(written)} is not allowed in {kind.noun} files"


def _scalar(tag: str, value: str) -> str | int | float | bool | None:
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


def load_file(path: Path, display: str | None = None, kind: FileKind = TREE_FILE) -> YamlValue:
    name = display or str(path)
    return load_bytes(read_file(path, name), name, kind)


_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISSOCK, "a socket"),
)
# Never follow a link, never wait on a pipe that appeared after the check.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)


def _not_regular(mode: int) -> str | None:
    return next((what for test, what in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a file")


def read_file(path: Path, name: str, limit: int | None = None, follow_links: bool = False) -> bytes:
    """The bytes of a regular file, or TreeErrors: a symbolic link (unless `follow_links`, and then
    only to a regular file), pipe, device or folder is refused without being read, and no more than
    `limit` bytes are ever read (the size is checked first, and again by reading one byte more)."""
    limit = limits.MAX_BYTES if limit is None else limit

    def fail(message: str, code: str) -> NoReturn:
        raise TreeErrors([TreeError(name, None, message, code=code)]) from None

    try:
        kind = _not_regular((os.stat if follow_links else os.lstat)(path).st_mode)
        if kind:
            fail(f"is {kind}, not a regular file: only plain files are read", "not-a-regular-file")
        fd = os.open(path, _OPEN_FLAGS & ~(getattr(os, "O_NOFOLLOW", 0) if follow_links else 0))
    except OSError as exc:
        fail(f"cannot read file: {exc.strerror}", "unreadable")
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        kind = _not_regular(status.st_mode)
        if kind:  # replaced between the check and the opening
            fail(f"is {kind}, not a regular file: only plain files are read", "not-a-regular-file")
        if status.st_size > limit:
            fail(f"file is too large ({status.st_size:,} bytes; the limit is {limit:,})", "too-large")
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            fail(f"cannot read file: {exc.strerror}", "unreadable")
    if len(raw) > limit:  # grew since it was measured
        fail(f"file is too large (over {limit:,} bytes; the limit is {limit:,})", "too-large")
    return raw


def load_bytes(raw: bytes, name: str, kind: FileKind = TREE_FILE) -> YamlValue:
    """load_text for a file's bytes: refused if too large (measured once, in bytes, before decoding)
    or not UTF-8, before any parsing."""
    if len(raw) > limits.MAX_BYTES:
        raise TreeErrors([TreeError(name, None, _too_large(len(raw)), code="too-large")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TreeErrors([TreeError(name, line, "file is not valid UTF-8", code="not-utf8")]) from None
    return _parse(text, name, kind)
