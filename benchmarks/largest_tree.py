"""The largest valid tree the build accepts: how long it takes and how much memory it needs.

    .venv/bin/python benchmarks/largest_tree.py     # a few minutes; rewrites its table in README.md

The tree sits at every limit of src/decision_trees/limits.py at once: 2,000 nodes, close to 512 KB,
close to 10,000 route-list entries, and more routes than can be listed (answers that rejoin double
them with every question). It is measured twice: compiled and rendered on its own (both languages:
walkthrough, trainers' view, diagram, route list), and in a full `mkdocs build --strict` of the
project with the tree added as a sixth walkthrough, against the same build without it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import README, _build_env  # noqa: E402
from support.project import copy_project  # noqa: E402

from decision_trees import limits  # noqa: E402
from site_translations import status  # noqa: E402

TREE_ID = "largest"


def timed_build(config: Path, site_dir: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one `mkdocs build --strict` in a fresh
    process. CPU time is reported beside wall time because the machine is shared: other work
    stretches the wall clock far more than it does the CPU time the build itself uses."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],capture_output=True);w=time.perf_counter()-t;"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(r.returncode,w,u.ru_utime+u.ru_stime,u.ru_maxrss);"
        "sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else '')"
    )
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    out = subprocess.run(
        [sys.executable, "-c", code, *command],
        capture_output=True,
        text=True,
        env=dict(_build_env(), NO_MKDOCS_2_WARNING="1"),
    )
    rc, wall, cpu, maxrss = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"build failed:\n{out.stderr}")
    return float(wall), float(cpu), int(maxrss) / 1024


OUTCOMES = 5


def largest_tree() -> str:
    """Questions in a chain whose answers both lead on (so the routes double with each), but for
    the last few, whose 'no' leads to an outcome of its own; texts long enough to fill the file."""
    questions = limits.MAX_NODES - OUTCOMES
    filler = "and what the policy says about it, in a sentence of ordinary length"
    lines = [
        f"id: {TREE_ID}",
        "title: {en: The largest tree the build accepts, cy: Y goeden fwyaf y mae'r adeiladu'n ei derbyn}",
        "intro: {en: A tree at every limit at once., cy: Coeden ar bob terfyn ar unwaith.}",
        "start: q1",
        "nodes:",
    ]
    for n in range(1, questions + 1):
        following = f"q{n + 1}" if n < questions else "out0"
        no = following if n <= questions - OUTCOMES + 1 else f"out{n - (questions - OUTCOMES + 1)}"
        lines += [
            f"  - id: q{n}",
            "    type: question",
            f'    question: {{en: "Question {n}: is it so, {filler}?", cy: "Cwestiwn {n}: ydy hi felly?"}}',
            f'    answers: {{set: yes-no, next: {{"yes": {following}, "no": {no}}}}}',
        ]
    for k in range(OUTCOMES):
        lines += [
            f"  - id: out{k}",
            "    type: outcome",
            '    verdict: "info"',
            f"    title: {{en: Outcome {k}, cy: Canlyniad {k}}}",
            f"    body: {{en: The reason for outcome {k}., cy: Y rheswm dros ganlyniad {k}.}}",
            "    cites: [{page: policies/assembly.md, section: freedom-of-information}]",
        ]
    sets = [
        "answer_sets:",
        "  yes-no:",
        '    - {id: "yes", label: {en: "Yes", cy: "Ydy"}}',
        '    - {id: "no", label: {en: "No", cy: "Nac ydy"}}',
    ]
    return "\n".join(lines[:4] + sets + lines[4:]) + "\n"


# Run in a fresh process, so that its peak memory is the tree's alone.
_COMPILE_AND_RENDER = """
import json, resource, sys, time
from pathlib import Path
from decision_trees.compiler import compile_tree
from decision_trees.policy_pages import PolicyPages
from decision_trees.render_html import trainer_html, walkthrough_html
from decision_trees.render_svg import render_svg
from decision_trees.routes import route_entries, route_list_text, route_table
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu_start = time.perf_counter(), time.process_time()
tree = compile_tree(Path(sys.argv[1]), PolicyPages(Path(sys.argv[2])))
compiled = time.perf_counter()
size = 0
for language in ("en", "cy"):
    size += len(walkthrough_html(tree, language, lambda cite, lang: ("#", "x")))
    size += len(trainer_html(tree, language, "diagram.svg")) + len(render_svg(tree, language))
size += len(route_list_text(tree))
done = time.perf_counter()
print(json.dumps({
    "compile": compiled - start, "render": done - compiled, "bytes out": size,
    "cpu": time.process_time() - cpu_start,
    "routes": sum(e.routes for e in route_table(tree)), "entries": route_entries(tree),
    "nodes": len(tree.nodes), "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "before": before / 1024,
}))
"""


def add_walkthrough(project: Path, text: str) -> None:
    (project / "decision_trees" / f"{TREE_ID}.yml").write_text(text, encoding="utf-8")
    for language, title in (("en", "The largest tree"), ("cy", "Y goeden fwyaf")):
        page = project / "docs" / language / "walkthroughs" / f"{TREE_ID}.md"
        page.write_text(
            f"---\ntitle: {title}\n---\n\n# {title} {{#page-title}}\n\n<!-- walkthrough: {TREE_ID} -->\n\n"
            f"## Trainers {{#for-trainers}}\n\n<!-- walkthrough-trainer: {TREE_ID} -->\n",
            encoding="utf-8",
        )
    cy = project / "docs" / "cy" / "walkthroughs" / f"{TREE_ID}.md"
    status.set_translation_fields(
        cy,
        source_sha256=status.sha256_of(project / "docs" / "en" / "walkthroughs" / f"{TREE_ID}.md"),
        reviewed=False,
    )


def main() -> int:
    text = largest_tree()
    rounds = 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        tree_file = tmp / f"{TREE_ID}.yml"
        tree_file.write_text(text, encoding="utf-8")
        print("compiling and rendering on its own...", flush=True)
        alone = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", _COMPILE_AND_RENDER, str(tree_file), str(ROOT / "docs")],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(rounds)
        ]
        print("building the site with and without it...", flush=True)
        base = copy_project(tmp / "base")
        big = copy_project(tmp / "big")
        add_walkthrough(big, text)
        builds = {"without": [], "with": []}
        for _ in range(rounds):
            for name, project in (("without", base), ("with", big)):
                shutil.rmtree(tmp / "site", ignore_errors=True)
                builds[name].append(timed_build(project / "mkdocs.yml", tmp / "site"))
        page = tmp / "site" / "walkthroughs" / TREE_ID / "index.html"
        page_size = page.stat().st_size
    first = alone[0]
    median = {
        key: statistics.median(run[key] for run in alone) for key in ("compile", "render", "cpu", "peak")
    }
    wall = {name: statistics.median(t for t, _, _ in runs) for name, runs in builds.items()}
    cpu = {name: statistics.median(c for _, c, _ in runs) for name, runs in builds.items()}
    memory = {name: max(m for _, _, m in runs) for name, runs in builds.items()}
    load = os.getloadavg()[0]
    table = [
        "| Measure | Result |",
        "| --- | --- |",
        f"| The tree | {first['nodes']:,} nodes, {len(text.encode()) / 1024:,.0f} KB of YAML, "
        f"{first['entries']:,} route-list entries, more than 10^{len(str(first['routes'])) - 1} routes |",
        f"| Compile and check it (median of {rounds}) | {median['compile']:.2f} s |",
        f"| Render it in both languages: walkthrough, trainers' view, diagram, route list | "
        f"{median['render']:.2f} s ({first['bytes out'] / 1e6:.1f} MB of HTML and SVG) |",
        f"| CPU time of compiling and rendering it | {median['cpu']:.2f} s |",
        f"| Peak memory of a process that compiles and renders it | {median['peak']:.0f} MB "
        f"(Python and the compiler alone: {first['before']:.0f} MB) |",
        f"| Full strict build of the site with it as a sixth walkthrough (median of {rounds}) | "
        f"{wall['with']:.1f} s wall, {cpu['with']:.1f} s CPU, peak {memory['with']:.0f} MB "
        f"(without it: {wall['without']:.1f} s wall, {cpu['without']:.1f} s CPU, {memory['without']:.0f} MB) |",
        f"| Its English walkthrough page | {page_size / 1e6:.1f} MB |",
    ]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}, "
        f"load average {load:.1f} while measuring"
    )
    block = "\n".join(
        [
            "<!-- largest: written by benchmarks/largest_tree.py -->",
            f"Measured on {machine}:",
            "",
            *table,
            "<!-- /largest -->",
        ]
    )
    readme = README.read_text(encoding="utf-8")
    readme = re.sub(r"<!-- largest:.*?<!-- /largest -->", lambda _: block, readme, flags=re.S)
    README.write_text(readme, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
