"""The practice pages (src/decision_trees/client/practice.js) and the trainers' packs in a real
browser: Debian's Chromium driven by Playwright, against the strict build of the real site, in both
languages.

- every case of every walkthrough predicted through the page, right and wrong, the answer revealed
  in the policy's words, and the running score kept in the address (reload, back, start again),
  with axe at each state: the first case, an error, a revealed answer, the score;
- keyboard only, focus where it should be at each step; ARIA snapshots of a question and of a
  revealed answer;
- without JavaScript every case and its answer (in a closed <details>) is readable;
- a strict Content-Security-Policy from a sub-folder, file://, 320 px wide;
- each pack printed to PDF on A4 in both languages: every route row, hand-out and answer is there,
  no text past a page's edge, no row, hand-out or answer split across two sheets, the diagram alone
  on its sheet; the page counts are recorded in benchmarks/README.md by benchmarks/training.py.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from support.browser import axe_violations as _axe_violations
from support.pdf import pdf_pages
from support.project import ROOT

from decision_trees.cases import compile_all_cases
from decision_trees.policy_pages import PolicyPages
from decision_trees.render_html import verdict_label
from decision_trees.strings import strings
from site_translations.lang_spans import plain

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy"]
TREE_IDS = sorted(p.stem for p in (ROOT / "decision_trees" / "cases").glob("*.yml"))
A4_MARGIN_MM = 15
A4_CONTENT_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)  # the printable width, in CSS pixels


@pytest.fixture(scope="module")
def case_sets(trees):
    return compile_all_cases(ROOT / "decision_trees" / "cases", trees, PolicyPages(ROOT / "docs"), ROOT)


def practice_url(base: str, tree_id: str, language: str, query: str = "") -> str:
    prefix = "cy/" if language == "cy" else ""
    return f"{base}/{prefix}training/{tree_id}/" + (f"?{query}" if query else "")


def pack_url(base: str, tree_id: str, language: str) -> str:
    prefix = "cy/" if language == "cy" else ""
    return f"{base}/{prefix}training/{tree_id}/pack/"


def open_practice(page: Page, url: str) -> dict:
    if not hasattr(page, "_errors"):
        page._errors = []
        page.on("pageerror", lambda e: page._errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and page._errors.append(m.text))
    page._errors.clear()
    page.set_default_timeout(10_000)
    page.goto(url)
    expect(page.locator(".practice__bar")).to_have_count(1)
    return page.evaluate("JSON.parse(document.querySelector('script.practice__data').textContent)")


def axe_violations(page: Page) -> list[str]:
    """axe once things stop moving: Material fades the header's title in as the page scrolls (125 ms),
    and axe would measure the contrast of the text half faded in."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(150)
    return _axe_violations(page)


def assert_no_errors(page: Page, ignore: str | None = None) -> None:
    errors = [e for e in getattr(page, "_errors", []) if not (ignore and ignore in e)]
    assert not errors, errors


def shown_case(page: Page):
    return page.locator("li.practice-case:not([hidden])")


def fill(template: str, **values) -> str:
    return template.format(**values)


def state_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def outcome_label(tree, outcome_id: str, language: str) -> str:
    """As a choice reads: the tree's own label for the verdict, then the outcome's title."""
    node = tree.nodes[outcome_id]
    return f"{plain(verdict_label(tree, node, language))}: {plain(node.title[language])}"


# -- every case, right and wrong, and the score ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_every_case_is_predicted_revealed_and_scored_in_the_address(
    page, site_url, case_sets, trees, tree_id, language
):
    case_set, tree, s = case_sets[tree_id], trees[tree_id], strings(language, "training")
    open_practice(page, practice_url(site_url, tree_id, language))
    total = len(case_set.cases)
    expect(page.locator(".practice__score")).to_have_text(fill(s["score"], right=0, answered=0, total=total))
    assert axe_violations(page) == []
    # Checking with nothing chosen: the error, beside the choices, and the focus on the first choice.
    shown_case(page).locator("button[type=submit]").click()
    error = shown_case(page).locator(".practice-case__error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(s["error_choose"])
    expect(shown_case(page).locator("input[type=radio]").first).to_be_focused()
    assert shown_case(page).locator("fieldset").get_attribute("aria-describedby") == error.get_attribute("id")
    assert axe_violations(page) == []
    right = 0
    for number, case in enumerate(case_set.cases, 1):
        item = shown_case(page)
        expect(item).to_have_attribute("data-case", case.id)
        expect(item.locator("h2")).to_have_text(
            fill(s["case_heading"], n=number, total=total, title=plain(case.title[language]))
        )
        expect(item.locator("details")).to_be_hidden()  # no answer before a choice
        radios = item.locator("input[type=radio]")
        assert radios.evaluate_all("l => l.map(i => i.value)") == list(case.choices)
        # Right on the odd cases, wrong on the even ones.
        chosen = case.outcome if number % 2 else next(c for c in case.choices if c != case.outcome)
        item.locator(f"input[type=radio][value='{chosen}']").check()
        item.locator("button[type=submit]").click()
        right += chosen == case.outcome
        expect(item.locator(".practice-case__result-title")).to_be_focused()
        expect(item.locator(".practice-case__result-title")).to_have_text(
            s["correct"] if chosen == case.outcome else s["not_this_time"]
        )
        expect(item.locator(".practice-case__result-text")).to_have_text(
            fill(s["you_chose"], choice=outcome_label(tree, chosen, language))
        )
        answer = item.locator("details.practice-case__answer")
        expect(answer).to_be_visible()
        assert answer.evaluate("d => d.open")
        expect(answer.locator("h3")).to_contain_text(plain(tree.nodes[case.outcome].title[language]))
        expect(answer.locator(".practice-answer__body p").first).to_have_text(
            plain(tree.nodes[case.outcome].body.paragraphs(language)[0])
        )
        expect(item.locator("input[type=radio]:checked")).to_have_value(chosen)
        expect(page.locator(".practice__score")).to_have_text(
            fill(s["score"], right=right, answered=number, total=total)
        )
        state = state_of(page.url)
        assert state["case"] == case.id and state[case.id] == chosen
        if number == 1:
            assert axe_violations(page) == []
        item.locator(".practice-case__nav button").last.click()
    # The score for the set.
    summary = page.locator(".practice__summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_be_focused()
    expect(summary.locator("p").first).to_have_text(fill(s["score_text"], right=right, total=total))
    expect(summary.locator("li")).to_have_count(total)
    assert state_of(page.url)["case"] == "score"
    assert axe_violations(page) == []
    # The address keeps it all: a reload shows the same score, back shows the last case again.
    page.reload()
    expect(page.locator(".practice__summary p").first).to_have_text(
        fill(s["score_text"], right=right, total=total)
    )
    page.go_back()
    expect(shown_case(page)).to_have_attribute("data-case", case_set.cases[-1].id)
    page.go_forward()
    page.locator(".practice__summary button").click()
    expect(page.locator(".practice__score")).to_have_text(fill(s["score"], right=0, answered=0, total=total))
    expect(shown_case(page).locator("h2")).to_be_focused()
    assert state_of(page.url) == {"case": case_set.cases[0].id}
    assert_no_errors(page)


def test_a_link_from_a_policy_section_opens_its_case_and_a_hostile_address_is_ignored(
    page, site_url, case_sets
):
    case = case_sets["live-tweeting"].cases[3]
    policy = f"{site_url}/policies/bridgend/"
    page.goto(policy)
    link = page.locator(f".cited-by--practice a[href$='#case--{case.id}']").first
    expect(link).to_be_visible()
    link.click()
    expect(page.locator(".practice__bar")).to_have_count(1)  # the practice script has run
    expect(shown_case(page)).to_have_attribute("data-case", case.id)
    hostile = (
        "case=%3Cscript%3E&foi=1&facebook-question=%3Cimg%20src%3Dx%3E&tweet-without-a-name=valid-respond,x"
    )
    open_practice(page, practice_url(site_url, "foi-request", "en", hostile))
    expect(shown_case(page)).to_have_attribute("data-case", case_sets["foi-request"].cases[0].id)
    expect(page.locator(".practice__score")).to_contain_text("0")
    assert page.locator("img[src='x']").count() == 0
    assert_no_errors(page)


# -- keyboard and screen reader ----------------------------------------------------------------------


def _focused(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, type: e.type || '', value: e.value || '', cls: e.className || '',
                text: e.textContent.trim().slice(0, 80)}; }""")


def _tab_to(page: Page, test, limit: int = 200) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if test(f := _focused(page)):
            return f
    raise AssertionError(f"never reached by Tab; last: {_focused(page)}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_set_of_cases_can_be_done_by_keyboard_alone(page, site_url, case_sets, language):
    case_set, s = case_sets["foi-request"], strings(language, "training")
    open_practice(page, practice_url(site_url, "foi-request", language))
    for number, case in enumerate(case_set.cases, 1):
        first = _tab_to(page, lambda f: f["type"] == "radio")
        values = list(case.choices)
        assert first["value"] == values[0]
        for _ in range(values.index(case.outcome)):
            page.keyboard.press("ArrowDown")
        if values.index(case.outcome) == 0:
            page.keyboard.press("Space")
        assert _focused(page)["value"] == case.outcome
        page.keyboard.press("Tab")
        assert _focused(page)["text"] == s["check"]
        page.keyboard.press("Enter")
        expect(shown_case(page).locator(".practice-case__result-title")).to_be_focused()
        expect(page.locator(".practice__vh[aria-live]")).to_contain_text(s["correct"])
        last = number == len(case_set.cases)
        way_on = s["see_score"] if last else s["next_case"]
        _tab_to(page, lambda f, way_on=way_on: f["text"] == way_on)
        page.keyboard.press("Enter")
        if not last:
            expect(shown_case(page).locator("h2")).to_be_focused()
    expect(page.locator(".practice__summary h2")).to_be_focused()
    expect(page.locator(".practice__summary p").first).to_have_text(
        fill(s["score_text"], right=len(case_set.cases), total=len(case_set.cases))
    )
    _tab_to(page, lambda f: f["text"] == s["start_again"])
    page.keyboard.press("Enter")
    expect(shown_case(page).locator("h2")).to_be_focused()
    assert_no_errors(page)


def _node(role: str, name: str | None = None, attributes: str = "") -> str:
    """One node of an ARIA snapshot template, quoted for its YAML: `'heading "A: b" [level=2]'`."""
    key = role + (f" {json.dumps(name, ensure_ascii=False)}" if name is not None else "") + attributes
    return "'" + key.replace("'", "''") + "'"


def _text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


@pytest.mark.parametrize("language", LANGUAGES)
def test_aria_snapshots_of_a_question_and_a_revealed_answer(page, site_url, case_sets, trees, language):
    case_set, tree = case_sets["foi-request"], trees["foi-request"]
    s, case = strings(language, "training"), case_set.cases[1]
    open_practice(page, practice_url(site_url, "foi-request", language, f"case={case.id}"))
    heading = fill(s["case_heading"], n=2, total=len(case_set.cases), title=plain(case.title[language]))
    radios = "\n".join(f"    - {_node('radio', outcome_label(tree, o, language))}" for o in case.choices)
    expect(shown_case(page)).to_match_aria_snapshot(
        f"""
- listitem:
  - {_node("heading", heading, " [level=2]")}
  - paragraph
  - {_node("group", s["which_outcome"])}:
{radios}
  - {_node("button", s["check"])}
  - paragraph:
    - {_node("link", s["walk_it"])}
  - {_node("button", s["previous_case"])}
  - {_node("button", s["next_case"])}
"""
    )
    wrong = next(o for o in case.choices if o != case.outcome)
    shown_case(page).locator(f"input[value='{wrong}']").check()
    shown_case(page).locator("button[type=submit]").click()
    cites = "\n".join(
        f"      - listitem:\n        - {_node('link', label)}"
        for label in shown_case(page).locator(".practice-answer ul").nth(1).locator("a").all_inner_texts()
    )
    assert cites, "the revealed answer cites the policy"
    chosen = outcome_label(tree, wrong, language)
    expect(shown_case(page)).to_match_aria_snapshot(
        f"""
- listitem:
  - {_node("heading", heading, " [level=2]")}
  - {_node("group", s["which_outcome"])}:
    - {_node("radio", chosen, " [checked] [disabled]")}
  - {_node("heading", s["not_this_time"], " [level=3]")}
  - paragraph: {_text(fill(s["you_chose"], choice=chosen))}
  - group:
    - {_node("heading", outcome_label(tree, case.outcome, language), " [level=3]")}
    - {_node("heading", s["answers_given"], " [level=4]")}
    - {_node("heading", s["where_policy_says"], " [level=4]")}
    - list:
{cites}
    - {_node("heading", s["discuss"], " [level=4]")}
  - {_node("button", s["previous_case"])}
  - {_node("button", s["next_case"])}
"""
    )
    assert_no_errors(page)


# -- without JavaScript, under a strict CSP, from file://, on a phone -------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_every_case_and_its_answer_can_be_read(
    browser, site_url, case_sets, trees, language
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(practice_url(site_url, "gross-misconduct", language))
        case_set, tree = case_sets["gross-misconduct"], trees["gross-misconduct"]
        cases = page.locator("li.practice-case")
        expect(cases).to_have_count(len(case_set.cases))
        for index, case in enumerate(case_set.cases):
            item = cases.nth(index)
            expect(item.locator(".practice-case__story")).to_be_visible()
            expect(item.locator(".practice-case__choices li")).to_have_count(len(case.choices))
            details = item.locator("details")
            assert not details.evaluate("d => d.open"), "the answer starts closed"
            expect(details.locator("h3")).to_be_hidden()
        last = cases.nth(len(case_set.cases) - 1)
        last.locator("summary").click()
        expect(last.locator("details h3")).to_contain_text(
            plain(tree.nodes[case_set.cases[-1].outcome].title[language])
        )
        walkthrough = last.locator(".practice-case__walk a")
        walkthrough.click()
        page.wait_for_load_state()
        assert (
            urlsplit(page.url).path.endswith("/walkthroughs/gross-misconduct/")
            and not urlsplit(page.url).query
        )
    finally:
        context.close()
    # axe needs script to run (its promise waits on timers a page without JavaScript never fires): the
    # same page, with every script of the site refused, is what a reader without JavaScript gets.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())
        page.goto(practice_url(site_url, "gross-misconduct", language))
        expect(page.locator("li.practice-case")).to_have_count(len(case_set.cases))
        expect(page.locator(".practice__bar")).to_have_count(0)  # practice.js did not run
        page.locator("li.practice-case").last.locator("summary").click()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_it_works_under_a_strict_content_security_policy_from_a_sub_folder(page, strict_csp_url, case_sets):
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(
            {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile}));""")
    case = case_sets["new-account"].cases[0]
    open_practice(page, practice_url(strict_csp_url, "new-account", "cy"))
    shown_case(page).locator(f"input[value='{case.outcome}']").check()
    shown_case(page).locator("button[type=submit]").click()
    expect(shown_case(page).locator("details")).to_be_visible()
    page.goto(pack_url(strict_csp_url, "new-account", "cy"))
    expect(page.locator(".trainers-pack__diagram img")).to_have_js_property("complete", True)
    assert page.locator(".trainers-pack__diagram img").evaluate("i => i.naturalWidth") > 0
    # Prove the policy is in force with an inline script of our own: it must be blocked.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline_ran = true'; document.head.append(s); }""")
    assert page.evaluate("window.__inline_ran") is None
    violations = page.evaluate("window.__violations")
    assert [v["blocked"] for v in violations] == ["inline"], violations
    assert_no_errors(page, ignore="Content Security Policy")


def test_it_works_from_file_urls_in_the_offline_bundle(page, offline_bundle, case_sets):
    case_set = case_sets["councillor-first-steps"]
    folder = offline_bundle / "cy" / "training" / "councillor-first-steps"
    open_practice(page, (folder / "index.html").as_uri())
    for case in case_set.cases[:2]:
        shown_case(page).locator(f"input[value='{case.outcome}']").check()
        shown_case(page).locator("button[type=submit]").click()
        shown_case(page).locator(".practice-case__nav button").last.click()
    assert page.url.startswith("file://")
    state = state_of(page.url)
    assert state == {c.id: c.outcome for c in case_set.cases[:2]} | {"case": case_set.cases[2].id}
    page.go_back()
    expect(shown_case(page)).to_have_attribute("data-case", case_set.cases[1].id)
    assert_no_errors(page)
    page.goto((folder / "pack.html").as_uri())
    expect(page.locator(".trainers-pack__diagram img")).to_have_js_property("complete", True)
    assert page.locator(".trainers-pack__diagram img").evaluate("i => i.naturalWidth") > 0
    assert_no_errors(page)


@pytest.mark.parametrize("kind", ["practice", "pack"])
def test_no_horizontal_scrolling_at_320_css_pixels(browser, site_url, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        url = practice_url if kind == "practice" else pack_url
        page.goto(url(site_url, "new-account", "cy"))
        if kind == "practice":
            shown_case(page).locator("input[type=radio]").first.check()
            shown_case(page).locator("button[type=submit]").click()
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert axe_violations(page) == []
    finally:
        context.close()


# -- the trainers' packs on A4 -------------------------------------------------------------------


def _pdf_pages(pdf: bytes) -> tuple[list[str], list[str]]:
    """The text of each page, with whitespace made single, and any text drawn outside its page."""
    texts, outside = pdf_pages(pdf)
    return [" ".join(text.split()) for text in texts], outside


def _flat(text: str) -> str:
    # The PDF's text breaks lines (and hyphenates) where the sheet does: compare without spaces or hyphens.
    return "".join(text.replace("-", "").replace("\u00ad", "").split())


def _sheets_holding_whole(texts: list[str], text: str, sheets: range) -> list[int]:
    """The sheets among `sheets` (numbered from 1) that hold the whole of `text`, unbroken: a text
    split over two sheets is on neither."""
    flat = _flat(text)
    return [n for n in sheets if flat in _flat(texts[n - 1])]


def _first_sheet_starting(texts: list[str], heading: str, after: int = 0) -> int:
    return next(n for n, text in enumerate(texts, 1) if n > after and _flat(text).startswith(_flat(heading)))


def print_pack(page: Page, url: str) -> bytes:
    page.goto(url, wait_until="networkidle")
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    margin = f"{A4_MARGIN_MM}mm"
    return page.pdf(format="A4", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_each_pack_prints_on_a4_whole_with_nothing_cut_at_a_page_edge(
    page, site_url, case_sets, trees, tree_id, language
):
    case_set, tree = case_sets[tree_id], trees[tree_id]
    pdf = print_pack(page, pack_url(site_url, tree_id, language))
    breaks = page.locator(
        ".trainers-pack__route-table tbody tr, .trainers-pack__handout, .trainers-pack__key"
    ).evaluate_all("els => els.map(e => getComputedStyle(e).breakInside)")
    assert set(breaks) == {"avoid"}, "no row, hand-out or answer is split across two sheets"
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    texts, outside = _pdf_pages(pdf)
    assert outside == [], "\n".join(outside[:10])
    s = strings(language, "training")
    # The sections: the diagram alone on its sheet, then the routes, the hand-outs, the answer key.
    diagram = _first_sheet_starting(texts, s["diagram"])
    routes = _first_sheet_starting(texts, s["routes"], after=diagram)
    assert routes == diagram + 1, "the diagram has its sheet to itself; the route table starts on the next"
    handouts = _first_sheet_starting(texts, s["handouts"], after=routes)
    key = _first_sheet_starting(texts, s["answer_key"], after=handouts)
    # Every route row's reason, whole on a sheet of the route table.
    for outcome in tree.outcomes:
        reason = plain(case_set.reasons[outcome.id][language])
        assert _sheets_holding_whole(texts, reason, range(routes, handouts)), (outcome.id, reason)
    # Every hand-out's story whole on one sheet of the hand-outs, every discussion point whole on one
    # sheet of the answer key.
    for case in case_set.cases:
        assert _sheets_holding_whole(texts, plain(case.story[language]), range(handouts, key)), case.id
        for point in case.discussion:
            assert _sheets_holding_whole(texts, plain(point[language]), range(key, len(texts) + 1)), (
                case.id,
                point,
            )
    assert page.locator(".trainers-pack__diagram img").evaluate("i => i.complete && i.naturalWidth > 0")
