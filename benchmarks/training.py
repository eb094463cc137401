"""Measure the practice cases, the practice pages and the trainers' packs, and write the table into
benchmarks/README.md.

    .venv/bin/python benchmarks/training.py     # builds the site once and prints ten packs (about a minute)

- Cases: per walkthrough, the cases and the tree's outcomes that at least one case reaches.
- Page weight: a practice page's HTML with the stylesheet and script only it loads, gzipped at
  level 9 as a web server would send them, against a plain policy page (its HTML; it loads no extra
  file). Material's own files, the same on every page, are left out of both.
- Printed: each trainer's pack printed to PDF on A4 by Chromium with 15 mm margins, as the print
  tests print it, in each language.
Run by hand, never as part of the test suite.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import platform
import re
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.project import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from comparison import build, gz, kb  # noqa: E402  (the sibling benchmark's helpers)
from decision_trees import compile_all  # noqa: E402
from decision_trees.cases import compile_all_cases  # noqa: E402
from decision_trees.policy_pages import PolicyPages  # noqa: E402

README = ROOT / "benchmarks" / "README.md"
START, END = (
    "<!-- training results: written by benchmarks/training.py -->",
    "<!-- /training results -->",
)
A4_MARGIN_MM = 15
A4_CONTENT_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)  # the printable width, in CSS pixels


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def case_counts() -> list[tuple[str, int, int, int]]:
    """(walkthrough, cases, outcomes reached by a case, the tree's outcomes), per walkthrough."""
    pages = PolicyPages(ROOT / "docs")
    trees = {tree.id: tree for tree in compile_all(ROOT / "decision_trees", ROOT / "docs", ROOT)}
    case_sets = compile_all_cases(ROOT / "decision_trees" / "cases", trees, pages, ROOT)
    return [
        (tree_id, len(case_set.cases), len(case_set.outcomes_covered()), len(trees[tree_id].outcomes))
        for tree_id, case_set in sorted(case_sets.items())
    ]


def page_weight(site: Path, tree_id: str, language: str) -> tuple[int, int, int]:
    """Gzipped bytes: the practice page's HTML, its own stylesheet and script, and a policy page's HTML."""
    prefix = site / ("cy" if language == "cy" else "")
    practice = (prefix / "training" / tree_id / "index.html").read_bytes()
    own = gz((site / "assets" / "training" / "training.css").read_bytes()) + gz(
        (site / "assets" / "training" / "practice.js").read_bytes()
    )
    policy = (prefix / "policies" / "assembly" / "index.html").read_bytes()
    return gz(practice), own, gz(policy)


def pack_pages(site: Path, tree_ids: list[str]) -> dict[tuple[str, str], int]:
    import pypdf
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    counts = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for tree_id in tree_ids:
                for language, path in (("en", ""), ("cy", "cy/")):
                    page = browser.new_page()
                    page.goto(f"{base}/{path}training/{tree_id}/pack/", wait_until="networkidle")
                    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
                    page.emulate_media(media="print")
                    margin = dict.fromkeys(("top", "bottom", "left", "right"), f"{A4_MARGIN_MM}mm")
                    pdf = page.pdf(format="A4", margin=margin)
                    counts[tree_id, language] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
                    page.close()
            browser.close()
    finally:
        server.shutdown()
    return counts


def main() -> int:
    counts = case_counts()
    tree_ids = [tree_id for tree_id, *_ in counts]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        weights = {(t, lang): page_weight(site, t, lang) for t in tree_ids for lang in ("en", "cy")}
        pages = pack_pages(site, tree_ids)
    header = "| Walkthrough | Cases | Outcomes reached by a case | Pack pages (en / cy) | Practice page, gzipped (en / cy) |"
    rows = []
    for tree_id, cases, reached, outcomes in counts:
        en, cy = weights[tree_id, "en"], weights[tree_id, "cy"]
        rows.append(
            f"| {tree_id} | {cases} | {reached} of {outcomes} | {pages[tree_id, 'en']} / {pages[tree_id, 'cy']} "
            f"| {kb(en[0] + en[1])} / {kb(cy[0] + cy[1])} |"
        )
    total_cases = sum(c for _, c, _, _ in counts)
    reached = sum(r for _, _, r, _ in counts)
    outcomes = sum(o for _, _, _, o in counts)
    own = weights[tree_ids[0], "en"][1]
    policy_en, policy_cy = weights[tree_ids[0], "en"][2], weights[tree_ids[0], "cy"][2]
    table = "\n".join(
        [
            f"Measured on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{date.today().isoformat()}:",
            "",
            header,
            "| --- | --- | --- | --- | --- |",
            *rows,
            f"| **all five** | **{total_cases}** | **{reached} of {outcomes}** | | |",
            "",
            f"A practice page's weight is its HTML plus its own stylesheet and script ({kb(own)} gzipped, "
            f"loaded once for every practice page); a plain policy page (the Assembly's) is {kb(policy_en)} "
            f"(en) / {kb(policy_cy)} (cy) and loads no file of its own. Material's own files, the same on "
            "every page, are left out of both.",
        ]
    )
    print(table)
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## Practice cases and trainers' packs\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
