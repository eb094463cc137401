"""`mkdocs serve`, started and stopped for a test, and waiting on what it serves: one way for the
three tests that run it (the rebuild after a tree edit, a failed rebuild's notice, a walkthrough in a
browser)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .project import free_port


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, ready: Callable[[str], bool], seconds: float = 180) -> str:
    """The page at `url` once `ready(page)` is true; fails the test with the last answer if it never is.
    A rebuild takes seconds on a busy machine, and serving starts only after the first build."""
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        try:
            last = get(url)
            if ready(last):
                return last
        except (OSError, urllib.error.URLError) as exc:
            last = repr(exc)
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {url}; last response: {str(last)[:500]}")


@contextmanager
def mkdocs_serve(project: Path, log: Path | None = None) -> Iterator[str]:
    """Runs `mkdocs serve` for `project` on a free port of 127.0.0.1 and yields its address; the
    terminal's output goes to `log` (or nowhere)."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log or os.devnull, "w", encoding="utf-8") as terminal:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=terminal,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
