"""Practice cases: load a case file, check it against its walkthrough, and build a `CaseSet`.

Compiled like a tree, with the trees' loader, structure checker and citation checks:
    loader     YAML -> values that remember their line numbers (refusing what trees refuse)
    structure  every field against case_format.py
    build      the file belongs to a compiled tree; one reason per outcome of it; case ids unique;
               each case's answers walk its tree (walk.py, as the browser walks it) to the outcome
               the case names, so a change to a tree that breaks a case stops the build; the
               choices offered are outcomes of the tree, the right one among them; the session
               plan names real cases
    citations  every cited page and heading exists in both languages
Every problem is reported with its file and line, and the case it is in.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from . import case_format as fmt
from .citations import citation_problems
from .errors import TreeError, TreeErrors, quote_value
from .loader import FileKind, LDict, LList, YamlValue, line_of, load_bytes, read_file
from .model import Citation, Text, Tree
from .policy_pages import PolicyPages
from .structure import StructureChecker
from .tree_format import ID_PATTERN, SAME_IN_BOTH, Field
from .walk import Answer, WalkError, walk

CASE_FILE = FileKind(
    noun="case",
    described="a file of practice cases",
    needs="a tree, reasons, cases and a session",
    share_hint="write each case out in full",
    parts="cases",
)
_ID = re.compile(ID_PATTERN)


# -- the compiled cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    title: Text
    story: Text
    answers: dict[str, Answer]  # as a scenario's: {node id: answer}
    outcome: str  # the outcome node the answers reach
    choices: tuple[str, ...]  # the outcomes the learner chooses from, in the tree's order
    cites: tuple[Citation, ...]
    discussion: tuple[Text, ...]
    line: int = 0

    # Unhashable (answers is a dict): None is how Python says so; typeshed types __hash__ as a method.
    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class SessionStep:
    minutes: int
    title: Text
    activity: Text
    cases: tuple[str, ...] = ()
    prompts: tuple[Text, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class CaseSet:
    """The practice cases of one walkthrough, its outcomes' one-line reasons and a session plan."""

    tree: str
    file: str
    reasons: dict[str, Text]  # outcome id -> why, in one line
    cases: tuple[Case, ...]
    session: tuple[SessionStep, ...]

    # Unhashable (reasons is a dict): None is how Python says so; typeshed types __hash__ as a method.
    __hash__ = None  # type: ignore[assignment]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.session)

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases if c.id == case_id)

    def outcomes_covered(self) -> list[str]:
        """The outcomes some case reaches, each once, in the order the cases first reach them."""
        return list(dict.fromkeys(case.outcome for case in self.cases))

    def all_citations(self) -> list[Citation]:
        return [c for case in self.cases for c in case.cites] + [c for s in self.session for c in s.cites]


# -- errors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseError(TreeError):
    """A problem in a case file: file, line, and the case it is in (`node` holds its id)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        case = f" case '{self.node}':" if self.node else ""
        return f"{where}:{case} {self.message}"


class CaseErrors(TreeErrors):
    """One or more problems with case files; str() is the message a person reads."""


def _as_case_errors(exc: TreeErrors) -> CaseErrors:
    return CaseErrors(
        [CaseError(e.file, e.line, e.message, e.node, code=e.code, severity=e.severity) for e in exc.errors]
    )


# -- structure ---------------------------------------------------------------------------------


def _valid_id(value: YamlValue) -> str | None:
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


class _Structure(StructureChecker):
    """The trees' structure checker over case_format.py; errors name the case they are in."""

    def error(self, line: int | None, message: str, code: str) -> None:
        self.errors.append(CaseError(self.file, line, message, self.node, code=code))

    def check_cases(self, data: YamlValue) -> TypeGuard[LDict]:
        if not isinstance(data, LDict):
            self.error(
                line_of(data, 1),
                "a case file must be a mapping with tree, reasons, cases and session",
                "wrong-type",
            )
            return False
        self.check_record(data, fmt.CASE_FILE_FIELDS, "case file")
        return not self.errors

    def check_value(
        self, value: YamlValue, spec: Field, what: str, line: int, word: str | None = None
    ) -> None:
        if spec is fmt.CASE:
            self.node = _valid_id(value.get("id")) if isinstance(value, LDict) else None
            super().check_value(value, spec, "case", line, word)
            self.node = None
        elif spec is fmt.STEP:
            super().check_value(value, spec, "session step", line, word)
        elif spec is fmt.ANSWERS:
            self._check_answers(value, line)
        elif spec is fmt.MINUTES:
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= fmt.MAX_MINUTES:
                self.error(
                    line,
                    f"'minutes' must be a whole number from 1 to {fmt.MAX_MINUTES} (got {quote_value(value)})",
                    "wrong-type",
                )
        else:
            super().check_value(value, spec, what, line, word)

    def _check_answers(self, value: YamlValue, line: int) -> None:
        """{node id: an answer id, or a list of option or item ids}; the tree decides the rest."""
        if not isinstance(value, LDict):
            self.error(
                line, "'answers' must be a mapping of question id to answer, as in a scenario", "wrong-type"
            )
            return
        if not value:
            self.error(
                line,
                "'answers' is empty: give the answer the story implies for each question",
                "too-few-entries",
            )
        for key, answer in value.items():
            what, at = f"the answer to {quote_value(key)}", value.line_of(key)
            if not _valid_id(key):
                self.error(at, f"{quote_value(key)} in 'answers' is not a valid question id", "invalid-id")
            if isinstance(answer, bool):
                self.bare_word(at, what, answer, value.words.get(key))
            elif isinstance(answer, LList):
                for item, item_line, item_word in zip(
                    answer, answer.item_lines, answer.item_words, strict=False
                ):
                    if isinstance(item, bool):
                        self.bare_word(item_line, what, item, item_word)
                    elif not _valid_id(item):
                        self.error(
                            item_line, f"{what} lists {quote_value(item)}, which is not an id", "invalid-id"
                        )
            elif not _valid_id(answer):
                self.error(
                    at,
                    f"{what} must be an answer id, or a list of option or item ids (got {quote_value(answer)})",
                    "wrong-type",
                )


# -- building ----------------------------------------------------------------------------------


def _text(value: LDict) -> Text:
    if SAME_IN_BOTH in value:  # a name written once, the same in both languages
        return Text(value[SAME_IN_BOTH].strip(), value[SAME_IN_BOTH].strip())
    return Text(value["en"].strip(), value["cy"].strip())


def _citations(raws: LList | None) -> tuple[Citation, ...]:
    return tuple(Citation(raw["page"], raw["section"], raw.line) for raw in raws or ())


def _answer(value: YamlValue) -> Answer:
    return [str(v) for v in value] if isinstance(value, list) else str(value)


def _close(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" ({', '.join(options)})"


class _Builder:
    def __init__(self, file: str, data: LDict, trees: dict[str, Tree], pages: PolicyPages | None) -> None:
        self.file, self.data, self.trees, self.pages = file, data, trees, pages
        self.errors: list[CaseError] = []

    def error(self, line: int | None, message: str, case: str | None = None, *, code: str) -> None:
        self.errors.append(CaseError(self.file, line, message, case, code=code))

    def build(self) -> CaseSet | None:
        d = self.data
        tree_id, stem = d["tree"], Path(self.file).stem
        if tree_id != stem:
            self.error(
                d.line_of("tree"),
                f"tree '{tree_id}' must match the file name '{stem}.yml'",
                code="tree-id-mismatch",
            )
        tree = self.trees.get(tree_id)
        if tree is None:
            self.error(
                d.line_of("tree"),
                f"no walkthrough '{tree_id}'{_close(tree_id, sorted(self.trees))}",
                code="unknown-tree",
            )
            return None
        outcomes = [o.id for o in tree.outcomes]
        reasons = self._reasons(d["reasons"], outcomes, tree)
        cases = self._cases(d["cases"], tree, outcomes)
        session = self._session(d["session"]["steps"], {c.id for c in cases})
        return CaseSet(tree.id, self.file, reasons, tuple(cases), tuple(session))

    def _reasons(self, raw: LDict, outcomes: list[str], tree: Tree) -> dict[str, Text]:
        for key in raw:
            if key not in outcomes:
                self.error(
                    raw.line_of(key),
                    f"reason for {quote_value(key)}, which is not an outcome of {tree.id}{_close(str(key), outcomes)}",
                    code="unknown-node",
                )
        for outcome in outcomes:
            if outcome not in raw:
                self.error(
                    raw.line,
                    f"no reason for outcome '{outcome}': the pack's route table gives one per outcome",
                    code="missing-reason",
                )
        return {o: _text(raw[o]) for o in outcomes if o in raw}

    def _cases(self, raws: LList, tree: Tree, outcomes: list[str]) -> list[Case]:
        cases: list[Case] = []
        first_line: dict[str, int] = {}
        for raw in raws:
            case_id, line = raw["id"], raw.line_of("id")
            if case_id in first_line:
                self.error(
                    line,
                    f"duplicate case id '{case_id}' (first at line {first_line[case_id]})",
                    case_id,
                    code="duplicate-id",
                )
                continue
            first_line[case_id] = line
            if case_id in fmt.RESERVED_CASE_IDS:
                self.error(
                    line,
                    f"case id '{case_id}' is reserved: the practice page's address uses it",
                    case_id,
                    code="reserved-id",
                )
            case = self._case(raw, tree, outcomes)
            if case is not None:
                cases.append(case)
        return cases

    def _case(self, raw: LDict, tree: Tree, outcomes: list[str]) -> Case | None:
        case_id = raw["id"]
        outcome, outcome_line = raw["outcome"], raw.line_of("outcome")
        if outcome not in outcomes:
            self.error(
                outcome_line,
                f"'{outcome}' is not an outcome of {tree.id}{_close(outcome, outcomes)}",
                case_id,
                code="unknown-node",
            )
        answers = {str(k): _answer(v) for k, v in raw["answers"].items()}
        self._check_walk(raw, answers, outcome if outcome in outcomes else None, tree)
        choices = self._choices(raw, outcome, outcomes, tree)
        cites = _citations(raw["cites"])
        self._check_citations(cites, case_id)
        discussion = raw["discussion"]
        if len(discussion) > fmt.MAX_DISCUSSION:
            self.error(
                raw.line_of("discussion"),
                f"{len(discussion)} discussion points: give one or two (at most {fmt.MAX_DISCUSSION})",
                case_id,
                code="too-many-entries",
            )
        return Case(
            case_id,
            _text(raw["title"]),
            _text(raw["story"]),
            answers,
            outcome,
            choices,
            cites,
            tuple(_text(t) for t in discussion),
            raw.line,
        )

    def _check_walk(self, raw: LDict, answers: dict[str, Answer], outcome: str | None, tree: Tree) -> None:
        """Walking the tree with the case's answers must reach the case's outcome (None: the case
        names no outcome of the tree, which is reported already; the answers must still walk)."""
        case_id, at = raw["id"], raw["answers"]
        unknown = [k for k in answers if k not in tree.nodes or tree.nodes[k].is_outcome]
        for key in unknown:
            questions = [n.id for n in tree.questions]
            self.error(
                at.line_of(key),
                f"'{key}' is not a question of {tree.id}{_close(key, questions)}",
                case_id,
                code="unknown-node",
            )
        if unknown:
            return
        try:
            reached = walk(tree, answers, strict=True).reached
        except WalkError as exc:
            self.error(
                at.line,
                f"the answers do not walk {tree.id} to an outcome: {exc}",
                case_id,
                code="case-mismatch",
            )
            return
        if outcome is not None and reached.id != outcome:
            self.error(
                raw.line_of("outcome"),
                f"the answers reach '{reached.id}', not '{outcome}': the tree or the case has "
                "changed; walk the tree with the story and correct whichever is wrong",
                case_id,
                code="case-mismatch",
            )

    def _choices(self, raw: LDict, outcome: str, outcomes: list[str], tree: Tree) -> tuple[str, ...]:
        case_id = raw["id"]
        if "choices" not in raw:
            if len(outcomes) > fmt.MAX_CHOICES:
                self.error(
                    raw.line,
                    f"{tree.id} has {len(outcomes)} outcomes, too many to choose from: list the "
                    f"2 to {fmt.MAX_CHOICES} that fit the story under 'choices'",
                    case_id,
                    code="too-many-entries",
                )
            return tuple(outcomes)
        listed, seen = raw["choices"], set()
        for choice, line in zip(listed, listed.item_lines, strict=False):
            if choice not in outcomes:
                self.error(
                    line,
                    f"choice '{choice}' is not an outcome of {tree.id}{_close(choice, outcomes)}",
                    case_id,
                    code="unknown-node",
                )
            elif choice in seen:
                self.error(line, f"choice '{choice}' is listed twice", case_id, code="duplicate-id")
            seen.add(choice)
        if len(listed) > fmt.MAX_CHOICES:
            self.error(
                raw.line_of("choices"),
                f"{len(listed)} choices: offer at most {fmt.MAX_CHOICES}",
                case_id,
                code="too-many-entries",
            )
        if outcome in outcomes and outcome not in seen:
            self.error(
                raw.line_of("choices"),
                f"the choices leave out the case's own outcome '{outcome}'",
                case_id,
                code="choices-without-outcome",
            )
        return tuple(o for o in outcomes if o in seen)  # in the tree's order, as the pack lists them

    def _session(self, raws: LList, case_ids: set[str]) -> list[SessionStep]:
        steps = []
        for raw in raws:
            named = raw.get("cases") or LList(raw.line)
            for case_id, line in zip(named, named.item_lines, strict=False):
                if case_id not in case_ids:
                    self.error(
                        line,
                        f"the session plan names case '{case_id}', which is not in this file{_close(case_id, sorted(case_ids))}",
                        code="unknown-case",
                    )
            cites = _citations(raw.get("cites"))
            self._check_citations(cites, None)
            steps.append(
                SessionStep(
                    raw["minutes"],
                    _text(raw["title"]),
                    _text(raw["activity"]),
                    tuple(named),
                    tuple(_text(t) for t in raw.get("prompts") or ()),
                    cites,
                )
            )
        return steps

    def _check_citations(self, cites: tuple[Citation, ...], case_id: str | None) -> None:
        if self.pages is None:
            return
        for cite in cites:
            for code, problem in citation_problems(cite.page, cite.section, self.pages):
                self.error(cite.line, problem, case_id, code=code)


# -- compiling ---------------------------------------------------------------------------------


def compile_cases(
    path: Path, trees: dict[str, Tree], pages: PolicyPages | None, display: str | None = None
) -> CaseSet:
    """Compile one case file against the compiled trees, or raise CaseErrors naming file, line and
    case for every problem. With `pages` None, citations are not checked."""
    name = display or str(path)
    try:
        data = load_bytes(read_file(path, name), name, CASE_FILE)
    except TreeErrors as exc:
        raise _as_case_errors(exc) from None
    structure = _Structure(name)
    if not structure.check_cases(data):
        raise CaseErrors(structure.errors)
    builder = _Builder(name, data, trees, pages)
    case_set = builder.build()
    if builder.errors or case_set is None:
        raise CaseErrors(builder.errors)
    return case_set


def case_files(folder: Path) -> list[Path]:
    """The case files of a folder: one `<tree id>.yml` per walkthrough."""
    return sorted(Path(folder).glob("*.yml"))


def compile_all_cases(
    folder: Path, trees: dict[str, Tree], pages: PolicyPages | None, root: Path | None = None
) -> dict[str, CaseSet]:
    """Compile every case file in `folder`, reporting the problems of all files together."""
    found, errors = {}, []
    for path in case_files(folder):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        try:
            case_set = compile_cases(path, trees, pages, display)
        except CaseErrors as exc:
            errors.extend(exc.errors)
            continue
        found[case_set.tree] = case_set
    if errors:
        raise CaseErrors(errors)
    return found
