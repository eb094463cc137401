"""The language switch keeps the reader's place, in Chromium: on a policy page it lands on the section
the reader was reading (both languages give headings the same ids), at the top of a page on the top,
under a strict Content-Security-Policy, and from file://. (On a walkthrough it keeps the step and the
answers: tests/browser/test_walkthrough.py.) And words a tree marks as English reach the browser as
<span lang="en">, and only as plain text where markup cannot go."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from site_translations.languages import LANGUAGES

pytestmark = pytest.mark.browser

OTHER = {"en": "cy", "cy": "en"}


def policy_url(base: str, language: str, slug: str = "assembly") -> str:
    return f"{base}/{'cy/' if language == 'cy' else ''}policies/{slug}/"


def read_to(page: Page, heading_id: str) -> None:
    """Scroll as a reader does until the heading is at the top of the window, under the header."""
    # scrollTo, not scrollIntoView: the page's scroll-padding (for the sticky header) would stop that
    # short of the top, and a reader's scrolling has no such stop.
    page.evaluate(
        "id => window.scrollTo({top: window.scrollY + document.getElementById(id).getBoundingClientRect().top,"
        " behavior: 'instant'})",
        heading_id,
    )
    page.mouse.wheel(0, 1)  # a real scroll event, as a wheel or a key gives
    # Until the scroll has settled with the heading at the top (a reader reads once it has).
    page.wait_for_function(
        "id => { const t = document.getElementById(id).getBoundingClientRect().top; return t > -4 && t < 8; }",
        arg=heading_id,
    )


def _centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def switch_language(page: Page, to: str) -> None:
    """Point at the language button in the sticky header, then click the language, with the mouse
    alone: Playwright's own hover and click would first scroll the page to "show" the menu, which no
    reader's pointer does, and move the reader off their section."""
    page.mouse.move(*_centre(page.locator(".md-header .md-select button").first.bounding_box()))
    link = page.locator(f'.md-header a.md-select__link[hreflang="{to}"]').first
    expect(link).to_be_visible()
    with page.expect_navigation():
        page.mouse.click(*_centre(link.bounding_box()))
    page.wait_for_load_state()


def heading_top(page: Page, heading_id: str) -> float:
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", heading_id)


@pytest.mark.parametrize("start", LANGUAGES)
def test_switching_language_on_a_policy_page_lands_on_the_same_section(page, site_url, start):
    page.goto(policy_url(site_url, start), wait_until="networkidle")
    read_to(page, "guidelines-for-live-tweeting")
    switch_language(page, OTHER[start])
    assert page.locator("html").get_attribute("lang") == OTHER[start]
    assert urlsplit(page.url).path == urlsplit(policy_url(site_url, OTHER[start])).path
    assert urlsplit(page.url).fragment == "guidelines-for-live-tweeting"
    top = heading_top(page, "guidelines-for-live-tweeting")
    assert 0 <= top < page.viewport_size["height"] / 3, "the section is at the top of the window"
    # And back again, from somewhere else on the page.
    read_to(page, "personal-use")
    switch_language(page, start)
    assert page.locator("html").get_attribute("lang") == start
    assert urlsplit(page.url).fragment == "personal-use"
    assert 0 <= heading_top(page, "personal-use") < page.viewport_size["height"] / 3


def test_at_the_top_of_a_page_the_switch_lands_on_the_top(page, site_url):
    page.goto(policy_url(site_url, "en"), wait_until="networkidle")
    switch_language(page, "cy")
    assert urlsplit(page.url).fragment == ""
    assert page.evaluate("window.scrollY") == 0


def test_a_section_reached_by_its_link_is_kept_even_where_it_cannot_scroll_to_the_top(page, site_url):
    # The last section of a page is too short to reach the top of the window.
    page.goto(policy_url(site_url, "cy", "bridgend"), wait_until="networkidle")
    last = page.evaluate("() => [...document.querySelectorAll('article h2[id]')].pop().id")
    page.goto(policy_url(site_url, "cy", "bridgend") + f"#{last}", wait_until="networkidle")
    switch_language(page, "en")
    assert urlsplit(page.url).fragment == last
    assert 0 <= heading_top(page, last) < page.viewport_size["height"]


def test_the_switcher_link_can_be_copied_with_the_section_in_it(page, site_url):
    page.goto(policy_url(site_url, "en"), wait_until="networkidle")
    read_to(page, "live-tweeting")
    link = page.locator('a.md-select__link[hreflang="cy"]').first
    expect(link).to_have_attribute("href", re.compile(r"/cy/policies/assembly/#live-tweeting$"))


def test_the_switch_keeps_the_section_under_a_strict_content_security_policy(page, strict_csp_url):
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.sourceFile || e.blockedURI));""")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(policy_url(strict_csp_url, "cy"), wait_until="networkidle")
    read_to(page, "live-tweeting")
    switch_language(page, "en")
    assert urlsplit(page.url).fragment == "live-tweeting"
    assert [v for v in page.evaluate("window.__violations") if "language-switch" in v] == []
    assert errors == []


def test_the_switch_keeps_the_section_from_file_urls(page, site):
    page.goto((site / "policies" / "assembly" / "index.html").as_uri())
    read_to(page, "live-tweeting")
    switch_language(page, "cy")
    assert page.url.startswith("file://")
    assert page.url.endswith("/cy/policies/assembly/index.html#live-tweeting"), page.url
    assert page.locator("html").get_attribute("lang") == "cy"


# ---------------------------------------------------------------------------------------------
# Words a tree marks as another language, in the browser


def test_marked_words_in_a_tree_become_spans_in_the_walkthrough(page, site_url):
    """The real trees' Welsh marks English words as [words]{lang=en}; here the page's data is given
    one mark on the first question, as the build writes it, and the script must show a span."""
    url = f"{site_url}/cy/walkthroughs/foi-request/"

    def with_a_mark(route):
        html = route.fetch().text()
        match = re.search(
            r'(<script type="application/json" class="walkthrough__data">)(.*?)(</script>)', html, re.S
        )
        data = json.loads(match.group(2))
        first = data["nodes"][data["start"]]
        first["question"] = "Ydy'r neges drwy [@mention]{lang=en} yn gofyn am wybodaeth?"
        text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
        route.fulfill(response=route.fetch(), body=html[: match.start(2)] + text + html[match.end(2) :])

    page.route(url, with_a_mark)
    page.goto(url, wait_until="networkidle")
    question = page.locator(".walkthrough__question")
    expect(question.locator('span[lang="en"]')).to_have_text("@mention")
    expect(question).to_have_text("Ydy'r neges drwy @mention yn gofyn am wybodaeth?")
    page.locator(".walkthrough__form input").first.check()
    page.locator(".walkthrough__form button[type=submit]").click()
    summary = page.locator(".walkthrough__summary-question").first
    expect(summary.locator('span[lang="en"]')).to_have_text("@mention")
    label = page.locator(".walkthrough__change-link").first.get_attribute("aria-label")
    assert "@mention" in label and "{lang" not in label and "[" not in label
