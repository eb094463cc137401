"""The tree as a graph: references, reachability, cycles and dead ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import TreeError
from .model import Tree

if TYPE_CHECKING:
    from .model import Node


def check_graph(
    tree: Tree, start_line: int, edge_lines: dict[tuple[str, str], int] | None = None
) -> list[TreeError]:
    """References, reachability, cycles and dead ends."""
    errors: list[TreeError] = []
    nodes = tree.nodes

    def edge_line(node: Node, branch: str) -> int:
        return (edge_lines or {}).get((node.id, branch), node.line)

    if tree.start not in nodes:
        errors.append(
            TreeError(
                tree.file, start_line, f"start refers to unknown node '{tree.start}'", code="unknown-node"
            )
        )
        return errors
    if nodes[tree.start].is_outcome:
        errors.append(
            TreeError(
                tree.file,
                start_line,
                f"start is '{tree.start}', an outcome: a walkthrough starts with a question "
                "(a question, multiple or checklist node)",
                code="start-is-outcome",
            )
        )
        return errors
    bad_refs = False
    in_reported_cycle: set[str] = set()  # one cycle report per node, however many edges close it
    for node in nodes.values():
        for branch, target in node.edges():
            if target not in nodes:
                errors.append(
                    TreeError(
                        tree.file,
                        edge_line(node, branch),
                        f"'{branch}' leads to unknown node '{target}'",
                        node.id,
                        code="unknown-node",
                    )
                )
                bad_refs = True
            elif target == tree.start:
                errors.append(
                    TreeError(
                        tree.file,
                        edge_line(node, branch),
                        f"'{branch}' leads back to the first node '{target}' (a cycle)",
                        node.id,
                        code="cycle",
                    )
                )
                in_reported_cycle.add(node.id)
    if bad_refs:
        return errors

    reached, stack = {tree.start}, [tree.start]
    while stack:
        for _, target in nodes[stack.pop()].edges():
            if target not in reached:
                reached.add(target)
                stack.append(target)
    for node in nodes.values():
        if node.id not in reached:
            errors.append(
                TreeError(
                    tree.file,
                    node.line,
                    "no path from the start reaches this node",
                    node.id,
                    code="unreachable",
                )
            )

    # Cycles: iterative depth-first search, reporting the loop itself.
    state: dict[str, int] = {}
    for root in nodes:
        if state.get(root):
            continue
        path, iters = [root], [iter(nodes[root].edges())]
        state[root] = 1
        while path:
            step = next(iters[-1], None)
            if step is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            branch, target = step
            if state.get(target) == 1:
                loop = [*path[path.index(target) :], target]
                if path[-1] not in in_reported_cycle:
                    in_reported_cycle.add(path[-1])
                    errors.append(
                        TreeError(
                            tree.file,
                            edge_line(nodes[path[-1]], branch),
                            "cycle: " + " -> ".join(loop),
                            path[-1],
                            code="cycle",
                        )
                    )
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                iters.append(iter(nodes[target].edges()))

    # Dead ends: nodes from which no outcome can be reached (walking the edges backwards from the
    # outcomes: each edge once).
    comes_from: dict[str, list[str]] = {}
    for node in nodes.values():
        for _, target in node.edges():
            comes_from.setdefault(target, []).append(node.id)
    leads_to_outcome = {n.id for n in tree.outcomes}
    stack = list(leads_to_outcome)
    while stack:
        for source in comes_from.get(stack.pop(), ()):
            if source not in leads_to_outcome:
                leads_to_outcome.add(source)
                stack.append(source)
    if not tree.outcomes:  # then every node is a dead end: say it once
        errors.append(TreeError(tree.file, None, "the tree has no outcome", code="no-outcome"))
        return errors
    for node in nodes.values():
        if node.id not in leads_to_outcome:
            errors.append(
                TreeError(
                    tree.file, node.line, "no outcome can be reached from this node", node.id, code="dead-end"
                )
            )
    return errors
