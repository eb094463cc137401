"""The comparison page in Chromium, both languages: on a 390 px phone nothing scrolls sideways and
the cards stack; on a wide screen they sit side by side; one organisation can be read across the
topics (also without JavaScript and by keyboard); axe finds nothing with an organisation open; it
prints on A4 with every cell and nothing past the page's edge; and a strict CSP leaves it whole."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from support.browser import PageWatch, axe_violations
from support.pdf import pdf_pages
from support.project import ROOT

from decision_trees.comparison import compile_comparison
from decision_trees.policy_pages import PolicyPages
from decision_trees.strings import strings
from site_translations.lang_spans import plain

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "cy")
COMPARISON = compile_comparison(ROOT / "comparison" / "policies.yml", PolicyPages(ROOT / "docs"))
PHONE = {"width": 390, "height": 844}
A4_MARGIN_MM = 15
A4_CONTENT_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)  # the printable width, in CSS pixels


def compare_url(base: str, language: str, fragment: str = "") -> str:
    return f"{base}/{'cy/' if language == 'cy' else ''}compare/{'#' + fragment if fragment else ''}"


def overflow(page, selector: str = ".comparison *") -> list[str]:
    """Elements that reach past the right edge of the viewport, and whether the page scrolls sideways."""
    return page.evaluate(
        """(selector) => {
            const width = document.documentElement.clientWidth;
            const out = [...document.querySelectorAll(selector)]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40));
            if (document.documentElement.scrollWidth > width) out.push('the page scrolls sideways');
            return out;
        }""",
        selector,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_nothing_scrolls_sideways_and_the_cards_stack(page, site_url, language):
    page.set_viewport_size(PHONE)
    watch = PageWatch(urlsplit(site_url).netloc).attach(page)
    page.goto(compare_url(site_url, language), wait_until="networkidle")
    assert overflow(page) == []
    for topic in COMPARISON.topics:
        boxes = page.locator(f"#{topic.id} + ul.comparison-cells > li").evaluate_all(
            "cards => cards.map(c => c.getBoundingClientRect()).map(r => [r.left, r.width, r.top])"
        )
        assert len(boxes) == len(COMPARISON.organisations)
        lefts, widths, tops = zip(*boxes, strict=True)
        assert len(set(map(round, lefts))) == 1 and len(set(map(round, widths))) == 1, "one column"
        assert list(tops) == sorted(tops)
    # An organisation opened (from a link) fits too, and axe finds nothing.
    page.goto(compare_url(site_url, language, "bridgend"), wait_until="networkidle")
    expect(page.locator("details.comparison-organisation[open]")).to_have_count(1)
    assert overflow(page) == []
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert watch.problems() == []


def test_on_a_wide_screen_the_cards_sit_side_by_side(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(compare_url(site_url, "en"), wait_until="networkidle")
    tops = page.locator("#meetings + ul.comparison-cells > li").evaluate_all(
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert tops[0] == tops[1] == tops[2], "the first three organisations in one row"
    assert overflow(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_organisation_read_across_every_topic(page, site_url, language):
    page.goto(compare_url(site_url, language, "scottish-parliament"), wait_until="networkidle")
    opened = page.locator("details.comparison-organisation[open]")
    expect(opened).to_have_count(1)
    expect(opened.locator("summary")).to_have_text(
        "Scottish Parliament" if language == "en" else "Senedd yr Alban"
    )
    cards = opened.locator("li.comparison-cell")
    expect(cards).to_have_count(len(COMPARISON.topics))
    s = strings(language, "comparison")
    for i, topic in enumerate(COMPARISON.topics):
        card = cards.nth(i)
        expect(card.locator("h3 a")).to_have_text(topic.title[language])
        cell = COMPARISON.cell(topic.id, "scottish-parliament")
        expect(card).to_contain_text(
            s["says_nothing_lists_lost"] if cell.silent else plain(cell.summary[language])[:60]
        )
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    # A card's heading leads back to the topic, across every organisation.
    cards.nth(1).locator("h3 a").click()
    assert page.url.endswith("#meetings")
    expect(page.locator("#meetings")).to_be_in_viewport()


def test_an_organisation_opens_by_keyboard(page, site_url):
    page.goto(compare_url(site_url, "cy"), wait_until="networkidle")
    summary = page.locator("details.comparison-organisation > summary").nth(4)
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.comparison-organisation").nth(4)).to_have_attribute("open", "")
    expect(
        page.locator("details.comparison-organisation").nth(4).locator("li.comparison-cell")
    ).to_have_count(len(COMPARISON.topics))


def test_without_javascript_every_cell_is_there_and_an_organisation_opens(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(compare_url(site_url, "cy"))
        cells = page.locator(".comparison-topic li.comparison-cell")
        expect(cells).to_have_count(len(COMPARISON.topics) * len(COMPARISON.organisations))
        expect(cells.first).to_be_visible()
        # A link to an organisation opens its cards, with no script to do it.
        page.goto(compare_url(site_url, "cy", "monmouthshire"))
        opened = page.locator("details.comparison-organisation[open]")
        expect(opened).to_have_count(1)
        expect(opened.locator("summary")).to_have_text("Cyngor Sir Fynwy")
        page.locator("details.comparison-organisation > summary").first.click()
        expect(page.locator("details.comparison-organisation[open]")).to_have_count(2)
    finally:
        context.close()


def _pdf_text_and_positions(pdf: bytes) -> tuple[int, str, list[str]]:
    """The page count, the text of every page, and any text drawn outside its page."""
    texts, outside = pdf_pages(pdf)
    return len(texts), " ".join(" ".join(texts).split()), outside


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_on_a4_every_cell_is_there_and_nothing_passes_the_page_edge(page, site_url, language):
    page.goto(compare_url(site_url, language), wait_until="networkidle")
    # Laid out as on paper: the printable width of A4, print styles.
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    assert overflow(page, "body *") == []
    expect(page.locator(".comparison-organisations")).to_be_hidden()  # a repeat of the topics
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    breaks = page.locator(".comparison-topic li.comparison-cell").evaluate_all(
        "cards => cards.map(c => getComputedStyle(c).breakInside)"
    )
    assert set(breaks) == {"avoid"}, "a card is never split across pages"
    margin = f"{A4_MARGIN_MM}mm"
    pdf = page.pdf(format="A4", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    pages, text, outside = _pdf_text_and_positions(pdf)
    assert pages >= 1 and outside == [], "\n".join(outside[:10])
    s = strings(language, "comparison")
    for topic in COMPARISON.topics:
        assert topic.title[language] in text
        for cell in topic.cells:
            if cell.silent:
                continue
            # Words, not exact spacing: the PDF's text breaks lines where the page does.
            words = re.sub(r"\s+", " ", plain(cell.summary[language])).split()
            for start in range(0, len(words), 8):
                chunk = " ".join(words[start : start + 8]).replace("-", "")
                assert chunk in text.replace("-", ""), (topic.id, cell.organisation.id, chunk)
    assert s["says_nothing"] in text and s["where_policy_says"] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_strict_content_security_policy_leaves_the_comparison_whole(page, strict_csp_url, language):
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push({
            blocked: e.blockedURI, source: e.sourceFile, directive: e.violatedDirective}));""")
    page.goto(compare_url(strict_csp_url, language, "assembly"), wait_until="networkidle")
    # Nothing on the page breaks the policy (the site has nothing inline)...
    assert page.evaluate("window.__violations") == []
    # ...and the policy is in force: an inline script of our own is blocked and reported.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline_ran = true'; document.head.append(s); }""")
    assert page.evaluate("window.__inline_ran") is None
    assert [v["blocked"] for v in page.evaluate("window.__violations")] == ["inline"]
    # Its stylesheet was allowed: the cards are laid out as cards.
    display = page.locator("ul.comparison-cells").first.evaluate("e => getComputedStyle(e).display")
    assert display == "grid"
    expect(page.locator("details.comparison-organisation[open]")).to_have_count(1)
