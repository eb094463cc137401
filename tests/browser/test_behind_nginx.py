"""The site in Chromium behind Debian's nginx with deploy/nginx.conf and the policy the build wrote
(default-src 'self', nothing inline): every page and both 404 pages show no Content-Security-Policy
violation and no console error, Material's icons still load, and search and a walkthrough work in
both languages. Also: the search dialog has a name and no invisible tab stop."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect
from support.browser import _AXE_SCRIPT
from support.project import ROOT

pytestmark = pytest.mark.browser

# Collects every violation from the first moment of each document.
WATCH_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));"""


def _site_paths() -> list[str]:
    paths = []
    for language, prefix in (("en", ""), ("cy", "cy/")):
        for md in sorted((ROOT / "docs" / language).rglob("*.md")):
            parts = list(md.relative_to(ROOT / "docs" / language).with_suffix("").parts)
            if parts[-1] == "index":
                parts = parts[:-1]
            paths.append(prefix + "".join(p + "/" for p in parts))
    return paths


PAGES = _site_paths()
MISSING = ["no-such-page/", "cy/no-such-page/", "cy/policies/no-such-policy/"]


class Watch:
    """Console errors, page errors and failed requests of a page (the document's own 404 aside)."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.loaded: dict[str, tuple[int, str]] = {}  # url -> (status, content type)
        self.document: str | None = None
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type != "error":
            return
        if message.location.get("url") == self.document and "404" in message.text:
            return  # the not-found page's own status, which is the point
        self.problems.append(f"console: {message.text}")

    def _response(self, response):
        self.loaded[response.url] = (response.status, response.headers.get("content-type", ""))
        if response.status >= 400 and response.url != self.document:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def visit(page, watch: Watch, url: str):
    watch.document = url
    return page.goto(url, wait_until="networkidle")


@pytest.fixture(scope="module")
def policy(site) -> str:
    return (site / "csp.txt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("path", PAGES + MISSING, ids=lambda p: p or "home")
def test_no_policy_violation_nor_console_error_behind_nginx(page, nginx_url, policy, path):
    watch = Watch(page)
    response = visit(page, watch, f"{nginx_url}/{path}")
    assert response.status == (404 if path in MISSING else 200)
    assert response.headers["content-security-policy"] == policy
    assert page.locator("html").get_attribute("lang") == ("cy" if path.startswith("cy/") else "en")
    # Styles and Material's script ran: the page is laid out, and the bundle has set up its header.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.evaluate(
        "typeof window.__md_get === 'function' && document.documentElement.className.includes('js')"
    )
    assert page.evaluate("window.__violations") == []
    assert watch.problems == [], "\n".join(watch.problems)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_materials_icons_load_from_the_site_under_the_policy(page, nginx_url, language):
    watch = Watch(page)
    prefix = "cy/" if language == "cy" else ""
    visit(page, watch, f"{nginx_url}/{prefix}policies/assembly/")
    mask = page.locator(".admonition-title").first.evaluate(
        "e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage"
    )
    assert "/assets/images/material-icons/md-admonition-icon--" in mask
    icon_url = mask.split('"')[1]
    assert watch.loaded.get(icon_url, (0, ""))[0] == 200
    assert watch.loaded[icon_url][1].startswith("image/svg+xml")
    assert page.evaluate("window.__violations") == []


@pytest.mark.parametrize("language, query", [("en", "misconduct"), ("cy", "cynghorwyr")])
def test_search_works_behind_nginx(page, nginx_url, language, query):
    watch = Watch(page)
    visit(page, watch, f"{nginx_url}/{'cy/' if language == 'cy' else ''}")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=10_000)
    # Search answers each keystroke: wait for the answer to the whole word before following it.
    expect(result).to_have_attribute("href", re.compile(rf"[?&]h={query}\b"), timeout=10_000)
    assert page.evaluate("window.__violations") == []  # result icons included
    target = result.evaluate("a => a.href.split('#')[0]")
    watch.document = None
    with page.expect_navigation():
        result.click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0] == target
    assert page.locator("article h1").count() == 1
    assert page.evaluate("window.__violations") == []
    assert watch.problems == [], "\n".join(watch.problems)


def _longest_scenario(tree: str) -> dict:
    data = yaml.safe_load((ROOT / "decision_trees" / "scenarios" / f"{tree}.yml").read_text(encoding="utf-8"))
    return max(data["scenarios"], key=lambda s: len(s["answers"]))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_walkthrough_works_behind_nginx(page, nginx_url, language):
    tree = "live-tweeting"
    scenario = _longest_scenario(tree)
    watch = Watch(page)
    visit(page, watch, f"{nginx_url}/{'cy/' if language == 'cy' else ''}walkthroughs/{tree}/")
    ui = page.locator(".walkthrough__ui")
    expect(ui).to_have_count(1)
    for _ in range(len(scenario["answers"]) + 1):
        step = ui.get_attribute("data-step")
        if step not in scenario["answers"]:
            break
        choice = scenario["answers"][step]
        form = page.locator(".walkthrough__form")
        if isinstance(choice, str):
            form.locator(f'input[type=radio][value="{choice}"]').check()
        else:
            for box in form.locator("input[type=checkbox]").all():
                box.set_checked(box.get_attribute("value") in choice)
        form.locator("button[type=submit]").click()
        expect(ui).not_to_have_attribute("data-step", step)
    assert ui.get_attribute("data-step") == scenario["outcome"]
    assert page.evaluate("window.__violations") == []
    assert watch.problems == [], "\n".join(watch.problems)


@pytest.mark.parametrize("language, name, query", [("en", "Search", "policy"), ("cy", "Chwilio", "polisi")])
def test_the_search_dialog_is_named_and_has_no_invisible_tab_stop(page, nginx_url, language, name, query):
    page.goto(f"{nginx_url}/{'cy/' if language == 'cy' else ''}", wait_until="networkidle")
    dialog = page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") == name
    page.evaluate(_AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})")
    assert result["violations"] == [] and result["passes"], "axe's aria-dialog-name rule"
    # Tab through the header and into the navigation: every stop is something a person can see.
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {cls: e.className, height: r.height, visibility: getComputedStyle(e).visibility}; }""")
    assert "md-search__scrollwrap" not in focused["cls"] and focused["height"] > 0, focused
    # Once search is open the results box is a visible stop (it scrolls by keyboard).
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)  # a word of the page's language: each language searches its own pages
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert page.locator(".md-search__scrollwrap").evaluate("e => getComputedStyle(e).visibility") == "visible"
