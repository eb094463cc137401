"""Lighthouse 12 on every page type, in both languages, mobile and desktop, against the built site
behind nginx with the repository's deploy/nginx.conf (compression, cache headers, the CSP).

    .venv/bin/python benchmarks/lighthouse.py            # 3 runs of each (about 30-40 minutes)
    .venv/bin/python benchmarks/lighthouse.py --runs 1   # one run of each

Needs Node (18.16 or newer) with npm, Debian's Chromium and nginx (scripts/test installs the last
two). Lighthouse itself is installed on first use, pinned, into benchmarks/.lighthouse/ (ignored
by git). Prints a Markdown table of medians, the failing audits, and writes every report's key
numbers to benchmarks/.lighthouse/results.json. Run by hand; scores are never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import nginx  # noqa: E402  (the test suite's nginx runner, so both run the same server)

LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node 22; these machines have Node 20
TOOLS = ROOT / "benchmarks" / ".lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The same flags as the browser tests: no outside requests from Chromium itself.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
PAGE_TYPES = {
    "home": "",
    "policy index": "policies/",
    "policy page": "policies/assembly/",
    "walkthrough index": "walkthroughs/",
    "walkthrough": "walkthroughs/foi-request/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS.relative_to(ROOT)}/ ...", flush=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(TOOLS), "--no-save", "--no-audit", "--no-fund",
         f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )  # fmt: skip


def build_site(dest: Path) -> Path:
    site = dest / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        check=True,
    )
    return site


def run_lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM), timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    failing = sorted(
        audit_id
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0
        for audit_id in [ref["id"]]
        if audits[audit_id].get("score") is not None and audits[audit_id]["score"] < 0.9
    )
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        # Bytes on the wire (gzipped by nginx), headers included, for everything the page loaded.
        "transfer_bytes": audits["total-byte-weight"]["numericValue"],
        "benchmark_index": report["environment"]["benchmarkIndex"],
        "failing": failing,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each page (the median is reported)")
    args = parser.parse_args(argv)
    ensure_lighthouse()
    results: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        site = build_site(work)
        server = nginx.start(ROOT / "deploy" / "nginx.conf", site, work / "nginx")
        try:
            for run in range(args.runs):
                for page_type, path in PAGE_TYPES.items():
                    for language in ("en", "cy"):
                        for preset in ("mobile", "desktop"):
                            url = f"{server.url}/{'cy/' if language == 'cy' else ''}{path}"
                            out = work / f"{run}-{language}-{preset}-{page_type.replace(' ', '-')}.json"
                            result = run_lighthouse(url, preset, out)
                            results[(page_type, language, preset)].append(result)
                            print(f"run {run + 1}: {page_type:17} {language} {preset:7} {result}", flush=True)
        finally:
            server.stop()
    TOOLS.mkdir(parents=True, exist_ok=True)
    (TOOLS / "results.json").write_text(
        json.dumps(
            [{"page": k[0], "language": k[1], "preset": k[2], "runs": v} for k, v in results.items()],
            indent=1,
        ),
        encoding="utf-8",
    )
    print(markdown(results))
    return 0


def markdown(results: dict[tuple[str, str, str], list[dict]]) -> str:
    def med(runs, key):
        return statistics.median(r[key] for r in runs)

    lines = [
        "| Page type | Lang | Device | Perf | A11y | Best pr. | SEO | CLS | LCP | TBT | KB gzipped | Failing audits (any run) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (page_type, language, preset), runs in results.items():
        failing = sorted({a for r in runs for a in r["failing"]})
        lines.append(
            f"| {page_type} | {language} | {preset} | {med(runs, 'performance'):.0f} "
            f"({min(r['performance'] for r in runs)}–{max(r['performance'] for r in runs)}) "
            f"| {med(runs, 'accessibility'):.0f} | {med(runs, 'best-practices'):.0f} | {med(runs, 'seo'):.0f} "
            f"| {med(runs, 'cls'):.3f} | {med(runs, 'lcp_ms') / 1000:.1f} s | {med(runs, 'tbt_ms'):.0f} ms "
            f"| {med(runs, 'transfer_bytes') / 1024:.1f} | {', '.join(failing) or '–'} |"
        )
    index = [r["benchmark_index"] for runs in results.values() for r in runs]
    lines.append("")
    lines.append(f"Lighthouse benchmarkIndex over the runs: {min(index):.0f}–{max(index):.0f}.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
