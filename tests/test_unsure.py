"""A walkthrough asks only what its reader can know (issue #11): every question a reader may not
know the answer to offers "I'm not sure", and each question left without one says why in its
tree file."""

from __future__ import annotations

import pytest
from support.project import ROOT

from decision_trees.compiler import compile_text, tree_files
from decision_trees.unsure import check_unsure, questions_without_unsure

IDS = [path.stem for path in tree_files(ROOT / "decision_trees")]


@pytest.mark.parametrize("tree_id", IDS)
def test_each_question_without_im_not_sure_says_why_its_reader_always_knows(trees, tree_id, capsys):
    tree = trees[tree_id]
    listed = questions_without_unsure(tree)
    with capsys.disabled():  # the list itself, for a reviewer reading the test output
        print(f"\n{tree_id}: {len(listed)} question(s) without 'I'm not sure'")
        for node_id, reason in listed:
            print(f"  {node_id}: {reason}")
    assert [str(problem) for problem in check_unsure(tree)] == []
    assert all(reason.strip() for _, reason in listed)


def _tree(first_question: str) -> str:
    return (
        "id: t\ntitle: {en: T, cy: T cy}\nintro: {en: I, cy: I cy}\nstart: ask\nnodes:\n"
        + first_question
        + "  - {id: a, type: outcome, verdict: info, title: {en: A, cy: A cy}, body: {en: B, cy: B cy},"
        " cites: [{page: p.md, section: s}]}\n"
    )


ANSWER = "{{id: {0}, label: {{en: {0}, cy: {0} cy}}, next: a{1}}}"


def test_a_question_with_neither_an_unsure_answer_nor_a_reason_is_reported():
    tree = compile_text(
        _tree(
            f"  - {{id: ask, type: question, question: {{en: Q, cy: Q cy}}, answers: [{ANSWER.format('x', '')}, "
            f"{ANSWER.format('y', '')}]}}\n"
        ),
        "t.yml",
        None,
    )
    assert [str(p) for p in check_unsure(tree)] == [
        "t.yml:6: node 'ask': offers no 'I'm not sure' answer: add one (unsure: true, listed last), "
        "or say in no_unsure_reason why the reader always knows the answer"
    ]
    assert [p.code for p in check_unsure(tree)] == ["no-unsure-answer"]


def test_a_reason_beside_an_unsure_answer_is_reported():
    unsure = "{id: u, label: {en: Not sure, cy: Ddim yn siŵr}, next: a, unsure: true}"
    tree = compile_text(
        _tree(
            f"  - {{id: ask, type: question, question: {{en: Q, cy: Q cy}}, no_unsure_reason: Everyone knows,"
            f" answers: [{ANSWER.format('x', '')}, {unsure}]}}\n"
        ),
        "t.yml",
        None,
    )
    assert [str(p) for p in check_unsure(tree)] == [
        "t.yml:6: node 'ask': offers 'I'm not sure', so no_unsure_reason does not apply: remove it"
    ]
    assert [p.code for p in check_unsure(tree)] == ["needless-unsure-reason"]
