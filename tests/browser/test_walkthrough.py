"""The client-side walkthrough (src/decision_trees/client/walkthrough.js) in a real browser: Debian's
Chromium driven by Playwright, against the strict build of the real site, in both languages.

- every scenario of every tree (decision_trees/scenarios/*.yml) walked through the interface to its
  outcome (or the question it names), in English and in Welsh, with the findings the outcome lists;
- the JavaScript walk (the page's DOM-free Flow) agrees with walk.py on random and hostile URLs;
- back, change (later answers kept), start again, deep links, hostile URLs, history, double clicks;
- the language switcher carries the state; keyboard only; no JavaScript; print; copy; file://;
  mkdocs serve; a strict Content-Security-Policy from a sub-folder; 320px wide; and axe (WCAG 2.2
  AA tags) at every distinct step of every tree and every step of the FOI tree.

GOV.UK question-page behaviour, links and the accessibility tree: test_walkthrough_pages.py.
"""

from __future__ import annotations

import random
import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from support.project import ROOT
from support.serve import mkdocs_serve, wait_for
from support.walkthrough import (
    MAIN,
    SCENARIOS,
    TREE_IDS,
    WalkthroughPage,
    as_state,
    encode,
    expected_state,
    finding_texts,
    longest_scenario,
    norm,
    page_url,
    scenarios_of,
    url_state,
)

from decision_trees.strings import strings
from decision_trees.walk import walk as py_walk
from site_translations.lang_spans import plain
from site_translations.languages import LANGUAGES

pytestmark = pytest.mark.browser

AXE_WHOLE_PAGE = "html"  # the whole document, Material's navigation included


@pytest.fixture(scope="module")
def _shared_context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def shared_page(_shared_context) -> Page:
    """One tab reused by the many short tests: a new browser context costs more than the test."""
    return _shared_context.pages[0] if _shared_context.pages else _shared_context.new_page()


# ---------------------------------------------------------------------------------------------
# Every scenario, both languages

# Grouped by tree and language, so that consecutive tests reuse the page already open.
SCENARIO_RUNS = [
    pytest.param(s, language, id=f"{s.id}-{language}")
    for tree_id in TREE_IDS
    for language in LANGUAGES
    for s in SCENARIOS
    if s.tree == tree_id
]


@pytest.mark.parametrize(("scenario", "language"), SCENARIO_RUNS)
def test_every_scenario_reaches_its_outcome(shared_page, site_url, trees, scenario, language):
    wt = WalkthroughPage(shared_page)
    tree = trees[scenario.tree]
    url = page_url(site_url, scenario.tree, language)
    if shared_page.url.split("?")[0] == url and wt.ui.count():
        wt.visit("")  # the same page is already open: start again without reloading it
        wt.errors.clear()
        wt.read_data()
    else:
        wt.open(url)
    assert wt.data["language"] == language
    expected = scenario.scenario.outcome or scenario.scenario.next
    taken = {}
    while not wt.at_outcome and wt.step != expected:
        node_id = wt.step
        assert node_id in scenario.answers, (
            f"the walkthrough asks '{node_id}', which the scenario does not answer"
        )
        wt.quick_answer(scenario.answers[node_id])
        taken[node_id] = scenario.answers[node_id]
        # The answers so far are in the URL, in the contract's form.
        assert url_state(shared_page.url) == as_state(taken)
    assert wt.step == expected, scenario.scenario.name
    if scenario.scenario.next:
        expect(wt.heading).to_have_text(wt.data["nodes"][expected]["question"])
        wt.assert_no_errors()
        return
    outcome = wt.data["nodes"][expected]
    expect(wt.heading).to_contain_text(outcome["title"])
    expect(wt.heading.locator(".walkthrough-verdict")).to_have_text(outcome["verdictLabel"])
    # Why: every answer given, then the findings of chosen options and every unmet checklist item.
    expect(wt.ui.locator(".walkthrough__summary-row")).to_have_count(len(taken))
    chosen, unmet = finding_texts(tree, scenario.answers, language)
    got_chosen = wt.ui.locator(".walkthrough__findings:not(.walkthrough__findings--unmet) > li > p")
    got_unmet = wt.ui.locator(".walkthrough__findings--unmet > li > p")
    assert [norm(t) for t in got_chosen.all_text_contents()] == chosen
    assert [norm(t) for t in got_unmet.all_text_contents()] == unmet
    cites = wt.ui.locator(".walkthrough__record > .walkthrough__cites a")
    expect(cites).to_have_count(len(outcome["cites"]))
    assert [c.get_attribute("href") for c in cites.all()] == [c["href"] for c in outcome["cites"]]
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Accessibility: axe at every distinct step of every tree, and every step of one scenario


def _axe_targets(tree, every_step: bool) -> list[tuple[str, str]]:
    """(node, query) pairs: the first step of each type and every outcome, from the scenarios; with
    every_step, every step of every scenario."""
    seen, out = set(), []
    for scenario in scenarios_of(tree.id):
        if not scenario.scenario.outcome:
            continue
        result = py_walk(tree, scenario.answers)
        answered = {}
        for step in result.steps:
            key = step.node.id if every_step else step.node.type
            if key not in seen:
                seen.add(key)
                out.append((step.node.id, encode(answered)))
            answered[step.node.id] = step.choice
        if result.outcome.id not in seen:
            seen.add(result.outcome.id)
            out.append((result.outcome.id, encode(answered)))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_axe_finds_no_violations_at_any_step(page, site_url, trees, tree_id, language):
    tree = trees[tree_id]
    targets = _axe_targets(tree, every_step=tree_id == MAIN)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, tree_id, language))
    for node_id, query in targets:
        wt.visit(query)
        assert wt.step == node_id
        wt.axe(".walkthrough", f"{tree_id} ({language}) at {node_id}: ?{query}")
    # An outcome with the whole page: the record and the trainers' view.
    page.goto(page_url(site_url, tree_id, language, targets[-1][1]))
    wt.axe(AXE_WHOLE_PAGE, f"{tree_id} ({language}) at {targets[-1][0]}, whole page")
    # The "link no longer fits" notice, and the error summary.
    wt.visit("x=1&" + quote(data["start"]) + "=nonsense")
    expect(wt.ui.locator(".walkthrough__notice")).to_be_visible()
    if data["nodes"][data["start"]]["type"] != "checklist":
        wt.continue_button().click()
        expect(wt.ui.locator(".walkthrough__error-summary")).to_be_visible()
    wt.axe(".walkthrough", f"{tree_id} ({language}) error and notice")
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# The JavaScript walk is walk.py's walk


def _random_queries(tree, rng, count):
    nodes = tree.questions
    junk = [
        "",
        "nonsense",
        "<script>alert(1)</script>",
        "none",
        "__proto__",
        "yes,no",
        ",",
        "%zz",
        "constructor",
    ]
    for _ in range(count):
        parts = []
        for node in rng.sample(nodes, rng.randint(0, len(nodes))):
            ids = [a.id for a in node.choices]
            roll = rng.random()
            if roll < 0.7 and node.type == "question":
                value = rng.choice(ids)
            elif roll < 0.7:
                value = (
                    "none"
                    if node.type == "multiple" and rng.random() < 0.25
                    else ",".join(
                        rng.sample(ids, rng.randint(0 if node.type == "checklist" else 1, len(ids)))
                    )
                )
            else:
                value = rng.choice(junk + ids)
            parts.append(f"{node.id}={quote(value, safe=',')}")
        if rng.random() < 0.3:
            parts.append("step=" + rng.choice([n.id for n in tree.nodes.values()] + ["__proto__", ""]))
        if rng.random() < 0.2:
            parts.append("unknown-key=1")
        rng.shuffle(parts)
        yield "&".join(parts)


@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_the_browser_walks_urls_exactly_as_walk_py_does(shared_page, site_url, trees, tree_id):
    tree = trees[tree_id]
    rng = random.Random(f"walk-{tree_id}")
    wt = WalkthroughPage(shared_page)
    wt.open(page_url(site_url, tree_id, "en"))
    queries = list(_random_queries(tree, rng, 300))
    # The flow itself, without the page: hundreds of URLs in one round trip.
    got = shared_page.evaluate(
        """queries => {
            const data = JSON.parse(document.querySelector('script.walkthrough__data').textContent);
            const flow = new window.Walkthroughs.Flow(data);
            return queries.map(q => { const s = flow.state(q); return [s.step, s.walk.steps.map(x => x.id)]; });
        }""",
        queries,
    )
    for query, (step, steps) in zip(queries, got, strict=True):
        assert (step, steps) == expected_state(tree, query), f"?{query}"
    # And the page shows what the flow says, loaded and through history.
    for i, query in enumerate(queries[:12]):
        if i < 3:
            shared_page.goto(page_url(site_url, tree_id, "en", query))
        else:
            wt.visit(query)
        step, steps = expected_state(tree, query)
        assert wt.step == step, f"?{query}"
        assert norm(wt.heading.text_content()), f"?{query}: blank step"
        if tree.nodes[step].is_outcome:
            expect(wt.ui.locator(".walkthrough__summary-row")).to_have_count(len(steps))
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Back, change, start again, deep links, history


def test_back_link_browser_back_and_forward_and_start_again(page, site_url):
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, scenario.tree, "en"))
    expect(wt.ui.locator(".walkthrough__back")).to_have_count(0)
    expect(wt.root.locator(".walkthrough__static")).to_be_hidden()
    path = []
    for _ in range(3):
        path.append(wt.step)
        wt.answer(scenario.answers[wt.step])
    third = wt.step
    # The back link shows the previous step with its answer still chosen, and keeps the rest.
    wt.ui.locator(".walkthrough__back").click()
    assert wt.step == path[2]
    assert "step=" + path[2] in page.url
    choice = scenario.answers[path[2]]
    assert wt.checked() == ([choice] if isinstance(choice, str) else choice)
    expect(wt.heading).to_be_focused()
    # Continue without changing anything goes straight back to where we were.
    wt.continue_button().click()
    assert wt.step == third
    # The browser's back and forward buttons.
    page.go_back()
    assert wt.step == path[2]
    expect(wt.heading).to_be_focused()
    page.go_forward()
    assert wt.step == third
    for expected in (path[2], third, path[2], path[1]):  # the Back link's entry, then each Continue
        page.go_back()
        assert wt.step == expected
    page.go_forward()
    assert wt.step == path[2]
    # Start again: no answers, the first question, nothing ticked.
    wt.ui.locator("a.walkthrough__restart").click()
    assert wt.step == data["start"] and urlsplit(page.url).query == ""
    expect(wt.form.locator("input:checked")).to_have_count(0)
    expect(wt.ui.locator(".walkthrough__summary")).to_have_count(0)
    wt.assert_no_errors()


def test_rapid_back_and_forward_stays_consistent_with_the_url(page, site_url, trees):
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    wt.open(page_url(site_url, scenario.tree, "en"))
    wt.walk_to_outcome(scenario.answers, quick=False)
    # Chromium can run the burst below as five steps back, which must stay on this page: the
    # shortest routes have fewer answers than that, so go back a step and on again, twice, as a
    # reader checking an answer would (each is a history entry of its own).
    for _ in range(2):
        wt.ui.locator(".walkthrough__back").click()
        wt.continue_button().click()
        assert wt.step == scenario.scenario.outcome
    page.evaluate("""() => { history.back(); history.back(); history.back(); history.forward();
                             history.back(); history.forward(); history.back(); }""")
    page.wait_for_timeout(600)
    step, _ = expected_state(trees[scenario.tree], urlsplit(page.url).query)
    assert wt.step == step
    # A double click on Continue is one answer: the next step, no error, one history entry.
    page.goto(page_url(site_url, scenario.tree, "en"))
    first = wt.step
    wt.choose(scenario.answers[first])
    wt.continue_button().dblclick()
    assert wt.step != first
    expect(wt.ui.locator(".walkthrough__error-summary")).to_have_count(0)
    page.go_back()
    assert wt.step == first
    wt.assert_no_errors()


def _change_cases(trees):
    """(scenario, node, other answer) where another answer leads to the same next node."""
    for s in SCENARIOS:
        if not s.scenario.outcome:
            continue
        steps = py_walk(trees[s.tree], s.answers).steps
        for step in steps[:-1]:
            node = step.node
            if node.type != "question":
                continue
            following = dict(node.edges())[step.choice]
            for a in node.choices:
                if a.id != step.choice and a.next == following:
                    yield s, node.id, a.id


def test_change_keeps_every_later_answer_that_still_applies(page, site_url, trees):
    case = next(_change_cases(trees), None)
    assert case is not None, "no tree has two answers leading to the same question: the test needs one"
    scenario, node_id, other = case
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, scenario.tree, "en", encode(scenario.answers)))
    assert wt.step == scenario.scenario.outcome
    change = wt.ui.locator(".walkthrough__summary-row").filter(has_text=data["nodes"][node_id]["question"])
    expect(change.locator(".walkthrough__change a")).to_have_attribute(
        "aria-label", re.compile(re.escape(data["strings"]["change_answer"]))
    )
    wt.change(node_id)
    assert f"step={node_id}" in page.url
    expect(wt.heading).to_be_focused()
    wt.answer(other)
    # Straight to the outcome: nothing more was needed, and the later answers are all kept.
    assert wt.step == scenario.scenario.outcome
    assert url_state(page.url) == as_state(dict(scenario.answers, **{node_id: other}))
    label = next(a["label"] for a in data["nodes"][node_id]["answers"] if a["id"] == other)
    row = wt.ui.locator(".walkthrough__summary-row").filter(has_text=data["nodes"][node_id]["question"])
    expect(row.locator(".walkthrough__summary-answer")).to_have_text(label)
    wt.assert_no_errors()


def test_deep_links_open_the_step_they_name(page, site_url, trees):
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    wt.open(page_url(site_url, scenario.tree, "en", encode(scenario.answers)))
    assert wt.step == scenario.scenario.outcome
    expect(wt.ui.locator(".walkthrough__notice")).to_have_count(0)
    nodes = list(scenario.answers)
    page.goto(page_url(site_url, scenario.tree, "en", encode(scenario.answers, step=nodes[1])))
    assert wt.step == nodes[1]
    choice = scenario.answers[nodes[1]]
    assert wt.checked() == ([choice] if isinstance(choice, str) else choice)
    # A link to a step opens at that step, in view and focused, as a page of its own would.
    expect(wt.heading).to_be_focused()
    expect(wt.heading).to_be_in_viewport()
    # Half the answers: the first question still to answer.
    half = dict(list(scenario.answers.items())[:2])
    page.goto(page_url(site_url, scenario.tree, "en", encode(half)))
    assert wt.step == expected_state(trees[scenario.tree], encode(half))[0]
    wt.assert_no_errors()


# Built from the FOI tree's own node ids: {start} is its first question, {second} another question.
HOSTILE = [
    "{start}=<script>alert(1)</script>&x=1&{second}=nonsense",
    "{start}=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "step=<b>x</b>",
    "step=__proto__",
    "__proto__=1&constructor=1&toString=x",
    "%E0%A4%A=1&step=%",
    "{start}=" + "a" * 5000,
    "{start}={answer}&{start}=nonsense&step={outcome}",
    "{checklist}={item},{item},unknown",
    "step={outcome}",
    "&&&=&=",
]


def _hostile(tree, template: str) -> str:
    start = tree.nodes[tree.start]
    second = next(n for n in tree.questions if n.id != tree.start)
    checklist = next((n for n in tree.questions if n.type != "question"), second)
    return template.format(
        start=start.id,
        second=second.id,
        answer=start.choices[0].id,
        outcome=tree.outcomes[0].id,
        checklist=checklist.id,
        item=checklist.choices[0].id,
    )


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_urls_fall_back_to_the_furthest_valid_step(shared_page, site_url, trees, template):
    tree = trees[MAIN]
    dialogs = []
    handler = lambda d: (dialogs.append(d.message), d.dismiss())  # noqa: E731
    shared_page.on("dialog", handler)
    wt = WalkthroughPage(shared_page)
    wt.open(page_url(site_url, MAIN, "en", _hostile(tree, template)))
    shared_page.remove_listener("dialog", handler)
    step, _ = expected_state(tree, urlsplit(shared_page.url).query)
    assert wt.step == step
    assert norm(wt.heading.text_content())
    html = wt.root.inner_html()
    assert "<script>alert" not in html and "<img" not in html and "<b>x" not in html
    assert shared_page.locator(".walkthrough img, .walkthrough__ui script, .walkthrough__ui b").count() == 0
    assert not dialogs
    wt.assert_no_errors()


def test_the_hostile_url_of_the_issue_shows_the_first_question_and_a_notice(page, site_url, trees):
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, MAIN, "en", _hostile(trees[MAIN], HOSTILE[0])))
    assert wt.step == data["start"]
    expect(wt.ui.locator(".walkthrough__notice")).to_have_text(data["strings"]["restored_notice"])
    expect(wt.form.locator("input:checked")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_link_to_a_later_step_without_its_answers_says_so_and_starts_at_the_first_question(
    page, site_url, trees, language
):
    # The UX review's M4: such a link said that answers "no longer fit", when there were none.
    tree = trees[MAIN]
    later = next(n for n in tree.questions if n.id != tree.start)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, MAIN, language, f"step={later.id}"))
    assert wt.step == data["start"]
    notice = wt.ui.locator(".walkthrough__notice")
    expect(notice).to_have_text(plain(data["strings"]["step_needs_answers"]))
    assert data["strings"]["step_needs_answers"] != data["strings"]["restored_notice"]
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Language switch, keyboard, errors, exclusive "none"


@pytest.mark.parametrize("start", LANGUAGES)
def test_the_language_switcher_keeps_the_step_and_the_answers(page, site_url, start):
    scenario = longest_scenario(MAIN)
    other = "cy" if start == "en" else "en"
    wt = WalkthroughPage(page)
    wt.open(page_url(site_url, scenario.tree, start))
    for _ in range(3):
        wt.answer(scenario.answers[wt.step])
    # Go back one step, so the state includes step=.
    wt.ui.locator(".walkthrough__back").click()
    here, query = wt.step, urlsplit(page.url).query
    switch = page.locator(f"a.md-select__link[hreflang={other}]")
    assert urlsplit(switch.get_attribute("href")).query == query
    page.locator(".md-select").hover()
    with page.expect_navigation():
        switch.click()
    assert page.locator("html").get_attribute("lang") == other
    assert urlsplit(page.url).query == query
    expect(wt.ui).to_have_attribute("data-step", here)
    data_other = wt.read_data()
    expect(wt.heading).to_have_text(data_other["nodes"][here]["question"])
    choice = scenario.answers[here]
    assert wt.checked() == ([choice] if isinstance(choice, str) else choice)
    expect(wt.ui.locator(".walkthrough__summary-row")).to_have_count(2)


def _focused(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, type: e.type || '', value: e.value || '', cls: e.className || '',
                inForm: !!e.closest('.walkthrough__form'), text: e.textContent.trim().slice(0, 80)}; }""")


def _keyboard_answer(page: Page, node: dict, choice):
    page.keyboard.press("Tab")
    f = _focused(page)
    if node["type"] == "question":
        assert f["type"] == "radio", f
        ids = [a["id"] for a in node["answers"]]
        for _ in range(ids.index(choice)):
            page.keyboard.press("ArrowDown")
        if ids.index(choice) == 0:
            page.keyboard.press("Space")
        assert _focused(page)["value"] == choice
        page.keyboard.press("Tab")
    else:
        wanted = {"none"} if choice in ("none", ["none"]) else set(choice)
        while (f := _focused(page))["type"] == "checkbox":
            if f["value"] in wanted:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    f = _focused(page)
    assert f["tag"] == "BUTTON" and f["inForm"], f
    page.keyboard.press("Enter")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_every_walkthrough_can_be_completed_by_keyboard_alone(page, site_url, tree_id, language):
    scenario = longest_scenario(tree_id)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, tree_id, language))
    # From the top of the page, Tab to the first answer.
    for _ in range(300):
        page.keyboard.press("Tab")
        if _focused(page)["inForm"]:
            break
    assert _focused(page)["inForm"]
    page.keyboard.press("Shift+Tab")  # so that each step starts just before the first answer
    while not wt.at_outcome:
        node_id = wt.step
        _keyboard_answer(page, wt.node, scenario.answers[node_id])
        expect(wt.ui).not_to_have_attribute("data-step", node_id)
        # Focus moves to the new step's heading, and the change is announced.
        expect(wt.heading).to_be_focused()
        expect(wt.root.locator(":scope > .walkthrough__vh")).not_to_have_text("")
    assert wt.step == scenario.scenario.outcome
    live = wt.root.locator(":scope > .walkthrough__vh")
    expect(live).to_have_text(re.compile(re.escape(data["nodes"][scenario.scenario.outcome]["title"])))
    # Change the first answer by keyboard.
    for _ in range(100):
        page.keyboard.press("Tab")
        if "walkthrough__change-link" in _focused(page)["cls"]:
            break
    page.keyboard.press("Enter")
    assert wt.step == data["start"]
    expect(wt.heading).to_be_focused()
    wt.assert_no_errors()


def test_none_of_these_is_exclusive_and_nothing_ticked_is_an_error(page, site_url, trees):
    case = next(
        (
            (s, step.node)
            for s in SCENARIOS
            if s.scenario.outcome
            for step in py_walk(trees[s.tree], s.answers).steps
            if step.node.type == "multiple"
        ),
        None,
    )
    assert case is not None, "no tree has a 'multiple' question: the test needs one"
    scenario, node = case
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, scenario.tree, "cy", encode(scenario.answers, step=node.id)))
    assert wt.step == node.id
    while wt.form.locator("input:checked").count():
        wt.form.locator("input:checked").first.uncheck()
    wt.continue_button().click()
    message = data["strings"]["error_choose_some"].format(
        question=data["nodes"][node.id]["question"], none=data["nodes"][node.id]["none"]["label"]
    )
    expect(wt.ui.locator(".walkthrough__error-summary")).to_contain_text(message)
    none = wt.form.locator('input[value="none"]')
    options = wt.form.locator('input[type=checkbox]:not([value="none"])')
    options.nth(0).check()
    if options.count() > 1:
        options.nth(1).check()
    none.check()
    expect(wt.form.locator("input:checked")).to_have_count(1)
    options.nth(0).check()
    expect(none).not_to_be_checked()
    wt.continue_button().click()
    assert f"{node.id}={node.choices[0].id}" in page.url
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Without JavaScript, print, copy


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_without_javascript_the_linked_tree_leads_to_each_outcome(
    browser, site_url, trees, tree_id, language
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(page_url(site_url, tree_id, language))
        tree = trees[tree_id]
        data = WalkthroughPage(page).read_data()  # what the page says
        expect(page.locator(".walkthrough__static")).to_be_visible()
        expect(page.locator(".walkthrough__ui")).to_have_count(0)
        # The page's Start link leads to the tree's first question.
        page.locator("a.walkthrough-start").click()
        assert page.url.endswith(f"#{tree_id}")
        expect(page.locator(f"#{tree_id}--questions")).to_be_in_viewport()
        reached = set()
        for scenario in scenarios_of(tree_id):
            if not scenario.scenario.outcome or scenario.scenario.outcome in reached:
                continue
            reached.add(scenario.scenario.outcome)
            for step in py_walk(tree, scenario.answers).steps:
                target = dict(step.node.edges())[step.branch]
                section = page.locator(f"#{tree_id}--{step.node.id}")
                link = section.locator(f'.walkthrough-node__answers a[href="#{tree_id}--{target}"]')
                if step.node.type == "question":
                    label = next(
                        a["label"] for a in data["nodes"][step.node.id]["answers"] if a["id"] == step.choice
                    )
                    # As a reader sees it: a language mark shows as its words.
                    link = link.filter(has_text=re.compile("^" + re.escape(plain(label)) + "$"))
                link.first.click()
                assert page.url.endswith(f"#{tree_id}--{target}")
            outcome = page.locator(f"#{tree_id}--{scenario.scenario.outcome}")
            expect(outcome).to_be_in_viewport()
            expect(outcome.locator("h3")).to_contain_text(data["nodes"][scenario.scenario.outcome]["title"])
            # Its "Start again" link leads back to the first question.
            outcome.locator("a.walkthrough-restart").click()
            assert page.url.endswith(f"#{tree_id}--{tree.start}")
    finally:
        context.close()


def test_print_shows_a_clean_record(page, site_url):
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, scenario.tree, "en", encode(scenario.answers)))
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".walkthrough__back",
        ".walkthrough__links",
        ".walkthrough__actions",
        ".walkthrough__static",
        "a.walkthrough-start",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".walkthrough__change").first).to_be_hidden()
    meta = page.locator(".walkthrough__record-meta")
    expect(meta).to_be_visible()
    expect(meta).to_contain_text(data["strings"]["record_date"])
    expect(meta).to_contain_text(data["title"])
    expect(meta).to_contain_text(urlsplit(page.url).query)
    expect(page.locator(".walkthrough__summary-question").first).to_be_visible()
    expect(wt.heading).to_be_visible()
    url = page.locator(".walkthrough__record > .walkthrough__cites .walkthrough__url").first
    expect(url).to_be_visible()
    expect(url).to_contain_text(site_url + "/")
    # The trainers' view prints too (unless the record alone is asked for), every path of it.
    expect(page.locator(".walkthrough-trainer")).to_be_visible()
    expect(page.locator(".walkthrough-trainer img")).to_be_visible()
    expect(page.locator(".walkthrough-paths > li").last).to_be_visible()
    # "Print this record": the record alone.
    page.emulate_media(media="screen")
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.locator(".walkthrough__actions button").first.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".walkthrough-trainer")).to_be_hidden()
    expect(page.locator("h1").first).to_be_hidden()
    expect(meta).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator(".walkthrough-trainer")).to_be_visible()
    wt.assert_no_errors()


def test_the_trainers_view_prints_cleanly_and_its_links_work(page, site_url):
    wt = WalkthroughPage(page)
    wt.open(page_url(site_url, MAIN, "en"))
    trainer = page.locator(".walkthrough-trainer")
    expect(trainer).to_be_visible()
    page.emulate_media(media="print")
    expect(trainer.locator("img")).to_be_visible()
    expect(trainer.locator(".walkthrough-paths")).to_be_visible()
    assert page.evaluate(
        "document.querySelector('.walkthrough-trainer img').getBoundingClientRect().right"
        " <= document.documentElement.clientWidth"
    )
    page.emulate_media(media="screen")
    # A path's link leads to the outcome in the full linked tree, shown again for it, and the
    # walkthrough does not take the focus back.
    link = trainer.locator(".walkthrough-paths > li > p a").first
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(target)).to_be_visible()
    expect(page.locator(target)).to_be_in_viewport()
    expect(wt.heading).not_to_be_focused()
    # The same for any other link to an anchor on the page (Material's table of contents).
    page.goto(page_url(site_url, MAIN, "en", "x=1"))
    step = wt.step
    page.evaluate("location.hash = 'for-trainers'")
    expect(page.locator("#for-trainers")).to_be_in_viewport()
    expect(wt.heading).not_to_be_focused()
    assert wt.step == step
    page.go_back()
    expect(wt.heading).not_to_be_focused()


def test_copy_as_plain_text_and_its_fallback(page, site_url):
    scenario = longest_scenario(MAIN)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(site_url, scenario.tree, "en", encode(scenario.answers)))
    status = page.locator(".walkthrough__actions + .walkthrough__status")
    page.locator(".walkthrough__actions button").nth(1).click()
    expect(status).to_have_text(data["strings"]["copied"])
    text = page.evaluate("navigator.clipboard.readText()")
    outcome = data["nodes"][scenario.scenario.outcome]
    assert data["title"] in text and outcome["title"] in text and outcome["verdictLabel"] in text
    for node_id in scenario.answers:
        assert data["nodes"][node_id]["question"] in text
    assert page.url in text and "\n" in text
    # No clipboard API and no execCommand: the failure is said, not silent.
    page.evaluate("""() => { Object.defineProperty(navigator, 'clipboard', {value: undefined});
                             document.execCommand = () => false; }""")
    page.locator(".walkthrough__actions button").nth(1).click()
    expect(status).to_have_text(data["strings"]["copy_failed"])
    wt.assert_no_errors()


# ---------------------------------------------------------------------------------------------
# Where it runs: file://, a strict CSP, 320px, pages without a walkthrough


def test_it_works_from_file_urls(page, site):
    scenario = longest_scenario(MAIN)
    url = (site / "cy" / "walkthroughs" / scenario.tree / "index.html").as_uri()
    wt = WalkthroughPage(page)
    wt.open(url)
    wt.walk_to_outcome(scenario.answers, quick=False)
    assert wt.step == scenario.scenario.outcome
    assert page.url.startswith("file://") and url_state(page.url) == as_state(scenario.answers)
    page.go_back()
    assert not wt.at_outcome
    # The language switcher points at a file, not a folder listing.
    href = page.locator("a.md-select__link[hreflang=en]").get_attribute("href")
    assert "index.html?" in href
    wt.assert_no_errors(ignore="search_index")  # Material's search cannot load from file://


def test_it_works_under_a_strict_content_security_policy_from_a_sub_folder(page, strict_csp_url):
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(
            {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile}));""")
    console = []
    page.on("console", lambda m: console.append(m.text))
    scenario = longest_scenario(MAIN)
    wt = WalkthroughPage(page)
    data = wt.open(page_url(strict_csp_url, scenario.tree, "en"))
    while not wt.at_outcome:
        if wt.node["type"] != "checklist":
            wt.continue_button().click()  # the error path too
            expect(wt.ui.locator(".walkthrough__error-summary")).to_be_focused()
        wt.answer(scenario.answers[wt.step])
    assert wt.step == scenario.scenario.outcome
    assert urlsplit(page.url).path == urlsplit(page_url(strict_csp_url, scenario.tree, "en")).path
    page.locator(".walkthrough__actions button").nth(1).click()  # copy: the textarea fallback path
    wt.ui.locator(".walkthrough__copy-link").click()
    expect(wt.ui.locator(".walkthrough__link-status")).not_to_be_empty()
    wt.ui.locator(".walkthrough__back").click()
    wt.ui.locator("a.walkthrough__restart").click()
    assert urlsplit(page.url).path == urlsplit(page_url(strict_csp_url, scenario.tree, "en")).path
    assert wt.step == data["start"]
    # The section links (a script every page loads) work under the same policy.
    page.goto(f"{strict_csp_url}/policies/assembly/")
    expect(page.locator("h2 > a.section-link").first).to_have_text(strings("en")["section_link"])
    # The site has nothing inline any more (tests/browser/test_behind_nginx.py), so prove the policy is
    # in force with an inline script of our own: it must be blocked and reported.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline_ran = true'; document.head.append(s); }""")
    assert page.evaluate("window.__inline_ran") is None
    violations = page.evaluate("window.__violations")
    assert any(v["blocked"] == "inline" for v in violations), "the CSP was not in force"
    ours = [v for v in violations if "assets/walkthrough/" in (v["source"] or "")]
    assert not ours, ours
    assert not [m for m in console if "assets/walkthrough/" in m and "Content Security Policy" in m]
    wt.assert_no_errors()


def test_it_works_under_mkdocs_serve(page):
    with mkdocs_serve(ROOT) as base:
        scenario = longest_scenario(MAIN)
        url = page_url(base, scenario.tree, "cy")
        wait_for(url, lambda html: "walkthrough__data" in html, 120)
        wt = WalkthroughPage(page)
        wt.open(url)
        wt.walk_to_outcome(scenario.answers, quick=False)
        assert wt.step == scenario.scenario.outcome
        page.go_back()
        assert not wt.at_outcome
        wt.assert_no_errors()


def test_no_horizontal_scrolling_at_320_css_pixels(browser, site_url):
    # 320 CSS pixels: a small phone, or 1280px at 400% zoom.
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=4)
    try:
        wt = WalkthroughPage(context.new_page())
        for tree_id in TREE_IDS:
            scenario = longest_scenario(tree_id)
            wt.open(page_url(site_url, tree_id, "cy"))
            while True:
                overflow = wt.page.evaluate("""() => { const ui = document.querySelector('.walkthrough__ui');
                    const r = ui.getBoundingClientRect();
                    return {right: r.right, width: innerWidth, scroll: ui.scrollWidth, client: ui.clientWidth,
                            page: document.documentElement.scrollWidth}; }""")
                assert overflow["right"] <= overflow["width"] and overflow["scroll"] <= overflow["client"], (
                    tree_id,
                    wt.step,
                    overflow,
                )
                assert overflow["page"] <= overflow["width"], (tree_id, wt.step, overflow)
                if wt.at_outcome:
                    break
                wt.quick_answer(scenario.answers[wt.step])
    finally:
        context.close()


def test_the_script_does_nothing_on_a_page_without_a_walkthrough(page, site_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "/walkthroughs/")
    before = page.locator("article").inner_html()
    page.add_script_tag(url=site_url + "/assets/walkthrough/walkthrough.js")
    assert page.locator("article").inner_html() == before
    assert page.locator(".walkthrough__ui").count() == 0 and not errors


def _unmet_checklist_case(trees):
    """A scenario that leaves a checklist of three or more items partly unticked (its unmet branch)."""
    for scenario in SCENARIOS:
        nodes = {n.id: n for n in trees[scenario.tree].questions}
        for node_id, answer in scenario.answers.items():
            node = nodes.get(node_id)
            if node is None or node.type != "checklist" or len(node.choices) < 3:
                continue
            ticked = [answer] if isinstance(answer, str) else list(answer)
            if "none" not in ticked and len(ticked) < len(node.choices):
                return scenario, node
    return None


def test_the_welsh_summary_agrees_with_the_number_of_unticked_items(page, site_url, trees):
    # F06 of the Welsh review: one item is 'Heb ei thicio' (eitem is feminine), a list 'Heb eu ticio'.
    case = _unmet_checklist_case(trees)
    assert case is not None, "no scenario leaves a checklist of three or more items partly unticked"
    scenario, node = case
    ids = [c.id for c in node.choices]
    wt = WalkthroughPage(page)
    for ticked, key in ((ids[:-1], "not_ticked"), (ids[:1], "not_ticked_several")):
        answers = dict(scenario.answers, **{node.id: ticked})
        data = wt.open(page_url(site_url, scenario.tree, "cy", encode(answers)))
        assert wt.step == scenario.scenario.outcome
        row = wt.ui.locator(".walkthrough__summary-row").filter(has_text=data["nodes"][node.id]["question"])
        expect(row).to_contain_text(data["strings"][key] + ":")
        assert data["strings"]["not_ticked"] != data["strings"]["not_ticked_several"]
    wt.assert_no_errors()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_unticked_items_are_listed_one_a_line_on_the_page_and_in_the_copied_record(
    page, site_url, trees, language
):
    # The UX review's M5: "Not ticked: A; B" was one long line joined by semicolons.
    scenario, node = _unmet_checklist_case(trees)
    ids = [c.id for c in node.choices]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    wt = WalkthroughPage(page)
    data = wt.open(
        page_url(site_url, scenario.tree, language, encode(dict(scenario.answers, **{node.id: ids[:1]})))
    )
    assert wt.step == scenario.scenario.outcome
    labels = {i["id"]: i["label"] for i in data["nodes"][node.id]["items"]}
    unticked = [plain(labels[i]) for i in ids[1:]]
    row = wt.ui.locator(".walkthrough__summary-row").filter(has_text=data["nodes"][node.id]["question"])
    answer = row.locator(".walkthrough__summary-answer")
    expect(answer.locator(":scope > ul > li").first).to_have_text(plain(labels[ids[0]]))
    expect(answer.locator(":scope > ul > li > ul > li")).to_have_text(unticked)
    expect(answer.locator(":scope > ul > li").last).to_contain_text(
        data["strings"]["not_ticked_several"] + ":"
    )
    page.locator(".walkthrough__actions button").nth(1).click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert "\n".join(f"    - {item}" for item in unticked) in text
    wt.assert_no_errors()
