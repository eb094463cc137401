"""The client-side walkthrough (src/decision_trees/client/walkthrough.js) in a real browser: Debian's
Chromium driven by Playwright, against the strict build of the real site, in both languages.

- every scenario of every tree (decision_trees/scenarios/*.yml) walked through the interface to its
  outcome, in English and in Welsh, with the findings the outcome must list;
- the JavaScript walk agrees with walk.py on random and hostile URLs;
- back, change (later answers kept), start again, deep links, hostile URLs, history, double clicks;
- the language switcher carries the state; keyboard only; no JavaScript; print; copy; file://;
  mkdocs serve; a strict Content-Security-Policy from a sub-folder; 320px wide; and axe (WCAG 2.2
  AA tags) at every distinct step of every tree and every step of the FOI tree.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect
from support.browser import axe_violations
from support.project import ROOT

from decision_trees import compile_all
from decision_trees.walk import walk as py_walk

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy"]
SCENARIO_FILES = sorted((ROOT / "decision_trees" / "scenarios").glob("*.yml"))
AXE_WHOLE_PAGE = "html"  # the whole document, Material's navigation included


def _load_scenarios():
    out = []
    for path in SCENARIO_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        tree_id = doc.get("tree") or path.stem
        for i, s in enumerate(doc.get("scenarios") or []):
            answers = {
                str(k): ([str(x) for x in v] if isinstance(v, list) else "" if v is None else str(v))
                for k, v in (s.get("answers") or {}).items()
            }
            out.append(
                {
                    "tree": tree_id,
                    "index": i,
                    "name": s.get("name", ""),
                    "answers": answers,
                    "outcome": str(s.get("outcome")),
                }
            )
    return out


SCENARIOS = _load_scenarios()
TREES = sorted({s["tree"] for s in SCENARIOS})
# The tree the behaviour tests use: the FOI tree, which the owner maintains, if it is there.
MAIN = "foi-request" if "foi-request" in TREES else (TREES[0] if TREES else None)


def longest_scenario(tree_id):
    return max((s for s in SCENARIOS if s["tree"] == tree_id), key=lambda s: len(s["answers"]))


# ---------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="session")
def compiled():
    """The trees as walk.py sees them: the reference for what the browser must do."""
    return {t.id: t for t in compile_all(ROOT / "decision_trees", ROOT / "docs", ROOT)}


def page_url(base: str, tree_id: str, language: str, query: str = "") -> str:
    prefix = "cy/" if language == "cy" else ""
    return f"{base}/{prefix}walkthroughs/{tree_id}/" + (f"?{query}" if query else "")


def encode(answers: dict, step: str | None = None) -> str:
    """The URL contract: ?node=answer, ?node=a,b, ?node=none, ?node= (checklist, none ticked)."""
    parts = [
        f"{quote(k)}=" + (",".join(quote(x) for x in v) if isinstance(v, list) else quote(v))
        for k, v in answers.items()
    ]
    if step:
        parts.append(f"step={quote(step)}")
    return "&".join(parts)


@pytest.fixture(scope="module")
def _shared_context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def shared_page(_shared_context) -> Page:
    """One tab reused by the many short tests: a new browser context costs more than the test."""
    return _shared_context.pages[0] if _shared_context.pages else _shared_context.new_page()


def open_walkthrough(page: Page, url: str) -> dict:
    if not hasattr(page, "_wt_errors"):
        page._wt_errors = []
        page.on("pageerror", lambda e: page._wt_errors.append(str(e)))
    page._wt_errors.clear()
    page.set_default_timeout(10_000)  # fail in seconds, not Playwright's 30
    page.goto(url)
    expect(page.locator(".walkthrough__ui")).to_have_count(1)
    return page.evaluate("JSON.parse(document.querySelector('script.walkthrough__data').textContent)")


def assert_no_errors(page: Page, ignore: str | None = None):
    errors = [e for e in getattr(page, "_wt_errors", []) if not (ignore and ignore in e)]
    assert not errors, errors


def step_of(page: Page) -> str:
    return page.locator(".walkthrough__ui").get_attribute("data-step")


def choose(page: Page, node: dict, choice):
    """Tick the inputs for a choice, as a user would (Playwright's check and uncheck)."""
    form = page.locator(".walkthrough__form")
    values = ["none"] if choice in ("none", ["none"]) else ([choice] if isinstance(choice, str) else choice)
    if node["type"] == "question":
        form.locator(f'input[type=radio][value="{choice}"]').check()
        return
    for box in form.locator("input[type=checkbox]").all():
        box.set_checked(box.get_attribute("value") in values)


def answer(page: Page, data: dict, node_id: str, choice):
    node = data["nodes"][node_id]
    assert step_of(page) == node_id
    choose(page, node, choice)
    page.locator(".walkthrough__form button[type=submit]").click()
    expect(page.locator(".walkthrough__ui")).not_to_have_attribute("data-step", node_id)


def quick_answer(page: Page, node_id: str, choice):
    """Tick the inputs and press Continue in one round trip (real DOM clicks, so the same events and
    the same form, without Playwright's per-action waits: there are hundreds of steps to walk)."""
    assert step_of(page) == node_id
    values = (
        ["none"] if choice in ("none", ["none"]) else ([choice] if isinstance(choice, str) else list(choice))
    )
    page.evaluate(
        """values => {
        const form = document.querySelector('.walkthrough__form');
        for (const input of form.querySelectorAll('input')) {
            if (input.checked !== values.includes(input.value)) input.click();
        }
        form.querySelector('button[type=submit]').click();
    }""",
        values,
    )
    assert step_of(page) != node_id, f"Continue did not leave '{node_id}'"


def visit(page: Page, query: str):
    """Change the URL the way the back and forward buttons do (pushState, then popstate)."""
    page.evaluate(
        """q => { history.pushState(null, '', location.pathname + (q ? '?' + q : ''));
                            dispatchEvent(new PopStateEvent('popstate')); }""",
        query,
    )


def url_state(url: str) -> dict:
    """The answers in a URL, order aside: {node: value or frozenset of values}."""
    out = {}
    for key, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items():
        value = values[0]
        out[key] = frozenset(value.split(",")) if "," in value else value
    return out


def as_state(answers: dict) -> dict:
    return url_state("?" + encode(answers))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def axe(page: Page, context: str = ".walkthrough", what: str = ""):
    """Zero violations of the WCAG A/AA rules; the message names each rule and its targets."""
    problems = axe_violations(page, context)
    assert not problems, f"axe on {what or page.url}:\n  " + "\n  ".join(problems)


def expected_state(tree, query: str) -> tuple[str, list]:
    """What walk.py says a URL shows: (step shown, walk steps). The reference for the JS."""
    params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    answers = {}
    for node in tree.nodes.values():
        if node.is_outcome or node.id not in params:
            continue
        raw = params[node.id]
        if node.type == "question":
            answers[node.id] = raw
        elif node.type == "multiple" and raw == "none":
            answers[node.id] = "none"
        else:
            answers[node.id] = raw.split(",") if raw else []
    result = py_walk(tree, answers, strict=False)
    if result.outcome:
        current = result.outcome.id
    elif result.steps:
        last = result.steps[-1]
        current = dict(last.node.edges())[last.branch]
    else:
        current = tree.start
    path = [s.node.id for s in result.steps] + [current]
    step = params.get("step")
    return (step if step in path else current), result.steps


def finding_texts(tree, scenario_answers: dict, language: str) -> tuple[list[str], list[str]]:
    result = py_walk(tree, scenario_answers)
    chosen, unmet = [], []
    for a in result.findings:
        if a.unmet is not None:
            unmet.append(norm(a.unmet[language]))
        elif a.finding is not None:
            chosen.append(norm(a.finding[language]))
    return chosen, unmet


# ---------------------------------------------------------------------------------------------
# Every scenario, both languages


# Grouped by tree and language, so that consecutive tests reuse the page already open.
SCENARIO_RUNS = [
    pytest.param(s, language, id=f"{s['tree']}-{s['index']}-{language}")
    for tree_id in TREES
    for language in LANGUAGES
    for s in SCENARIOS
    if s["tree"] == tree_id
]


@pytest.mark.parametrize(("scenario", "language"), SCENARIO_RUNS)
def test_every_scenario_reaches_its_outcome(shared_page, site_url, compiled, scenario, language):
    page = shared_page
    tree = compiled[scenario["tree"]]
    url = page_url(site_url, scenario["tree"], language)
    if (
        page.url.split("?")[0] == url
        and urlsplit(page.url).query
        and page.locator(".walkthrough__ui").count()
    ):
        visit(page, "")  # the same page is already open: start again without reloading it
        page._wt_errors.clear()
        data = page.evaluate("JSON.parse(document.querySelector('script.walkthrough__data').textContent)")
    else:
        data = open_walkthrough(page, url)
    assert data["language"] == language
    taken = {}
    for _ in range(len(data["nodes"])):
        node_id = step_of(page)
        if data["nodes"][node_id]["type"] == "outcome":
            break
        assert node_id in scenario["answers"], (
            f"the walkthrough asks '{node_id}', which the scenario does not answer"
        )
        quick_answer(page, node_id, scenario["answers"][node_id])
        taken[node_id] = scenario["answers"][node_id]
        # The answers so far are in the URL, in the contract's form.
        assert url_state(page.url) == as_state(taken)
    outcome = data["nodes"][scenario["outcome"]]
    assert step_of(page) == scenario["outcome"], scenario["name"]
    heading = page.locator(".walkthrough__outcome-title")
    expect(heading).to_contain_text(outcome["title"])
    expect(heading.locator(".walkthrough-verdict")).to_have_text(outcome["verdictLabel"])
    # Why: every answer given, then the findings of chosen options and every unmet checklist item.
    expect(page.locator(".walkthrough__summary-row")).to_have_count(len(taken))
    chosen, unmet = finding_texts(tree, scenario["answers"], language)
    got_chosen = [
        norm(t)
        for t in page.locator(
            ".walkthrough__findings:not(.walkthrough__findings--unmet) > li > p"
        ).all_text_contents()
    ]
    got_unmet = [norm(t) for t in page.locator(".walkthrough__findings--unmet > li > p").all_text_contents()]
    assert got_chosen == chosen and got_unmet == unmet
    cites = page.locator(".walkthrough__record > .walkthrough__cites a")
    expect(cites).to_have_count(len(outcome["cites"]))
    assert [c.get_attribute("href") for c in cites.all()] == [c["href"] for c in outcome["cites"]]
    assert_no_errors(page)


# ---------------------------------------------------------------------------------------------
# Accessibility: axe at every distinct step of every tree, and every step of one scenario


def _axe_targets(tree, every_step: bool) -> list[tuple[str, str]]:
    """(node, query) pairs: the first step of each type and every outcome, from the scenarios; with
    every_step, every step of every scenario."""
    seen, out = set(), []
    for scenario in (s for s in SCENARIOS if s["tree"] == tree.id):
        result = py_walk(tree, scenario["answers"])
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
@pytest.mark.parametrize("tree_id", TREES)
def test_axe_finds_no_violations_at_any_step(page, site_url, compiled, tree_id, language):
    tree = compiled[tree_id]
    targets = _axe_targets(tree, every_step=tree_id == MAIN)
    data = open_walkthrough(page, page_url(site_url, tree_id, language))
    for node_id, query in targets:
        visit(page, query)
        assert step_of(page) == node_id
        axe(page, ".walkthrough", f"{tree_id} ({language}) at {node_id}: ?{query}")
    # An outcome with the whole page: the record and the trainers' view.
    page.goto(page_url(site_url, tree_id, language, targets[-1][1]))
    axe(page, AXE_WHOLE_PAGE, f"{tree_id} ({language}) at {targets[-1][0]}, whole page")
    # The "link no longer fits" notice, and the error summary.
    visit(page, "x=1&" + quote(data["start"]) + "=nonsense")
    expect(page.locator(".walkthrough__notice")).to_be_visible()
    if data["nodes"][data["start"]]["type"] != "checklist":
        page.locator(".walkthrough__form button[type=submit]").click()
        expect(page.locator(".walkthrough__error-summary")).to_be_visible()
    axe(page, ".walkthrough", f"{tree_id} ({language}) error and notice")
    assert_no_errors(page)


# ---------------------------------------------------------------------------------------------
# The JavaScript walk is walk.py's walk


def _random_queries(tree, rng, count):
    nodes = [n for n in tree.nodes.values() if not n.is_outcome]
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


@pytest.mark.parametrize("tree_id", TREES)
def test_the_browser_walks_urls_exactly_as_walk_py_does(shared_page, site_url, compiled, tree_id):
    page = shared_page
    tree = compiled[tree_id]
    rng = random.Random(f"walk-{tree_id}")
    open_walkthrough(page, page_url(site_url, tree_id, "en"))
    for i, query in enumerate(_random_queries(tree, rng, 80)):
        if i < 5:
            page.goto(page_url(site_url, tree_id, "en", query))
        else:
            visit(page, query)
        step, steps = expected_state(tree, query)
        assert step_of(page) == step, f"?{query}"
        heading = page.locator(".walkthrough__question, .walkthrough__outcome-title")
        assert norm(heading.text_content()), f"?{query}: blank step"
        if tree.nodes[step].is_outcome:
            expect(page.locator(".walkthrough__summary-row")).to_have_count(len(steps))
    assert_no_errors(page)


# ---------------------------------------------------------------------------------------------
# Back, change, start again, deep links, history


def test_back_link_browser_back_and_forward_and_start_again(page, site_url):
    scenario = longest_scenario(MAIN)
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], "en"))
    expect(page.locator(".walkthrough__back")).to_have_count(0)
    expect(page.locator(".walkthrough__static")).to_be_hidden()
    path = []
    for _ in range(3):
        node_id = step_of(page)
        path.append(node_id)
        answer(page, data, node_id, scenario["answers"][node_id])
    third = step_of(page)
    # The back link shows the previous step with its answer still chosen, and keeps the rest.
    page.locator(".walkthrough__back").click()
    assert step_of(page) == path[2]
    assert "step=" + path[2] in page.url
    checked = page.locator(".walkthrough__form input:checked").evaluate_all("l => l.map(i => i.value)")
    choice = scenario["answers"][path[2]]
    assert checked == ([choice] if isinstance(choice, str) else choice)
    expect(page.locator(".walkthrough__question")).to_be_focused()
    # Continue without changing anything goes straight back to where we were.
    page.locator(".walkthrough__form button[type=submit]").click()
    assert step_of(page) == third
    # The browser's back and forward buttons.
    page.go_back()
    assert step_of(page) == path[2]
    expect(page.locator(".walkthrough__question")).to_be_focused()
    page.go_forward()
    assert step_of(page) == third
    for expected in (path[2], third, path[2], path[1]):  # the Back link's entry, then each Continue
        page.go_back()
        assert step_of(page) == expected
    page.go_forward()
    assert step_of(page) == path[2]
    # Start again: no answers, the first question, nothing ticked.
    page.locator(".walkthrough__restart a").click()
    assert step_of(page) == data["start"] and urlsplit(page.url).query == ""
    expect(page.locator(".walkthrough__form input:checked")).to_have_count(0)
    expect(page.locator(".walkthrough__summary")).to_have_count(0)
    assert_no_errors(page)


def test_rapid_back_and_forward_stays_consistent_with_the_url(page, site_url, compiled):
    scenario = longest_scenario(MAIN)
    tree = compiled[scenario["tree"]]
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], "en"))
    while data["nodes"][step_of(page)]["type"] != "outcome":
        answer(page, data, step_of(page), scenario["answers"][step_of(page)])
    # Chromium can run the burst below as five steps back, which must stay on this page: the
    # shortest routes have fewer answers than that, so go back a step and on again, twice, as a
    # reader checking an answer would (each is a history entry of its own).
    for _ in range(2):
        page.locator(".walkthrough__back").click()
        page.locator(".walkthrough__form button[type=submit]").click()
        assert step_of(page) == scenario["outcome"]
    page.evaluate("""() => { history.back(); history.back(); history.back(); history.forward();
                             history.back(); history.forward(); history.back(); }""")
    page.wait_for_timeout(600)
    step, _ = expected_state(tree, urlsplit(page.url).query)
    assert step_of(page) == step
    # A double click on Continue is one answer: the next step, no error, one history entry.
    page.goto(page_url(site_url, scenario["tree"], "en"))
    first = step_of(page)
    choose(page, data["nodes"][first], scenario["answers"][first])
    page.locator(".walkthrough__form button[type=submit]").dblclick()
    second = step_of(page)
    assert second != first
    expect(page.locator(".walkthrough__error-summary")).to_have_count(0)
    page.go_back()
    assert step_of(page) == first
    assert_no_errors(page)


def _change_cases(compiled):
    """(scenario, node, other answer) where another answer leads to the same next node."""
    for s in SCENARIOS:
        tree = compiled[s["tree"]]
        steps = py_walk(tree, s["answers"]).steps
        for step in steps[:-1]:
            node = step.node
            if node.type != "question":
                continue
            following = dict(node.edges())[step.choice]
            for a in node.choices:
                if a.id != step.choice and a.next == following:
                    yield s, node.id, a.id


def test_change_keeps_every_later_answer_that_still_applies(page, site_url, compiled):
    case = next(_change_cases(compiled), None)
    if case is None:
        pytest.skip("no tree has two answers leading to the same question")
    scenario, node_id, other = case
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], "en", encode(scenario["answers"])))
    assert step_of(page) == scenario["outcome"]
    row = page.locator(".walkthrough__summary-row").filter(has_text=data["nodes"][node_id]["question"])
    change = row.locator(".walkthrough__change a")
    expect(change).to_have_attribute("aria-label", re.compile(re.escape(data["strings"]["change_answer"])))
    change.click()
    assert step_of(page) == node_id and f"step={node_id}" in page.url
    expect(page.locator(".walkthrough__question")).to_be_focused()
    answer(page, data, node_id, other)
    # Straight to the outcome: nothing more was needed, and the later answers are all kept.
    assert step_of(page) == scenario["outcome"]
    assert url_state(page.url) == as_state(dict(scenario["answers"], **{node_id: other}))
    label = next(a["label"] for a in data["nodes"][node_id]["answers"] if a["id"] == other)
    expect(
        page.locator(".walkthrough__summary-row")
        .filter(has_text=data["nodes"][node_id]["question"])
        .locator(".walkthrough__summary-answer")
    ).to_have_text(label)
    assert_no_errors(page)


def test_change_to_a_new_branch_asks_only_what_is_newly_needed(page, site_url):
    if "foi-request" not in TREES:
        pytest.skip("the FOI tree is not there")
    answers = {
        "asks-for-information": "yes",
        "sent-on-twitter": "other-platform",
        "requester-details": ["real-name", "address"],
    }
    data = open_walkthrough(page, page_url(site_url, "foi-request", "en", encode(answers)))
    assert step_of(page) == "valid-respond"
    page.locator(".walkthrough__summary-row").nth(1).locator(".walkthrough__change a").click()
    answer(page, data, "sent-on-twitter", "twitter")
    # A new question on the new branch, then straight back to the outcome with the rest kept.
    assert step_of(page) == "how-sent-on-twitter"
    assert url_state(page.url)["requester-details"] == frozenset({"real-name", "address"})  # kept for later
    page.reload()  # kept answers further on are not "answers that no longer fit"
    assert step_of(page) == "how-sent-on-twitter"
    expect(page.locator(".walkthrough__notice")).to_have_count(0)
    answer(page, data, "how-sent-on-twitter", "mention")
    assert step_of(page) == "valid-respond"
    assert url_state(page.url) == as_state(
        {**answers, "sent-on-twitter": "twitter", "how-sent-on-twitter": "mention"}
    )
    # Answers off the new path are dropped from the URL.
    page.locator(".walkthrough__summary-row").nth(0).locator(".walkthrough__change a").click()
    answer(page, data, "asks-for-information", "no")
    assert step_of(page) == "not-a-request"
    assert urlsplit(page.url).query == "asks-for-information=no"


def test_deep_links_open_the_step_they_name(page, site_url, compiled):
    scenario = longest_scenario(MAIN)
    open_walkthrough(page, page_url(site_url, scenario["tree"], "en", encode(scenario["answers"])))
    assert step_of(page) == scenario["outcome"]
    expect(page.locator(".walkthrough__notice")).to_have_count(0)
    nodes = list(scenario["answers"])
    page.goto(page_url(site_url, scenario["tree"], "en", encode(scenario["answers"], step=nodes[1])))
    assert step_of(page) == nodes[1]
    checked = page.locator(".walkthrough__form input:checked").evaluate_all("l => l.map(i => i.value)")
    choice = scenario["answers"][nodes[1]]
    assert checked == ([choice] if isinstance(choice, str) else choice)
    # Half the answers: the first question still to answer.
    half = dict(list(scenario["answers"].items())[:2])
    page.goto(page_url(site_url, scenario["tree"], "en", encode(half)))
    assert step_of(page) == expected_state(compiled[scenario["tree"]], encode(half))[0]
    assert_no_errors(page)


HOSTILE = [
    "asks-for-information=<script>alert(1)</script>&x=1&sent-on-twitter=nonsense",
    "asks-for-information=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "step=<b>x</b>",
    "step=__proto__",
    "__proto__=1&constructor=1&toString=x",
    "%E0%A4%A=1&step=%",
    "asks-for-information=" + "a" * 5000,
    "asks-for-information=yes&asks-for-information=no&step=not-a-request",
    "requester-details=real-name,real-name,unknown",
    "step=valid-respond",
    "&&&=&=",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_urls_fall_back_to_the_furthest_valid_step(shared_page, site_url, compiled, query):
    page = shared_page
    if "foi-request" not in TREES:
        pytest.skip("the FOI tree is not there")
    dialogs = []
    handler = lambda d: (dialogs.append(d.message), d.dismiss())  # noqa: E731
    page.on("dialog", handler)
    open_walkthrough(page, page_url(site_url, "foi-request", "en", query))
    page.remove_listener("dialog", handler)
    step, _ = expected_state(compiled["foi-request"], urlsplit(page.url).query)
    assert step_of(page) == step
    heading = page.locator(".walkthrough__question, .walkthrough__outcome-title")
    assert norm(heading.text_content())
    html = page.locator(".walkthrough").inner_html()
    assert "<script>alert" not in html and "<img" not in html and "<b>x" not in html
    assert page.locator(".walkthrough img, .walkthrough__ui script, .walkthrough__ui b").count() == 0
    assert not dialogs
    assert_no_errors(page)


def test_the_hostile_url_of_the_issue_shows_the_first_question_and_a_notice(page, site_url):
    if "foi-request" not in TREES:
        pytest.skip("the FOI tree is not there")
    data = open_walkthrough(page, page_url(site_url, "foi-request", "en", HOSTILE[0]))
    assert step_of(page) == "asks-for-information"
    expect(page.locator(".walkthrough__notice")).to_have_text(data["strings"]["restored_notice"])
    expect(page.locator(".walkthrough__form input:checked")).to_have_count(0)


# ---------------------------------------------------------------------------------------------
# Language switch, keyboard, errors, exclusive "none"


@pytest.mark.parametrize("start", LANGUAGES)
def test_the_language_switcher_keeps_the_step_and_the_answers(page, site_url, start):
    scenario = longest_scenario(MAIN)
    other = "cy" if start == "en" else "en"
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], start))
    for _ in range(3):
        answer(page, data, step_of(page), scenario["answers"][step_of(page)])
    # Go back one step, so the state includes step=.
    page.locator(".walkthrough__back").click()
    here, query = step_of(page), urlsplit(page.url).query
    switch = page.locator(f"a.md-select__link[hreflang={other}]")
    assert urlsplit(switch.get_attribute("href")).query == query
    page.locator(".md-select").hover()
    with page.expect_navigation():
        switch.click()
    assert page.locator("html").get_attribute("lang") == other
    assert urlsplit(page.url).query == query
    expect(page.locator(".walkthrough__ui")).to_have_attribute("data-step", here)
    data_other = page.evaluate("JSON.parse(document.querySelector('script.walkthrough__data').textContent)")
    expect(page.locator(".walkthrough__question")).to_have_text(data_other["nodes"][here]["question"])
    checked = page.locator(".walkthrough__form input:checked").evaluate_all("l => l.map(i => i.value)")
    choice = scenario["answers"][here]
    assert checked == ([choice] if isinstance(choice, str) else choice)
    expect(page.locator(".walkthrough__summary-row")).to_have_count(2)


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
@pytest.mark.parametrize("tree_id", TREES)
def test_every_walkthrough_can_be_completed_by_keyboard_alone(page, site_url, tree_id, language):
    scenario = longest_scenario(tree_id)
    data = open_walkthrough(page, page_url(site_url, tree_id, language))
    # From the top of the page, Tab to the first answer.
    for _ in range(300):
        page.keyboard.press("Tab")
        if _focused(page)["inForm"]:
            break
    assert _focused(page)["inForm"]
    page.keyboard.press("Shift+Tab")  # so that each step starts just before the first answer
    while data["nodes"][step_of(page)]["type"] != "outcome":
        node_id = step_of(page)
        _keyboard_answer(page, data["nodes"][node_id], scenario["answers"][node_id])
        expect(page.locator(".walkthrough__ui")).not_to_have_attribute("data-step", node_id)
        # Focus moves to the new step's heading, and the change is announced.
        expect(page.locator(".walkthrough__question, .walkthrough__outcome-title")).to_be_focused()
        expect(page.locator(".walkthrough > .walkthrough__vh")).not_to_have_text("")
    assert step_of(page) == scenario["outcome"]
    live = page.locator(".walkthrough > .walkthrough__vh")
    expect(live).to_have_text(re.compile(re.escape(data["nodes"][scenario["outcome"]]["title"])))
    # Change the first answer by keyboard.
    for _ in range(100):
        page.keyboard.press("Tab")
        if "walkthrough__change-link" in _focused(page)["cls"]:
            break
    page.keyboard.press("Enter")
    assert step_of(page) == data["start"]
    expect(page.locator(".walkthrough__question")).to_be_focused()
    assert_no_errors(page)


def test_an_unanswered_continue_shows_the_error_summary_and_the_inline_error(page, site_url):
    data = open_walkthrough(page, page_url(site_url, MAIN, "en"))
    start = data["nodes"][data["start"]]
    assert start["type"] != "checklist"
    page.locator(".walkthrough__form button[type=submit]").click()
    summary = page.locator(".walkthrough__error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text(data["strings"]["error_summary"])
    message = data["strings"]["error_choose_one" if start["type"] == "question" else "error_choose_some"]
    inline = page.locator(".walkthrough__error-message")
    expect(inline).to_be_visible()
    expect(inline).to_contain_text(message)
    described = page.locator(".walkthrough__fieldset").get_attribute("aria-describedby").split()
    assert inline.get_attribute("id") in described
    assert step_of(page) == data["start"] and urlsplit(page.url).query == ""
    # The summary's link takes you to the first answer.
    link = summary.locator("a")
    first = page.locator(".walkthrough__form input").first
    assert link.get_attribute("href") == "#" + first.get_attribute("id")
    link.click()
    expect(first).to_be_focused()
    assert_no_errors(page)


def _multiple_node(compiled):
    for s in SCENARIOS:
        for step in py_walk(compiled[s["tree"]], s["answers"]).steps:
            if step.node.type == "multiple":
                return s, step.node
    return None, None


def test_none_of_these_is_exclusive_and_nothing_ticked_is_an_error(page, site_url, compiled):
    scenario, node = _multiple_node(compiled)
    if node is None:
        pytest.skip("no tree has a 'multiple' question")
    data = open_walkthrough(
        page, page_url(site_url, scenario["tree"], "cy", encode(scenario["answers"], step=node.id))
    )
    assert step_of(page) == node.id
    form = page.locator(".walkthrough__form")
    while form.locator("input:checked").count():
        form.locator("input:checked").first.uncheck()
    form.locator("button[type=submit]").click()
    expect(page.locator(".walkthrough__error-summary")).to_contain_text(data["strings"]["error_choose_some"])
    none = form.locator('input[value="none"]')
    options = form.locator('input[type=checkbox]:not([value="none"])')
    options.nth(0).check()
    if options.count() > 1:
        options.nth(1).check()
    none.check()
    expect(form.locator("input:checked")).to_have_count(1)
    options.nth(0).check()
    expect(none).not_to_be_checked()
    form.locator("button[type=submit]").click()
    assert f"{node.id}={node.choices[0].id}" in page.url
    assert_no_errors(page)


# ---------------------------------------------------------------------------------------------
# Without JavaScript, print, copy


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tree_id", TREES)
def test_without_javascript_the_linked_tree_leads_to_each_outcome(
    browser, site_url, compiled, tree_id, language
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(page_url(site_url, tree_id, language))
        tree = compiled[tree_id]
        data = json.loads(page.locator("script.walkthrough__data").text_content())  # what the page says
        expect(page.locator(".walkthrough__static")).to_be_visible()
        expect(page.locator(".walkthrough__ui")).to_have_count(0)
        reached = set()
        for scenario in (s for s in SCENARIOS if s["tree"] == tree_id):
            if scenario["outcome"] in reached:
                continue
            reached.add(scenario["outcome"])
            for step in py_walk(tree, scenario["answers"]).steps:
                target = dict(step.node.edges())[step.branch]
                section = page.locator(f"#{tree_id}--{step.node.id}")
                link = section.locator(f'.walkthrough-node__answers a[href="#{tree_id}--{target}"]')
                if step.node.type == "question":
                    label = next(
                        a["label"] for a in data["nodes"][step.node.id]["answers"] if a["id"] == step.choice
                    )
                    link = link.filter(has_text=re.compile("^" + re.escape(label) + "$"))
                link.first.click()
                assert page.url.endswith(f"#{tree_id}--{target}")
            outcome = page.locator(f"#{tree_id}--{scenario['outcome']}")
            expect(outcome).to_be_in_viewport()
            expect(outcome.locator("h3")).to_contain_text(data["nodes"][scenario["outcome"]]["title"])
            # Its "Start again" link leads back to the first question.
            outcome.locator(".walkthrough-restart a").click()
            assert page.url.endswith(f"#{tree_id}--{tree.start}")
    finally:
        context.close()


def test_print_shows_a_clean_record(page, site_url):
    scenario = longest_scenario(MAIN)
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], "en", encode(scenario["answers"])))
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".walkthrough__back",
        ".walkthrough__restart",
        ".walkthrough__actions",
        ".walkthrough__static",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".walkthrough__change").first).to_be_hidden()
    meta = page.locator(".walkthrough__record-meta")
    expect(meta).to_be_visible()
    expect(meta).to_contain_text(data["strings"]["record_date"])
    expect(meta).to_contain_text(data["title"])
    expect(meta).to_contain_text(urlsplit(page.url).query)
    expect(page.locator(".walkthrough__summary-question").first).to_be_visible()
    expect(page.locator(".walkthrough__outcome-title")).to_be_visible()
    url = page.locator(".walkthrough__record > .walkthrough__cites .walkthrough__url").first
    expect(url).to_be_visible()
    expect(url).to_contain_text(site_url + "/")
    # The trainers' view prints too (unless the record alone is asked for).
    expect(page.locator(".walkthrough-trainer")).to_be_visible()
    expect(page.locator(".walkthrough-trainer img")).to_be_visible()
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
    assert_no_errors(page)


def test_the_trainers_view_prints_cleanly_and_its_links_work(page, site_url):
    tree_id = MAIN
    open_walkthrough(page, page_url(site_url, tree_id, "en"))
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
    expect(page.locator(".walkthrough__question")).not_to_be_focused()
    # The same for any other link to an anchor on the page (Material's table of contents).
    page.goto(page_url(site_url, tree_id, "en", "x=1"))
    step = step_of(page)
    page.evaluate("location.hash = 'for-trainers'")
    expect(page.locator("#for-trainers")).to_be_in_viewport()
    expect(page.locator(".walkthrough__question")).not_to_be_focused()
    assert step_of(page) == step
    page.go_back()
    expect(page.locator(".walkthrough__question")).not_to_be_focused()


def test_copy_as_plain_text_and_its_fallback(page, site_url):
    scenario = longest_scenario(MAIN)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    data = open_walkthrough(page, page_url(site_url, scenario["tree"], "en", encode(scenario["answers"])))
    status = page.locator(".walkthrough__status")
    page.locator(".walkthrough__actions button").nth(1).click()
    expect(status).to_have_text(data["strings"]["copied"])
    text = page.evaluate("navigator.clipboard.readText()")
    outcome = data["nodes"][scenario["outcome"]]
    assert data["title"] in text and outcome["title"] in text and outcome["verdictLabel"] in text
    for node_id in scenario["answers"]:
        assert data["nodes"][node_id]["question"] in text
    assert site_url + "/" in text and "\n" in text
    # No clipboard API and no execCommand: the failure is said, not silent.
    page.evaluate("""() => { Object.defineProperty(navigator, 'clipboard', {value: undefined});
                             document.execCommand = () => false; }""")
    page.locator(".walkthrough__actions button").nth(1).click()
    expect(status).to_have_text(data["strings"]["copy_failed"])
    assert_no_errors(page)


# ---------------------------------------------------------------------------------------------
# Where it runs: file://, a strict CSP, 320px, pages without a walkthrough


def test_it_works_from_file_urls(page, site):
    scenario = longest_scenario(MAIN)
    url = (site / "cy" / "walkthroughs" / scenario["tree"] / "index.html").as_uri()
    data = open_walkthrough(page, url)
    while data["nodes"][step_of(page)]["type"] != "outcome":
        answer(page, data, step_of(page), scenario["answers"][step_of(page)])
    assert step_of(page) == scenario["outcome"]
    assert page.url.startswith("file://") and url_state(page.url) == as_state(scenario["answers"])
    page.go_back()
    assert data["nodes"][step_of(page)]["type"] != "outcome"
    # The language switcher points at a file, not a folder listing.
    href = page.locator("a.md-select__link[hreflang=en]").get_attribute("href")
    assert "index.html?" in href
    assert_no_errors(page, ignore="search_index")  # Material's search cannot load from file://


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def csp_url(site):
    """The site under a strict CSP, and from a sub-folder of the server (as on an intranet)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_CSPHandler, directory=str(site.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}"
    server.shutdown()


def test_it_works_under_a_strict_content_security_policy_from_a_sub_folder(page, csp_url):
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(
            {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile}));""")
    console = []
    page.on("console", lambda m: console.append(m.text))
    scenario = longest_scenario(MAIN)
    data = open_walkthrough(page, page_url(csp_url, scenario["tree"], "en"))
    while data["nodes"][step_of(page)]["type"] != "outcome":
        node_id = step_of(page)
        if data["nodes"][node_id]["type"] != "checklist":
            page.locator(".walkthrough__form button[type=submit]").click()  # the error path too
            expect(page.locator(".walkthrough__error-summary")).to_be_focused()
        answer(page, data, node_id, scenario["answers"][node_id])
    assert step_of(page) == scenario["outcome"]
    assert urlsplit(page.url).path == urlsplit(page_url(csp_url, scenario["tree"], "en")).path
    page.locator(".walkthrough__actions button").nth(1).click()  # copy: the textarea fallback path
    page.locator(".walkthrough__back").click()
    page.locator(".walkthrough__restart a").click()
    assert urlsplit(page.url).path == urlsplit(page_url(csp_url, scenario["tree"], "en")).path
    assert step_of(page) == data["start"]
    # The site has nothing inline any more (tests/browser/test_behind_nginx.py), so prove the policy is
    # in force with an inline script of our own: it must be blocked and reported.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline_ran = true'; document.head.append(s); }""")
    assert page.evaluate("window.__inline_ran") is None
    violations = page.evaluate("window.__violations")
    assert any(v["blocked"] == "inline" for v in violations), "the CSP was not in force"
    ours = [v for v in violations if "walkthrough.js" in (v["source"] or "")]
    assert not ours, ours
    assert not [m for m in console if "walkthrough.js" in m and "Content Security Policy" in m]
    assert_no_errors(page)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_works_under_mkdocs_serve(page):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        scenario = longest_scenario(MAIN)
        url = page_url(f"http://127.0.0.1:{port}", scenario["tree"], "cy")
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if b"walkthrough__data" in response.read():
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.5)
        data = open_walkthrough(page, url)
        while data["nodes"][step_of(page)]["type"] != "outcome":
            answer(page, data, step_of(page), scenario["answers"][step_of(page)])
        assert step_of(page) == scenario["outcome"]
        page.go_back()
        assert data["nodes"][step_of(page)]["type"] != "outcome"
        assert_no_errors(page)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_no_horizontal_scrolling_at_320_css_pixels(browser, site_url):
    # 320 CSS pixels: a small phone, or 1280px at 400% zoom.
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=4)
    try:
        page = context.new_page()
        for tree_id in TREES:
            scenario = longest_scenario(tree_id)
            data = open_walkthrough(page, page_url(site_url, tree_id, "cy"))
            while True:
                overflow = page.evaluate("""() => { const ui = document.querySelector('.walkthrough__ui');
                    const r = ui.getBoundingClientRect();
                    return {right: r.right, width: innerWidth, scroll: ui.scrollWidth, client: ui.clientWidth,
                            page: document.documentElement.scrollWidth}; }""")
                assert overflow["right"] <= overflow["width"] and overflow["scroll"] <= overflow["client"], (
                    tree_id,
                    step_of(page),
                    overflow,
                )
                assert overflow["page"] <= overflow["width"], (tree_id, step_of(page), overflow)
                if data["nodes"][step_of(page)]["type"] == "outcome":
                    break
                answer(page, data, step_of(page), scenario["answers"][step_of(page)])
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


def test_the_script_fits_its_budget():
    import gzip

    source = (ROOT / "src" / "decision_trees" / "client" / "walkthrough.js").read_bytes()
    assert len(gzip.compress(source, 9)) <= 8 * 1024
    text = source.decode("utf-8")
    assert "innerHTML" not in text and "eval(" not in text and "new Function" not in text
    assert "setAttribute('style'" not in text and ".style." not in text
