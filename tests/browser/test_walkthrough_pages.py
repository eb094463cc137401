"""Walkthrough pages as GOV.UK question pages, and links for the intranet, in Chromium at a phone's
390x844 and a laptop's 1366x768, in both languages:

- a Start link in the first screen of every walkthrough page, and no layout shift (CLS < 0.1) while
  the walkthrough takes over from the linked tree, even when its script arrives late;
- after every Continue, Back and Change the new step's heading is in full view below Material's
  sticky header (and its "Back to top" button) and has the focus;
- the document title names the step ("Question 2 of up to 5: ...") and says "Error: " with the
  error summary; error messages name the question;
- a focus indicator of at least 3:1 against the page, and targets of at least 24 by 24 px;
- no silent loss: answers on a branch the reader leaves are still there when they come back;
- "Copy link to this step" and "Copy link" on section headings copy the address the browser shows;
- every walkthrough on a page with two works;
- the accessibility tree (Playwright ARIA snapshots) of a question, an error and an outcome.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from support.static_server import QuietHandler, serve
from support.walkthrough import (
    MAIN,
    SCENARIOS,
    TREE_IDS,
    WalkthroughPage,
    as_state,
    encode,
    longest_scenario,
    norm,
    page_url,
    scenarios_of,
    url_state,
)

from decision_trees.model import Tree
from decision_trees.strings import strings
from decision_trees.walk import walk as py_walk
from site_translations.languages import LANGUAGES

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
SCRIPT_DELAY = 0.4  # seconds: the walkthrough script arrives after the page has been painted


class _SlowScriptHandler(QuietHandler):
    """The site, with the walkthrough script held back, as on a slow connection."""

    def do_GET(self):  # noqa: N802 (http.server names it)
        if self.path.split("?")[0].endswith("/walkthrough.js"):
            time.sleep(SCRIPT_DELAY)
        super().do_GET()


@pytest.fixture(scope="module")
def slow_url(site):
    with serve(site, _SlowScriptHandler) as url:
        yield url


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def sized_page(request, browser) -> Page:
    """A tab at each of the two sizes, reused across the tests of this module."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    context.add_init_script(CLS_OBSERVER)
    yield context.new_page()
    context.close()


def original_title(site, tree_id: str, language: str) -> str:
    """The page's own title, as built (before the script names the step)."""
    html = (site / ("cy" if language == "cy" else "") / "walkthroughs" / tree_id / "index.html").read_text()
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).replace("&#39;", "'").replace("&amp;", "&")


def questions_left(tree: Tree, node_id: str) -> int:
    """The most questions a reader can still be asked from a node (independently of the script)."""
    node = tree.nodes[node_id]
    return 0 if node.is_outcome else 1 + max(questions_left(tree, target) for _, target in node.edges())


def settle(page: Page) -> None:
    """Two frames and Material's 125 ms transition: what the reader sees once things stop moving."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(150)


def assert_in_full_view(page: Page, locator, what: str) -> None:
    """Every corner and the middle of the element is the element itself at that point of the screen:
    nothing (the sticky header, "Back to top") covers it, and none of it is off screen."""
    settle(page)
    covered = locator.evaluate(
        """e => { const r = e.getBoundingClientRect();
            const xs = [r.left + 2, (r.left + r.right) / 2, r.right - 2], ys = [r.top + 2, r.bottom - 2];
            const out = [];
            for (const x of xs) for (const y of ys) {
                const hit = document.elementFromPoint(x, y);
                if (y < 0 || y > innerHeight || !hit || !(hit === e || e.contains(hit)))
                    out.push({x: Math.round(x), y: Math.round(y), hit: hit ? hit.className || hit.tagName : null});
            }
            return out; }"""
    )
    assert not covered, f"{what}: not in full view at {covered}"


# ---------------------------------------------------------------------------------------------
# The first screen, and nothing moves


CLS_OBSERVER = """window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
    if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_the_first_screen_has_a_start_link_and_nothing_moves(sized_page, slow_url, site, tree_id, language):
    page = sized_page
    wt = WalkthroughPage(page)
    data = wt.open(page_url(slow_url, tree_id, language))
    page.wait_for_load_state("load")
    settle(page)
    shift = page.evaluate("window.__shift")
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"
    start = page.locator("a.walkthrough-start")
    expect(start).to_have_attribute("href", f"#{tree_id}")
    box = start.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], (
        "the Start link is below the first screen"
    )
    assert_in_full_view(page, start, "Start link")
    # Start: to the first question, in view below the header, with the focus.
    start.click()
    expect(wt.heading).to_be_focused()
    expect(wt.heading).to_have_text(data["nodes"][data["start"]]["question"])
    assert_in_full_view(page, wt.heading, "first question after Start")
    wt.assert_no_errors()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_offers_the_walkthroughs_in_its_first_screen(sized_page, site_url, language):
    # The UX review's U2: the walkthrough links started 2,216 px down the Welsh home page.
    page = sized_page
    page.goto(f"{site_url}/{'' if language == 'en' else language + '/'}", wait_until="networkidle")
    first = page.locator(".md-content a[href*='walkthroughs/']").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], (
        "the first walkthrough is below the first screen"
    )
    # (A link of two lines is not a box: its corners are the list's, so no hit test at the corners.)
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert box["y"] >= header, "the first walkthrough is under the header"


def test_nothing_moves_at_the_size_where_the_review_measured_a_shift_of_0_29(browser, slow_url):
    # 1350x940: the linked tree used to be painted, then hidden as the walkthrough took its place.
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    context.add_init_script(CLS_OBSERVER)
    try:
        page = context.new_page()
        shifts = {}
        for tree_id in TREE_IDS:
            for language in LANGUAGES:
                WalkthroughPage(page).open(page_url(slow_url, tree_id, language))
                page.wait_for_load_state("load")
                settle(page)
                shifts[f"{tree_id} ({language})"] = round(page.evaluate("window.__shift"), 3)
        assert max(shifts.values()) < 0.1, shifts
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# After Continue, Back and Change


def _longest_walk() -> tuple[str, dict]:
    """The scenario with the most steps of all, checklists and all."""
    scenario = max((longest_scenario(t) for t in TREE_IDS), key=lambda s: len(s.answers))
    return scenario.tree, scenario


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_new_step_is_in_full_view_below_the_header_and_focused(sized_page, site_url, language):
    page = sized_page
    tree_id, scenario = _longest_walk()
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, tree_id, language))
    steps = []
    while not wt.at_outcome:
        steps.append(wt.step)
        wt.answer(scenario.answers[wt.step])  # Continue
        expect(wt.heading).to_be_focused()
        assert_in_full_view(page, wt.heading, f"after Continue at {wt.step}")
    for expected in reversed(steps[-2:]):
        wt.ui.locator(".walkthrough__back").click()  # Back
        expect(wt.ui).to_have_attribute("data-step", expected)
        expect(wt.heading).to_be_focused()
        assert_in_full_view(page, wt.heading, f"after Back to {expected}")
    wt.continue_button().click()
    wt.visit(encode(scenario.answers))  # the outcome again, then Change the first answer
    wt.change(data["start"])
    expect(wt.heading).to_be_focused()
    assert_in_full_view(page, wt.heading, "after Change")
    # The error summary, and its link to the first answer, are in view too.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    wt.form.locator("input:checked").evaluate_all("l => l.forEach(i => { i.checked = false; })")
    if wt.node["type"] != "checklist":
        wt.continue_button().click()
        summary = wt.ui.locator(".walkthrough__error-summary")
        expect(summary).to_be_focused()
        assert_in_full_view(page, summary, "error summary")
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# The document title and the error messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_names_the_step_and_says_when_there_is_an_error(page, site, site_url, trees, language):
    scenario = longest_scenario(MAIN)
    tree = trees[MAIN]
    s = strings(language)
    base = original_title(site, MAIN, language)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, MAIN, language))

    def step_title(n: int, node_id: str) -> str:
        question = data["nodes"][node_id]["question"]
        total = n - 1 + questions_left(tree, node_id)
        return s["page_title"].format(
            step=s["page_title_question"].format(n=n, total=total, question=question), page=base
        )

    assert page.title() == step_title(1, tree.start)
    n = 1
    while not wt.at_outcome:
        if wt.node["type"] != "checklist":
            wt.continue_button().click()  # nothing chosen
            expect(page).to_have_title(s["error_prefix"] + ": " + step_title(n, wt.step))
        wt.answer(scenario.answers[wt.step])
        n += 1
        if not wt.at_outcome:
            expect(page).to_have_title(step_title(n, wt.step))
    outcome = data["nodes"][wt.step]
    announcement = s["outcome_announcement"].format(verdict=outcome["verdictLabel"], title=outcome["title"])
    expect(page).to_have_title(s["page_title"].format(step=announcement, page=base))
    # Back: the title follows.
    page.go_back()
    expect(page).to_have_title(re.compile("^" + re.escape(s["page_title_question"].split("{n}")[0])))
    wt.assert_no_errors()


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_messages_name_the_question(page, site_url, language):
    s = strings(language)
    wt = WalkthroughPage(page)
    messages = []
    for tree_id in TREE_IDS:
        data = wt.open(page_url(site_url, tree_id, language))
        node = data["nodes"][data["start"]]
        if node["type"] == "checklist":
            continue  # nothing ticked is an answer
        wt.continue_button().click()
        key = "error_choose_one" if node["type"] == "question" else "error_choose_some"
        message = s[key].format(question=node["question"], none=(node.get("none") or {}).get("label", ""))
        expect(wt.ui.locator(".walkthrough__error-summary a")).to_have_text(message)
        expect(wt.ui.locator(".walkthrough__error-message")).to_have_text(f"{s['error_prefix']}: {message}")
        messages.append(message)
    assert len(set(messages)) == len(messages) >= 2, "each question has its own message"
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Focus indicator and target sizes


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(rgb):
        def channel(c):
            c = c / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in rgb[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


FOCUS_STYLE = """e => {
    const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
    const style = getComputedStyle(e);
    let back = null;
    for (let p = e.parentElement; p && !back; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) back = c.slice(0, 3);
    }
    const shadows = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\\))/).map(s => ({
        color: rgb(s.match(/rgba?\\([^)]*\\)/)[0]).slice(0, 3),
        spread: Number((s.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || []).map(parseFloat)[3] || 0)}));
    return {visible: e.matches(':focus-visible'), background: back || [255, 255, 255],
            outline: {style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: rgb(style.outlineColor).slice(0, 3),
                      offset: parseFloat(style.outlineOffset)},
            shadows: shadows};
}"""


def assert_focus_indicator(page: Page, locator, what: str) -> None:
    """Focused by keyboard, the element shows a ring with a band at least 2 px wide whose colour has
    at least 3:1 contrast with the background around it (WCAG 1.4.11, 2.4.13)."""
    locator.focus()
    style = locator.evaluate(FOCUS_STYLE)
    assert style["visible"], f"{what}: no :focus-visible"
    bands = []
    outline = style["outline"]
    if outline["style"] not in ("none", "hidden") and outline["width"] >= 2:
        bands.append((outline["color"], outline["width"]))
    for shadow in style["shadows"]:
        # A shadow drawn under the outline shows only beyond it.
        width = shadow["spread"] - (
            outline["width"] + max(outline["offset"], 0) if outline["style"] != "none" else 0
        )
        if width >= 2:
            bands.append((shadow["color"], width))
    ratios = [round(_contrast(color, style["background"]), 2) for color, _ in bands]
    assert any(r >= 3 for r in ratios), f"{what}: focus indicator contrast {ratios} on {style['background']}"


def test_the_focus_indicator_has_3_to_1_contrast(page, site_url):
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    answers = dict(list(scenario.answers.items())[:1])
    wt.open(page_url(site_url, MAIN, "en", encode(answers)))
    page.keyboard.press("Tab")  # the page has seen a key: focus() now shows as keyboard focus
    assert_focus_indicator(page, wt.form.locator("input").first, "answer")
    assert_focus_indicator(page, wt.continue_button(), "Continue")
    assert_focus_indicator(page, wt.ui.locator(".walkthrough__back"), "Back link")
    assert_focus_indicator(page, wt.ui.locator(".walkthrough__change-link").first, "Change link")
    assert_focus_indicator(page, wt.ui.locator(".walkthrough__copy-link"), "Copy link to this step")
    assert_focus_indicator(page, page.locator("a.walkthrough-start"), "Start link")
    assert_focus_indicator(page, page.locator("h2 > a.headerlink").first, "section link")
    assert_focus_indicator(page, page.locator(".md-header__button.md-logo"), "header logo (on teal)")
    wt.visit(encode(scenario.answers))
    assert_focus_indicator(page, wt.ui.locator(".walkthrough__cites a").first, "citation link")
    assert_focus_indicator(page, wt.ui.locator(".walkthrough__actions button").first, "Print")


TARGETS = ".walkthrough__ui :is(a, button, input):not(.walkthrough__vh *)"


def _small_targets(page: Page) -> list[str]:
    return page.locator(TARGETS).evaluate_all(
        """els => els.filter(e => e.offsetParent !== null).map(e => {
            const r = e.getBoundingClientRect();
            return r.width < 24 || r.height < 24 ? `${e.tagName}.${e.className} "${(e.textContent || e.value).trim()
                .slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}` : null; }).filter(Boolean)"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_target_is_at_least_24_by_24_pixels(sized_page, site_url, trees, language):
    wt = WalkthroughPage(sized_page)
    seen: set[str] = set()
    for tree_id in TREE_IDS:
        scenario = longest_scenario(tree_id)
        wt.open(page_url(site_url, tree_id, language))
        while True:
            kind = wt.node["type"]
            if kind not in seen or kind == "outcome":
                seen.add(kind)
                assert not _small_targets(sized_page), f"{tree_id} at {wt.step}: {_small_targets(sized_page)}"
            if wt.at_outcome:
                break
            wt.quick_answer(scenario.answers[wt.step])
    assert {"question", "checklist", "outcome"} <= seen
    small = sized_page.locator("a.walkthrough-start, h2 > a.headerlink").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length"
    )
    assert small == 0


# ---------------------------------------------------------------------------------------------
# No silent loss


def _detour(tree: Tree):
    """Two scenarios that part at the first question, both to an outcome: (there, detour)."""
    full = [s for s in scenarios_of(tree.id) if s.scenario.outcome]
    for there in full:
        for detour in full:
            if there.answers[tree.start] != detour.answers[tree.start] and len(there.answers) > 2:
                return there, detour
    return None


def _any_answer(node: dict):
    if node["type"] == "question":
        return node["answers"][0]["id"]
    return [c["id"] for c in node["options" if node["type"] == "multiple" else "items"]][:1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_on_a_branch_the_reader_leaves_are_there_when_they_come_back(page, site_url, trees, language):
    wt = WalkthroughPage(page)
    tried = 0
    for tree_id in TREE_IDS:
        tree = trees[tree_id]
        pair = _detour(tree)
        if pair is None:
            continue
        there, detour = pair
        tried += 1
        data = wt.open(page_url(site_url, tree_id, language))
        wt.walk_to_outcome(there.answers)
        outcome = wt.step
        why = [norm(t) for t in wt.ui.locator(".walkthrough__summary-row").all_text_contents()]
        # Change the first answer and go down the other branch to its outcome.
        wt.change(tree.start)
        wt.answer(detour.answers[tree.start])
        while not wt.at_outcome:
            wt.quick_answer(detour.answers.get(wt.step, _any_answer(wt.node)))
        # Everything answered on the first branch is still in the address...
        state = url_state(page.url)
        for node_id, choice in as_state(there.answers).items():
            if node_id != tree.start:
                assert state.get(node_id) == choice, f"{tree_id}: the answer to '{node_id}' was dropped"
        # ... and coming back leads straight to the same outcome, with the same answers and findings.
        wt.change(tree.start)
        wt.answer(there.answers[tree.start])
        assert wt.step == outcome, f"{tree_id}: the detour lost answers"
        assert [norm(t) for t in wt.ui.locator(".walkthrough__summary-row").all_text_contents()] == why
        assert data["nodes"][outcome]["type"] == "outcome"
        wt.assert_no_errors()
    assert tried, "no tree has two scenarios that part at the first question"


# ---------------------------------------------------------------------------------------------
# Links for the intranet


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_link_to_this_step_copies_the_address_the_browser_shows(browser, site_url, language):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    try:
        page = context.new_page()
        scenario = longest_scenario(MAIN)
        s = strings(language)
        wt = WalkthroughPage(page)
        wt.open(page_url(site_url, MAIN, language))
        steps = []
        for _ in range(2):
            steps.append(wt.step)
            wt.answer(scenario.answers[wt.step])
        wt.ui.locator(".walkthrough__back").click()  # a step with step= in its address
        for where in ("question", "outcome"):
            button = wt.ui.locator(".walkthrough__copy-link")
            expect(button).to_be_visible()
            expect(button).to_have_text(s["copy_step_link"])
            step = wt.step
            button.click()
            expect(wt.ui.locator(".walkthrough__link-status")).to_have_text(s["link_copied"])
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == page.url and copied.startswith(site_url + "/"), where
            # The link opens the same step, with the same answers, for whoever follows it.
            other = context.new_page()
            WalkthroughPage(other).open(copied)
            expect(other.locator(".walkthrough__ui")).to_have_attribute("data-step", step)
            other.close()
            wt.visit(encode(scenario.answers))
        wt.assert_no_errors()
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_heading_has_a_visible_copy_link_in_the_pages_language(browser, site_url, language):
    # A phone: touch, no hover, so nothing may depend on hovering.
    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    s = strings(language)
    try:
        page = context.new_page()
        prefix = "cy/" if language == "cy" else ""
        page.goto(f"{site_url}/{prefix}policies/assembly/?from=intranet")
        headings = page.locator("article :is(h2, h3, h4)[id]")
        assert headings.count() > 5
        links = page.locator("article :is(h2, h3, h4)[id] > a.section-link")
        expect(links).to_have_count(headings.count())
        for link in links.all():
            expect(link).to_have_text(s["section_link"])
            expect(link).to_have_attribute("title", s["section_link_title"])
            style = link.evaluate(
                "e => { const c = getComputedStyle(e), r = e.getBoundingClientRect(); "
                "return {opacity: c.opacity, visibility: c.visibility, width: r.width, height: r.height}; }"
            )
            assert style["opacity"] == "1" and style["visibility"] == "visible", style
            assert style["width"] >= 24 and style["height"] >= 24, style
        heading = headings.nth(3)
        link = heading.locator("a.section-link")
        link.scroll_into_view_if_needed()
        link.tap()
        status = page.locator(".section-link__status")
        expect(status).to_have_text(s["link_copied"])
        copied = page.evaluate("navigator.clipboard.readText()")
        # The full address as this browser shows it (query and all), with the section's anchor.
        assert copied == page.url.split("#")[0] + "#" + heading.get_attribute("id")
        assert urlsplit(copied).query == "from=intranet"
    finally:
        context.close()


def test_section_links_work_from_file_urls(page, site):
    page.goto((site / "cy" / "policies" / "bridgend" / "index.html").as_uri())
    link = page.locator("article h2[id] > a.section-link").first
    expect(link).to_have_text(strings("cy")["section_link"])
    link.click()  # no clipboard permission here: the fallback copies, and says so
    expect(page.locator(".section-link__status")).not_to_be_empty()


# ---------------------------------------------------------------------------------------------
# Two walkthroughs on one page


def test_every_walkthrough_on_a_page_works(browser, site_url):
    """The FOI page with the live-tweeting walkthrough added under it, as an editor might."""
    context = browser.new_context()
    try:
        page = context.new_page()
        second = "live-tweeting"
        html = page.request.get(page_url(site_url, MAIN, "en")).text()
        other = page.request.get(page_url(site_url, second, "en")).text()
        start = other.index(f'<div class="walkthrough" id="{second}"')
        end = other.index('<h2 id="for-trainers"')
        both = html.replace('<h2 id="for-trainers"', other[start:end] + '<h2 id="for-trainers"', 1)
        url = page_url(site_url, MAIN, "en") + "both.html"  # the same folder: the same relative links
        page.route(
            lambda u: u.split("?")[0] == url, lambda route: route.fulfill(body=both, content_type="text/html")
        )
        one = WalkthroughPage(page, f"#{MAIN}")
        two = WalkthroughPage(page, f"#{second}")
        one.open(url)
        two.read_data()
        expect(page.locator(".walkthrough__ui")).to_have_count(2)
        first, other_first = longest_scenario(MAIN), longest_scenario(second)
        one_steps, two_steps = [one.step], [two.step]
        one.answer(first.answers[one.step])
        one_steps.append(one.step)
        two.answer(other_first.answers[two.step])
        two_steps.append(two.step)
        one.answer(first.answers[one.step])
        one_steps.append(one.step)
        # Each keeps its own answers in the one address; neither loses the other's.
        assert url_state(page.url) == as_state(
            {**{k: first.answers[k] for k in one_steps[:2]}, two_steps[0]: other_first.answers[two_steps[0]]}
        )
        page.reload()
        assert one.step == one_steps[2] and two.step == two_steps[1]
        page.go_back()  # history: one step back for the walkthrough that moved last
        expect(one.ui).to_have_attribute("data-step", one_steps[1])
        assert two.step == two_steps[1]
        one.assert_no_errors()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# What a screen reader is given: the accessibility tree


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _n(role: str, name: str, extra: str = "") -> str:
    """A node with its name, as a YAML key that survives any ':' in the name."""
    return "'" + f"{role} {_q(name)}{extra}".replace("'", "''") + "'"


def _choices_snapshot(node: dict, indent: str, strings_: dict, error: str | None = None) -> list[str]:
    lines = []
    if node.get("hint"):
        lines.append(f"{indent}- paragraph: {_q(node['hint'])}")
    if error:
        lines.append(f"{indent}- paragraph: {_q(strings_['error_prefix'] + ': ' + error)}")
    for answer in node["answers"]:
        if answer["unsure"] and answer is not node["answers"][0]:
            lines.append(f"{indent}- paragraph: {_q(strings_['or'])}")
        lines.append(f"{indent}- {_n('radio', answer['label'])}")
        if answer.get("hint"):
            lines.append(f"{indent}- paragraph: {_q(answer['hint'])}")
    return lines


def question_snapshot(data: dict, step: str, answered: dict, n: int, error: str | None = None) -> str:
    """The accessibility tree of a question step, built from the page's own data."""
    s, node = data["strings"], data["nodes"][step]
    first = next(iter(answered))
    lines = ["- /children: equal", f"- {_n('link', s['back'])}"]
    if error:
        lines += [
            "- alert:",
            f"  - {_n('heading', s['error_summary'], ' [level=2]')}",
            "  - list:",
            "    - listitem:",
            f"      - {_n('link', error)}",
        ]
    lines += [
        f"- {_n('group', s['question_n'].format(n=n) + ' ' + node['question'])}:",
        f"  - {_n('heading', node['question'], ' [level=2]')}",
        *_choices_snapshot(node, "  ", s, error),
        f"- {_n('button', s['continue'])}",
        f"- {_n('heading', s['your_answers'], ' [level=2]')}",
        f"- term: {_q(data['nodes'][first]['question'])}",
        "- definition",
        "- definition:",
        f"  - {_n('link', s['change_answer'] + ' ' + data['nodes'][first]['question'])}",
        f"- {_n('button', s['copy_step_link'])}",
        f"- {_n('link', s['start_again'])}",
    ]
    return "\n".join(lines)


def outcome_snapshot(data: dict, step: str, answered: dict, findings: tuple[list, list]) -> str:
    s, node = data["strings"], data["nodes"][step]
    lines = [
        "- /children: equal",
        f"- {_n('link', s['back'])}",
        f"- paragraph: {_q(s['outcome'])}",
        f"- {_n('heading', node['verdictLabel'] + ' ' + node['title'], ' [level=2]')}",
        *[f"- paragraph: {_q(p)}" for p in node["body"]],
        f"- {_n('heading', s['why'], ' [level=3]')}",
    ]
    for node_id in answered:
        lines += [
            f"- term: {_q(data['nodes'][node_id]['question'])}",
            "- definition",
            "- definition:",
            f"  - {_n('link', s['change_answer'] + ' ' + data['nodes'][node_id]['question'])}",
        ]
    chosen, unmet = findings
    for title, items in ((s["chosen_heading"], chosen), (s["not_met_heading"], unmet)):
        if items:
            lines += [f"- {_n('heading', title, ' [level=3]')}", "- list:"]
            lines += [f"  - listitem:\n    - paragraph: {_q(text)}" for text in items]
    if node["nextSteps"]:
        lines += [f"- {_n('heading', s['what_to_do_next'], ' [level=3]')}", "- list:"]
        lines += [f"  - listitem:\n    - paragraph: {_q(text)}" for text in node["nextSteps"]]
    lines += [f"- {_n('heading', s['where_policy_says'], ' [level=3]')}", "- list:"]
    lines += [f"  - listitem:\n    - {_n('link', cite['label'])}" for cite in node["cites"]]
    lines += [
        f"- {_n('button', s['print_record'])}",
        f"- {_n('button', s['copy_text'])}",
        f"- {_n('button', s['copy_step_link'])}",
        f"- {_n('link', s['start_again'])}",
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accessibility_tree_of_a_question_an_error_and_an_outcome(page, site_url, trees, language):
    scenario = longest_scenario(MAIN)
    answered = dict(list(scenario.answers.items())[:1])
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, MAIN, language, encode(answered)))
    step = wt.step
    assert data["nodes"][step]["type"] == "question", "the FOI tree's second step is a question"
    expect(wt.ui).to_match_aria_snapshot(question_snapshot(data, step, answered, 2))
    wt.continue_button().click()
    error = data["strings"]["error_choose_one"].format(question=data["nodes"][step]["question"])
    expect(wt.ui).to_match_aria_snapshot(question_snapshot(data, step, answered, 2, error))
    wt.visit(encode(scenario.answers))
    chosen, unmet = [], []
    for finding in py_walk(trees[MAIN], scenario.answers).findings:
        (chosen if finding.kind == "chosen" else unmet).append(finding.text[language])
    expect(wt.ui).to_match_aria_snapshot(outcome_snapshot(data, wt.step, scenario.answers, (chosen, unmet)))
    wt.assert_no_errors()


# Keep the scenario list in use here too: a tree without scenarios must fail, not vanish.
def test_every_tree_has_scenarios_for_these_tests():
    assert set(TREE_IDS) == {s.tree for s in SCENARIOS} and MAIN in TREE_IDS
