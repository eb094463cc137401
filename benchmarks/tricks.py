"""Does each performance trick of the tree hook still pay? Paired builds with and without it.

    .venv/bin/python benchmarks/tricks.py                    # a copy of the real site, 3 pairs per trick
    .venv/bin/python benchmarks/tricks.py --size 50 --pairs 2  # the synthetic site of scale.py

The tricks that did not pay were removed with their code (adr/0007 has their numbers). A trick is
switched off inside the build process (monkeypatching, so the code under test is the
code in the repository); each pair runs both builds back to back in a random order, into the same
folder. Reported: the median, over the pairs, of the build's CPU time (user + system, steadier than
wall time on a shared machine) and wall time, with and without, and the saving as a share of the
build without the trick. The project keeps a trick only if it saves at least 5% (issue #13).
Run by hand, never as part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale

ROOT = scale.ROOT


# -- each trick, switched off -----------------------------------------------------------------------


def _without_after_search() -> None:
    """adr/0002: render the walkthroughs into the page content, where search parses them too."""
    from decision_trees.site import SiteBuild

    page_content = SiteBuild.page_content

    def rendered_now(self, html, page):
        return self.written_page(page_content(self, html, page), page)

    SiteBuild.page_content = rendered_now


def _without_backlinks_once() -> None:
    """CitedByIndex: work out which citers cite which section again for every page."""
    from decision_trees.cited_by import CitedByIndex

    add_lines = CitedByIndex.add_lines

    def rebuilt(self, html, page, language, href_to_page):
        return add_lines(CitedByIndex(self.kinds), html, page, language, href_to_page)

    CitedByIndex.add_lines = rebuilt


def _without_headings_once() -> None:
    """PolicyPages: read a policy page's headings each time a citation needs them."""
    from decision_trees.policy_pages import PolicyPages

    def sections(self, language, page):
        return self._read_sections(language, page)

    PolicyPages.sections = sections


# Where the tricks act: the tree hook's own handlers, and search, which reads what the tree hook
# leaves in the pages (adr/0002). Their CPU time, timed inside the build, is far steadier than the
# whole build's on a shared machine, where a 3 s build's CPU time varies by 10-20% from run to run.
AFFECTED = ("walkthroughs", "material.plugins.search", "search_index")

TRICKS = {
    "after-search": _without_after_search,
    "backlinks-once": _without_backlinks_once,
    "headings-once": _without_headings_once,
}


# -- paired builds ----------------------------------------------------------------------------------


def build(config: Path, site: Path, without: str | None) -> dict:
    code = (
        "import json,resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "sys.stderr.write(r.stderr[-3000:] if r.returncode else '');"
        "print(json.dumps({'rc':r.returncode,'wall':w,'cpu':u.ru_utime+u.ru_stime,"
        "'hooks':r.stdout.strip().splitlines()[-1] if r.stdout.strip() else '{}'}))"
    )
    command = [sys.executable, __file__, "--one-build", str(config), str(site)]
    if without:
        command += ["--without", without]
    out = subprocess.run(
        [sys.executable, "-c", code, *command],
        capture_output=True,
        text=True,
        env=scale._env(),
        cwd=config.parent,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {"rc": -1}
    if result["rc"] != 0:
        raise SystemExit(f"build failed (without {without}):\n{out.stderr}")
    hooks = json.loads(result.pop("hooks"))
    result["work"] = sum(hooks.get(name, 0.0) for name in AFFECTED)
    return result


def compare(config: Path, site: Path, tricks: list[str], pairs: int, seed: int = 2026) -> dict:
    order = random.Random(seed)
    build(config, site, None)  # warm-up
    results = {}
    for trick in tricks:
        runs = {"with": [], "without": []}
        for _ in range(pairs):
            for variant in order.sample(["with", "without"], 2):
                runs[variant].append(build(config, site, trick if variant == "without" else None))
        cpu_with = statistics.median(r["cpu"] for r in runs["with"])
        cpu_without = statistics.median(r["cpu"] for r in runs["without"])
        work_with = statistics.median(r["work"] for r in runs["with"])
        work_without = statistics.median(r["work"] for r in runs["without"])
        results[trick] = {
            "work_with": work_with,
            "work_without": work_without,
            "work_saving": (work_without - work_with) / cpu_without,
            "cpu_with": cpu_with,
            "cpu_without": cpu_without,
            "wall_with": statistics.median(r["wall"] for r in runs["with"]),
            "wall_without": statistics.median(r["wall"] for r in runs["without"]),
            "saving": (cpu_without - cpu_with) / cpu_without,
            "pairs": pairs,
        }
        print(trick, json.dumps(results[trick]), file=sys.stderr, flush=True)
    return results


def table(results: dict) -> str:
    rows = [
        "| Trick | Build CPU with / without | Build wall with / without | Tree hook and search CPU with / without | Saves, of the build |",
        "| --- | --- | --- | --- | --- |",
    ]
    for trick, r in results.items():
        rows.append(
            f"| {trick} | {r['cpu_with']:.2f} / {r['cpu_without']:.2f} s | "
            f"{r['wall_with']:.1f} / {r['wall_without']:.1f} s | "
            f"{r['work_with'] * 1000:.0f} / {r['work_without'] * 1000:.0f} ms | {r['work_saving']:+.1%} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--size", type=int, help="the synthetic site of scale.py with this many pages and trees"
    )
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--tricks", nargs="+", default=list(TRICKS), choices=list(TRICKS))
    parser.add_argument("--one-build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--without", choices=list(TRICKS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_build:
        if args.without:
            TRICKS[args.without]()
        scale.one_build(*args.one_build)
        return 0
    with tempfile.TemporaryDirectory(prefix="tricks-") as tmp:
        # Size 5 is a copy of the real site: the code measured stays as it was when the run began.
        config = scale.make_project(Path(tmp) / "project", args.size or 5)
        results = compare(config, Path(tmp) / "site", args.tricks, args.pairs)
    print(json.dumps(results, indent=1))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
