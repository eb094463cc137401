"""Generated trees of a given shape (the tests and the benchmarks share them), and every route of a
small tree enumerated the slow, obvious way, to check the compact route list against."""

from __future__ import annotations

from decision_trees.model import Node, Tree

Route = list[tuple[Node, str]]  # [(node, branch), ..., (outcome, "")]

_HEADER = """\
id: {tree_id}
title: {{en: Generated tree, cy: Coeden a gynhyrchwyd}}
intro: {{en: A tree made by the tests., cy: Coeden a wnaed gan y profion.}}
start: {start}
answer_sets:
  yes-no:
    - {{id: "yes", label: {{en: "Yes", cy: "Ydy"}}}}
    - {{id: "no", label: {{en: "No", cy: "Nac ydy"}}}}
nodes:
"""
_QUESTION = """\
  - id: {id}
    type: question
    question: {{en: "Question {n}: is it so?", cy: "Cwestiwn {n}: ydy hi felly?"}}
    answers: {{set: yes-no, next: {{"yes": {yes}, "no": {no}}}}}
"""
_OUTCOME = """\
  - id: {id}
    type: outcome
    verdict: "{verdict}"
    title: {{en: Outcome {n}, cy: Canlyniad {n}}}
    body: {{en: The reason for outcome {n}., cy: Y rheswm dros ganlyniad {n}.}}
    cites: [{{page: policies/sample.md, section: alpha}}]
"""


def chain(questions: int, rejoin: bool = False, tree_id: str = "generated") -> str:
    """A chain of yes/no questions. Each 'yes' leads on to the next question; each 'no' leads to a
    'stop' outcome, or (rejoin) on to the next question too, so that the routes double with
    every question while the tree grows by one node."""
    nodes = []
    for n in range(1, questions + 1):
        following = f"q{n + 1}" if n < questions else "done"
        nodes.append(
            _QUESTION.format(
                id=f"q{n}", n=n, yes=following, no=following if rejoin and n < questions else "stop"
            )
        )
    nodes.append(_OUTCOME.format(id="done", n=1, verdict="yes"))
    nodes.append(_OUTCOME.format(id="stop", n=2, verdict="no"))
    return _HEADER.format(tree_id=tree_id, start="q1") + "".join(nodes)


def ladder(questions: int, tree_id: str = "generated") -> str:
    """A chain in which every question's 'no' leads to an outcome of its own: as many outcomes as
    questions, each reachable from every question before it (the route list's worst case)."""
    nodes = []
    for n in range(1, questions + 1):
        following = f"q{n + 1}" if n < questions else "last"
        nodes.append(_QUESTION.format(id=f"q{n}", n=n, yes=following, no=f"out{n}"))
    for n in range(1, questions + 1):
        nodes.append(_OUTCOME.format(id=f"out{n}", n=n, verdict="no"))
    nodes.append(_OUTCOME.format(id="last", n=questions + 1, verdict="yes"))
    return _HEADER.format(tree_id=tree_id, start="q1") + "".join(nodes)


def every_route(tree: Tree) -> list[Route]:
    """Every route from the start to an outcome, one by one (exponential: small trees only)."""
    routes: list[Route] = []
    stack: list[tuple[Node, Route]] = [(tree.nodes[tree.start], [])]
    while stack:
        node, trail = stack.pop()
        if node.is_outcome:
            routes.append([*trail, (node, "")])
            continue
        for branch, target in reversed(node.edges()):
            stack.append((tree.nodes[target], [*trail, (node, branch)]))
    return routes
