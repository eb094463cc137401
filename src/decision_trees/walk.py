"""Walk a tree with a set of answers, as the browser does: the single Python statement of how
answers lead from node to node. Scenarios, coverage and the tests all use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from .model import Choice, Node, Text, Tree

# A reader's answer to one node: a question's answer id; a multiple question's option ids or
# "none"; a checklist's ticked item ids (a single id may stand for a one-item list).
Answer: TypeAlias = str | list[str]


class WalkError(ValueError):
    """The answers do not fit the tree (unknown answer, missing answer, answer off the path)."""


@dataclass
class Step:
    node: Node
    choice: Answer
    branch: str  # the edge taken (see Node.edges)


@dataclass(frozen=True)
class Finding:
    """What an answer adds to the outcome, as the browser's walk marks it: a chosen option's
    finding, or a checklist item that was not ticked (its `unmet` text)."""

    kind: Literal["chosen", "unmet"]
    choice: Choice
    text: Text


@dataclass
class Walk:
    steps: list[Step] = field(default_factory=list)
    outcome: Node | None = None
    findings: list[Finding] = field(default_factory=list)
    current: Node | None = None  # where the walk stopped: the outcome, or the node still to answer

    @property
    def reached(self) -> Node:
        """The outcome, for a walk that got to one (a strict walk does, or raises WalkError)."""
        if self.outcome is None:
            where = f"'{self.current.id}'" if self.current else "the start"
            raise WalkError(f"the walk stopped at {where}, before an outcome")
        return self.outcome

    @property
    def path(self) -> list[str]:
        return [s.node.id for s in self.steps] + ([self.outcome.id] if self.outcome else [])


def branch_for(node: Node, choice: Answer) -> tuple[str, list[Finding]]:
    """The edge a choice takes out of a node, and the findings it adds. Raises WalkError."""
    if node.type == "question":
        if not isinstance(choice, str) or node.choice(choice) is None:
            raise WalkError(
                f"'{node.id}' has no answer {choice!r} (answers: {', '.join(a.id for a in node.choices)})"
            )
        return choice, []
    if node.type == "multiple":
        if choice == "none" or choice == ["none"]:
            return "none", []
        chosen = _ids(node, choice)
        if not chosen:
            raise WalkError(f"'{node.id}' needs one or more options, or 'none'")
        return "any", [Finding("chosen", a, a.finding) for a in node.choices if a.id in chosen and a.finding]
    if node.type == "checklist":
        ticked = _ids(node, choice)
        unticked = [a for a in node.choices if a.id not in ticked]
        return ("unmet" if unticked else "all"), [Finding("unmet", a, a.unmet) for a in unticked if a.unmet]
    raise WalkError(f"'{node.id}' is an outcome")


def _ids(node: Node, choice: Answer | None) -> set[str]:
    if choice is None or choice == "":
        return set()
    values = [choice] if isinstance(choice, str) else list(choice)
    unknown = [v for v in values if node.choice(str(v)) is None]
    if unknown:
        raise WalkError(
            f"'{node.id}' has no option {unknown[0]!r} (options: {', '.join(a.id for a in node.choices)})"
        )
    return {str(v) for v in values}


def walk(tree: Tree, answers: dict[str, Answer], strict: bool = True) -> Walk:
    """Follow `answers` ({node id: choice}) from the start to an outcome.

    strict: every answer must be used and every node on the path answered (scenarios). Otherwise
    stop at the first node without a valid answer (how the browser treats a URL)."""
    result = Walk()
    node = tree.nodes[tree.start]
    used = set()
    while not node.is_outcome:
        result.current = node
        if node.id not in answers:
            if strict:
                raise WalkError(
                    f"no answer for '{node.id}' (on the path after {' -> '.join(result.path) or 'the start'})"
                )
            return result
        try:
            branch, findings = branch_for(node, answers[node.id])
        except WalkError:
            if strict:
                raise
            return result
        used.add(node.id)
        result.steps.append(Step(node, answers[node.id], branch))
        result.findings.extend(findings)
        node = tree.nodes[dict(node.edges())[branch]]
    result.outcome = result.current = node
    extra = set(answers) - used
    if strict and extra:
        raise WalkError(f"answers for nodes not on the path: {', '.join(sorted(extra))}")
    return result
