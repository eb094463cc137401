"""A failed build leaves the previous site exactly as it was, whatever stage it fails at, and
`mkdocs serve` shows a failed rebuild's error in the page (and the terminal) while it keeps serving.

Every build here is a real `mkdocs build --strict` of a throwaway copy of the project, into a site
folder that already holds a good build; every serve test runs a real `mkdocs serve`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from support.project import copy_project, run_build
from support.serve import get, mkdocs_serve, wait_for

from decision_trees.site_output import FailureNotice, StagedSite


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones included) and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- the staged site, on its own -----------------------------------------------------------------


def test_a_committed_build_replaces_the_site_but_keeps_its_hidden_entries(tmp_path):
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("old", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    staged = StagedSite(site)
    build = staged.start()
    assert build.parent == tmp_path and build != site
    (build / "index.html").write_text("new", encoding="utf-8")
    staged.commit()
    assert snapshot(site).keys() == {".git/HEAD", "index.html"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "nothing left beside the site"


def test_a_discarded_build_leaves_the_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    before = snapshot(site)
    staged = StagedSite(site)
    (staged.start() / "index.html").write_text("half-built", encoding="utf-8")
    staged.discard()
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_creates_the_site(tmp_path):
    staged = StagedSite(tmp_path / "out" / "site")
    (staged.start() / "index.html").write_text("new", encoding="utf-8")
    staged.commit()
    assert snapshot(tmp_path / "out" / "site") == {"index.html": hashlib.sha256(b"new").hexdigest()}


def test_the_failure_notice_goes_at_the_top_of_the_content_in_the_page_language():
    notice = FailureNotice()
    page = b'<html lang="cy"><body><article class="md-content__inner md-typeset"><h1>Hi</h1></article></body></html>'
    assert notice.into_page(page) == page, "no notice while the last build succeeded"
    notice.error = "trees/a.yml:3: <script>alert(1)</script>"
    shown = notice.into_page(page).decode("utf-8")
    assert re.search(r'md-typeset"><div class="admonition failure" role="alert" data-build-failed>', shown)
    assert "Methodd yr ailadeiladu diwethaf" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>" not in shown


# -- real builds: every stage a build can fail at --------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project and a good strict build of it, with a hidden file in the site folder."""
    root = tmp_path_factory.mktemp("staged")
    project = copy_project(root / "project")
    site = root / "out" / "site"
    build = run_build(project, site)
    assert build.returncode == 0, build.output[-3000:]
    (site / ".keep").write_text("kept", encoding="utf-8")
    return project, site


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _broken_tree(project: Path) -> str:
    _replace(
        project / "decision_trees" / "foi-request.yml", "next: requester-details", "next: requester-detials"
    )
    return "node 'sent-on-twitter': 'other-platform' leads to unknown node 'requester-detials'"


def _unknown_tree_on_a_page(project: Path) -> str:
    # An error while the pages are read (after MkDocs has cleaned its output folder).
    _replace(
        project / "docs" / "en" / "accessibility.md", "\n## ", "\n<!-- walkthrough: no-such-tree -->\n\n## "
    )
    return "accessibility.md: marker names unknown tree 'no-such-tree'"


def _unknown_tree_on_a_welsh_page(project: Path) -> str:
    # The same in the Welsh build, which the i18n plugin runs after the English site is written.
    _replace(
        project / "docs" / "cy" / "accessibility.md", "\n## ", "\n<!-- walkthrough: no-such-tree -->\n\n## "
    )
    return "accessibility.md: marker names unknown tree 'no-such-tree'"


def _missing_welsh_page(project: Path) -> str:
    (project / "docs" / "cy" / "accessibility.md").unlink()
    return "docs/en/accessibility.md has no Welsh twin"


def _stale_translation(project: Path) -> str:
    # A warning: the strict build fails only at the very end, once every page is written.
    _replace(project / "docs" / "en" / "accessibility.md", "\n## ", "\nA new sentence.\n\n## ")
    return "stale translation"


def _untranslated_tree_string(project: Path) -> str:
    _replace(
        project / "decision_trees" / "foi-request.yml",
        'label: {en: "No", cy: "Nac ydy"}',
        'label: {en: "No", cy: "No"}',
    )
    return "identical to its English"


@pytest.mark.parametrize(
    "breakage",
    [
        _broken_tree,
        _unknown_tree_on_a_page,
        _unknown_tree_on_a_welsh_page,
        _missing_welsh_page,
        _stale_translation,
        _untranslated_tree_string,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(built, breakage, tmp_path):
    project, site = built
    before = snapshot(site)
    changed = tmp_path / "project"
    shutil.copytree(project, changed)
    said = breakage(changed)
    build = run_build(changed, site)
    assert build.returncode != 0
    assert said in build.output and "Traceback" not in build.output
    assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "no half-built folder left beside it"


def test_a_build_that_succeeds_replaces_the_site_and_keeps_hidden_files(built, tmp_path):
    project, site = built
    changed = tmp_path / "project"
    shutil.copytree(project, changed)
    _replace(
        changed / "decision_trees" / "foi-request.yml",
        "en: Was the message sent on Twitter?",
        "en: Sent on Twitter?",
    )
    build = run_build(changed, site)
    assert build.returncode == 0, build.output[-3000:]
    assert "Sent on Twitter?" in (site / "walkthroughs" / "foi-request" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (site / ".keep").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


# -- mkdocs serve ------------------------------------------------------------------------------------


def test_mkdocs_serve_shows_a_failed_rebuild_in_every_page_and_keeps_serving(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as base:
        page = wait_for(f"{base}/walkthroughs/foi-request/", lambda h: "walkthrough__data" in h, 180)
        assert "data-build-failed" not in page
        said = _broken_tree(project)
        # Every page, in both languages, answers at once with the last good build and the error.
        english = wait_for(f"{base}/walkthroughs/foi-request/", lambda h: "data-build-failed" in h, 180)
        assert said in english and "decision_trees/foi-request.yml:" in english
        assert "The last rebuild failed" in english and "walkthrough__data" in english
        welsh = get(f"{base}/cy/policies/assembly/")
        assert "Methodd yr ailadeiladu diwethaf" in welsh and said in welsh
        assert said in log.read_text(encoding="utf-8"), "the terminal says it too"
        # Fixed: the notice goes, and the change is served.
        _replace(
            project / "decision_trees" / "foi-request.yml",
            "next: requester-detials",
            "next: requester-details",
        )
        _replace(
            project / "decision_trees" / "foi-request.yml",
            "en: Was the message sent on Twitter?",
            "en: Did it arrive on Twitter?",
        )
        fixed = wait_for(f"{base}/walkthroughs/foi-request/", lambda h: "Did it arrive on Twitter?" in h, 180)
        assert "data-build-failed" not in fixed
