"""The hooks' order in mkdocs.yml does not matter: a hook that must run before another says so with
@event_priority. Built with the list reversed, the site is the same, file for file."""

from __future__ import annotations

import filecmp
from pathlib import Path

from support.project import ROOT, copy_project, run_build


def _reverse_hooks(mkdocs_yml: Path) -> list[str]:
    """Reverse the hooks list in place, leaving the rest of the file (and its !!python tags) alone."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("hooks:\n") + 1
    end = start
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    hooks = lines[start:end]
    lines[start:end] = reversed(hooks)
    mkdocs_yml.write_text("".join(lines), encoding="utf-8")
    return [hook.strip()[2:] for hook in reversed(hooks)]


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [f"only in the usual build: {name}" for name in comparison.left_only]
    found += [f"only in the reversed build: {name}" for name in comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [f"differs: {left.name}/{name}" for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_the_site_is_the_same_whatever_the_order_of_the_hooks(site, tmp_path):
    project = copy_project(tmp_path / "project")
    reversed_hooks = _reverse_hooks(project / "mkdocs.yml")
    usual = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert len(reversed_hooks) > 5 and all(f"  - {hook}\n" in usual for hook in reversed_hooks)

    build = run_build(project, tmp_path / "site")

    assert build.returncode == 0, build.output
    assert _differences(site, build.site) == []
