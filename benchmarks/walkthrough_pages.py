"""What a reader's browser does with a walkthrough page, measured in Chromium on built sites:

    .venv/bin/python benchmarks/walkthrough_pages.py SITE [SITE ...]

For each built site (say, one built from main and one from a branch) and each walkthrough page:
elements in the page (with JavaScript, and without), cumulative layout shift while the walkthrough
takes over (its script held back 400 ms, as on a slow connection, and with the CPU slowed 4 times),
where the Start link and the first question sit at 390x844 and 1366x768, and the browser's own time
for style and layout at 4x CPU slowdown (median of 5 loads). Run by hand: the timings depend on the
machine; the tests assert the behaviour (CLS < 0.1, Start in the first screen), never a time.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.project import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TREES = ("foi-request", "live-tweeting", "gross-misconduct", "councillor-first-steps", "new-account")
VIEWPORTS = ((390, 844), (1366, 768))
CLS = """window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries())
    if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"""
PLACES = """() => { const top = s => { const e = document.querySelector(s);
    return e ? Math.round(e.getBoundingClientRect().bottom) : null; };
    return {shift: window.__shift, start: top('a.walkthrough-start'), question: top('.walkthrough__question'),
            elements: document.getElementsByTagName('*').length}; }"""


class _SlowScript(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0].endswith("/walkthrough.js"):
            time.sleep(0.4)
        super().do_GET()

    def log_message(self, *args):
        pass


def serve(site: Path) -> str:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SlowScript, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def measure(site: Path) -> list[str]:
    base = serve(site)
    rows = []
    asset = site / "assets" / "walkthrough" / "walkthrough.js"
    rows.append(
        f"walkthrough.js: {asset.stat().st_size} B, {len(gzip.compress(asset.read_bytes(), 9))} B gzipped"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for tree in TREES:
            for language in ("en", "cy"):
                url = f"{base}/{'cy/' if language == 'cy' else ''}walkthroughs/{tree}/"
                places = []
                for width, height in VIEWPORTS:
                    context = browser.new_context(viewport={"width": width, "height": height})
                    context.add_init_script(CLS)
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    page.goto(url, wait_until="load")
                    page.wait_for_selector(".walkthrough__ui")
                    page.wait_for_timeout(500)
                    found = page.evaluate(PLACES)
                    places.append(
                        f"{width}x{height}: CLS {found['shift']:.3f}, Start ends at {found['start']}, "
                        f"question at {found['question']}"
                    )
                    elements = found["elements"]
                    context.close()
                rows.append(f"{tree} ({language}): {elements} elements; " + "; ".join(places))
            no_js = browser.new_context(java_script_enabled=False).new_page()
            no_js.goto(f"{base}/walkthroughs/{tree}/")
            count = no_js.evaluate("document.getElementsByTagName('*').length")
            no_js.context.close()
            times = {"LayoutDuration": [], "RecalcStyleDuration": []}
            for _ in range(5):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(f"{base}/walkthroughs/{tree}/", wait_until="load")
                page.wait_for_timeout(500)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                for key in times:
                    times[key].append(metrics[key] * 1000)
                context.close()
            rows.append(
                f"{tree}: {count} elements without JavaScript; at 4x CPU: layout "
                f"{statistics.median(times['LayoutDuration']):.0f} ms, style "
                f"{statistics.median(times['RecalcStyleDuration']):.0f} ms (median of 5)"
            )
        browser.close()
    return rows


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for site in argv:
        print(f"== {site}")
        for row in measure(Path(site)):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
