"""Scenario files read like the flow: given these answers, this outcome, or this next question.
The real trees' scenarios are run in test_trees.py; here, the scenario format itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.project import ROOT

from decision_trees import TreeErrors, compile_tree
from decision_trees.scenarios import check_scenarios, coverage, load_scenarios

SAMPLE = compile_tree(ROOT / "tests" / "trees" / "valid" / "sample.yml", None)


def scenarios(tmp_path: Path, body: str):
    file = tmp_path / "sample.yml"
    file.write_text("tree: sample\nscenarios:\n" + body, encoding="utf-8")
    return load_scenarios(file, "sample.yml")


def test_given_these_answers_the_next_question_is(tmp_path):
    loaded = scenarios(
        tmp_path,
        '  - {name: Yes leads to the colours, answers: {first: "yes"}, next: colours}\n'
        "  - {name: Nothing answered yet, answers: {}, next: first}\n"
        '  - {name: Red leads to the details, answers: {first: "yes", colours: [red]}, next: details}\n',
    )
    assert check_scenarios(SAMPLE, loaded, "sample.yml") == []


def test_a_next_question_that_is_not_where_the_walk_stops_is_reported(tmp_path):
    loaded = scenarios(
        tmp_path,
        '  - {name: Wrong, answers: {first: "yes"}, next: details}\n'
        '  - {name: Past it, answers: {first: "no"}, next: colours}\n'
        '  - {name: Off the route, answers: {first: "no", colours: [red]}, next: stop}\n',
    )
    assert [str(e) for e in check_scenarios(SAMPLE, loaded, "sample.yml")] == [
        "sample.yml:3: scenario 'Wrong' stops at 'colours', not 'details'",
        "sample.yml:4: scenario 'Past it' reaches 'stop', not 'colours'",
        "sample.yml:5: scenario 'Off the route': answers for nodes not on the path: colours",
    ]


def test_next_scenarios_count_towards_coverage_but_reach_no_outcome(tmp_path):
    loaded = scenarios(tmp_path, '  - {name: Yes, answers: {first: "yes"}, next: colours}\n')
    report = coverage(SAMPLE, loaded)
    assert ("first", "yes") in report.exercised and report.outcomes == set()


@pytest.mark.parametrize(
    "entry",
    [
        '  - {name: Both, answers: {first: "no"}, outcome: stop, next: first}\n',
        '  - {name: Neither, answers: {first: "no"}}\n',
        '  - {name: Extra, answers: {first: "no"}, outcome: stop, why: because}\n',
    ],
)
def test_a_scenario_needs_exactly_one_of_outcome_and_next(tmp_path, entry):
    with pytest.raises(TreeErrors) as raised:
        scenarios(tmp_path, entry)
    assert str(raised.value) == (
        "sample.yml:3: each scenario has a name, answers, and either an outcome or a next question"
    )
