"""The comparison in the built site, both languages: every cell present with its summary or the
"says nothing" line, every citation leads to a real section, every cited section links back to its
row (one line per kind of citer), no inline script or style, and search finds the rows once."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support.html import read_page
from support.project import ROOT

from decision_trees.comparison import compile_comparison
from decision_trees.policy_pages import PolicyPages
from decision_trees.strings import strings
from site_translations.lang_spans import plain

LANGUAGES = ("en", "cy")
COMPARISON = compile_comparison(ROOT / "comparison" / "policies.yml", PolicyPages(ROOT / "docs"))
_CELL = re.compile(r'<li class="comparison-cell[^"]*" id="([^"]+)">(.*?)</li>', re.S)
_HREF = re.compile(r'<a href="([^"]+)"')


def built(site: Path, language: str, url: str) -> Path:
    """The file a site-relative URL ("policies/assembly/") is written to."""
    return site / ("cy" if language == "cy" else "") / url / "index.html"


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def cells(site: Path, language: str) -> dict[str, str]:
    """{cell id: its HTML} of the comparison's by-topic view."""
    page = built(site, language, "compare").read_text(encoding="utf-8")
    by_topic = page[: page.index('id="comparison-by-organisation"')]
    return dict(_CELL.findall(by_topic))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cell_is_on_the_page_with_its_summary_or_the_line_that_the_policy_says_nothing(site, language):
    s = strings(language, "comparison")
    found = cells(site, language)
    expected = {f"{t.id}--{c.organisation.id}": (t, c) for t in COMPARISON.topics for c in t.cells}
    assert set(found) == set(expected)
    for cell_id, (_topic, cell) in expected.items():
        text = text_of(found[cell_id])
        assert text.startswith(cell.organisation.name[language]), cell_id
        if cell.silent:
            said = s["says_nothing_lists_lost"] if cell.organisation.lists_lost else s["says_nothing"]
            assert said in text, cell_id
        else:
            assert " ".join(plain(cell.summary[language]).split()) in text, cell_id
            assert s["where_policy_says"] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_citation_links_to_a_real_section_of_the_cells_own_policy(site, language):
    found = cells(site, language)
    base = "http://site/" + ("cy/" if language == "cy" else "") + "compare/"
    checked = 0
    for topic in COMPARISON.topics:
        for cell in topic.cells:
            hrefs = _HREF.findall(found[f"{topic.id}--{cell.organisation.id}"])
            if cell.silent:
                targets = [cell.organisation.page.removesuffix(".md") + "/"]
                wanted = [(t, None) for t in targets]
            else:
                wanted = [(c.page.removesuffix(".md") + "/", c.section) for c in cell.cites]
            assert len(hrefs) == len(wanted), (topic.id, cell.organisation.id, hrefs)
            for href, (page, section) in zip(hrefs, wanted, strict=True):
                url = urlsplit(urljoin(base, html.unescape(href)))
                prefix = "/cy/" if language == "cy" else "/"
                assert url.path == prefix + page, (href, page)
                target = built(site, language, page)
                assert target.exists(), target
                if section is not None:
                    assert url.fragment == section and section in read_page(target).ids, href
                checked += 1
    assert checked > len(COMPARISON.topics) * len(COMPARISON.organisations)


def _lines_under(page_html: str, section: str) -> list[tuple[str, str]]:
    """The cited-by lines right under a heading: [(kind, the line's HTML)]."""
    match = re.search(
        rf'<h[1-6] id="{section}".*?</h[1-6]>((?:\s*<p class="cited-by[^"]*"[^>]*>.*?</p>)*)', page_html, re.S
    )
    assert match, f"no heading #{section}"
    return re.findall(r'<p class="cited-by cited-by--([a-z-]+)"[^>]*>(.*?)</p>', match.group(1), re.S)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cited_section_links_back_to_its_comparison_row(site, language):
    label = strings(language, "comparison")["backlink"]
    cases = {(c.page, c.section, t) for t in COMPARISON.topics for cell in t.cells for c in cell.cites}
    assert len(cases) > 40
    for page, section, topic in cases:
        policy = built(site, language, page.removesuffix(".md")).read_text(encoding="utf-8")
        lines = dict(_lines_under(policy, section))
        assert "comparison" in lines, f"{page}#{section}: no line of links to the comparison"
        line = lines["comparison"]
        assert text_of(line).startswith(f"{label}:")
        assert f'href="../../compare/#{topic.id}"' in line, f"{page}#{section} does not link to #{topic.id}"
        assert html.escape(topic.title[language], quote=True) in line or topic.title[language] in text_of(
            line
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_cited_by_a_walkthrough_the_comparison_and_cases_has_one_line_for_each_walkthrough_first(
    site, language
):
    policy = built(site, language, "policies/assembly").read_text(encoding="utf-8")
    lines = _lines_under(policy, "live-tweeting")
    assert [kind for kind, _ in lines] == ["walkthrough", "comparison", "practice"]
    assert "walkthroughs/live-tweeting/" in lines[0][1]
    assert "compare/#meetings" in lines[1][1] and "compare/#political-content" not in lines[1][1]
    # Sections cited by several rows get one line with a link to each.
    personal = dict(_lines_under(policy, "personal-use"))["comparison"]
    assert re.findall(r"compare/#([a-z-]+)", personal) == [
        "personal-use",
        "misconduct",
        "monitoring-and-records",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comparison_has_no_inline_script_or_style_and_its_stylesheet_is_in_the_site(site, language):
    page = built(site, language, "compare").read_text(encoding="utf-8")
    start = page.index('<div class="comparison">')
    part = page[start : page.index("</article>", start)]
    assert "<script" not in part and "<style" not in part
    assert not re.search(r"<[^>]*\s(style|on[a-z]+)=", part), "an inline style or event handler"
    css = re.search(r'<link rel="stylesheet" href="([^"]*comparison\.css)">', page)
    assert css, "the comparison's stylesheet is linked"
    base = "http://site/" + ("cy/" if language == "cy" else "") + "compare/"
    assert (site / urlsplit(urljoin(base, css.group(1))).path.lstrip("/")).is_file()


def test_search_finds_each_row_once_and_not_the_organisations_repeat(site):
    for folder, language in ((site, "en"), (site / "cy", "cy")):
        # One index per language (hooks/search_index.py), its locations below that language's home.
        docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        prefix = ""
        locations = {d["location"]: d["text"] for d in docs if d["location"].startswith("compare/")}
        for topic in COMPARISON.topics:
            entry = locations.get(f"{prefix}compare/#{topic.id}")
            assert entry is not None, f"{prefix}compare/#{topic.id} is not in the search index"
            assert topic.cells[0].organisation.name[language] in entry
        # The organisations' view is found by its heading, and its cards (a repeat) are not indexed.
        hint = strings(language, "comparison")["by_organisation_hint"]
        assert hint in html.unescape(locations[f"{prefix}compare/#comparison-by-organisation"])
        for topic in COMPARISON.topics:
            for cell in topic.cells:
                if not cell.silent:
                    words = " ".join(plain(cell.summary[language]).split()[:12])
                    found = [loc for loc, text in locations.items() if words in html.unescape(text)]
                    assert found == [f"{prefix}compare/#{topic.id}"], (words, found)
