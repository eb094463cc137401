"""Practice cases as data: the real case files compile against the real trees, there are enough of
them and they reach every outcome; their Welsh is proofed and on the term list; a broken case file
fails with exactly the expected file:line messages, naming the case; and a change to a tree that
breaks a case stops the build (the compiler, the command line and the site build, which then writes
nothing).

The broken files are small changes to tests/cases/trees/cases/sample.yml, the cases of the small
tree tests/cases/trees/sample.yml, whose citations point at tests/cases/fixture_docs/, so the real
trees and pages can change freely.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.project import ROOT, copy_project, run_build

from decision_trees import case_format, compile_tree
from decision_trees.cases import CaseErrors, compile_all_cases, compile_cases
from decision_trees.cli import main as cli
from decision_trees.json_schema import case_schema_text
from decision_trees.policy_pages import PolicyPages
from decision_trees.strings import strings
from decision_trees.walk import walk
from site_translations import checks, proofing, terms, welsh_sources

HERE = ROOT / "tests" / "cases"
FIXTURE_PAGES = PolicyPages(HERE / "fixture_docs")
TREE_TEXT = (HERE / "trees" / "sample.yml").read_text(encoding="utf-8")
SAMPLE = (HERE / "trees" / "cases" / "sample.yml").read_text(encoding="utf-8")
NAME = "cases/sample.yml"
REAL_FILES = sorted((ROOT / "decision_trees" / "cases").glob("*.yml"))
MIN_CASES = 6  # issue #12: at least six cases per walkthrough


@pytest.fixture(scope="module")
def sample_tree():
    return compile_tree(HERE / "trees" / "sample.yml", FIXTURE_PAGES)


def compile_text(text: str, tmp_path: Path, trees: dict, name: str = "sample.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return compile_cases(path, trees, FIXTURE_PAGES, f"cases/{name}")


def errors_of(text: str, tmp_path: Path, trees: dict, name: str = "sample.yml") -> list[str]:
    with pytest.raises(CaseErrors) as info:
        compile_text(text, tmp_path, trees, name)
    return [str(e) for e in info.value.errors]


def changed(old: str, new: str, text: str = SAMPLE) -> str:
    assert text.count(old) == 1, f"{old!r} is not once in the sample"
    return text.replace(old, new)


# -- the real cases ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(trees):
    return compile_all_cases(ROOT / "decision_trees" / "cases", trees, PolicyPages(ROOT / "docs"), ROOT)


def test_every_walkthrough_has_at_least_six_cases_and_thirty_in_all(real, trees):
    assert sorted(real) == sorted(trees), "every walkthrough has a case file"
    for tree_id, case_set in real.items():
        assert len(case_set.cases) >= MIN_CASES, tree_id
    assert sum(len(case_set.cases) for case_set in real.values()) >= 30


def test_the_cases_reach_every_outcome_of_every_walkthrough(real, trees):
    for tree_id, case_set in real.items():
        missing = [o.id for o in trees[tree_id].outcomes if o.id not in case_set.outcomes_covered()]
        assert missing == [], f"{tree_id}: no case reaches {missing}"


def test_each_case_walks_its_tree_to_its_outcome_and_offers_it_among_the_choices(real, trees):
    for tree_id, case_set in real.items():
        for case in case_set.cases:
            assert walk(trees[tree_id], case.answers).outcome.id == case.outcome, case.id
            assert case.outcome in case.choices and len(case.choices) <= case_format.MAX_CHOICES


def test_the_session_plans_use_every_case_and_last_under_an_hour_and_a_half(real):
    for tree_id, case_set in real.items():
        used = {c for step in case_set.session for c in step.cases}
        assert used == {c.id for c in case_set.cases}, tree_id
        assert 30 <= case_set.minutes <= 90, tree_id


def test_the_welsh_checks_read_every_case_and_the_training_strings_and_find_nothing():
    """The project's Welsh checks (spelling, mutations, the term list, language marks) cover the cases
    and the practice pages' wording; test_welsh_language.py fails on any problem they find there."""
    passages = welsh_sources.all_passages(ROOT)
    read = {(p.file, p.node) for p in passages}
    for path, case_set in ((p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in REAL_FILES):
        file = path.relative_to(ROOT).as_posix()
        assert {(file, case["id"]) for case in case_set["cases"]} <= read, file
        assert any(p.file == file and p.where.startswith("session") for p in passages), file
    strings_file = "src/decision_trees/strings/training.cy.yml"
    assert {p.where for p in passages if p.file == strings_file} == {
        f"key {k}" for k in strings("cy", "training")
    }
    ours = [p for p in passages if p.file.startswith("decision_trees/cases/") or p.file == strings_file]
    allow = proofing.load_allowlist(ROOT / proofing.ALLOWLIST)
    term_list = terms.load_terms(ROOT / terms.TERMS)
    problems = (
        checks.proof_passages(ours, allow)
        + terms.aligned_problems(ours, term_list)
        + terms.avoided_problems(ours, term_list)
    )
    assert problems == [], "\n".join(map(str, problems))


def test_the_welsh_checks_name_the_case_of_a_problem(tmp_path, sample_tree):
    path = tmp_path / "decision_trees" / "cases" / "sample.yml"
    path.parent.mkdir(parents=True)
    path.write_text(changed("Mae rhywun yn dweud diolch.", "Mae rhywun yn dweud diolchh."), encoding="utf-8")
    passages = welsh_sources.tree_passages(path, tmp_path, "cases")
    problems = checks.proof_passages(passages, set())
    assert [(p.file, p.line, p.node, p.check) for p in problems] == [
        ("decision_trees/cases/sample.yml", 21, "thanks", "spelling")
    ]
    path.write_text(changed("Pam mae'n cyfrif?", "Pam mae'n cyfrif ar [Twitter]{lang=xx}?"), encoding="utf-8")
    assert [p.line for p in checks.mark_problems(tmp_path)] == [18]


def test_the_interface_strings_exist_in_both_languages_with_the_same_placeholders():
    en, cy = strings("en", "training"), strings("cy", "training")
    assert list(en) == list(cy) and all(en.values()) and all(cy.values())
    for key in en:
        assert sorted(re.findall(r"\{(\w+)\}", en[key])) == sorted(re.findall(r"\{(\w+)\}", cy[key])), key


def test_the_json_schema_is_up_to_date_and_the_real_files_satisfy_it():
    import jsonschema

    committed = ROOT / "decision_trees" / "case.schema.json"
    assert committed.read_text(encoding="utf-8") == case_schema_text(), (
        "run `decision-trees cases --schema --write`"
    )
    schema = json.loads(case_schema_text())
    for path in REAL_FILES:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(changed("    - minutes: 10", "    - minutes: ten")), schema)


# -- broken files -----------------------------------------------------------------------------


def test_the_sample_compiles_when_nothing_is_broken(tmp_path, sample_tree):
    case_set = compile_text(SAMPLE, tmp_path, {"sample": sample_tree})
    assert [c.id for c in case_set.cases] == ["full-details", "thanks"]
    assert case_set.cases[0].choices == ("valid", "missing", "not-a-request")  # all, when not listed
    assert case_set.cases[1].choices == ("valid", "not-a-request")
    assert case_set.cases[1].cites[0].line == 25 and case_set.minutes == 10


BROKEN = {
    "answers that reach another outcome": (
        ("      details: [name, address]", "      details: [name]"),
        [
            f"{NAME}:14: case 'full-details': the answers reach 'missing', not 'valid': the tree or the "
            "case has changed; walk the tree with the story and correct whichever is wrong"
        ],
    ),
    "an answer to a question the tree does not have": (
        ('    answers: {asks: "no"}', '    answers: {ask: "no"}'),
        [f"{NAME}:22: case 'thanks': 'ask' is not a question of sample (did you mean 'asks'?)"],
    ),
    "an answer the question does not have": (
        ('    answers: {asks: "no"}', '    answers: {asks: "maybe"}'),
        [
            f"{NAME}:22: case 'thanks': the answers do not walk sample to an outcome: 'asks' has no answer "
            "'maybe' (answers: yes, no, not-sure)"
        ],
    ),
    "a question on the route left unanswered": (
        ("      details: [name, address]\n", ""),
        [
            f"{NAME}:12: case 'full-details': the answers do not walk sample to an outcome: no answer for "
            "'details' (on the path after asks)"
        ],
    ),
    "an answer off the route": (
        ('    answers: {asks: "no"}', '    answers: {asks: "no", details: [name]}'),
        [
            f"{NAME}:22: case 'thanks': the answers do not walk sample to an outcome: answers for nodes "
            "not on the path: details"
        ],
    ),
    "an outcome the tree does not have": (
        ("    outcome: valid\n", "    outcome: vaild\n"),
        [f"{NAME}:14: case 'full-details': 'vaild' is not an outcome of sample (did you mean 'valid'?)"],
    ),
    "a bare yes": (
        ('      asks: "yes"', "      asks: yes"),
        [
            f"{NAME}:12: case 'full-details': the answer to 'asks': YAML reads a bare yes as true/false; "
            'write "yes" in quotes'
        ],
    ),
    "a choice that is not an outcome": (
        ("choices: [valid, not-a-request]", "choices: [valid, not-a-request, nope]"),
        [
            f"{NAME}:24: case 'thanks': choice 'nope' is not an outcome of sample (valid, missing, not-a-request)"
        ],
    ),
    "a choice listed twice": (
        ("choices: [valid, not-a-request]", "choices: [not-a-request, valid, valid]"),
        [f"{NAME}:24: case 'thanks': choice 'valid' is listed twice"],
    ),
    "choices without the case's outcome": (
        ("choices: [valid, not-a-request]", "choices: [valid, missing]"),
        [f"{NAME}:24: case 'thanks': the choices leave out the case's own outcome 'not-a-request'"],
    ),
    "a single choice": (
        ("choices: [valid, not-a-request]", "choices: [not-a-request]"),
        [f"{NAME}:24: case 'thanks': 'choices' needs at least 2 entries (has 1)"],
    ),
    "three discussion points": (
        (
            '      - {en: "Is anything asked?", cy: "A ofynnir am unrhyw beth?"}\n',
            '      - {en: "Is anything asked?", cy: "A ofynnir am unrhyw beth?"}\n'
            "      - {en: Two, cy: Dau}\n      - {en: Three, cy: Tri}\n",
        ),
        [f"{NAME}:26: case 'thanks': 3 discussion points: give one or two (at most 2)"],
    ),
    "no discussion points": (
        ('    discussion:\n      - {en: "Is anything asked?", cy: "A ofynnir am unrhyw beth?"}\n', ""),
        [f"{NAME}:19: case 'thanks': case is missing required field 'discussion'"],
    ),
    "a story without its Welsh": (
        (
            "{en: Someone says thank you., cy: Mae rhywun yn dweud diolch.}",
            "{en: Someone says thank you.}",
        ),
        [f"{NAME}:21: case 'thanks': 'story' has no Welsh text (cy)"],
    ),
    "a citation to a missing section": (
        ("section: beta}]", "section: gamma}]"),
        [
            f"{NAME}:25: case 'thanks': citation section 'gamma' is not a heading id of docs/cy/policies/sample.md",
            f"{NAME}:25: case 'thanks': citation section 'gamma' is not a heading id of docs/en/policies/sample.md",
        ],
    ),
    "a citation to a section missing in Welsh": (
        ("section: beta}]", "section: only-in-english}]"),
        [
            f"{NAME}:25: case 'thanks': citation section 'only-in-english' is not a heading id of "
            "docs/cy/policies/sample.md"
        ],
    ),
    "an outcome without a reason": (
        ("  missing: {en: A detail is missing., cy: Mae manylyn ar goll.}\n", ""),
        [f"{NAME}:4: no reason for outcome 'missing': the pack's route table gives one per outcome"],
    ),
    "a reason for an outcome the tree does not have": (
        ("  missing: {en: A detail", "  mising: {en: A detail"),
        [
            f"{NAME}:4: no reason for outcome 'missing': the pack's route table gives one per outcome",
            f"{NAME}:5: reason for 'mising', which is not an outcome of sample (did you mean 'missing'?)",
        ],
    ),
    "a duplicate case id": (
        ("  - id: thanks", "  - id: full-details"),
        [
            f"{NAME}:19: case 'full-details': duplicate case id 'full-details' (first at line 8)",
            f"{NAME}:33: the session plan names case 'thanks', which is not in this file (full-details)",
        ],
    ),
    "a reserved case id": (
        ("  - id: thanks", "  - id: case"),
        [
            f"{NAME}:19: case 'case': case id 'case' is reserved: the practice page's address uses it",
            f"{NAME}:33: the session plan names case 'thanks', which is not in this file (case, full-details)",
        ],
    ),
    "a session step naming a case that is not there": (
        ("cases: [full-details, thanks]", "cases: [full-details, thank]"),
        [
            f"{NAME}:33: the session plan names case 'thank', which is not in this file (did you mean 'thanks'?)"
        ],
    ),
    "minutes that are not a number": (
        ("    - minutes: 10", "    - minutes: ten"),
        [f"{NAME}:30: 'minutes' must be a whole number from 1 to 180 (got 'ten')"],
    ),
    "minutes out of range": (
        ("    - minutes: 10", "    - minutes: 0"),
        [f"{NAME}:30: 'minutes' must be a whole number from 1 to 180 (got 0)"],
    ),
    "a tree that is not the file's": (
        ("tree: sample", "tree: other"),
        [
            f"{NAME}:2: no walkthrough 'other' (sample)",
            f"{NAME}:2: tree 'other' must match the file name 'sample.yml'",
        ],
    ),
    "an unknown field": (
        ("    outcome: valid\n", "    outcome: valid\n    outcomes: valid\n"),
        [f"{NAME}:15: case 'full-details': unknown field 'outcomes' in case (did you mean 'outcome'?)"],
    ),
    "an alias": (
        ('    answers: {asks: "no"}', '    answers: &no {asks: "no"}'),
        [f"{NAME}:22: YAML anchors and aliases (&name, *name) are not allowed; write each case out in full"],
    ),
    "a YAML syntax error": (
        ("    title: {en: Thanks, cy: Diolch}", "    title: {en: Thanks: a lot, cy: Diolch}"),
        [
            f"{NAME}:20: YAML syntax error: while parsing a flow mapping expected ',' or '}}', but got ':' "
            "(inside { } or [ ], text containing , : [ ] { } must be in quotes)"
        ],
    ),
    "not a mapping": (
        (SAMPLE[SAMPLE.index("tree: sample") :], "- a list\n"),
        [f"{NAME}:2: a case file must be a mapping with tree, reasons, cases and session"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_case_file_fails_with_exactly_the_expected_messages(case, tmp_path, sample_tree):
    (old, new), expected = BROKEN[case]
    assert errors_of(changed(old, new), tmp_path, {"sample": sample_tree}) == expected


# The code each kind of problem carries (decision_trees/errors.py), as a tree's problems do.
BROKEN_CODES = {
    "answers that reach another outcome": {"case-mismatch"},
    "an answer the question does not have": {"case-mismatch"},
    "an answer to a question the tree does not have": {"unknown-node"},
    "an outcome the tree does not have": {"unknown-node"},
    "a bare yes": {"bare-boolean"},
    "a choice listed twice": {"duplicate-id"},
    "choices without the case's outcome": {"choices-without-outcome"},
    "three discussion points": {"too-many-entries"},
    "a story without its Welsh": {"missing-language"},
    "a citation to a missing section": {"citation-section"},
    "an outcome without a reason": {"missing-reason"},
    "a reason for an outcome the tree does not have": {"unknown-node", "missing-reason"},
    "a duplicate case id": {"duplicate-id", "unknown-case"},
    "a reserved case id": {"reserved-id", "unknown-case"},
    "a session step naming a case that is not there": {"unknown-case"},
    "minutes out of range": {"wrong-type"},
    "an alias": {"yaml-anchor"},
}


@pytest.mark.parametrize("case", sorted(BROKEN_CODES))
def test_a_broken_case_file_gives_each_problem_its_code(case, tmp_path, sample_tree):
    (old, new), _ = BROKEN[case]
    with pytest.raises(CaseErrors) as info:
        compile_text(changed(old, new), tmp_path, {"sample": sample_tree})
    assert {e.code for e in info.value.errors} == BROKEN_CODES[case]


def test_a_case_file_for_a_walkthrough_that_does_not_exist_is_unknown_tree(tmp_path, sample_tree):
    with pytest.raises(CaseErrors) as info:
        compile_text(SAMPLE, tmp_path, {"other": sample_tree})
    assert [e.code for e in info.value.errors] == ["unknown-tree"]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_windows_line_endings_give_the_same_messages(case, tmp_path, sample_tree):
    (old, new), expected = BROKEN[case]
    path = tmp_path / "sample.yml"
    path.write_bytes(changed(old, new).replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(CaseErrors) as info:
        compile_cases(path, {"sample": sample_tree}, FIXTURE_PAGES, NAME)
    assert [str(e) for e in info.value.errors] == expected


def test_an_empty_file_is_named(tmp_path, sample_tree):
    assert errors_of("# nothing yet\n", tmp_path, {"sample": sample_tree}) == [
        f"{NAME}: file is empty: a case needs a tree, reasons, cases and a session"
    ]


def test_a_tree_with_many_outcomes_needs_each_case_to_list_its_choices(tmp_path, sample_tree, monkeypatch):
    monkeypatch.setattr(case_format, "MAX_CHOICES", 2)
    assert errors_of(SAMPLE, tmp_path, {"sample": sample_tree}) == [
        f"{NAME}:8: case 'full-details': sample has 3 outcomes, too many to choose from: list the 2 to 2 "
        "that fit the story under 'choices'"
    ]


# -- a change to a tree that breaks a case ------------------------------------------------------


def test_a_tree_change_that_sends_a_case_elsewhere_is_named_case_by_case(tmp_path):
    # The checklist's two ways out swapped: the tree is still valid, the first case is not.
    swapped = changed(
        "    next: valid\n    otherwise: missing", "    next: missing\n    otherwise: valid", TREE_TEXT
    )
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "sample.yml").write_text(swapped, encoding="utf-8")
    tree = compile_tree(tmp_path / "trees" / "sample.yml", FIXTURE_PAGES)
    assert errors_of(SAMPLE, tmp_path, {"sample": tree}) == [
        f"{NAME}:14: case 'full-details': the answers reach 'missing', not 'valid': the tree or the case "
        "has changed; walk the tree with the story and correct whichever is wrong"
    ]


def _outcome_line(text: str, case_id: str) -> int:
    """The line of a case's `outcome:` in a case file."""
    start = text.index(f"  - id: {case_id}\n")
    return text[: text.index("    outcome:", start)].count("\n") + 1


def test_a_tree_change_that_breaks_a_case_stops_the_build_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    tree = project / "decision_trees" / "foi-request.yml"
    text = tree.read_text(encoding="utf-8")
    old = "    next: valid-respond\n    otherwise: details-missing"
    assert text.count(old) == 1
    tree.write_text(text.replace(old, "    next: details-missing\n    otherwise: valid-respond"), "utf-8")
    cases = (project / "decision_trees" / "cases" / "foi-request.yml").read_text(encoding="utf-8")
    out = tmp_path / "out"
    build = run_build(project, out)
    assert build.returncode != 0
    assert "problem(s) in the practice cases; nothing was built" in build.output
    for case_id, reached, named in (
        ("facebook-question", "details-missing", "valid-respond"),
        ("tweet-without-a-name", "valid-respond", "details-missing"),
    ):
        line = _outcome_line(cases, case_id)
        assert (
            f"decision_trees/cases/foi-request.yml:{line}: case '{case_id}': the answers reach "
            f"'{reached}', not '{named}'" in build.output
        ), build.output[-3000:]
    assert "Traceback" not in build.output
    assert not out.exists() or not any(out.rglob("*.html")), "a failed build must leave no half-built site"


# -- the command line -------------------------------------------------------------------------


def test_the_command_line_counts_the_cases_and_the_outcomes_they_cover(capsys, monkeypatch, real, trees):
    monkeypatch.chdir(ROOT)
    assert cli(["cases"]) == 0
    out = capsys.readouterr().out
    for tree_id, case_set in real.items():
        tree = trees[tree_id]
        assert (
            f"decision_trees/cases/{tree_id}.yml: ok ({len(case_set.cases)} cases, "
            f"{len(case_set.outcomes_covered())} of {len(tree.outcomes)} outcomes covered, "
            f"a session of {case_set.minutes} minutes)"
        ) in out
    assert cli(["cases", "--schema", "--check"]) == 0


def test_the_command_line_names_file_and_line_of_a_broken_case(tmp_path):
    trees = tmp_path / "decision_trees"
    (trees / "cases").mkdir(parents=True)
    (trees / "sample.yml").write_text(TREE_TEXT, encoding="utf-8")
    (trees / "cases" / "sample.yml").write_text(changed("section: beta}]", "section: gamma}]"), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "decision_trees", "cases", "--docs", str(HERE / "fixture_docs")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert (
        "decision_trees/cases/sample.yml:25: case 'thanks': citation section 'gamma' is not a heading id "
        "of docs/en/policies/sample.md" in proc.stderr
    )
    assert "2 error(s)" in proc.stderr and "Traceback" not in proc.stderr


def test_the_command_line_says_when_there_are_no_cases(tmp_path, capsys, monkeypatch):
    (tmp_path / "decision_trees").mkdir()
    (tmp_path / "decision_trees" / "sample.yml").write_text(TREE_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli(["cases", "--no-citations"]) == 2
    assert "no case files (*.yml) in decision_trees/cases/" in capsys.readouterr().err
