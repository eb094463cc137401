"""A normal (not editable) install works: the wheel holds everything the package needs, and a
fresh virtual environment with only that wheel and its dependencies builds the site from a copy of
the project that has no src/ folder to fall back on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from support.project import ROOT, copy_project

PACKAGE_DATA = {
    "decision_trees/client/walkthrough.js",
    "decision_trees/client/walkthrough.css",
    "decision_trees/client/section-links.js",
    "decision_trees/strings/en.yml",
    "decision_trees/strings/cy.yml",
    "decision_trees/client/comparison.css",
    "decision_trees/strings/comparison.en.yml",
    "decision_trees/strings/comparison.cy.yml",
}


def _run(*command: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT))
    (found,) = out.glob("*.whl")
    return found


def test_the_wheel_holds_the_client_files_and_the_interface_strings(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= PACKAGE_DATA, sorted(PACKAGE_DATA - names)
    assert {"decision_trees/cli.py", "site_translations/status.py"} <= names


def test_a_fresh_environment_with_the_wheel_builds_the_site(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel))
    project = copy_project(tmp_path / "project")
    # Nothing to fall back on: no sources, and no `watch:` of them (mkdocs refuses a missing path).
    shutil.rmtree(project / "src")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - src\n", ""), encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    clean["NO_MKDOCS_2_WARNING"] = "1"
    where = _run(
        python, "-c", "import decision_trees; print(decision_trees.__file__)", cwd=project, env=clean
    )
    assert where.stdout.startswith(str(env_dir)), where.stdout
    _run(
        python,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        str(tmp_path / "site"),
        cwd=project,
        env=clean,
    )
    assert (tmp_path / "site" / "assets" / "walkthrough" / "walkthrough.js").is_file()
    assert "walkthrough__data" in (
        tmp_path / "site" / "cy" / "walkthroughs" / "foi-request" / "index.html"
    ).read_text(encoding="utf-8")
    lint = _run(str(env_dir / "bin" / "decision-trees"), "lint", cwd=project, env=clean)
    assert "foi-request.yml: ok" in lint.stdout
