"""How each outcome is reached, for trainers and reviewers, in a form that grows with the tree and
never with its number of routes (answers that rejoin double the routes with every question).

For each outcome, the questions that can be asked on the way to it, each with the answers that keep
the outcome in reach. That is exact: a walk ends at the outcome if and only if every question it
asks is answered with one of the answers listed under the outcome (the other answers lead where the
outcome can no longer be reached, and every walk ends at some outcome). A multiple question branches
two ways (one or more options / none of these) and a checklist two ways (every item ticked / some
not ticked).

`route_table` gives this as plain data (ids and counts, no wording); `route_list_text` is the
reviewed text file per tree, and render_html.py shows the same for trainers. Nothing here recurses:
a chain of thousands of questions is as easy as a short one.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_translations.lang_spans import plain

from .model import Node, Tree
from .strings import strings

if TYPE_CHECKING:
    from .tree_format import Language


@dataclass(frozen=True)
class Condition:
    """One question on the way to an outcome, and the branches of it that keep the outcome in reach:
    answer ids for a question; "any"/"none" for a multiple question; "all"/"unmet" for a checklist."""

    question: str
    branches: tuple[str, ...]
    any_answer: bool  # every branch keeps the outcome in reach: the answer does not matter


@dataclass(frozen=True)
class OutcomeRoutes:
    outcome: str
    routes: int  # how many distinct routes from the start end here
    conditions: tuple[Condition, ...]  # in an order the questions can be asked in


def asking_order(tree: Tree) -> list[str]:
    """Every node reachable from the start, each after every node that can lead to it; among nodes
    that could come next, the one first in the file (so the order reads like the file)."""
    position = {node_id: index for index, node_id in enumerate(tree.nodes)}
    waiting: dict[str, int] = {}
    for node in tree.nodes.values():
        for target in {t for _, t in node.edges()}:
            waiting[target] = waiting.get(target, 0) + 1
    ready = [(position[tree.start], tree.start)]
    order = []
    while ready:
        _, node_id = heapq.heappop(ready)
        order.append(node_id)
        for target in {t for _, t in tree.nodes[node_id].edges()}:
            waiting[target] -= 1
            if not waiting[target]:
                heapq.heappush(ready, (position[target], target))
    return order


def _outcomes_in_reach(tree: Tree, order: list[str]) -> dict[str, int]:
    """For each node, the outcomes reachable from it, as a bit set (bit i: the i-th outcome)."""
    bit = {outcome.id: 1 << index for index, outcome in enumerate(tree.outcomes)}
    reach: dict[str, int] = {}
    for node_id in reversed(order):
        node = tree.nodes[node_id]
        if node.is_outcome:
            reach[node_id] = bit[node_id]
        else:
            mask = 0
            for _, target in node.edges():
                mask |= reach[target]
            reach[node_id] = mask
    return reach


def route_entries(tree: Tree, stop_above: int | None = None) -> int:
    """How many conditions the route list holds: for each outcome, one per question on the way to
    it. Counted outcome by outcome, walking back from each; with `stop_above`, counting stops as
    soon as the count passes it, so the work is bounded by that limit, not by the tree."""
    comes_from: dict[str, list[str]] = {}
    for node in tree.nodes.values():
        for target in {t for _, t in node.edges()}:
            comes_from.setdefault(target, []).append(node.id)
    total = 0
    for outcome in tree.outcomes:
        seen = {outcome.id}
        stack = [outcome.id]
        while stack:
            for source in comes_from.get(stack.pop(), ()):
                if source not in seen:
                    seen.add(source)
                    stack.append(source)
                    total += 1
                    if stop_above is not None and total > stop_above:
                        return total
    return total


def route_table(tree: Tree) -> list[OutcomeRoutes]:
    """For each outcome (in file order): how many routes end there, and the conditions that reach
    it. Size: outcomes times questions at most (bounded by limits.MAX_ROUTE_ENTRIES)."""
    order = asking_order(tree)
    reach = _outcomes_in_reach(tree, order)
    ways = dict.fromkeys(order, 0)  # routes from the start to each node
    ways[tree.start] = 1
    for node_id in order:
        for _, target in tree.nodes[node_id].edges():
            ways[target] += ways[node_id]
    questions = [tree.nodes[n] for n in order if not tree.nodes[n].is_outcome]
    table = []
    for index, outcome in enumerate(tree.outcomes):
        bit = 1 << index
        conditions = []
        for node in questions:
            if reach[node.id] & bit:
                edges = node.edges()
                kept = tuple(branch for branch, target in edges if reach[target] & bit)
                conditions.append(Condition(node.id, kept, len(kept) == len(edges)))
        table.append(OutcomeRoutes(outcome.id, ways[outcome.id], tuple(conditions)))
    return table


def branch_label(node: Node, branch: str, language: Language) -> str:
    """The words for a way out of a node: the answer's label, or the branch's interface wording."""
    choice = node.choice(branch) if node.type == "question" else None
    return choice.label[language] if choice else strings(language)[f"branch_{branch}"]


def count_text(count: int) -> str:
    """A count for a header: 41, or "more than a billion" (a count can have hundreds of digits)."""
    return f"{count:,}" if count < 10**9 else "more than a billion"


def route_list_text(tree: Tree) -> str:
    """The reviewed route list: stable ids plus the English wording, one block per outcome."""
    table = route_table(tree)
    total = sum(entry.routes for entry in table)
    lines = [
        f"# {tree.id}: how each outcome is reached ({count_text(total)} routes from the first question).",
        "# An outcome is reached when every question asked on the way is answered as listed under",
        "# it; a question not listed is never asked on the way there.",
        "# Generated from the tree; review changes to it like code. Regenerate with:",
        "#   decision-trees routes --write",
        "",
    ]
    for entry in table:
        outcome = tree.nodes[entry.outcome]
        routes = "1 route" if entry.routes == 1 else f"{count_text(entry.routes)} routes"
        lines.append(f"{outcome.id} [{outcome.verdict}] {plain(outcome.heading['en'])} ({routes})")
        for condition in entry.conditions:
            node = tree.nodes[condition.question]
            if condition.any_answer:
                lines.append(f"  {node.id}, any answer: {plain(node.asks['en'])}")
                continue
            labels = " | ".join(plain(branch_label(node, b, "en")) for b in condition.branches)
            lines.append(
                f"  {node.id} = {' | '.join(condition.branches)}: {plain(node.asks['en'])} -> {labels}"
            )
        lines.append("")
    return "\n".join(lines)


def route_list_file(trees_dir: Path, tree: Tree) -> Path:
    return Path(trees_dir) / "routes" / f"{tree.id}.txt"
