"""Browser checks shared by the browser tests: axe (WCAG 2.x A and AA, 2.2 included) and a watch
on every request and console message of a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE_SCRIPT = Axe().axe_script  # axe-core, as axe-playwright-python bundles it


def axe_violations(page, context: str = "html") -> list[str]:
    """One line per violated rule and node within `context` (a CSS selector; "html" is the whole
    document, page-level rules included); empty when it passes. axe is injected once per document,
    so a walkthrough can be checked at every step without loading it again."""
    # Colours are read as drawn: a transition under way (Material fades the header's title into the
    # section's when the page scrolls) is a moment between two states, not a state a reader reads in.
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')", polling=100, timeout=5_000
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SCRIPT)
    results = page.evaluate(
        "([context, tags]) => axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [context, WCAG_TAGS],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in results["violations"]
        for node in v["nodes"]
    ]


@dataclass
class PageWatch:
    """Requests to other hosts, failed requests and console errors seen by a page."""

    host: str
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> PageWatch:
        page.on("request", self._on_request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        return self

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.scheme == "file":
            return
        if parts.netloc != self.host:
            self.outside.append(request.url)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {u}" for u in self.outside]
            + [f"failed request: {u}" for u in self.failed]
            + [f"console error: {m}" for m in self.console_errors]
        )
