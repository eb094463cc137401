"""The project under test: where it is, how to build it, and throwaway copies of it. Shared by the
tests and the benchmarks (import from here, never from conftest)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium tries to reach Google's hosts at start-up.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def run_build(project: Path, site_dir: Path) -> Build:
    """Run `mkdocs build --strict` for the project at `project` into `site_dir`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site_dir)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PROJECT_FILES = (
    "mkdocs.yml",
    "docs",
    "hooks",
    "overrides",
    "decision_trees",
    "comparison",
    "translation",
    "src",
)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project, for tests that break things on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest
