"""A walkthrough page in the browser, as the tests drive it: a small page object over Playwright's
page, the scenarios (read by decision_trees.scenarios, never re-parsed here), the URL contract,
and walk.py as the reference for what the browser must show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import Page, expect

from decision_trees.model import Tree
from decision_trees.scenarios import Scenario, load_scenarios
from decision_trees.walk import Answer
from decision_trees.walk import walk as py_walk
from site_translations.lang_spans import plain
from support.browser import axe_violations
from support.project import ROOT

SCENARIO_DIR = ROOT / "decision_trees" / "scenarios"
# The project's own trees: each must be there (a missing one fails, it is never skipped).
TREE_IDS = sorted(path.stem for path in SCENARIO_DIR.glob("*.yml"))
MAIN = "foi-request"  # the tree the behaviour tests use; its owner keeps it


@dataclass(frozen=True)
class TreeScenario:
    tree: str
    index: int
    scenario: Scenario

    @property
    def answers(self) -> dict[str, Answer]:
        return self.scenario.answers

    @property
    def id(self) -> str:
        return f"{self.tree}-{self.index}"


def all_scenarios() -> list[TreeScenario]:
    return [
        TreeScenario(path.stem, i, scenario)
        for path in sorted(SCENARIO_DIR.glob("*.yml"))
        for i, scenario in enumerate(load_scenarios(path))
    ]


SCENARIOS = all_scenarios()


def scenarios_of(tree_id: str) -> list[TreeScenario]:
    found = [s for s in SCENARIOS if s.tree == tree_id]
    assert found, f"no scenarios for the tree '{tree_id}'"
    return found


def longest_scenario(tree_id: str) -> TreeScenario:
    """The scenario that reaches an outcome by the most steps."""
    return max((s for s in scenarios_of(tree_id) if s.scenario.outcome), key=lambda s: len(s.answers))


# -- the URL contract ---------------------------------------------------------------------------


def page_url(base: str, tree_id: str, language: str, query: str = "") -> str:
    prefix = "cy/" if language == "cy" else ""
    return f"{base}/{prefix}walkthroughs/{tree_id}/" + (f"?{query}" if query else "")


def encode(answers: dict[str, Answer], step: str | None = None) -> str:
    """?node=answer, ?node=a,b, ?node=none, ?node= (a checklist with nothing ticked)."""
    parts = [
        f"{quote(k)}=" + (",".join(quote(x) for x in v) if isinstance(v, list) else quote(v))
        for k, v in answers.items()
    ]
    if step:
        parts.append(f"step={quote(step)}")
    return "&".join(parts)


def url_state(url: str) -> dict:
    """The answers in a URL, order aside: {node: value or frozenset of values}."""
    out = {}
    for key, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items():
        value = values[0]
        out[key] = frozenset(value.split(",")) if "," in value else value
    return out


def as_state(answers: dict[str, Answer]) -> dict:
    return url_state("?" + encode(answers))


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# -- walk.py, the reference ---------------------------------------------------------------------


def expected_state(tree: Tree, query: str) -> tuple[str, list[str]]:
    """What walk.py says a URL shows: (the step shown, the ids of the steps answered)."""
    params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    answers: dict[str, Answer] = {}
    for node in tree.questions:
        if node.id not in params:
            continue
        raw = params[node.id]
        if node.type == "question" or (node.type == "multiple" and raw == "none"):
            answers[node.id] = raw
        else:
            answers[node.id] = raw.split(",") if raw else []
    result = py_walk(tree, answers, strict=False)
    current = result.current.id if result.current else tree.start
    path = [s.node.id for s in result.steps] + [current]
    step = params.get("step")
    return (step if step in path else current), [s.node.id for s in result.steps]


def finding_texts(tree: Tree, answers: dict[str, Answer], language: str) -> tuple[list[str], list[str]]:
    """The findings walk.py gives, as a reader sees them (language marks shown as their words):
    (chosen options' findings, unmet checklist items)."""
    chosen, unmet = [], []
    for finding in py_walk(tree, answers).findings:
        (chosen if finding.kind == "chosen" else unmet).append(norm(plain(finding.text[language])))
    return chosen, unmet


# -- the page object ----------------------------------------------------------------------------

HEADING = ".walkthrough__question, .walkthrough__outcome-title"


class WalkthroughPage:
    """One walkthrough on a page (the first, unless `root` names another)."""

    def __init__(self, page: Page, root: str = ".walkthrough"):
        self.page = page
        self.root = page.locator(root).first
        self.ui = self.root.locator(".walkthrough__ui")
        if not hasattr(page, "_wt_errors"):  # one listener per page, however many page objects
            page._wt_errors = []
            page.on("pageerror", lambda e: page._wt_errors.append(str(e)))
        self.errors: list[str] = page._wt_errors
        self.data: dict = {}

    def open(self, url: str) -> dict:
        """Load a page and wait for the walkthrough; returns the data the page embeds."""
        self.errors.clear()
        self.page.set_default_timeout(10_000)  # fail in seconds, not Playwright's 30
        self.page.goto(url)
        expect(self.ui).to_have_count(1)
        return self.read_data()

    def read_data(self) -> dict:
        self.data = self.root.locator("script.walkthrough__data").evaluate("e => JSON.parse(e.textContent)")
        return self.data

    @property
    def step(self) -> str:
        return self.ui.get_attribute("data-step")

    @property
    def node(self) -> dict:
        return self.data["nodes"][self.step]

    @property
    def at_outcome(self) -> bool:
        return self.node["type"] == "outcome"

    @property
    def heading(self):
        return self.ui.locator(HEADING)

    @property
    def form(self):
        return self.ui.locator(".walkthrough__form")

    def continue_button(self):
        return self.form.locator("button[type=submit]")

    def choose(self, choice: Answer) -> None:
        """Tick the inputs for a choice, as a reader would."""
        values = (
            ["none"] if choice in ("none", ["none"]) else ([choice] if isinstance(choice, str) else choice)
        )
        if self.node["type"] == "question":
            self.form.locator(f'input[type=radio][value="{choice}"]').check()
            return
        for box in self.form.locator("input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in values)

    def answer(self, choice: Answer) -> None:
        """Choose and press Continue; wait for the next step."""
        node_id = self.step
        self.choose(choice)
        self.continue_button().click()
        expect(self.ui).not_to_have_attribute("data-step", node_id)

    def quick_answer(self, choice: Answer) -> None:
        """Tick the inputs and press Continue in one round trip (real DOM clicks, so the same events and
        the same form, without Playwright's per-action waits: there are hundreds of steps to walk)."""
        node_id = self.step
        values = (
            ["none"]
            if choice in ("none", ["none"])
            else ([choice] if isinstance(choice, str) else list(choice))
        )
        self.form.evaluate(
            """(form, values) => {
            for (const input of form.querySelectorAll('input')) {
                if (input.checked !== values.includes(input.value)) input.click();
            }
            form.querySelector('button[type=submit]').click();
        }""",
            values,
        )
        assert self.step != node_id, f"Continue did not leave '{node_id}'"

    def walk_to_outcome(self, answers: dict[str, Answer], quick: bool = True) -> list[str]:
        """Answer each step from `answers` until an outcome; the ids of the steps answered."""
        asked = []
        for _ in range(len(self.data["nodes"])):
            if self.at_outcome:
                return asked
            node_id = self.step
            assert node_id in answers, f"the walkthrough asks '{node_id}', which the answers do not cover"
            asked.append(node_id)
            (self.quick_answer if quick else self.answer)(answers[node_id])
        raise AssertionError("no outcome after as many steps as the tree has nodes")

    def visit(self, query: str) -> None:
        """Change the URL the way the back and forward buttons do (pushState, then popstate)."""
        self.page.evaluate(
            """q => { history.pushState(null, '', location.pathname + (q ? '?' + q : ''));
                      dispatchEvent(new PopStateEvent('popstate')); }""",
            query,
        )

    def checked(self) -> list[str]:
        return self.form.locator("input:checked").evaluate_all("l => l.map(i => i.value)")

    def change(self, node_id: str) -> None:
        """Follow the Change link of one answer in "Your answers" or "Why"."""
        question = self.data["nodes"][node_id]["question"]
        row = self.ui.locator(".walkthrough__summary-row").filter(
            has=self.page.locator(".walkthrough__summary-question", has_text=question)
        )
        row.locator(".walkthrough__change a").click()
        expect(self.ui).to_have_attribute("data-step", node_id)

    def flow_state(self, query: str) -> dict:
        """What the page's DOM-free Flow makes of a query string (no rendering)."""
        return self.root.evaluate(
            """(root, query) => {
                const data = JSON.parse(root.querySelector('script.walkthrough__data').textContent);
                const state = new window.Walkthroughs.Flow(data).state(query);
                return {step: state.step, steps: state.walk.steps.map(s => s.id), stale: state.stale};
            }""",
            query,
        )

    def axe(self, context: str = ".walkthrough", what: str = "") -> None:
        """Zero violations of the WCAG A/AA rules; the message names each rule and its targets."""
        problems = axe_violations(self.page, context)
        assert not problems, f"axe on {what or self.page.url}:\n  " + "\n  ".join(problems)

    def assert_no_errors(self, ignore: str | None = None) -> None:
        errors = [e for e in self.errors if not (ignore and ignore in e)]
        assert not errors, errors
