"""Scenario files and the coverage they give a tree. A scenario reads like the flow: given these
answers, the walk ends at this outcome (`outcome:`), or stops at this next question (`next:`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import TreeError, TreeErrors, as_text
from .loader import LDict, LList, load_file
from .model import Tree
from .walk import Answer, WalkError, walk


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: dict[str, Answer]
    outcome: str | None  # the outcome the answers reach, or
    next: str | None  # the question they stop at (the next node to answer)
    line: int

    @property
    def expected(self) -> str:
        return self.outcome or self.next or ""


def scenario_file(trees_dir: Path, tree: Tree) -> Path:
    return Path(trees_dir) / "scenarios" / f"{tree.id}.yml"


def load_scenarios(path: Path, display: str | None = None) -> list[Scenario]:
    name = display or str(path)
    data = load_file(path, name)
    errors = []
    if not isinstance(data, LDict) or not isinstance(data.get("scenarios"), LList):
        raise TreeErrors(
            [
                TreeError(
                    name,
                    getattr(data, "line", 1),
                    "a scenario file needs 'tree' and a list of 'scenarios'",
                    code="scenario-format",
                )
            ]
        )
    out = []
    for item in data["scenarios"]:
        keys = set(item) if isinstance(item, LDict) else set()
        if not ({"name", "answers"} <= keys and len(keys & {"outcome", "next"}) == 1) or keys - _KEYS:
            errors.append(
                TreeError(
                    name,
                    getattr(item, "line", None),
                    "each scenario has a name, answers, and either an outcome or a next question",
                    code="scenario-format",
                )
            )
            continue
        if not isinstance(item["answers"], LDict):
            errors.append(
                TreeError(
                    name,
                    item.line,
                    "a scenario's answers are a mapping of node id to answer",
                    code="scenario-format",
                )
            )
            continue
        out.append(
            Scenario(
                as_text(item["name"]),
                {k: _plain(v) for k, v in item["answers"].items()},
                _optional(item.get("outcome")),
                _optional(item.get("next")),
                item.line,
            )
        )
    if errors:
        raise TreeErrors(errors)
    return out


_KEYS = {"name", "answers", "outcome", "next"}


def _optional(value: object) -> str | None:
    return None if value is None else as_text(value)


def _plain(value: object) -> Answer:
    return (
        [as_text(v) for v in value] if isinstance(value, list) else ("" if value is None else as_text(value))
    )


def check_scenarios(tree: Tree, scenarios: list[Scenario], file: str) -> list[TreeError]:
    """Each scenario walks the tree to its expected outcome, or stops at its expected question."""
    errors = []
    for s in scenarios:
        try:
            result = walk(tree, s.answers, strict=s.outcome is not None)
            unused = set(s.answers) - {step.node.id for step in result.steps}
            if unused:
                raise WalkError(f"answers for nodes not on the path: {', '.join(sorted(unused))}")
        except WalkError as exc:
            errors.append(TreeError(file, s.line, f"scenario '{s.name}': {exc}", code="scenario-mismatch"))
            continue
        reached = result.current.id if result.current else tree.start
        if reached != s.expected:
            where = "reaches" if result.outcome else "stops at"
            errors.append(
                TreeError(
                    file,
                    s.line,
                    f"scenario '{s.name}' {where} '{reached}', not '{s.expected}'",
                    code="scenario-mismatch",
                )
            )
    return errors


@dataclass
class Coverage:
    tree: Tree
    exercised: set = field(default_factory=set)  # (node id, answer/option/item/branch id)
    outcomes: set = field(default_factory=set)

    def required(self) -> set:
        """What the scenarios must exercise: every answer, every option and 'none', every checklist
        item left unticked and the all-ticked route."""
        need = set()
        for node in self.tree.questions:
            if node.type == "question":
                need |= {(node.id, a.id) for a in node.choices}
            elif node.type == "multiple":
                need |= {(node.id, a.id) for a in node.choices} | {(node.id, "none")}
            else:
                need |= {(node.id, f"not {a.id}") for a in node.choices} | {(node.id, "all")}
        return need

    @property
    def missing_answers(self) -> list[tuple[str, str]]:
        return sorted(self.required() - self.exercised)

    @property
    def missing_outcomes(self) -> list[str]:
        return [n.id for n in self.tree.outcomes if n.id not in self.outcomes]

    @property
    def complete(self) -> bool:
        return not self.missing_answers and not self.missing_outcomes

    def report(self) -> str:
        need = self.required()
        lines = [
            f"{self.tree.id}: {len(need & self.exercised)}/{len(need)} answers, "
            f"{len(self.outcomes)}/{len(self.tree.outcomes)} outcomes exercised by scenarios"
        ]
        lines += [f"  answer not exercised: {node} = {answer}" for node, answer in self.missing_answers]
        lines += [f"  outcome not reached: {o}" for o in self.missing_outcomes]
        return "\n".join(lines)


def coverage(tree: Tree, scenarios: list[Scenario]) -> Coverage:
    cov = Coverage(tree)
    for s in scenarios:
        try:
            result = walk(tree, s.answers, strict=s.outcome is not None)
        except WalkError:
            continue
        if result.outcome:
            cov.outcomes.add(result.outcome.id)
        for step in result.steps:
            node = step.node
            if node.type == "question":
                cov.exercised.add((node.id, step.choice))
            elif node.type == "multiple":
                chosen = (
                    ["none"]
                    if step.branch == "none"
                    else ([step.choice] if isinstance(step.choice, str) else step.choice)
                )
                cov.exercised |= {(node.id, c) for c in chosen}
            else:
                ticked = set(
                    [step.choice] if isinstance(step.choice, str) and step.choice else step.choice or []
                )
                cov.exercised |= {(node.id, f"not {a.id}") for a in node.choices if a.id not in ticked}
                if step.branch == "all":
                    cov.exercised.add((node.id, "all"))
    return cov
