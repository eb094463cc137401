"""Measure speed and size on this machine and write the table into benchmarks/README.md.

    .venv/bin/python benchmarks/run.py            # all measurements (about a minute)
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, smaller trees

Run by hand, never as part of the test suite: timings depend on the machine. Budgets are reported
next to each result, not asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import random
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

from support.project import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the browser tests' Chromium and flags)

from decision_trees import client_assets, limits  # noqa: E402
from decision_trees.compiler import compile_text  # noqa: E402

README = ROOT / "benchmarks" / "README.md"


# -- build --------------------------------------------------------------------------------------


def _build_env() -> dict:
    # As on an editor's machine: Python keeps compiled bytecode between runs (the warm-up build
    # writes it). Where PYTHONDONTWRITEBYTECODE is set, every build would recompile whatever
    # changed since the last install, which is our own code only, and count it against the hook.
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed_build(config: Path, site_dir: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `mkdocs build`, in a fresh process."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],capture_output=True);"
        "w=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(r.returncode,w,m);sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else '')"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "--site-dir",
            str(site_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(_build_env(), NO_MKDOCS_2_WARNING="1"),
    )
    rc, wall, maxrss = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"build failed:\n{out.stderr}")
    return float(wall), int(maxrss) / 1024


def build_times(rounds: int) -> dict:
    """Builds with and without the tree hook, in pairs. Each pair runs back to back in a random
    order and writes to the same folder (where a build writes turned out to change its time by a
    few per cent), and the hook's share is the median of the pairs' ratios, so that drift in the
    machine's speed over the run cancels out."""
    with_hook = ROOT / "mkdocs.yml"
    text = with_hook.read_text(encoding="utf-8")
    # Same site without the tree hook: markers stay as HTML comments. Same folder, so paths resolve.
    without_hook = ROOT / ".benchmark-nohook.yml"
    without_hook.write_text(text.replace("  - hooks/walkthroughs.py\n", ""), encoding="utf-8")
    results = {"with": [], "without": [], "ratios": [], "memory": []}
    order = random.Random(2026)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            timed_build(with_hook, site)  # warm the caches once
            timed_build(without_hook, site)
            for _ in range(rounds):
                pair = {}
                for name, config in order.sample([("with", with_hook), ("without", without_hook)], 2):
                    pair[name], memory = timed_build(config, site)
                    if name == "with":
                        results["memory"].append(memory)
                results["with"].append(pair["with"])
                results["without"].append(pair["without"])
                results["ratios"].append(pair["with"] / pair["without"])
    finally:
        without_hook.unlink()
    return results


def hook_breakdown(runs: int) -> dict:
    """The hook's own time inside the build (median of several builds): see hook_timing.py."""
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "hook_timing.py"), str(Path(tmp) / "site")],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                env=dict(_build_env(), NO_MKDOCS_2_WARNING="1"),
            )
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]} | {
        "full_collections": sum(s["full_collections"] > 0 for s in samples),
        "runs": runs,
    }


# -- compiler scaling ---------------------------------------------------------------------------


def synthetic_tree(questions: int) -> str:
    """A valid tree: a chain of questions, each with an answer to the next and one to a shared
    outcome (each answer with its own outcome would make the route list grow with the square)."""
    lines = ["id: synthetic", "title: {en: T, cy: C}", "intro: {en: I, cy: C}", "start: q0", "nodes:"]
    for i in range(questions):
        nxt = f"q{i + 1}" if i + 1 < questions else "end"
        lines += [
            f"  - id: q{i}",
            "    type: question",
            "    question: {en: Question, cy: Cwestiwn}",
            "    answers:",
            f"      - {{id: a, label: {{en: A, cy: Ie}}, next: {nxt}}}",
            "      - {id: b, label: {en: B, cy: Na}, next: stop}",
        ]
    for outcome, verdict in (("stop", "no"), ("end", "yes")):
        lines += [
            f"  - id: {outcome}",
            "    type: outcome",
            f'    verdict: "{verdict}"',
            f"    title: {{en: T {outcome}, cy: C {outcome}}}",
            "    body: {en: B, cy: C}",
            "    cites: [{page: p.md, section: s}]",
        ]
    return "\n".join(lines) + "\n"


def compile_scaling(node_counts: list[int]) -> list[tuple[int, int, float]]:
    # Real tree files are capped (512 KB, bounded YAML events, 2,000 nodes...) because they are
    # untrusted input; lift the caps here only, to see how the compiler itself grows.
    limits.MAX_BYTES = limits.MAX_EVENTS = limits.MAX_NODES = limits.MAX_ROUTE_ENTRIES = 10**10
    rows = []
    for count in node_counts:
        text = synthetic_tree(count - 2)  # and two outcomes
        start = time.perf_counter()
        tree = compile_text(text, "synthetic.yml", None)
        rows.append((len(tree.nodes), len(text.encode()), time.perf_counter() - start))
    return rows


# -- browser ------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser_measures(site: Path, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in (
            ("walkthrough page", "walkthroughs/foi-request/"),
            ("policy page", "policies/assembly/"),
        ):
            context = browser.new_context()  # a cold cache for each page
            page = context.new_page()
            responses = []
            page.on("response", responses.append)
            page.goto(f"{base}/{path}", wait_until="networkidle")
            out[name] = sum(len(r.body()) for r in responses if r.ok)
            context.close()
        page = browser.new_page()
        page.goto(f"{base}/walkthroughs/foi-request/", wait_until="networkidle")
        page.wait_for_selector(".walkthrough__ui")
        # Choose an answer and continue, many times; time from the click to the next step in the DOM.
        out["steps"] = page.evaluate(
            """async (steps) => {
            const times = [];
            const frame = () => new Promise(r => requestAnimationFrame(() => r()));
            for (let i = 0; i < steps; i++) {
                const ui = document.querySelector('.walkthrough__ui');
                const submit = ui.querySelector('button[type=submit]');
                if (!submit) {                                   // an outcome: start again
                    const again = [...document.querySelectorAll('.walkthrough a, .walkthrough button')]
                        .find(e => /start again|dechrau eto/i.test(e.textContent));
                    again.click(); await frame(); continue;
                }
                const inputs = [...ui.querySelectorAll('input')];
                const pick = inputs[Math.floor(Math.random() * inputs.length)];
                if (!pick.checked) pick.click();
                const before = document.querySelector('.walkthrough__ui');
                const t0 = performance.now();
                submit.click();
                const t1 = performance.now();
                if (before.isConnected && before.querySelector('.walkthrough__field--error')) {
                    continue;                                    // the choice was refused: not a step
                }
                times.push(t1 - t0);
                await frame();
            }
            return times;
        }""",
            steps,
        )
        browser.close()
    server.shutdown()
    return out


# -- report -------------------------------------------------------------------------------------


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 5 if args.quick else 21
    nodes = [100, 1_000, 10_000] if args.quick else [100, 1_000, 10_000, 100_000]

    print("building...", flush=True)
    builds = build_times(rounds)
    with_hook, without_hook = statistics.median(builds["with"]), statistics.median(builds["without"])
    ratio = statistics.median(builds["ratios"])
    own = hook_breakdown(3 if args.quick else 9)
    print("compiling synthetic trees...", flush=True)
    scaling = compile_scaling(nodes)
    # The script as the site serves it: minified by the build (client_assets.py).
    script = client_assets.built_assets()[client_assets.WALKTHROUGH_SCRIPT]
    script_gz = len(gzip.compress(script, 9))
    print("measuring in Chromium...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        timed_build(ROOT / "mkdocs.yml", Path(tmp) / "site")
        browser = browser_measures(Path(tmp) / "site", 60 if args.quick else 300)
    steps = browser["steps"]

    def ok(flag):
        return "within budget" if flag else "**over budget**"

    own_total = own["import"] + own["compile"] + own["render"] + own["diagrams"]
    per_node = [t / n * 1e6 for n, _, t in scaling]
    linear = per_node[-1] <= per_node[1] * 2  # microseconds per node stays flat (from 1,000 nodes on)
    table = [
        "| Measure | Result | Budget |",
        "| --- | --- | --- |",
        f"| Full bilingual build (median of {rounds}) | {with_hook:.2f} s | |",
        f"| Peak memory of the build | {max(builds['memory']):.0f} MB | |",
        f"| Build without the tree hook (same run, paired) | {without_hook:.2f} s | |",
        f"| Tree hook's share of the build (median of {rounds} paired ratios) | {100 * (ratio - 1):+.1f}% "
        f"(ratio {ratio:.3f}; pairs ranged {100 * (min(builds['ratios']) - 1):+.0f}% to "
        f"{100 * (max(builds['ratios']) - 1):+.0f}%) | at most +10%: {ok(ratio <= 1.10)} |",
        f"| The hook's own code, timed inside the build (median of {own['runs']}) | {own_total:.0f} ms: "
        f"import {own['import']:.0f}, compile {own['compile']:.0f}, render {own['render']:.0f}, "
        f"diagrams and assets {own['diagrams']:.0f} | |",
        f"| Builds with the hook in which Python's collector scanned the whole heap | "
        f"{own['full_collections']} of {own['runs']} | |",
    ]
    for (nodes, size, seconds), us in zip(scaling, per_node, strict=False):
        table.append(
            f"| Compile and validate a {nodes:,}-node tree ({size / 1e6:.1f} MB of YAML) | "
            f"{seconds * 1000:,.0f} ms ({us:.0f} µs per node) | |"
        )
    table += [
        f"| Growth of compile time with nodes | {per_node[1]:.0f} → {per_node[-1]:.0f} µs per node from 1,000 to {scaling[-1][0]:,} nodes | no faster than linear: {ok(linear)} |",
        f"| Walkthrough script as served (minified), gzipped | {script_gz / 1024:.1f} KB ({len(script) / 1024:.1f} KB minified) | at most 8 KB: {ok(script_gz <= 8192)} |",
        f"| Bytes transferred: walkthrough page (FOI) | {browser['walkthrough page'] / 1024:,.0f} KB | |",
        f"| Bytes transferred: plain policy page (Assembly) | {browser['policy page'] / 1024:,.0f} KB | |",
        f"| Answer chosen → next step shown ({len(steps)} steps) | median {statistics.median(steps):.2f} ms, "
        f"95th percentile {percentile(steps, 95):.2f} ms | within one frame (16 ms) at p95: {ok(percentile(steps, 95) <= 16)} |",
    ]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}"
    )
    block = "\n".join(
        [
            "<!-- results: written by benchmarks/run.py -->",
            f"Measured on {machine}{' (quick run)' if args.quick else ''}:",
            "",
            *table,
            "<!-- /results -->",
        ]
    )
    text = README.read_text(encoding="utf-8")
    text = re.sub(r"<!-- results:.*?<!-- /results -->", lambda _: block, text, flags=re.S)
    README.write_text(text, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
