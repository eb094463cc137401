"""Shared fixtures: one strict build of the real site per test session, served on 127.0.0.1, and
Debian's Chromium driven by Playwright (no downloaded browser, no outside network)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import nginx
from support.project import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, run_build
from support.report import print_sections
from support.static_server import QuietHandler, serve

from decision_trees import compile_all
from decision_trees.model import Tree


@pytest.fixture(scope="session")
def trees() -> dict[str, Tree]:
    """Every real decision tree, compiled once per test run."""
    return {tree.id: tree for tree in compile_all(ROOT / "decision_trees", ROOT / "docs", ROOT)}


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    return run_build(ROOT, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The built site; every test that needs it fails loudly if the build failed."""
    if site_build.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + site_build.output[-4000:])
    return site_build.site


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Path:
    """The offline bundle (`scripts/build-offline`'s settings: page.html addresses, no CDN shim), for
    file:// tests."""
    out = tmp_path_factory.mktemp("offline") / "site"
    env = dict(os.environ, OFFLINE="true", DIRECTORY_URLS="false", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


class _StrictPolicyHandler(QuietHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'")
        super().end_headers()


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def strict_csp_url(site) -> str:
    """The built site under a strict Content-Security-Policy (default-src 'self'), served from a
    sub-folder of the server, as on an intranet."""
    with serve(site.parent, _StrictPolicyHandler) as url:
        yield f"{url}/{site.name}"


@pytest.fixture(scope="session")
def nginx_url(site, tmp_path_factory) -> str:
    """The built site behind Debian's nginx with the repository's deploy/nginx.conf, on 127.0.0.1."""
    try:
        server = nginx.start(ROOT / "deploy" / "nginx.conf", site, tmp_path_factory.mktemp("nginx"))
    except nginx.NginxError as error:
        pytest.fail(str(error))
    yield server.url
    server.stop()


# pytest-playwright: launch Debian's Chromium, never a downloaded browser.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run scripts/test, which installs Debian's chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Printed, not failed: the Welsh checks' flags for a human (tests/test_welsh_language.py).
    print_sections(terminalreporter, config)
