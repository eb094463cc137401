"""The policy comparison: load a comparison file, check it, and build a `Comparison`.

Compiled like a tree, with the trees' loader, structure checker and citation checks:
    loader     YAML -> values that remember their line numbers (refusing what trees refuse)
    structure  every field against comparison_format.py
    build      ids unique, one cell per organisation in every topic, a summary with citations
               or `silent: true` in each, citations into the cell's own organisation's policy
    citations  every cited page and heading exists in both languages, and the page named as the
               comparison's home places it with <!-- comparison: ID --> in both languages
Every problem is reported with its file and line, and the topic it is in.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from . import comparison_format as fmt
from .citations import LANGUAGES, citation_problems
from .errors import TreeError, TreeErrors, quote_value
from .loader import FileKind, LDict, LList, YamlValue, line_of, load_bytes, read_file
from .model import Citation, Text
from .policy_pages import PolicyPages
from .structure import StructureChecker
from .tree_format import ID_PATTERN, SAME_IN_BOTH, Field, Language

COMPARISON_FILE = FileKind(
    noun="comparison",
    described="a comparison",
    needs="an id, a page, organisations and topics",
    share_hint="write each cell out in full",
    parts="topics",
)
MARKER = re.compile(r"<!--\s*comparison:\s*([a-z0-9-]+)\s*-->")
_ID = re.compile(ID_PATTERN)


# -- the compiled comparison -----------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    id: str
    name: Text
    page: str  # its policy page, e.g. policies/bridgend.md
    lists_lost: bool = False


@dataclass(frozen=True)
class Cell:
    organisation: Organisation
    summary: Text | None  # None: the policy says nothing on this
    cites: tuple[Citation, ...] = ()

    @property
    def silent(self) -> bool:
        return self.summary is None


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    cells: tuple[Cell, ...]  # one per organisation, in the organisations' order


@dataclass(frozen=True)
class Comparison:
    id: str
    file: str
    page: str  # the page that shows it, e.g. compare.md
    organisations: tuple[Organisation, ...]
    topics: tuple[Topic, ...]

    def cell(self, topic_id: str, organisation_id: str) -> Cell:
        topic = next(t for t in self.topics if t.id == topic_id)
        return next(c for c in topic.cells if c.organisation.id == organisation_id)

    def silent_topics(self, organisation_id: str) -> list[Topic]:
        """The topics on which this organisation's policy says nothing."""
        return [t for t in self.topics if self.cell(t.id, organisation_id).silent]


# -- errors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonError(TreeError):
    """A problem in a comparison file: file, line, and the topic it is in (`node` holds its id)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        topic = f" topic '{self.node}':" if self.node else ""
        return f"{where}:{topic} {self.message}"


class ComparisonErrors(TreeErrors):
    """One or more problems with comparison files; str() is the message a person reads."""


def _as_comparison_errors(exc: TreeErrors) -> ComparisonErrors:
    return ComparisonErrors(
        [
            ComparisonError(e.file, e.line, e.message, e.node, code=e.code, severity=e.severity)
            for e in exc.errors
        ]
    )


# -- structure ---------------------------------------------------------------------------------


def _valid_id(value: YamlValue) -> str | None:
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


class _Structure(StructureChecker):
    """The trees' structure checker over the comparison's declarations; errors name the topic."""

    def error(self, line: int | None, message: str, code: str) -> None:
        self.errors.append(ComparisonError(self.file, line, message, self.node, code=code))

    def check_comparison(self, data: YamlValue) -> TypeGuard[LDict]:
        if not isinstance(data, LDict):
            self.error(
                line_of(data, 1),
                "a comparison file must be a mapping with id, page, organisations and topics",
                code="wrong-type",
            )
            return False
        self.check_record(data, fmt.COMPARISON_FIELDS, "comparison")
        return not self.errors

    def check_value(
        self, value: YamlValue, spec: Field, what: str, line: int, word: str | None = None
    ) -> None:
        if spec is fmt.TOPIC:
            self.node = _valid_id(value.get("id")) if isinstance(value, LDict) else None
            super().check_value(value, spec, "topic", line, word)
            self.node = None
        elif spec is fmt.ORGANISATION:
            super().check_value(value, spec, "organisation", line, word)
        else:
            super().check_value(value, spec, what, line, word)


# -- building ----------------------------------------------------------------------------------


def _optional_text(value: LDict | None) -> Text | None:
    return _text(value) if value else None


def _text(value: LDict) -> Text:
    if SAME_IN_BOTH in value:  # a name written once, the same in both languages
        return Text(value[SAME_IN_BOTH].strip(), value[SAME_IN_BOTH].strip())
    return Text(value["en"].strip(), value["cy"].strip())


_LANGUAGE_NAMES: tuple[tuple[Language, str], ...] = (("en", "English"), ("cy", "Welsh"))  # for messages


def _words(text: str) -> int:
    return len(text.split())


class _Builder:
    def __init__(self, file: str, data: LDict, pages: PolicyPages | None) -> None:
        self.file, self.data, self.pages = file, data, pages
        self.errors: list[ComparisonError] = []

    def error(self, line: int | None, message: str, topic: str | None = None, *, code: str) -> None:
        self.errors.append(ComparisonError(self.file, line, message, topic, code=code))

    def build(self) -> Comparison:
        d = self.data
        stem = Path(self.file).stem
        if d["id"] != stem:
            self.error(
                d.line_of("id"),
                f"comparison id '{d['id']}' must match the file name '{stem}.yml'",
                code="tree-id-mismatch",
            )
        if self.pages is not None:
            self._check_home_page(self.pages, d["page"], d["id"], d.line_of("page"))
        organisations = self._organisations(d["organisations"])
        topics = self._topics(d["topics"], organisations)
        return Comparison(d["id"], self.file, d["page"], tuple(organisations.values()), tuple(topics))

    def _check_home_page(self, pages: PolicyPages, page: str, comparison_id: str, line: int) -> None:
        problems = citation_problems(page, None, pages, what="comparison page")
        for code, problem in problems:
            self.error(line, problem, code=code)
        if problems:
            return
        for language in LANGUAGES:
            text = (pages.docs_dir / language / page).read_text(encoding="utf-8")
            if comparison_id not in MARKER.findall(text):
                self.error(
                    line,
                    f"docs/{language}/{page} does not show this comparison: "
                    f"add <!-- comparison: {comparison_id} --> to it",
                    code="comparison-not-shown",
                )

    def _organisations(self, raws: LList) -> dict[str, Organisation]:
        found: dict[str, Organisation] = {}
        first_line: dict[str, int] = {}
        for raw in raws:
            org = Organisation(raw["id"], _text(raw["name"]), raw["page"], bool(raw.get("lists_lost")))
            if org.id in found:
                self.error(
                    raw.line_of("id"),
                    f"duplicate organisation id '{org.id}' (first at line {first_line[org.id]})",
                    code="duplicate-id",
                )
                continue
            found[org.id], first_line[org.id] = org, raw.line_of("id")
            if self.pages is not None:
                for code, problem in citation_problems(org.page, None, self.pages, what="organisation page"):
                    self.error(raw.line_of("page"), problem, code=code)
        return found

    def _topics(self, raws: LList, organisations: dict[str, Organisation]) -> list[Topic]:
        topics: list[Topic] = []
        first_line: dict[str, int] = {}
        for raw in raws:
            topic_id = raw["id"]
            if topic_id in first_line:
                self.error(
                    raw.line_of("id"),
                    f"duplicate topic id '{topic_id}' (first at line {first_line[topic_id]})",
                    topic_id,
                    code="duplicate-id",
                )
                continue
            first_line[topic_id] = raw.line_of("id")
            if topic_id in organisations:
                self.error(
                    raw.line_of("id"),
                    f"topic id '{topic_id}' is also an organisation id: both are anchors on the same page",
                    topic_id,
                    code="duplicate-id",
                )
            cells = self._cells(raw["cells"], organisations, topic_id, raw.line_of("cells"))
            topics.append(Topic(topic_id, _text(raw["title"]), cells))
        return topics

    def _cells(
        self, raw: LDict, organisations: dict[str, Organisation], topic: str, line: int
    ) -> tuple[Cell, ...]:
        for key in raw:
            if key not in organisations:
                close = difflib.get_close_matches(str(key), list(organisations), n=1)
                hint = (
                    f" (did you mean '{close[0]}'?)"
                    if close
                    else f" (organisations: {', '.join(organisations)})"
                )
                self.error(
                    raw.line_of(key),
                    f"cell for unknown organisation {quote_value(key)}{hint}",
                    topic,
                    code="unknown-organisation",
                )
        cells = []
        for org in organisations.values():
            if org.id not in raw:
                self.error(
                    line,
                    f"no cell for organisation '{org.id}': every topic has one for every organisation "
                    "(silent: true if its policy says nothing on this)",
                    topic,
                    code="missing-cell",
                )
                continue
            cells.append(self._cell(raw[org.id], org, topic, raw.line_of(org.id)))
        return tuple(cells)

    def _cell(self, raw: LDict, org: Organisation, topic: str, line: int) -> Cell:
        name = f"cell '{org.id}'"
        summary, cites = _optional_text(raw.get("summary")), raw.get("cites") or LList(line)
        if raw.get("silent"):
            if summary or cites:
                self.error(
                    line,
                    f"{name} is silent: true but has a summary or cites; a cell either says what the "
                    "policy says, or that it says nothing on this",
                    topic,
                    code="cell-silent-and-summary",
                )
            return Cell(org, None)
        if summary is None:
            self.error(
                line,
                f"{name} has no summary: write what the policy says, with cites, "
                "or silent: true if it says nothing on this",
                topic,
                code="cell-without-summary",
            )
        elif not cites:
            self.error(
                line,
                f"{name} has a summary but no cites: name the sections of {org.page} it rests on",
                topic,
                code="too-few-entries",
            )
        if summary is not None:
            for language, label in _LANGUAGE_NAMES:
                words = _words(summary[language])
                if words > fmt.SUMMARY_MAX_WORDS:
                    self.error(
                        raw["summary"].line_of(language),
                        f"{name} has a summary of {words} words in {label} (at most "
                        f"{fmt.SUMMARY_MAX_WORDS}: a cell is a summary, the policy page has the detail)",
                        topic,
                        code="text-too-long",
                    )
        built = []
        for cite_raw in cites:
            cite = Citation(cite_raw["page"], cite_raw["section"], cite_raw.line)
            built.append(cite)
            if cite.page != org.page:
                self.error(
                    cite.line,
                    f"{name} cites {quote_value(cite.page)}, which is not {org.id}'s policy ({org.page})",
                    topic,
                    code="citation-other-policy",
                )
            elif self.pages is not None:
                for code, problem in citation_problems(cite.page, cite.section, self.pages):
                    self.error(cite.line, problem, topic, code=code)
        return Cell(org, summary, tuple(built))


# -- compiling ---------------------------------------------------------------------------------


def compile_comparison(path: Path, pages: PolicyPages | None, display: str | None = None) -> Comparison:
    """Compile one comparison file, or raise ComparisonErrors naming file, line and topic for every
    problem. With `pages` None, citations are not checked."""
    name = display or str(path)
    try:
        data = load_bytes(read_file(path, name), name, COMPARISON_FILE)
    except TreeErrors as exc:
        raise _as_comparison_errors(exc) from None
    structure = _Structure(name)
    if not structure.check_comparison(data):
        raise ComparisonErrors(structure.errors)
    builder = _Builder(name, data, pages)
    comparison = builder.build()
    if builder.errors:
        raise ComparisonErrors(builder.errors)
    return comparison


def comparison_files(folder: Path) -> list[Path]:
    """The comparison files of a folder: one `<id>.yml` per comparison."""
    return sorted(Path(folder).glob("*.yml"))


def compile_comparisons(
    folder: Path, pages: PolicyPages | None, root: Path | None = None
) -> list[Comparison]:
    """Compile every comparison in `folder`, reporting the problems of all files together."""
    comparisons, errors = [], []
    for path in comparison_files(folder):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        try:
            comparisons.append(compile_comparison(path, pages, display))
        except ComparisonErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise ComparisonErrors(errors)
    return comparisons
