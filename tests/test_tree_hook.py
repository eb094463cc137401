"""The MkDocs hook: trees are compiled at build time into both languages, a broken tree stops the
build with file, line and node and leaves no site, and `mkdocs serve` rebuilds on a tree change."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest
from support.project import ROOT, copy_project, run_build
from support.serve import mkdocs_serve, wait_for

from decision_trees.compiler import tree_files
from site_translations.languages import LANGUAGES

TREE_IDS = [p.stem for p in tree_files(ROOT / "decision_trees")]


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="walkthrough__data">(.*?)</script>', html, re.S)
    assert match, "no embedded tree data"
    return json.loads(match.group(1))


@pytest.mark.parametrize("tree_id", TREE_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_tree_is_placed_in_its_page_in_each_language(site, tree_id, language):
    page = site / ("cy" if language == "cy" else "") / "walkthroughs" / tree_id / "index.html"
    html = page.read_text(encoding="utf-8")
    data = embedded_data(html)
    assert data["id"] == tree_id and data["language"] == language
    assert data["strings"]["continue"] == {"en": "Continue", "cy": "Parhau"}[language]
    # Every node is a linked section of the no-JavaScript page.
    for node_id in data["nodes"]:
        assert f'id="{tree_id}--{node_id}"' in html
    assert "<!-- walkthrough" not in html, "a marker was left unreplaced"


@pytest.mark.parametrize("tree_id", TREE_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_tree_has_a_diagram_in_each_language(site, tree_id, language):
    svg = site / ("cy" if language == "cy" else "") / "walkthroughs" / tree_id / f"diagram-{tree_id}.svg"
    root = ElementTree.parse(svg).getroot()
    assert root.get("lang") == language and root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text
    assert "http" not in svg.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("tree_id", TREE_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_of_contents_lists_the_trainers_route_list_under_its_section(site, tree_id, language):
    # The UX review's M8: the route list's heading is written after the table of contents is made.
    from html import escape

    from decision_trees.strings import strings

    page = site / ("cy" if language == "cy" else "") / "walkthroughs" / tree_id / "index.html"
    html = page.read_text(encoding="utf-8")
    toc = html[html.index('<nav class="md-nav md-nav--secondary"') :]
    toc = toc[: toc.index("</nav>\n</nav>") if "</nav>\n</nav>" in toc else len(toc)]
    trainers = toc.index('href="#for-trainers"')
    routes = re.search(
        rf'<a href="#{tree_id}--routes" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
        toc,
        re.S,
    )
    assert routes, "the route list has no entry in the table of contents"
    assert routes.group(1) == escape(strings(language)["routes_heading"])
    # Nested under "For trainers": after it, inside its own list.
    between = toc[trainers : routes.start()]
    assert "<ul" in between and "</li>" not in between.split("<ul", 1)[0]


def test_a_plugin_that_strips_html_comments_stops_the_build_instead_of_losing_a_walkthrough(tmp_path):
    # A minifier that strips comments from the written page, as some do, would take the markers
    # with it: the build must say so, not publish a walkthrough page without its walkthrough.
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "strip_comments.py").write_text(
        "import re\n\n\ndef on_post_page(output, /, *, page, config):\n"
        "    return re.sub(r'<!--.*?-->', '', output, flags=re.S)\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/strip_comments.py\n"),
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(r"walkthroughs/[a-z-]+\.md: <!-- walkthrough: [a-z-]+ -->.* went missing", build.output)
    assert "Traceback" not in build.output


def test_a_broken_tree_stops_the_build_naming_file_line_and_node_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    tree = project / "decision_trees" / "foi-request.yml"
    text = tree.read_text(encoding="utf-8")
    tree.write_text(text.replace("next: requester-details", "next: requester-detials", 1), encoding="utf-8")
    out = tmp_path / "out"
    build = run_build(project, out)
    assert build.returncode != 0
    assert "decision_trees/foi-request.yml:" in build.output
    assert (
        "node 'sent-on-twitter': 'other-platform' leads to unknown node 'requester-detials'" in build.output
    )
    assert "Traceback" not in build.output
    assert not out.exists() or not any(out.rglob("*.html")), "a failed build must leave no half-built site"


def test_mkdocs_serve_rebuilds_when_a_tree_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    with mkdocs_serve(project) as base:
        url = f"{base}/walkthroughs/foi-request/"
        html = wait_for(url, lambda h: "walkthrough__data" in h, 120)
        assert "Was the message sent on Twitter?" in html
        tree = project / "decision_trees" / "foi-request.yml"
        tree.write_text(
            tree.read_text(encoding="utf-8").replace(
                "en: Was the message sent on Twitter?", "en: Did the message arrive on Twitter?"
            ),
            encoding="utf-8",
        )
        html = wait_for(url, lambda h: "Did the message arrive on Twitter?" in h, 120)
        assert "Was the message sent on Twitter?" not in html


def _backlink_cases(trees):
    cases = set()
    for tree in trees.values():
        for outcome in tree.outcomes:
            for cite in outcome.cites:
                cases.add((cite.page, cite.section, tree.id))
    return sorted(cases)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_policy_section_an_outcome_rests_on_links_back_to_the_walkthrough(site, trees, language):
    cases = _backlink_cases(trees)
    assert cases
    for page, section, tree_id in cases:
        rel = page[: -len(".md")] if not page.endswith("index.md") else page[: -len("index.md")]
        built = site / ("cy" if language == "cy" else "") / rel / "index.html"
        html = built.read_text(encoding="utf-8")
        match = re.search(
            rf'<h[1-6] id="{section}".*?</h[1-6]>\s*<p class="cited-by cited-by--walkthrough"[^>]*>(.*?)</p>',
            html,
            re.S,
        )
        assert match, f"{built}: no walkthrough link under #{section}"
        assert f'walkthroughs/{tree_id}/"' in match.group(1), f"{built}#{section} does not link to {tree_id}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_each_walkthrough_page_but_not_its_hidden_tree(site, trees, language):
    # Search never parses the walkthrough's HTML: the page's own entries hold its title and intro,
    # not the no-JavaScript tree nor the trainer's routes. Each question and outcome is an entry of
    # its own, linked to its step (src/site_search/walkthroughs.py; tests/browser/test_search.py
    # follows such a hit and finds the step on screen). Each language has its own index.
    index = site / ("cy" if language == "cy" else "") / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    for tree in trees.values():
        page = f"walkthroughs/{tree.id}/"
        entries = [d for d in docs if d["location"].split("#")[0] == page]
        assert [d["location"] for d in entries if "#" not in d["location"]] == [page]
        steps = [d for d in entries if f"#{tree.id}--" in d["location"]]
        assert sorted(d["location"].split("#")[1] for d in steps) == sorted(
            f"{tree.id}--{n}" for n in tree.nodes
        )
        first_question = tree.nodes[tree.start].question[language]
        own = [d["location"] for d in entries if d not in steps and first_question in d["text"]]
        assert not own, first_question
