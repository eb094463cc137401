"""Build the site once, timing the tree hook's own code inside the build; print JSON (milliseconds).

    .venv/bin/python benchmarks/hook_timing.py SITE_DIR

Run by benchmarks/run.py in a fresh process. Times are wall-clock, summed over both languages:
- import: loading hooks/walkthroughs.py and the compiler it imports;
- compile: on_config (the trees are compiled once, in the first language's build);
- render: on_page_content and on_post_page (walkthroughs, trainer views, policy back-links);
- diagrams: on_post_build (SVG diagrams, the script and its styles copied into the site);
- full_collections: how many times Python's collector scanned the whole heap during the build.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOK = "walkthroughs"
PHASES = {"config": "compile", "page_content": "render", "post_page": "render", "post_build": "diagrams"}


def main(site_dir: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    import mkdocs.plugins
    from mkdocs.config import config_options

    totals = {"import": 0.0, "compile": 0.0, "render": 0.0, "diagrams": 0.0}
    load_hook = config_options.Hooks._load_hook

    def timed_load(self, name, path):
        start = time.perf_counter()
        try:
            return load_hook(self, name, path)
        finally:
            if HOOK in str(path):
                totals["import"] += time.perf_counter() - start

    run_event = mkdocs.plugins.PluginCollection.run_event

    def timed_run_event(self, name, item=None, **kwargs):
        # Time each of the hook's handlers by wrapping the event's handler list for this call.
        # (The second language is built inside the first's post_build: its handlers are wrapped once.)
        handlers = self.events.get(name, [])
        ours = [h for h in handlers if HOOK in getattr(h, "__module__", "") and not hasattr(h, "timed")]
        if not ours:
            return run_event(self, name, item, **kwargs)
        wrapped = [_timed(h, totals, PHASES.get(name, "render")) if h in ours else h for h in handlers]
        self.events[name] = wrapped
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            self.events[name] = handlers

    config_options.Hooks._load_hook = timed_load
    mkdocs.plugins.PluginCollection.run_event = timed_run_event
    full = []
    gc.callbacks.append(
        lambda phase, info: full.append(1) if phase == "start" and info["generation"] == 2 else None
    )

    from mkdocs.__main__ import cli

    try:
        cli(["build", "--strict", "--quiet", "--site-dir", site_dir], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
    print(json.dumps({**{k: v * 1000 for k, v in totals.items()}, "full_collections": len(full)}))


def _timed(handler, totals, phase):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            totals[phase] += time.perf_counter() - start

    timed.__module__, timed.timed = handler.__module__, True
    return timed


if __name__ == "__main__":
    main(sys.argv[1])
