"""The policy comparison as data: the real file compiles and covers the topics the issue asks for,
its Welsh is proofed, and a broken file fails with exactly the expected file:line messages, naming
the topic, from the compiler, the command line and the build (which then writes nothing).

The broken cases are small changes to tests/comparison/sample.yml, whose citations point at
tests/comparison/fixture_docs/, so the real pages can change freely.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.project import ROOT, copy_project, run_build

from decision_trees.cli import main as cli
from decision_trees.comparison import ComparisonErrors, compile_comparison, compile_comparisons
from decision_trees.json_schema import comparison_schema_text
from decision_trees.policy_pages import PolicyPages
from decision_trees.site import PageContext, SiteContent, SiteError
from decision_trees.strings import strings
from site_translations import checks, proofing, terms, welsh_sources

HERE = ROOT / "tests" / "comparison"
SAMPLE = (HERE / "sample.yml").read_text(encoding="utf-8")
FIXTURE_PAGES = PolicyPages(HERE / "fixture_docs")
REAL = ROOT / "comparison" / "policies.yml"
NAME = "comparison/sample.yml"

# The topics issue #12 asks for, at least: each must be a row.
REQUIRED_TOPICS = {
    "new-account",
    "meetings",
    "personal-use",
    "misconduct",
    "political-content",
    "freedom-of-information",
    "language",
    "monitoring-and-records",
}


def compile_text(text: str, tmp_path: Path, name: str = "sample.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return compile_comparison(path, FIXTURE_PAGES, f"comparison/{name}")


def errors_of(text: str, tmp_path: Path, name: str = "sample.yml") -> list[str]:
    with pytest.raises(ComparisonErrors) as info:
        compile_text(text, tmp_path, name)
    return [str(e) for e in info.value.errors]


def changed(old: str, new: str) -> str:
    assert SAMPLE.count(old) == 1, f"{old!r} is not once in sample.yml"
    return SAMPLE.replace(old, new)


# -- the real comparison --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return compile_comparison(REAL, PolicyPages(ROOT / "docs"), "comparison/policies.yml")


def test_the_real_comparison_has_every_topic_asked_for_and_a_cell_for_every_policy(real):
    assert {t.id for t in real.topics} >= REQUIRED_TOPICS
    policies = sorted(
        p.name for p in (ROOT / "docs" / "en" / "policies").glob("*.md") if p.name != "index.md"
    )
    assert sorted(o.page.removeprefix("policies/") for o in real.organisations) == policies
    for topic in real.topics:
        assert [c.organisation.id for c in topic.cells] == [o.id for o in real.organisations]
        for cell in topic.cells:
            assert cell.silent or (cell.summary.en and cell.summary.cy and cell.cites), (topic.id, cell)
            assert all(cite.page == cell.organisation.page for cite in cell.cites)


def test_the_comparison_page_is_the_one_its_file_names(real):
    assert real.page == "compare.md"
    for language in ("en", "cy"):
        assert "<!-- comparison: policies -->" in (ROOT / "docs" / language / "compare.md").read_text("utf-8")


def test_the_json_schema_is_up_to_date_and_the_real_file_satisfies_it():
    import jsonschema

    committed = ROOT / "comparison" / "comparison.schema.json"
    assert committed.read_text(encoding="utf-8") == comparison_schema_text(), (
        "run `decision-trees compare --schema --write`"
    )
    jsonschema.validate(
        yaml.safe_load(REAL.read_text(encoding="utf-8")), json.loads(comparison_schema_text())
    )


def test_the_welsh_checks_read_the_comparison_and_its_strings_and_find_nothing():
    """The project's Welsh checks cover the comparison and its wording; test_welsh_language.py fails
    on any problem they find there."""
    passages = welsh_sources.all_passages(ROOT)
    strings_file = "src/decision_trees/strings/comparison.cy.yml"
    ours = [p for p in passages if p.file in ("comparison/policies.yml", strings_file)]
    topics = yaml.safe_load(REAL.read_text(encoding="utf-8"))["topics"]
    assert {t["id"] for t in topics} <= {p.node for p in ours}
    assert {p.where for p in ours if p.file == strings_file} == {
        f"key {k}" for k in strings("cy", "comparison")
    }
    allow = proofing.load_allowlist(ROOT / proofing.ALLOWLIST)
    term_list = terms.load_terms(ROOT / terms.TERMS)
    problems = (
        checks.proof_passages(ours, allow)
        + terms.aligned_problems(ours, term_list)
        + terms.avoided_problems(ours, term_list)
    )
    assert problems == [], "\n".join(map(str, problems))


def test_the_interface_strings_exist_in_both_languages():
    en, cy = strings("en", "comparison"), strings("cy", "comparison")
    assert list(en) == list(cy) and all(en.values()) and all(cy.values())


# -- broken files -----------------------------------------------------------------------------


def test_the_sample_compiles_when_nothing_is_broken(tmp_path):
    comparison = compile_text(SAMPLE, tmp_path)
    assert [t.id for t in comparison.topics] == ["meetings", "records"]
    assert [t.id for t in comparison.silent_topics("second")] == ["meetings"]
    assert comparison.cell("records", "second").cites[0].line == 27


BROKEN = {
    "citation to a missing section": (
        ("section: beta}]", "section: gamma}]"),
        [
            f"{NAME}:27: topic 'records': citation section 'gamma' is not a heading id of docs/cy/policies/second.md",
            f"{NAME}:27: topic 'records': citation section 'gamma' is not a heading id of docs/en/policies/second.md",
        ],
    ),
    "citation to a section missing in Welsh": (
        ("section: beta}]", "section: only-in-english}]"),
        [
            f"{NAME}:27: topic 'records': citation section 'only-in-english' is not a heading id of "
            "docs/cy/policies/second.md"
        ],
    ),
    "citation into another organisation's policy": (
        ("{page: policies/second.md, section: beta}", "{page: policies/first.md, section: alpha}"),
        [
            f"{NAME}:27: topic 'records': cell 'second' cites 'policies/first.md', which is not second's "
            "policy (policies/second.md)"
        ],
    ),
    "citation page outside docs": (
        ("{page: policies/first.md, section: alpha}", "{page: ../../README.md, section: alpha}"),
        [
            f"{NAME}:19: topic 'meetings': cell 'first' cites '../../README.md', which is not first's "
            "policy (policies/first.md)"
        ],
    ),
    "a cell missing": (
        ("      first: {silent: true}\n", ""),
        [
            f"{NAME}:23: topic 'records': no cell for organisation 'first': every topic has one for every "
            "organisation (silent: true if its policy says nothing on this)"
        ],
    ),
    "a cell for an unknown organisation": (
        ("      second: {silent: true}", "      secnd: {silent: true}"),
        [
            f"{NAME}:15: topic 'meetings': no cell for organisation 'second': every topic has one for every "
            "organisation (silent: true if its policy says nothing on this)",
            f"{NAME}:20: topic 'meetings': cell for unknown organisation 'secnd' (did you mean 'second'?)",
        ],
    ),
    "silent with a summary": (
        ("      first: {silent: true}", "      first: {silent: true, summary: {en: Yes., cy: Ydy.}}"),
        [
            f"{NAME}:24: topic 'records': cell 'first' is silent: true but has a summary or cites; a cell "
            "either says what the policy says, or that it says nothing on this"
        ],
    ),
    "neither a summary nor silent": (
        ("      first: {silent: true}", "      first: {}"),
        [
            f"{NAME}:24: topic 'records': cell 'first' has no summary: write what the policy says, with "
            "cites, or silent: true if it says nothing on this"
        ],
    ),
    "a summary without cites": (
        ("        cites: [{page: policies/second.md, section: beta}]\n", ""),
        [
            f"{NAME}:25: topic 'records': cell 'second' has a summary but no cites: name the sections of "
            "policies/second.md it rests on"
        ],
    ),
    "a summary missing its Welsh": (
        ("{en: Keep records., cy: Cadwch gofnodion.}", "{en: Keep records.}"),
        [f"{NAME}:26: topic 'records': 'summary' has no Welsh text (cy)"],
    ),
    "a summary too long": (
        ("{en: Keep records., cy: Cadwch gofnodion.}", "{en: " + "word " * 91 + ", cy: Cadwch gofnodion.}"),
        [
            f"{NAME}:26: topic 'records': cell 'second' has a summary of 91 words in English (at most 90: "
            "a cell is a summary, the policy page has the detail)"
        ],
    ),
    "an unknown field": (
        ("        summary: {en: Keep", "        sumary: {en: Keep"),
        [
            f"{NAME}:26: topic 'records': unknown field 'sumary' in 'second' in 'cells' (did you mean 'summary'?)",
        ],
    ),
    "a required field missing": (
        ("    title: {en: Records, cy: Cofnodion}\n", ""),
        [f"{NAME}:21: topic 'records': topic is missing required field 'title'"],
    ),
    "a duplicate topic id": (
        ("  - id: records", "  - id: meetings"),
        [f"{NAME}:21: topic 'meetings': duplicate topic id 'meetings' (first at line 13)"],
    ),
    "a duplicate organisation id": (
        ("  - id: second\n", "  - id: first\n"),
        [
            f"{NAME}:8: duplicate organisation id 'first' (first at line 5)",
            f"{NAME}:20: topic 'meetings': cell for unknown organisation 'second' (organisations: first)",
            f"{NAME}:25: topic 'records': cell for unknown organisation 'second' (organisations: first)",
        ],
    ),
    "a topic id that is an organisation id": (
        ("  - id: records", "  - id: second"),
        [
            f"{NAME}:21: topic 'second': topic id 'second' is also an organisation id: both are anchors on "
            "the same page"
        ],
    ),
    "an organisation's page missing": (
        ("    page: policies/second.md\n", "    page: policies/third.md\n"),
        [
            f"{NAME}:10: organisation page 'policies/third.md' does not exist in docs/cy/",
            f"{NAME}:10: organisation page 'policies/third.md' does not exist in docs/en/",
            f"{NAME}:27: topic 'records': cell 'second' cites 'policies/second.md', which is not second's "
            "policy (policies/third.md)",
        ],
    ),
    "a page that does not show the comparison": (
        ("page: compare.md", "page: other.md"),
        [f"{NAME}:3: docs/cy/other.md does not show this comparison: add <!-- comparison: sample --> to it"],
    ),
    "a duplicate key": (
        (
            "    title: {en: Records, cy: Cofnodion}\n",
            "    title: {en: Records, cy: Cofnodion}\n    id: again\n",
        ),
        [f"{NAME}:23: topic 'records': duplicate key 'id' (first at line 21)"],
    ),
    "an alias": (
        ("      first: {silent: true}", "      first: &same {silent: true}"),
        [f"{NAME}:24: YAML anchors and aliases (&name, *name) are not allowed; write each cell out in full"],
    ),
    "a YAML syntax error": (
        ("    title: {en: Records, cy: Cofnodion}", "    title: {en: Records: all, cy: Cofnodion}"),
        [
            f"{NAME}:22: YAML syntax error: while parsing a flow mapping expected ',' or '}}', but got ':' "
            "(inside { } or [ ], text containing , : [ ] { } must be in quotes)"
        ],
    ),
    "not a mapping": (
        (SAMPLE[SAMPLE.index("id: sample") :], "- a list\n"),
        [f"{NAME}:2: a comparison file must be a mapping with id, page, organisations and topics"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_comparison_fails_with_exactly_the_expected_messages(case, tmp_path):
    (old, new), expected = BROKEN[case]
    assert errors_of(changed(old, new), tmp_path) == expected


# The code each kind of problem carries (decision_trees/errors.py), as a tree's problems do.
BROKEN_CODES = {
    "citation to a missing section": {"citation-section"},
    "citation into another organisation's policy": {"citation-other-policy"},
    "a cell missing": {"missing-cell"},
    "a cell for an unknown organisation": {"unknown-organisation", "missing-cell"},
    "silent with a summary": {"cell-silent-and-summary"},
    "neither a summary nor silent": {"cell-without-summary"},
    "a summary without cites": {"too-few-entries"},
    "a summary too long": {"text-too-long"},
    "a duplicate topic id": {"duplicate-id"},
    "a page that does not show the comparison": {"comparison-not-shown"},
    "a duplicate key": {"duplicate-key"},
}


@pytest.mark.parametrize("case", sorted(BROKEN_CODES))
def test_a_broken_comparison_gives_each_problem_its_code(case, tmp_path):
    (old, new), _ = BROKEN[case]
    with pytest.raises(ComparisonErrors) as info:
        compile_text(changed(old, new), tmp_path)
    assert {e.code for e in info.value.errors} == BROKEN_CODES[case]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_windows_line_endings_give_the_same_messages(case, tmp_path):
    (old, new), expected = BROKEN[case]
    path = tmp_path / "sample.yml"
    path.write_bytes(changed(old, new).replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(ComparisonErrors) as info:
        compile_comparison(path, FIXTURE_PAGES, NAME)
    assert [str(e) for e in info.value.errors] == expected


def test_an_empty_file_and_a_file_named_for_another_id_are_named(tmp_path):
    assert errors_of("# nothing yet\n", tmp_path) == [
        f"{NAME}: file is empty: a comparison needs an id, a page, organisations and topics"
    ]
    assert errors_of(SAMPLE, tmp_path, "other.yml") == [
        "comparison/other.yml:2: comparison id 'sample' must match the file name 'other.yml'"
    ]


def test_every_file_of_a_folder_is_reported_together(tmp_path):
    (tmp_path / "sample.yml").write_text(changed("section: beta}]", "section: gamma}]"), encoding="utf-8")
    (tmp_path / "second.yml").write_text(changed("id: sample", "id: second"), encoding="utf-8")
    with pytest.raises(ComparisonErrors) as info:
        compile_comparisons(tmp_path, FIXTURE_PAGES, tmp_path)
    # second.yml's id is not the one its page's marker names, in either language.
    assert [f"{e.file}:{e.line}" for e in info.value.errors] == [
        "sample.yml:27",
        "sample.yml:27",
        "second.yml:3",
        "second.yml:3",
    ]


# -- the command line -------------------------------------------------------------------------


def test_the_command_line_checks_the_real_comparison_and_lists_what_each_policy_says_nothing_on(
    capsys, monkeypatch, real
):
    monkeypatch.chdir(ROOT)
    assert cli(["compare"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("comparison/policies.yml: ok (")
    for org in real.organisations:
        silent = [t.id for t in real.silent_topics(org.id)]
        said = f"says nothing on {', '.join(silent)}" if silent else "says something on every topic"
        assert f"  {org.id}: {said}\n" in out
    assert cli(["compare", "--schema", "--check"]) == 0


def test_the_command_line_names_file_and_line_of_a_broken_comparison(tmp_path):
    folder = tmp_path / "comparison"
    folder.mkdir()
    (folder / "sample.yml").write_text(changed("section: beta}]", "section: gamma}]"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "decision_trees", "compare", "--docs", str(HERE / "fixture_docs")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert (
        "comparison/sample.yml:27: topic 'records': citation section 'gamma' is not a heading id of "
        "docs/en/policies/second.md" in proc.stderr
    )
    assert "2 error(s)" in proc.stderr and "Traceback" not in proc.stderr


def test_the_command_line_says_when_there_is_no_comparison(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(["compare"]) == 2
    assert "no comparison files (*.yml) in comparison/" in capsys.readouterr().err


# -- the site build -----------------------------------------------------------------------------


def test_a_broken_citation_stops_the_build_naming_file_line_and_topic_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    file = project / "comparison" / "policies.yml"
    text = file.read_text(encoding="utf-8")
    broken = "{page: policies/bridgend.md, section: council-meetings}"
    line = text[: text.index(broken)].count("\n") + 1
    file.write_text(text.replace(broken, "{page: policies/bridgend.md, section: council-meeting}"), "utf-8")
    out = tmp_path / "out"
    build = run_build(project, out)
    assert build.returncode != 0
    assert "problem(s) in the comparison; nothing was built" in build.output
    assert (
        f"comparison/policies.yml:{line}: topic 'meetings': citation section 'council-meeting' is not a "
        "heading id of docs/en/policies/bridgend.md" in build.output
    )
    assert "Traceback" not in build.output
    assert not out.exists() or not any(out.rglob("*.html")), "a failed build must leave no half-built site"


def _page(src: str) -> PageContext:
    return PageContext(src, Path("/unused"), lambda path: f"../{path}", lambda path: f"../{path}")


def test_the_comparison_goes_only_on_the_page_its_file_names(tmp_path):
    folder = tmp_path / "comparison"
    folder.mkdir()
    (folder / "sample.yml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "trees").mkdir()  # no trees: the comparison alone
    content = SiteContent(tmp_path / "trees", HERE / "fixture_docs", None, folder)
    content.refresh()
    build = content.start_build("cy")
    html = build.page_content("<p>x</p><!-- comparison: sample -->", _page("compare.md"))
    assert 'id="meetings--first"' in html and "Caiff cynghorwyr drydar." in html
    assert build.finish(tmp_path / "site") == []
    with pytest.raises(SiteError, match=r"other\.md: <!-- comparison: sample --> belongs on compare\.md"):
        build.page_content("<!-- comparison: sample -->", _page("other.md"))
    with pytest.raises(SiteError, match=r"marker names unknown comparison 'samples'"):
        build.page_content("<!-- comparison: samples -->", _page("compare.md"))
    unplaced = content.start_build("en")
    assert unplaced.finish(tmp_path / "site") == [
        "comparison 'sample' is on no page: add <!-- comparison: sample --> to compare.md"
    ]
