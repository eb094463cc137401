"""The field's habits, enforced, so CI fails on a finding rather than a reviewer finding it later:
ruff's lint and format checks and mypy pass on the whole repository (configured in pyproject.toml), ESLint and
Prettier on the site's own browser scripts, Stylelint and Prettier on its own stylesheets
(eslint.config.js, stylelint.config.cjs, .prettierrc; scripts/test installs them, pinned, into
.venv/npm/). Material's files are not ours, and are left as they come."""

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_BIN = ROOT / ".venv" / "npm" / "node_modules" / ".bin"
# The site's own browser scripts. Material's set-up code (material-globals.js) and its vendored
# files are excluded by eslint.config.js and .prettierignore, not by leaving them out here.
SCRIPT_GLOBS = ("src/decision_trees/client/*.js", "docs/en/assets/javascripts/*.js")
OWN_SCRIPTS = ("src/decision_trees/client/walkthrough.js", "docs/en/assets/javascripts/language-switch.js")
# The site's own stylesheets (Material's are in the theme package, not in the repository).
STYLESHEET_GLOBS = ("src/decision_trees/client/*.css", "docs/en/assets/stylesheets/*.css")
OWN_STYLESHEETS = ("src/decision_trees/client/walkthrough.css", "docs/en/assets/stylesheets/site.css")


def _ruff(*args: str) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: run scripts/test, which installs the test dependencies")
    return subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing_to_lint():
    result = _ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_python_file_is_formatted():
    result = _ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, "run `.venv/bin/ruff format .`\n" + result.stdout + result.stderr


def _mypy(*args: str) -> subprocess.CompletedProcess:
    mypy = Path(sys.executable).parent / "mypy"
    if not mypy.exists():
        pytest.fail("mypy is not installed: run scripts/test, which installs the test dependencies")
    return subprocess.run([str(mypy), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_mypy_finds_no_type_errors():
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_lets_no_module_off():
    # Every module is checked: the 30 let off when mypy came in (30 November 2026) are clean, and
    # none joins them again. A module with type errors is fixed, not excused.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    let_off = [o["module"] for o in config.get("overrides", []) if o.get("ignore_errors")]
    assert not let_off, f"mypy's ignore_errors lets these off: {let_off}"


def _node_tool(name: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    tool = NODE_BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed: run scripts/test, which installs it into .venv/npm/")
    return subprocess.run(
        [str(tool), *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300
    )


def _files(globs: tuple[str, ...], expected: tuple[str, ...]) -> list[str]:
    found = sorted(str(path.relative_to(ROOT)) for pattern in globs for path in ROOT.glob(pattern))
    assert set(expected) <= set(found), f"{expected} moved: update the globs"
    return found


def _scripts() -> list[str]:
    return _files(SCRIPT_GLOBS, OWN_SCRIPTS)


def _stylesheets() -> list[str]:
    return _files(STYLESHEET_GLOBS, OWN_STYLESHEETS)


def test_eslint_finds_nothing_in_the_browser_scripts():
    result = _node_tool("eslint", "--max-warnings=0", "--no-warn-ignored", *_scripts(), "eslint.config.js")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_browser_script_and_stylesheet_is_formatted_by_prettier():
    configs = ("eslint.config.js", "stylelint.config.cjs")
    result = _node_tool("prettier", "--check", *_scripts(), *_stylesheets(), *configs)
    assert result.returncode == 0, (
        "run `.venv/npm/node_modules/.bin/prettier --write src/decision_trees/client docs/en/assets`\n"
        + result.stdout
        + result.stderr
    )


def test_stylelint_finds_nothing_in_the_stylesheets():
    result = _node_tool("stylelint", "--max-warnings=0", *_stylesheets())
    assert result.returncode == 0, result.stdout + result.stderr


# Code each tool must object to, as if it were in one of our scripts; and Material's copied file.
UNTIDY = "(function () {\n  var unused = 1\n  undeclared = 2;\n}())\n"
OUR_SCRIPT = "src/decision_trees/client/example.js"
MATERIALS = "docs/en/assets/javascripts/material-globals.js"


def test_eslint_and_prettier_report_findings_in_our_scripts_and_leave_materials_alone():
    linted = _node_tool("eslint", "--stdin", "--stdin-filename", OUR_SCRIPT, stdin=UNTIDY)
    assert linted.returncode == 1, linted.stdout + linted.stderr
    assert "no-unused-vars" in linted.stdout and "no-undef" in linted.stdout
    formatted = _node_tool("prettier", "--stdin-filepath", OUR_SCRIPT, stdin=UNTIDY)
    assert formatted.returncode == 0 and formatted.stdout != UNTIDY
    assert "var unused = 1;" in formatted.stdout  # semicolons, as the scripts write them
    materials = (ROOT / MATERIALS).read_text(encoding="utf-8")
    ignored = _node_tool("eslint", "--stdin", "--stdin-filename", MATERIALS, stdin=materials)
    assert ignored.returncode == 0 and "File ignored" in ignored.stdout, ignored.stdout + ignored.stderr
    assert _node_tool("prettier", "--stdin-filepath", MATERIALS, stdin=materials).stdout == materials


# A stylesheet with a mistake of each kind the recommended rules catch, as if it were one of ours.
UNTIDY_CSS = ".box { colr: red; width: 10px; width: 12px; clip: rect(0 0 0 0); }\n"
OUR_STYLESHEET = "src/decision_trees/client/example.css"


def test_stylelint_and_prettier_report_findings_in_our_stylesheets():
    linted = _node_tool("stylelint", "--stdin-filename", OUR_STYLESHEET, "--formatter=json", stdin=UNTIDY_CSS)
    assert linted.returncode == 2, linted.stdout + linted.stderr
    rules = {warning["rule"] for warning in json.loads(linted.stdout or linted.stderr)[0]["warnings"]}
    assert {
        "property-no-unknown",
        "declaration-block-no-duplicate-properties",
        "property-no-deprecated",
    } <= rules, rules
    formatted = _node_tool("prettier", "--stdin-filepath", OUR_STYLESHEET, stdin=UNTIDY_CSS)
    assert formatted.returncode == 0 and formatted.stdout.startswith(".box {\n  colr: red;\n")
