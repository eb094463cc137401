"""A walkthrough asks only what its reader can know: a question without an "I'm not sure"
answer must say, in the tree file, why its reader always knows the answer.

Reported by `decision-trees lint` and enforced by the tests on the real trees, not by the
compiler: it is a rule about content, which a content reviewer may weigh, not a broken file."""

from __future__ import annotations

from .errors import TreeError
from .model import Tree


def check_unsure(tree: Tree) -> list[TreeError]:
    errors = []
    for node in tree.questions:
        if node.offers_unsure and node.no_unsure_reason:
            errors.append(
                TreeError(
                    tree.file,
                    node.line,
                    "offers 'I'm not sure', so no_unsure_reason does not apply: remove it",
                    node.id,
                    code="needless-unsure-reason",
                    severity="warning",
                )
            )
        elif not node.offers_unsure and not (node.no_unsure_reason or "").strip():
            errors.append(
                TreeError(
                    tree.file,
                    node.line,
                    "offers no 'I'm not sure' answer: add one (unsure: true, listed last), or say in "
                    "no_unsure_reason why the reader always knows the answer",
                    node.id,
                    code="no-unsure-answer",
                    severity="warning",
                )
            )
    return errors


def questions_without_unsure(tree: Tree) -> list[tuple[str, str]]:
    """(node id, the reason given) for every question that offers no 'I'm not sure'."""
    return [(n.id, n.no_unsure_reason or "") for n in tree.questions if not n.offers_unsure]
