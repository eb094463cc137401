"""How the build grows with the number of policy pages and walkthroughs.

    .venv/bin/python benchmarks/scale.py                     # 50 and 200 of each, 3 builds each
    .venv/bin/python benchmarks/scale.py --sizes 50 200 --runs 3 --serve
    .venv/bin/python benchmarks/scale.py --profile 200       # where the time goes, at one size

Generates, in a temporary folder (never committed), a copy of the project with N policy pages and N
decision trees per language: the five real policies and trees, and clones of them under new names
(`assembly-s007.md`, `foi-request-s012.yml`), each clone tree citing clones of the pages its
original cites, each with a walkthrough page in both languages and a place in the navigation. The
clones are the real pages and trees, so every page has the length and headings of a real policy,
and the strict build accepts the site as it accepts the real one.

Measured per size (median of --runs fresh builds, each `mkdocs build --strict` in its own process):
- wall and CPU time of the build (CPU: user + system of the build process and its children);
- peak memory: the largest resident set of the build process (getrusage, RUSAGE_CHILDREN);
- each hook's own CPU time, summed over its handlers in both languages (the tree hook's share is
  its time against the build's);
- with --serve, at the largest size: `mkdocs serve`, one tree's title edited, and the time until
  the served walkthrough page shows the new title.

Run by hand, never as part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ["mkdocs.yml", "docs", "decision_trees", "hooks", "overrides", "translation", "src"]
POLICIES = ["assembly", "bridgend", "scottish-parliament", "monmouthshire-schools", "monmouthshire"]
TREES = ["foi-request", "live-tweeting", "gross-misconduct", "councillor-first-steps", "new-account"]
LANGUAGES = ["en", "cy"]


# -- the synthetic project ------------------------------------------------------------------------


def make_project(dest: Path, size: int) -> Path:
    """A copy of the project with `size` policy pages and `size` trees (the five real ones
    included) per language. Returns its mkdocs.yml."""
    from site_translations.status import sha256_of

    if size < len(POLICIES) or (size - len(POLICIES)) % len(POLICIES):
        raise SystemExit(f"size must be 5 more than a multiple of 5 (or a multiple of 5): {size}")
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, dest / name)
    clones = size - len(POLICIES)
    page_nav, tree_nav = [], []
    for index in range(clones):
        policy = POLICIES[index % len(POLICIES)]
        name = f"{policy}-s{index:03d}"
        for language in LANGUAGES:  # unchanged text: the Welsh page's source hash still holds
            folder = dest / "docs" / language / "policies"
            shutil.copy2(folder / f"{policy}.md", folder / f"{name}.md")
        page_nav.append(f"      - policies/{name}.md\n")

    def clone_of(policy: str, index: int) -> str:
        # The clone of `policy` in the same group of five as tree clone `index` (always exists).
        return f"{policy}-s{index // 5 * 5 + POLICIES.index(policy):03d}"

    trees_dir = dest / "decision_trees"
    for index in range(clones):
        tree = TREES[index % len(TREES)]
        tree_id = f"{tree}-s{index:03d}"
        text = (trees_dir / f"{tree}.yml").read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {tree_id}", text, count=1, flags=re.M)
        text = re.sub(r"policies/([a-z-]+)\.md", functools.partial(_cited_clone, clone_of, index), text)
        (trees_dir / f"{tree_id}.yml").write_text(text, encoding="utf-8")
        english = dest / "docs" / "en" / "walkthroughs" / f"{tree_id}.md"
        for language in LANGUAGES:
            page = (dest / "docs" / language / "walkthroughs" / f"{tree}.md").read_text(encoding="utf-8")
            page = re.sub(rf"(<!--\s*walkthrough(?:-trainer)?:\s*){tree}(\s*-->)", rf"\g<1>{tree_id}\2", page)
            if language != "en":
                page = re.sub(r"source_sha256: [0-9a-f]+", f"source_sha256: {sha256_of(english)}", page)
            (dest / "docs" / language / "walkthroughs" / f"{tree_id}.md").write_text(page, encoding="utf-8")
        tree_nav.append(f"      - walkthroughs/{tree_id}.md\n")
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for last, entries in (("policies/monmouthshire.md", page_nav), ("walkthroughs/new-account.md", tree_nav)):
        anchor = f"      - {last}\n"
        if anchor not in text:
            raise SystemExit(f"mkdocs.yml: no nav entry {last!r} to add the clones after")
        text = text.replace(anchor, anchor + "".join(entries), 1)
    config.write_text(text, encoding="utf-8")
    return config


def _cited_clone(clone_of, index: int, match: re.Match) -> str:
    policy = match.group(1)
    return f"policies/{clone_of(policy, index)}.md" if policy in POLICIES else match.group(0)


# -- one build, in a fresh process ----------------------------------------------------------------


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, NO_MKDOCS_2_WARNING="1")


def measured_build(config: Path, site_dir: Path) -> dict:
    """Wall, CPU (s) and peak RSS (MB) of one build, and each hook's CPU time (s)."""
    # The outer process only starts the build, so its children's usage is the build's alone.
    code = (
        "import json,resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "sys.stderr.write(r.stderr[-3000:] if r.returncode else '');"
        "print(json.dumps({'rc':r.returncode,'wall':w,'cpu':u.ru_utime+u.ru_stime,"
        "'rss_mb':u.ru_maxrss/1024,'hooks':r.stdout.strip().splitlines()[-1] if r.stdout.strip() else '{}'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, __file__, "--one-build", str(config), str(site_dir)],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=config.parent,
    )
    if not out.stdout.strip():
        raise SystemExit(f"build failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"build failed:\n{out.stderr}")
    result["hooks"] = json.loads(result["hooks"])
    return result


def one_build(config: str, site_dir: str) -> None:
    """Inside the build process: build once, timing every hook's handlers (CPU time per hook)."""
    import mkdocs.plugins

    totals: dict[str, float] = {}
    run_event = mkdocs.plugins.PluginCollection.run_event

    def timed_run_event(self, name, item=None, **kwargs):
        handlers = self.events.get(name, [])
        wrapped = [_timed(h, totals) for h in handlers]
        self.events[name] = wrapped
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            self.events[name] = handlers

    mkdocs.plugins.PluginCollection.run_event = timed_run_event
    from mkdocs.__main__ import cli

    try:
        cli(["build", "--strict", "--quiet", "-f", config, "--site-dir", site_dir], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
    print(json.dumps(totals))


_running: list[list[float]] = []  # per handler running now: CPU time of handlers nested in it


def _timed(handler, totals: dict[str, float]):
    """The handler's own CPU time: the i18n plugin builds Welsh inside its English on_post_build,
    so time spent in handlers nested in another is taken off the outer one."""
    if getattr(handler, "timed", False):
        return handler
    # A hook's module is named after its file (hooks/walkthroughs.py); a plugin's, after its package.
    module = getattr(handler, "__module__", "") or "?"
    name = Path(module).stem if module.endswith(".py") else module.removesuffix(".plugin")

    def timed(*args, **kwargs):
        nested = [0.0]
        _running.append(nested)
        start = time.process_time()
        try:
            return handler(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            _running.pop()
            if _running:
                _running[-1][0] += spent
            totals[name] = totals.get(name, 0.0) + spent - nested[0]

    timed.__module__, timed.timed = handler.__module__, True
    return timed


# -- mkdocs serve ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def serve_rebuild(config: Path, edits: int = 2) -> dict:
    """Seconds from `mkdocs serve` starting to its first page, and from one tree's title being
    edited to the served walkthrough page showing the new title (median of `edits`)."""
    port = _free_port()
    tree_id = f"{TREES[0]}-s000"
    tree_file = config.parent / "decision_trees" / f"{tree_id}.yml"
    url = f"http://127.0.0.1:{port}/walkthroughs/{tree_id}/"
    log = open(config.parent / "serve.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(),
        cwd=config.parent,
        start_new_session=True,
    )
    rebuilds = []
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - start > 600:
                raise SystemExit(f"mkdocs serve did not start: see {config.parent / 'serve.log'}")
            time.sleep(0.2)
        first = time.perf_counter() - start
        original = tree_file.read_text(encoding="utf-8")
        for edit in range(edits):
            time.sleep(2)  # let the watcher settle after the last build
            mark = f"Edited {edit} {time.time_ns()}"
            tree_file.write_text(original.replace("  en: ", f"  en: {mark} ", 1), encoding="utf-8")
            start = time.perf_counter()
            while mark not in (_get(url) or ""):
                if time.perf_counter() - start > 600:
                    raise SystemExit("the edit never showed")
                time.sleep(0.05)
            rebuilds.append(time.perf_counter() - start)
        tree_file.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return {"first_build": first, "rebuilds": rebuilds, "rebuild": statistics.median(rebuilds)}


# -- where the time goes --------------------------------------------------------------------------


def profile(config: Path, site_dir: Path, top: int = 40) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(config.parent)
    from mkdocs.__main__ import cli

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        cli(
            ["build", "--strict", "--quiet", "-f", str(config), "--site-dir", str(site_dir)],
            standalone_mode=False,
        )
    except SystemExit as exc:
        if exc.code:
            raise
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# -- main -----------------------------------------------------------------------------------------


def measure(sizes: list[int], runs: int, serve: bool, warm_up: bool = True) -> dict:
    results: dict = {"sizes": {}, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        for size in sizes:
            config = make_project(Path(tmp) / f"project-{size}", size)
            site = Path(tmp) / f"site-{size}"
            if warm_up:
                measured_build(config, site)  # bytecode, file cache
            builds = [measured_build(config, site) for _ in range(runs)]
            hooks = {
                name: statistics.median(b["hooks"].get(name, 0.0) for b in builds)
                for name in builds[0]["hooks"]
            }
            results["sizes"][size] = {
                "wall": statistics.median(b["wall"] for b in builds),
                "cpu": statistics.median(b["cpu"] for b in builds),
                "rss_mb": statistics.median(b["rss_mb"] for b in builds),
                "hooks": hooks,
                "html_mb": sum(p.stat().st_size for p in site.rglob("*.html")) / 1e6,
                "pages": sum(1 for _ in site.rglob("index.html")),
            }
            print(f"size {size}: {json.dumps(results['sizes'][size])}", file=sys.stderr)
        if serve:
            largest = max(sizes)
            results["serve"] = serve_rebuild(Path(tmp) / f"project-{largest}" / "mkdocs.yml")
            results["serve"]["size"] = largest
    results["load_after"] = os.getloadavg()
    return results


def report(results: dict) -> str:
    sizes = sorted(results["sizes"])
    rows = [
        "| Pages + trees per language | Build, wall | Build, CPU | Peak memory | Tree hook, CPU (share) | HTML written |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for size in sizes:
        r = results["sizes"][size]
        tree = r["hooks"].get("walkthroughs", 0.0)
        rows.append(
            f"| {size} + {size} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['rss_mb']:.0f} MB | "
            f"{tree:.2f} s ({tree / r['cpu']:.1%}) | {r['html_mb']:.0f} MB |"
        )
    if len(sizes) >= 2:
        small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        factor = sizes[-1] / sizes[0]
        rows.append(
            f"| ratio {sizes[-1]}/{sizes[0]} (linear: {factor:g}) | {large['wall'] / small['wall']:.2f} | "
            f"{large['cpu'] / small['cpu']:.2f} | {large['rss_mb'] / small['rss_mb']:.2f} | "
            f"{large['hooks'].get('walkthroughs', 0) / max(small['hooks'].get('walkthroughs', 0), 1e-9):.2f} | "
            f"{large['html_mb'] / small['html_mb']:.2f} |"
        )
    lines = [*rows, "", "Each hook's and plugin's own CPU time (s):", ""]
    names = sorted({n for s in sizes for n in results["sizes"][s]["hooks"]})
    lines.append("| Hook or plugin | " + " | ".join(f"{s} + {s}" for s in sizes) + " |")
    lines.append("| --- |" + " --- |" * len(sizes))
    for name in names:
        lines.append(
            f"| {name} | "
            + " | ".join(f"{results['sizes'][s]['hooks'].get(name, 0):.2f}" for s in sizes)
            + " |"
        )
    if "serve" in results:
        s = results["serve"]
        lines += [
            "",
            f"`mkdocs serve` at {s['size']} + {s['size']}: first build {s['first_build']:.1f} s; one tree's "
            f"title edited to the page showing it: median {s['rebuild']:.1f} s "
            f"({', '.join(f'{x:.1f}' for x in s['rebuilds'])} s).",
        ]
    lines.append(
        f"\nLoad average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in results['load_before'])}; "
        f"after: {', '.join(f'{x:.1f}' for x in results['load_after'])}."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="also time mkdocs serve's rebuild")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the build before the measured ones")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="profile one build of this size")
    parser.add_argument("--keep", type=Path, help="generate the project of the first size here and stop")
    parser.add_argument("--one-build", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_build:
        one_build(*args.one_build)
        return 0
    if args.keep:
        print(make_project(args.keep, args.sizes[0]))
        return 0
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
            profile(make_project(Path(tmp) / "project", args.profile), Path(tmp) / "site")
        return 0
    results = measure(args.sizes, args.runs, args.serve, not args.no_warm_up)
    print(json.dumps(results, indent=1))
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
