"""Measure search and write the table into benchmarks/README.md (section "Search").

    .venv/bin/python benchmarks/search.py            # builds, index bytes, every query in Chromium
    .venv/bin/python benchmarks/search.py --rounds 3 # fewer paired builds

What a page downloads: each language's search index, gzipped at level 9 as a web server would send
it, beside the single two-language index the site had before (the same build without
hooks/search_index.py). The queries are tests/search/queries.yml, the same set the browser tests
use: the language of every result, recall and precision on the Welsh mutation set, and where each
walkthrough ranks for its subject. Run by hand; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import timed_build  # noqa: E402
from support.project import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.search import load_queries, page_path, search  # noqa: E402

README = ROOT / "benchmarks" / "README.md"
HOME = {"en": "/", "cy": "/cy/"}
SEARCH_HOOK = "  - hooks/search_index.py\n"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def index_sizes(site: Path) -> dict:
    """Bytes (as written, gzipped) of each language's index, and of its parts."""
    sizes = {}
    for language, home in HOME.items():
        path = site / home.strip("/") / "search" / "search_index.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data["docs"]
        plain = [{k: v for k, v in d.items() if not k.endswith("_forms")} for d in docs]
        pages_only = [d for d in plain if "--" not in d["location"].partition("#")[2]]

        def size(entries, data=data):
            return _gz(json.dumps({"config": data["config"], "docs": entries}, ensure_ascii=False).encode())

        sizes[language] = {
            "raw": path.stat().st_size,
            "gz": _gz(path.read_bytes()),
            "pages": size(pages_only),
            "walkthroughs": size(plain) - size(pages_only),
            "forms": _gz(path.read_bytes()) - size(plain),
            "entries": len(docs),
        }
    return sizes


def paired_builds(rounds: int, site: Path) -> dict:
    """Builds with and without the search hook, in shuffled pairs (see run.py)."""
    with_hook = ROOT / "mkdocs.yml"
    without_hook = ROOT / ".benchmark-nosearch.yml"
    without_hook.write_text(with_hook.read_text(encoding="utf-8").replace(SEARCH_HOOK, ""), encoding="utf-8")
    before = site.parent / "before"
    results = {"with": [], "without": [], "ratios": []}
    order = random.Random(2026)
    try:
        timed_build(without_hook, before)  # also the "before" index, kept for its size
        timed_build(with_hook, site)
        for _ in range(rounds):
            pair = {}
            for name, config in order.sample([("with", with_hook), ("without", without_hook)], 2):
                pair[name], _ = timed_build(config, site)
            results["with"].append(pair["with"])
            results["without"].append(pair["without"])
            results["ratios"].append(pair["with"] / pair["without"])
        timed_build(with_hook, site)
    finally:
        without_hook.unlink()
    results["cpu"] = hook_cpu(before, 5)
    index = (before / "search" / "search_index.json").read_bytes()
    results["before"] = {"raw": len(index), "gz": _gz(index), "entries": len(json.loads(index)["docs"])}
    return results


_HOOK_WORK = """
import json, shutil, sys, tempfile, time
from pathlib import Path
from site_search import walkthroughs
from site_search.build import write_language_indexes
root, before = Path(sys.argv[1]), Path(sys.argv[2])
pages = [
    ((language + "/" if language != "en" else "") + str(md.relative_to(root / "docs" / language).with_suffix("")) + "/", tree)
    for language in ("en", "cy")
    for md in (root / "docs" / language).rglob("*.md")
    for tree in walkthroughs.trees_on_page(md.read_text(encoding="utf-8"))
]
with tempfile.TemporaryDirectory() as tmp:
    site = Path(tmp)
    (site / "search").mkdir()
    shutil.copy(before / "search" / "search_index.json", site / "search" / "search_index.json")
    start = time.process_time()
    write_language_indexes(site, ["en", "cy"], "en", pages, root / "decision_trees", root / "translation" / "terms.yml")
    print(time.process_time() - start)
"""


def hook_cpu(before: Path, runs: int) -> list[float]:
    """CPU seconds of the search hook's work after a build (the word list read, both indexes
    written), each in a fresh process as in a real build: the machine's load barely moves it."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _HOOK_WORK, str(ROOT), str(before)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return times


def run_queries(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {"languages": [], "mutations": [], "subjects": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = {}
            for language, home in HOME.items():
                pages[language] = browser.new_page()
                pages[language].goto(base + home, wait_until="networkidle")

            def found_pages(language, query):
                seen = []
                for href in search(pages[language], query):
                    path = urlsplit(href).path
                    entry = (page_path(href, HOME[language]), path.startswith("/cy/"))
                    if entry not in seen:
                        seen.append(entry)
                return seen

            for language, words in queries["languages"].items():
                for query in words:
                    found = found_pages(language, query)
                    welsh = sum(1 for _, is_welsh in found if is_welsh)
                    out["languages"].append((language, query, len(found) - welsh, welsh))
            for case in queries["mutations"]:
                found = {p for p, _ in found_pages("cy", case["query"])}
                out["mutations"].append((case, found))
            for case in queries["subjects"]:
                ranked = [p for p, _ in found_pages(case["language"], case["query"])]
                rank = ranked.index(case["walkthrough"]) + 1 if case["walkthrough"] in ranked else None
                out["subjects"].append((case, rank, len(ranked)))
            browser.close()
    finally:
        server.shutdown()
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def table(sizes: dict, builds: dict, queries: dict) -> list[str]:
    before = builds["before"]
    ratio = statistics.median(builds["ratios"])
    lines = [
        f"Measured on {platform.machine()}, Python {platform.python_version()}, {date.today()}:",
        "",
        "| Index a page downloads | Entries | As written | Gzipped | Of which: pages / walkthrough steps / other forms (gzipped) |",
        "| --- | --- | --- | --- | --- |",
        f"| Before: one index, both languages, every page | {before['entries']} | {_kb(before['raw'])} | {_kb(before['gz'])} | |",
    ]
    for language, name in (("en", "English page"), ("cy", "Welsh page")):
        s = sizes[language]
        lines.append(
            f"| After: {name} | {s['entries']} | {_kb(s['raw'])} | {_kb(s['gz'])} | "
            f"{_kb(s['pages'])} / {_kb(s['walkthroughs'])} / {_kb(s['forms'])} |"
        )
    lines += [
        "",
        f"Build with the search hook: median {statistics.median(builds['with']):.2f} s against "
        f"{statistics.median(builds['without']):.2f} s without ({ratio - 1:+.1%}, median of "
        f"{len(builds['ratios'])} shuffled pairs; pairs ranged {min(builds['ratios']) - 1:+.0%} to "
        f"{max(builds['ratios']) - 1:+.0%}).",
        "",
        f"The search hook's own work, in CPU time (median of {len(builds['cpu'])} fresh processes): "
        f"{statistics.median(builds['cpu']) * 1000:.0f} ms, of which reading the Welsh word list is part.",
        "",
        "| Language of results | Query | English results | Welsh results |",
        "| --- | --- | --- | --- |",
    ]
    for language, query, english, welsh in queries["languages"]:
        lines.append(f"| {'English' if language == 'en' else 'Welsh'} page | {query} | {english} | {welsh} |")
    found = expected = wrong = excluded = 0
    rows = []
    for case, pages in queries["mutations"]:
        hit = len(pages & set(case["find"]))
        bad = len(pages & set(case["not_find"]))
        found, expected = found + hit, expected + len(case["find"])
        wrong, excluded = wrong + bad, excluded + len(case["not_find"])
        rows.append(f"| {case['query']} | {hit} of {len(case['find'])} | {bad} of {len(case['not_find'])} |")
    recall = found / expected if expected else 1.0
    precision = (found / (found + wrong)) if found + wrong else 1.0
    lines += [
        "",
        f"Welsh mutation set: {len(queries['mutations'])} queries. Recall {found} of {expected} pages "
        f"({recall:.0%}); precision {found} of {found + wrong} pages found ({precision:.0%}); "
        f"{wrong} of {excluded} pages that must not be found were found.",
        "",
        "| Welsh query | Pages found that must be | Pages found that must not be |",
        "| --- | --- | --- |",
        *rows,
        "",
        "| Walkthrough subject | Query | Rank of the walkthrough |",
        "| --- | --- | --- |",
    ]
    for case, rank, total in queries["subjects"]:
        lines.append(
            f"| {case['walkthrough']} | {case['query']} ({case['language']}) | {rank or 'not found'} of {total} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rounds", type=int, default=7, help="paired builds with and without the search hook"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        builds = paired_builds(args.rounds, site)
        sizes = index_sizes(site)
        queries = run_queries(site)
    lines = table(sizes, builds, queries)
    print("\n".join(lines))
    block = "\n".join(
        ["<!-- search results: written by benchmarks/search.py -->", *lines, "<!-- /search results -->"]
    )
    text = README.read_text(encoding="utf-8")
    text = re.sub(r"<!-- search results:.*?<!-- /search results -->", lambda _: block, text, flags=re.S)
    README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
