"""Focus not obscured (WCAG 2.2, 2.4.11, level AA), in Chromium: moving back up a page by keyboard
(Shift+Tab), the focused link or control is scrolled into view below Material's sticky header, never
under it, and nothing else drawn over the page hides it whole: Material's Back-to-top button, which
shows while the page scrolls up, may cover part of a link but never all of it. On a phone and a laptop
screen, in both languages. Moving down cannot hide it: the browser brings it in at the bottom of the
window, and the Back-to-top button hides while the page scrolls down."""

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

# Where the focus is, and the bottom of the header, in the window's coordinates, once the page has
# settled (Material shows or hides its Back-to-top button a frame after the scroll, with a fade).
# "Seen": the focused element is what the browser hits at one of five points of one of its boxes
# (a link that wraps has a box per line).
WHERE = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null)));
  const element = document.activeElement;
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const points = [...element.getClientRects()].flatMap((r) => [
    [r.left + r.width / 2, r.top + r.height / 2],
    [r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2],
  ]);
  const seen = points.some(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === element || element.contains(hit));
  });
  const backToTop = document.querySelector('.md-top');
  return {
    inContent: !!element.closest('.md-content'),
    label: (element.textContent || element.getAttribute('aria-label') || element.tagName).trim().slice(0, 60),
    top: box.top, bottom: box.bottom, height: box.height, header: header.bottom, seen,
    backToTopShown: !!backToTop && !backToTop.hidden,
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
    checked = with_back_to_top = 0
    for _ in range(120):
        page.keyboard.press("Shift+Tab")
        where = page.evaluate(WHERE)
        if not where["inContent"]:
            break
        if where["height"] == 0:
            continue  # nothing drawn to be hidden (a zero-height skip target)
        checked += 1
        assert where["top"] >= where["header"] - 1, f"{where['label']!r} is under the header: {where}"
        assert where["seen"], f"{where['label']!r} is hidden by something drawn over it: {where}"
        with_back_to_top += where["backToTopShown"]
    assert checked >= 20, f"only {checked} focus stops checked"
    # The Back-to-top button was there to hide things (it shows while the page scrolls up).
    assert with_back_to_top >= checked // 2, f"Back to top shown at {with_back_to_top} of {checked} stops"
    assert page.evaluate("() => window.scrollY") < start, "the page never scrolled up: nothing was tested"
