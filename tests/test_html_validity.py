"""The Nu Html Checker (vnu.jar, the W3C's checker) finds no error anywhere in the built site,
Material's template output included. scripts/test installs Java and a pinned vnu-jar."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support.project import ROOT

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", ROOT / ".venv" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    )
)

# Material's own markup, as it was before the fixes: both errors must be seen by the checker.
KNOWN_BAD = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<input type="checkbox" id="__drawer" autocomplete="off"><label for="__drawer" tabindex="">x</label>
</body></html>"""


@pytest.fixture(scope="module")
def vnu_errors(site, tmp_path_factory) -> dict[str, list[str]]:
    """File name -> error messages, for the whole site and one known-bad page (one checker run)."""
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.fail(f"Java or {VNU_JAR} missing: run scripts/test, which installs both")
    bad = tmp_path_factory.mktemp("vnu") / "known-bad.html"
    bad.write_text(KNOWN_BAD, encoding="utf-8")
    proc = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(site),
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(proc.stderr)["messages"]
    errors: dict[str, list[str]] = {}
    for m in messages:
        if m["type"] == "error" or m.get("subType") == "fatal":
            name = m.get("url", "").removeprefix("file:")
            errors.setdefault(name, []).append(f"line {m.get('lastLine')}: {m['message']}")
    return errors


def test_the_checker_sees_the_errors_materials_templates_used_to_make(vnu_errors):
    bad = [messages for name, messages in vnu_errors.items() if name.endswith("known-bad.html")]
    assert bad, "the checker did not report the known-bad page"
    text = "\n".join(bad[0])
    assert "autocomplete" in text and "tabindex" in text


def test_every_page_of_the_site_is_valid_html(vnu_errors, site):
    assert len(list(site.rglob("*.html"))) >= 30  # both languages and both 404 pages
    site_errors = {name: m for name, m in vnu_errors.items() if not name.endswith("known-bad.html")}
    report = "\n".join(f"{name}: {line}" for name, lines in site_errors.items() for line in lines)
    assert site_errors == {}, report
