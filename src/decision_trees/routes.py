"""Every route from the first question to an outcome, as a reviewed text file per tree.

A multiple question branches two ways (one or more options / none of these) and a checklist two
ways (every item ticked / some not ticked), so the list stays readable while covering every edge.
"""

from __future__ import annotations

from pathlib import Path

from site_translations.lang_spans import plain

from .model import Node, Tree
from .strings import strings

Route = list[tuple[Node, str]]  # [(node, branch), ..., (outcome, "")]


def all_routes(tree: Tree) -> list[Route]:
    """Each route from the start to an outcome; the graph is acyclic (validated)."""
    routes: list[Route] = []

    def visit(node: Node, trail: Route) -> None:
        if node.is_outcome:
            routes.append([*trail, (node, "")])
            return
        for branch, target in node.edges():
            visit(tree.nodes[target], [*trail, (node, branch)])

    visit(tree.nodes[tree.start], [])
    return routes


def branch_label(node: Node, branch: str, language: str) -> str:
    """The words for a way out of a node: the answer's label, or the branch's interface wording."""
    choice = node.choice(branch) if node.type == "question" else None
    return choice.label[language] if choice else strings(language)[f"branch_{branch}"]


def route_list_text(tree: Tree) -> str:
    """The reviewed route list: stable ids plus the English wording, one block per route."""
    routes = all_routes(tree)
    lines = [
        f"# {tree.id}: every route from the first question to an outcome ({len(routes)} routes).",
        "# Generated from the tree; review changes to it like code. Regenerate with:",
        "#   decision-trees routes --write",
        "",
    ]
    for number, route in enumerate(routes, 1):
        outcome = route[-1][0]
        lines.append(f"Route {number}: -> {outcome.id} [{outcome.verdict}] {plain(outcome.title['en'])}")
        for node, branch in route[:-1]:
            lines.append(
                f"  {node.id} = {branch}: {plain(node.question['en'])} -> {plain(branch_label(node, branch, 'en'))}"
            )
        lines.append("")
    return "\n".join(lines)


def route_list_file(trees_dir: Path, tree: Tree) -> Path:
    return Path(trees_dir) / "routes" / f"{tree.id}.txt"
