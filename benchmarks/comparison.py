"""Measure the policy comparison and write the table into benchmarks/README.md.

    .venv/bin/python benchmarks/comparison.py     # builds the site once (about 20 s)

- Page weight: the page's HTML and the stylesheet only it loads, gzipped at level 9 as a web
  server would send them, against a plain policy page (its HTML; it loads no extra file). Material's
  own files, the same on every page, are left out of both.
- Printed: the page printed to PDF on A4 by Chromium, with 15 mm margins, in each language.
- Compile and render: the comparison compiled (with its citation checks, the policy pages' headings
  already read, as in a build) and rendered in both languages, median of 21, outside MkDocs.
Run by hand, never as part of the test suite.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.project import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from decision_trees.comparison import compile_comparison  # noqa: E402
from decision_trees.policy_pages import PolicyPages  # noqa: E402
from decision_trees.render_comparison import comparison_html  # noqa: E402

README = ROOT / "benchmarks" / "README.md"
START, END = (
    "<!-- comparison results: written by benchmarks/comparison.py -->",
    "<!-- /comparison results -->",
)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def page_weight(site: Path, language: str) -> tuple[int, int, int]:
    """Gzipped bytes: the comparison page's HTML, its stylesheet, and the Assembly policy page's HTML."""
    prefix = site / ("cy" if language == "cy" else "")
    compare = (prefix / "compare" / "index.html").read_bytes()
    css = (site / "assets" / "comparison" / "comparison.css").read_bytes()
    policy = (prefix / "policies" / "assembly" / "index.html").read_bytes()
    return gz(compare), gz(css), gz(policy)


def pdf_pages(site: Path) -> dict[str, int]:
    import pypdf
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    counts = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for language, path in (("en", ""), ("cy", "cy/")):
                page = browser.new_page()
                page.goto(f"{base}/{path}compare/", wait_until="networkidle")
                margin = dict.fromkeys(("top", "bottom", "left", "right"), "15mm")
                pdf = page.pdf(format="A4", margin=margin)
                counts[language] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return counts


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def compile_and_render_ms() -> tuple[float, float]:
    compile_times, render_times = [], []
    pages = PolicyPages(ROOT / "docs")  # read once and shared with the trees, as in a build
    for _ in range(21):
        start = time.perf_counter()
        comparison = compile_comparison(ROOT / "comparison" / "policies.yml", pages)
        middle = time.perf_counter()
        for language in ("en", "cy"):
            comparison_html(comparison, language, lambda page, section, language: (page, section or page))
        end = time.perf_counter()
        compile_times.append((middle - start) * 1000)
        render_times.append((end - middle) * 1000)
    return statistics.median(compile_times), statistics.median(render_times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        rows = []
        for language in ("en", "cy"):
            html, css, policy = page_weight(site, language)
            rows.append(
                (
                    f"Comparison page, gzipped ({language})",
                    f"{kb(html + css)} (HTML {kb(html)}, stylesheet {kb(css)}); plain policy page "
                    f"(Assembly): {kb(policy)}, so {(html + css) / policy:.1f}×",
                )
            )
        pages = pdf_pages(site)
    compiled, rendered = compile_and_render_ms()
    rows.append(("Printed on A4 (15 mm margins), pages", f"English {pages['en']}, Welsh {pages['cy']}"))
    rows.append(("Compile the comparison (citations checked), median of 21", f"{compiled:.1f} ms"))
    rows.append(("Render it in both languages, median of 21", f"{rendered:.1f} ms"))
    table = "\n".join(
        [
            f"Measured on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{date.today().isoformat()}:",
            "",
            "| Measure | Result |",
            "| --- | --- |",
            *(f"| {name} | {value} |" for name, value in rows),
        ]
    )
    print(table)
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## The comparison page\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
