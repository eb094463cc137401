"""Printing a policy page gives the text alone, and the offline bundle opens from file:// with
search working in both languages."""

from __future__ import annotations

import pytest
from support.browser import PageWatch

pytestmark = pytest.mark.browser


def _visible(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).display !== 'none'")


@pytest.mark.parametrize("path", ["policies/assembly/", "cy/policies/assembly/"])
def test_a_printed_policy_page_has_no_navigation_and_shows_link_addresses(page, site_url, path):
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert _visible(page, ".md-header") and _visible(page, ".md-sidebar--primary")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not _visible(page, chrome), f"{chrome} is printed"
    assert _visible(page, "article h1")
    external = page.locator('article a[href^="http"]').first
    after = external.evaluate("e => getComputedStyle(e, '::after').content")
    assert external.get_attribute("href") in after, "a printed link shows its address"


@pytest.mark.parametrize("language, query", [("en", "misconduct"), ("cy", "cynghorwyr")])
def test_the_offline_bundle_opens_from_file_and_search_works(page, offline_bundle, language, query):
    start = offline_bundle / ("cy/index.html" if language == "cy" else "index.html")
    watch = PageWatch(host="").attach(page)  # from file://, any http(s) request is outside
    page.goto(start.as_uri())
    assert page.locator("html").get_attribute("lang") == language
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.split("#")[0].split("?")[0].endswith(".html")
    assert page.locator("article h1").count() == 1
    assert watch.outside == [], "the offline bundle must not fetch anything (Material's CDN shim)"


def test_the_offline_bundle_links_between_languages(page, offline_bundle):
    page.goto((offline_bundle / "policies" / "bridgend.html").as_uri())
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="cy"]').first.evaluate("e => e.click()")
    assert page.url.endswith("/cy/policies/bridgend.html")
    assert page.locator("html").get_attribute("lang") == "cy"


def test_the_offline_bundle_shows_materials_icons_without_errors(page, offline_bundle):
    # From file:// a browser refuses CSS mask images that are files (CORS), so the offline bundle keeps
    # Material's data: icons; no Content-Security-Policy applies there.
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto((offline_bundle / "cy" / "policies" / "assembly.html").as_uri())
    page.wait_for_load_state("networkidle")
    mask = page.locator(".admonition-title").first.evaluate(
        "e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage"
    )
    assert mask.startswith('url("data:image/svg+xml'), mask
    assert errors == [], errors
