"""Search in the reader's language, in Chromium, typed into Material's search box as a reader would:
each page downloads only its own language's index, and only when the reader turns to search; every
result is in the page's language, Welsh queries find every mutated form and nothing else
(tests/search/queries.yml), a walkthrough's subject finds that walkthrough first, and a hit on a
walkthrough's step shows that step."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support.search import load_queries, page_path, search
from support.walkthrough import TREE_IDS

from site_translations.lang_spans import plain

pytestmark = pytest.mark.browser

QUERIES = load_queries()
HOME = {"en": "/", "cy": "/cy/"}


@pytest.fixture(scope="module")
def search_pages(browser, site_url):
    """One open page per language (the home page), reused by every query of that language."""
    context = browser.new_context()
    pages = {}
    for language, home in HOME.items():
        page = context.new_page()
        page.goto(site_url + home, wait_until="networkidle")
        pages[language] = page
    yield pages
    context.close()


def _pages(hrefs: list[str], language: str) -> list[str]:
    """The pages of the results, in order, each once."""
    seen = []
    for href in hrefs:
        path = page_path(href, HOME[language])
        if path not in seen:
            seen.append(path)
    return seen


def _is_index(request) -> bool:
    return "search_index" in request.url


def _index_requests(page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda r: _is_index(r) and requested.append(urlsplit(r.url).path))
    return requested


@pytest.mark.parametrize("language", HOME)
@pytest.mark.parametrize("path", ["", "walkthroughs/foi-request/"], ids=["home", "walkthrough"])
def test_a_page_downloads_only_its_own_languages_index_when_search_is_used(page, site_url, language, path):
    requested = _index_requests(page)
    page.goto(site_url + HOME[language] + path, wait_until="networkidle")
    page.mouse.move(5, 400)  # the reader reads; the pointer passes over the page, not the search box
    page.keyboard.press("Tab")  # and moves through links (the first is the skip link)
    page.wait_for_timeout(500)
    assert requested == [], "the index was downloaded before the reader turned to search"
    assert search(page, "a") is not None  # search answers: its index has loaded
    assert requested == [HOME[language] + "search/search_index.json"]


@pytest.mark.parametrize(
    "how",
    [
        "pointer over the search box",
        "tap on the search button",
        "key /",
        "key s",
        "?q= address",
        "?h= address",
    ],
)
def test_each_way_into_search_downloads_the_index(page, site_url, how):
    requested = _index_requests(page)
    query = {"?q= address": "?q=cyfryngau", "?h= address": "?h=cyfryngau"}.get(how, "")
    if how == "tap on the search button":
        page.set_viewport_size({"width": 390, "height": 844})  # the phone header: a search icon
    url = site_url + "/cy/policies/assembly/" + query

    if query:  # the address itself asks for the index
        with page.expect_request(_is_index, timeout=10_000):
            page.goto(url)
    else:
        page.goto(url, wait_until="networkidle")
        assert requested == [], "the index was downloaded before the reader turned to search"
        with page.expect_request(_is_index, timeout=10_000):
            if how == "pointer over the search box":
                page.hover("input.md-search__input")
            elif how == "tap on the search button":
                page.click("label.md-header__button[for='__search']")
            else:
                page.keyboard.press(how[-1])
    page.wait_for_load_state("networkidle")
    assert requested == ["/cy/search/search_index.json"]
    if how not in ("pointer over the search box", "?h= address"):  # these two open no search
        page.wait_for_function("() => document.getElementById('__search').checked")


def test_a_search_from_the_address_shows_its_results(page, site_url):
    """Material's ?q= opens search with the query typed in; the results arrive with the index."""
    page.goto(site_url + "/cy/?q=cyfryngau", wait_until="networkidle")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")


@pytest.mark.parametrize("language", HOME)
def test_every_result_is_in_the_page_language(search_pages, language):
    found_any = False
    for query in QUERIES["languages"][language]:
        hrefs = search(search_pages[language], query)
        paths = [urlsplit(h).path for h in hrefs]
        if language == "cy":
            wrong = [p for p in paths if not p.startswith("/cy/")]
        else:
            wrong = [p for p in paths if p.startswith("/cy/")]
        assert wrong == [], (query, wrong)
        found_any = found_any or bool(hrefs)
    assert found_any


@pytest.mark.parametrize("case", QUERIES["mutations"], ids=lambda c: c["query"])
def test_a_welsh_query_finds_every_form_and_nothing_else(search_pages, case):
    found = set(_pages(search(search_pages["cy"], case["query"]), "cy"))
    assert sorted(set(case["find"]) - found) == [], "not found"
    assert sorted(found & set(case["not_find"])) == [], "found but must not be"


@pytest.mark.parametrize("case", QUERIES["subjects"], ids=lambda c: f"{c['language']}-{c['query']}")
def test_a_walkthroughs_subject_puts_it_in_the_top_three(search_pages, case):
    top = _pages(search(search_pages[case["language"]], case["query"]), case["language"])[:3]
    assert case["walkthrough"] in top, top


@pytest.mark.parametrize("language", HOME)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_a_hit_on_a_walkthrough_outcome_shows_that_outcome(search_pages, site_url, trees, language, tree_id):
    """Search for an outcome's title, follow the hit that names it: the outcome is on screen."""
    tree = trees[tree_id]
    outcome = tree.outcomes[0]
    page = search_pages[language]
    if urlsplit(page.url).path != HOME[language]:
        page.goto(site_url + HOME[language], wait_until="networkidle")
    hrefs = search(page, plain(outcome.title[language]))
    anchor = f"{tree.id}--{outcome.id}"
    hit = next((h for h in hrefs if urlsplit(h).fragment == anchor), None)
    assert hit, f"no result links to #{anchor}: {hrefs[:5]}"
    link = page.locator(f'.md-search-result__item a[href="{hit}"]').first
    if not link.is_visible():  # among the "more on this page" hits: open them, as a reader would
        link.locator("xpath=ancestor::details[1]/summary").click()
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible(), "the hit leads to hidden text"
    assert outcome.title[language].split()[0] in target.inner_text()
    assert page.locator("html").get_attribute("lang") == language
