"""Drive Material's search box in Chromium as a reader would, and read every result."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

QUERIES_FILE = Path(__file__).resolve().parents[1] / "search" / "queries.yml"


def load_queries() -> dict:
    with open(QUERIES_FILE, encoding="utf-8") as f:
        return yaml.safe_load(f)


def search(page, query: str) -> list[str]:
    """Type `query` into the search box of the open page; the result links, in order, all of them
    (Material shows results in batches as the list is scrolled)."""
    # The open tab a reader types into: a page in the background gets no animation frames, which
    # Material draws its results in (and a test may keep a tab per language open).
    page.bring_to_front()
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    # The line above the results says "Type to start searching" until an answer arrives.
    placeholder = page.evaluate(
        "() => JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder']"
    )
    box.click()
    if box.input_value():
        box.fill("")
        box.press("End")  # Material searches on each key released
    # Search is ready (the index loaded) and the box empty: only then is the next answer ours.
    page.wait_for_function(
        "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
        arg=placeholder,
        timeout=10_000,
    )
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "p => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && m.textContent.trim() !== p; }",
        arg=placeholder,
        timeout=10_000,
    )
    total = int("".join(c for c in meta.inner_text().split(" ")[0] if c.isdigit()) or 0)
    items = page.locator(".md-search-result__item")
    scroller = page.locator(".md-search__scrollwrap")
    for _ in range(60):  # a reader scrolls the list to see the rest
        shown = items.count()
        if shown >= total:
            break
        # Material adds the next few results when the list's end comes into view.
        scroller.evaluate("e => { e.scrollTop = e.scrollHeight; }")
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.md-search-result__item').length > n",
                arg=shown,
                polling=100,
                timeout=1_500,
            )
        except PlaywrightTimeoutError:
            # Nothing came: the end had not changed as Material saw it (after 14 of 17, "at the
            # end" again changed nothing). Leave it, so that the next pass comes back to it.
            scroller.evaluate("e => { e.scrollTop = Math.max(0, e.scrollTop - e.clientHeight); }")
            page.wait_for_timeout(300)
    if items.count() < total:
        raise AssertionError(f"search for {query!r}: {total} results announced, {items.count()} shown")
    # Each item is a page: its link, then its sections' links (some under "more on this page").
    return items.locator("a").evaluate_all("els => els.map(e => e.href)")


def page_path(href: str, home: str) -> str:
    """A result's page, relative to the language's home ("policies/bridgend/"; the home is "/")."""
    path = urlsplit(href).path
    relative = path[len(home) :] if path.startswith(home) else path
    return relative or "/"
