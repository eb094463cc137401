"""Coverage of every real tree, as the design card asks: every node reachable, every path ends in
an outcome, every outcome reachable, both languages complete, every citation resolves (all checked
by compiling), and the scenarios exercise every answer and reach every outcome."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from support.project import ROOT
from support.tree_shapes import every_route

from decision_trees import tree_format
from decision_trees.cli import main as cli
from decision_trees.compiler import tree_files
from decision_trees.field_reference import BEGIN, END, FormatError, reference_markdown, with_reference
from decision_trees.json_schema import schema_text
from decision_trees.model import Tree
from decision_trees.render_svg import CHARS, render_svg
from decision_trees.routes import route_list_file, route_list_text, route_table
from decision_trees.scenarios import check_scenarios, coverage, load_scenarios, scenario_file
from decision_trees.strings import strings
from decision_trees.walk import walk
from site_translations.lang_spans import plain
from site_translations.languages import LANGUAGES

TREES_DIR = ROOT / "decision_trees"
IDS = [path.stem for path in tree_files(TREES_DIR)]


def test_there_are_trees_and_every_file_compiled(trees):
    assert len(IDS) == len(trees) >= 5


@pytest.mark.parametrize("tree_id", IDS)
def test_every_path_ends_in_an_outcome_and_every_outcome_is_reached(trees, tree_id):
    tree = trees[tree_id]
    paths = every_route(tree)
    assert all(path[-1][0].is_outcome for path in paths)
    on_some_path = {node.id for path in paths for node, _ in path}
    assert on_some_path == set(tree.nodes), "every node lies on a path from the start"
    assert {path[-1][0].id for path in paths} == {o.id for o in tree.outcomes}


@pytest.mark.parametrize("tree_id", IDS)
def test_the_route_table_says_exactly_which_answers_reach_each_outcome(trees, tree_id):
    # Against every route, enumerated one by one: a route ends at an outcome exactly when each of
    # its answers is one the table lists under that outcome, and the counts match.
    tree = trees[tree_id]
    routes = every_route(tree)
    table = route_table(tree)
    assert [entry.outcome for entry in table] == [o.id for o in tree.outcomes]
    for entry in table:
        allowed = {(c.question, b) for c in entry.conditions for b in c.branches}
        ending_here = [r for r in routes if r[-1][0].id == entry.outcome]
        assert entry.routes == len(ending_here) >= 1
        for route in routes:
            fits = all((node.id, branch) in allowed for node, branch in route[:-1])
            assert fits == (route[-1][0].id == entry.outcome), (entry.outcome, [n.id for n, _ in route])
        on_the_way = {node.id for route in ending_here for node, _ in route[:-1]}
        assert {c.question for c in entry.conditions} == on_the_way


@pytest.mark.parametrize("tree_id", IDS)
def test_every_outcome_cites_the_policy(trees, tree_id):
    for outcome in trees[tree_id].outcomes:
        assert outcome.cites, outcome.id


@pytest.mark.parametrize("tree_id", IDS)
def test_scenarios_reach_their_outcomes_and_cover_every_answer_and_outcome(trees, tree_id):
    tree = trees[tree_id]
    file = scenario_file(TREES_DIR, tree)
    assert file.exists(), f"{tree_id} has no scenario file at {file}"
    scenarios = load_scenarios(file)
    errors = check_scenarios(tree, scenarios, str(file))
    assert errors == [], "\n".join(map(str, errors))
    cov = coverage(tree, scenarios)
    assert cov.complete, cov.report()


@pytest.mark.parametrize("tree_id", IDS)
def test_the_reviewed_route_list_is_up_to_date(trees, tree_id):
    tree = trees[tree_id]
    file = route_list_file(TREES_DIR, tree)
    assert file.exists() and file.read_text(encoding="utf-8") == route_list_text(tree), (
        f"{file} is out of date: run `decision-trees routes --write` and review the diff"
    )


def test_the_json_schema_matches_the_declared_format():
    assert (TREES_DIR / "tree.schema.json").read_text(encoding="utf-8") == schema_text(), (
        "run `decision-trees schema --write`"
    )


def test_the_readmes_field_reference_matches_the_declared_format():
    readme = (TREES_DIR / "README.md").read_text(encoding="utf-8")
    assert readme == with_reference(readme), "run `decision-trees reference --write`"


def test_the_field_reference_has_a_row_for_every_field_of_every_node_type():
    reference = reference_markdown()
    for node_type, fields in tree_format.NODE_FIELDS.items():
        table = reference.split(f"#### {node_type.capitalize()} node\n", 1)[1].split("####", 1)[0]
        rows = [line.split("|")[1].strip(" `") for line in table.splitlines() if line.startswith("| `")]
        assert rows == list(fields), node_type
        assert f"| `type` | yes | `{node_type}` |" in table


def test_reference_check_fails_on_a_stale_readme_and_write_mends_it(tmp_path, monkeypatch, capsys):
    trees = tmp_path / "decision_trees"
    trees.mkdir()
    for path in tree_files(TREES_DIR):
        (trees / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    readme = trees / "README.md"
    readme.write_text(f"# Trees\n\n{BEGIN}\n| an old table |\n{END}\n\nAfter.\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert cli(["reference", "--check", "--trees", str(trees)]) == 1
    assert "run `decision-trees reference --write`" in capsys.readouterr().err
    assert cli(["reference", "--write", "--trees", str(trees)]) == 0
    written = readme.read_text(encoding="utf-8")
    assert "| an old table |" not in written and written.endswith(f"{END}\n\nAfter.\n")
    assert cli(["reference", "--check", "--trees", str(trees)]) == 0


def test_reference_without_its_markers_is_a_clear_error(tmp_path, monkeypatch, capsys):
    trees = tmp_path / "decision_trees"
    trees.mkdir()
    path = tree_files(TREES_DIR)[0]
    (trees / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (trees / "README.md").write_text("# Trees\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert cli(["reference", "--check", "--trees", str(trees)]) == 2
    assert "the README needs the markers once each" in capsys.readouterr().err
    with pytest.raises(FormatError):
        with_reference(f"{END}\n{BEGIN}\n")


def test_the_real_trees_are_valid_against_the_json_schema():
    import jsonschema
    import yaml

    schema = __import__("json").loads(schema_text())
    for path in tree_files(TREES_DIR):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_interface_strings_exist_in_both_languages():
    en, cy = strings("en"), strings("cy")
    assert list(en) == list(cy), "en.yml and cy.yml must have the same keys in the same order"
    assert all(value.strip() for value in [*en.values(), *cy.values()])
    for key in en:  # the same placeholders in both languages
        assert sorted(_placeholders(en[key])) == sorted(_placeholders(cy[key])), key


def _placeholders(text):
    import re

    return re.findall(r"\{[a-z_]+\}", text)


# Flow tests that read like the policy: given these answers, the next node is this one.


def next_node(tree: Tree, answers: dict) -> str:
    """Where the walk stops: the outcome, or the first node without a valid answer."""
    return walk(tree, answers, strict=False).current.id


def test_foi_a_general_question_is_still_checked_as_a_request(trees):
    foi = trees["foi-request"]
    assert next_node(foi, {"asks-for-information": "yes"}) == "sent-on-twitter"
    assert next_node(foi, {"asks-for-information": "not-sure"}) == "sent-on-twitter"


def test_foi_twitter_requests_must_come_by_mention_or_direct_message(trees):
    foi = trees["foi-request"]
    base = {"asks-for-information": "yes", "sent-on-twitter": "twitter"}
    assert next_node(foi, {**base, "how-sent-on-twitter": "mention"}) == "requester-details"
    assert next_node(foi, {**base, "how-sent-on-twitter": "direct-message"}) == "requester-details"
    assert next_node(foi, {**base, "how-sent-on-twitter": "not-directly"}) == "not-sent-directly"


def test_foi_a_missing_name_and_address_are_both_listed(trees):
    result = walk(
        trees["foi-request"],
        {"asks-for-information": "yes", "sent-on-twitter": "other-platform", "requester-details": []},
    )
    assert result.outcome.id == "details-missing"
    assert [(f.kind, f.choice.id) for f in result.findings] == [("unmet", "real-name"), ("unmet", "address")]


@pytest.mark.parametrize("tree_id", IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_diagram_shows_every_question_title_and_answer_whole_in_lines_that_fit(trees, tree_id, language):
    # The UX review's P4: labels were cut at four lines (boxes) and three (arrows) with an ellipsis.
    from decision_trees.render_svg import EDGE_CHARS
    from decision_trees.routes import branch_label

    tree = trees[tree_id]
    svg = ElementTree.fromstring(render_svg(tree, language))
    ns = "{http://www.w3.org/2000/svg}"
    boxes = [" ".join(t.text for t in g.iter(f"{ns}text")) for g in svg.iter(f"{ns}g")]
    texts = [t.text for t in svg.iter(f"{ns}text")]
    assert not any("\u2026" in t for t in texts), "a label was cut short"
    for node in tree.questions:
        assert " ".join(plain(node.question[language]).split()) in boxes, node.id
    for node in tree.outcomes:
        assert any(box.endswith(" ".join(plain(node.title[language]).split())) for box in boxes), node.id
    # Box lines fit their box; arrow labels fit theirs, and every answer is on one of them.
    box_lines = [t.text for g in svg.iter(f"{ns}g") for t in g.iter(f"{ns}text")]
    assert all(len(line) <= CHARS for line in box_lines)
    arrow_lines = [t.text for t in svg.iter(f"{ns}text") if t.get("font-size") == "11"]
    assert all(len(line) <= EDGE_CHARS for line in arrow_lines)
    arrows = " ".join(arrow_lines)
    for node in tree.questions:
        for branch, _ in node.edges():
            assert " ".join(plain(branch_label(node, branch, language)).split()) in arrows, (node.id, branch)
