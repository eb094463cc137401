"""Focus not obscured (WCAG 2.2, 2.4.11, level AA), in Chromium: moving back up a page by keyboard
(Shift+Tab), the focused link or control is scrolled into view below Material's sticky header, never
under it, on a phone and a laptop screen, in both languages. Moving down cannot hide it: the browser
brings it in at the bottom of the window."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "policies/assembly/",  # the longest policy page: many section links
    "cy/policies/assembly/",
    "walkthroughs/gross-misconduct/",  # a walkthrough: its trainers' view and route list
    "cy/compare/",  # the comparison: links in every cell
]
SCREENS = {"phone": (390, 844), "laptop": (1366, 768)}

# Where the focus is, and the bottom of the header, in the window's coordinates.
WHERE = """() => {
  const element = document.activeElement;
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const box = element.getBoundingClientRect();
  return {
    inContent: !!element.closest('.md-content'),
    label: (element.textContent || element.getAttribute('aria-label') || element.tagName).trim().slice(0, 60),
    top: box.top, bottom: box.bottom, height: box.height, header: header.bottom,
  };
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PAGES)
def test_moving_back_up_a_page_never_puts_the_focus_under_the_header(page, site_url, path, screen):
    page.set_viewport_size(dict(zip(("width", "height"), SCREENS[screen], strict=True)))
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    # Start from the last link of the content, as a reader who has read to the end.
    # (Links inside a closed <details> are skipped: they cannot take the focus.)
    assert page.evaluate(
        "() => { const all = [...document.querySelectorAll('.md-content a[href], .md-content button')];"
        " return all.reverse().some(e => { e.focus(); return document.activeElement === e; }); }"
    ), "no link in the content can take the focus"
    start = page.evaluate("() => window.scrollY")
    checked = 0
    for _ in range(120):
        page.keyboard.press("Shift+Tab")
        where = page.evaluate(WHERE)
        if not where["inContent"]:
            break
        if where["height"] == 0:
            continue  # nothing drawn to be hidden (a zero-height skip target)
        checked += 1
        assert where["top"] >= where["header"] - 1, f"{where['label']!r} is under the header: {where}"
    assert checked >= 20, f"only {checked} focus stops checked"
    assert page.evaluate("() => window.scrollY") < start, "the page never scrolled up: nothing was tested"
