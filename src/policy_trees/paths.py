"""Every path from the first node to an outcome, as a reviewed text file per tree.

A multiple-answer question branches two ways (one or more options / none of these) and a checklist
two ways (all ticked / some not ticked), so the list stays readable while covering every edge.
"""

from __future__ import annotations

from pathlib import Path

from .model import Node, Tree

BRANCH_WORDS = {
    "en": {
        "any": "one or more of the options",
        "none": "none of these",
        "all": "every item ticked",
        "unmet": "one or more items not ticked",
    },
    "cy": {
        "any": "un neu ragor o'r opsiynau",
        "none": "dim un o'r rhain",
        "all": "pob eitem wedi'i thicio",
        "unmet": "un neu ragor o eitemau heb eu ticio",
    },
}


def all_paths(tree: Tree) -> list[list[tuple[Node, str]]]:
    """Each path as [(node, branch), ..., (outcome, "")]; the graph is acyclic (validated)."""
    paths: list[list[tuple[Node, str]]] = []

    def visit(node: Node, trail: list[tuple[Node, str]]):
        if node.is_outcome:
            paths.append([*trail, (node, "")])
            return
        for branch, target in node.edges():
            visit(tree.nodes[target], [*trail, (node, branch)])

    visit(tree.nodes[tree.start], [])
    return paths


def branch_label(node: Node, branch: str, language: str) -> str:
    answer = node.answer(branch) if node.type == "question" else None
    return answer.label[language] if answer else BRANCH_WORDS[language][branch]


def path_list_text(tree: Tree) -> str:
    """The reviewed path list: stable ids plus the English wording, one block per path."""
    paths = all_paths(tree)
    lines = [
        f"# {tree.id}: every path from the first question to an outcome ({len(paths)} paths).",
        "# Generated from the tree; review changes to it like code. Regenerate with:",
        "#   policy-trees paths --write",
        "",
    ]
    for number, path in enumerate(paths, 1):
        outcome = path[-1][0]
        lines.append(f"Path {number}: -> {outcome.id} [{outcome.verdict}] {outcome.title['en']}")
        for node, branch in path[:-1]:
            lines.append(
                f"  {node.id} = {branch}: {node.question['en']} -> {branch_label(node, branch, 'en')}"
            )
        lines.append("")
    return "\n".join(lines)


def path_list_file(trees_dir: Path, tree: Tree) -> Path:
    return Path(trees_dir) / "paths" / f"{tree.id}.txt"
