"""Where a site build writes, so that a failed build changes nothing, and how `mkdocs serve` shows
a failed rebuild. Plain Python: hooks/site_output.py wires it to MkDocs' events.

- `StagedSite`: the build writes into a folder beside the site (`.site.building`); only a build
  that succeeded replaces the site's contents with it. A build that fails at any stage (a broken
  tree, a page that cannot be read, a stale translation that fails the strict build at the very
  end) leaves the previous site exactly as it was. Hidden entries of the site folder (`.git`, say)
  are kept, as MkDocs itself keeps them.
- `FailureNotice`: while the last rebuild of `mkdocs serve` has failed, every page it serves (the
  previous build's) carries the error at its top, and the server keeps answering.
"""

from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path

from .strings import strings


class StagedSite:
    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir).absolute()
        self.staging = self.site_dir.with_name(f".{self.site_dir.name}.building")
        self._previous = self.site_dir.with_name(f".{self.site_dir.name}.previous")

    def start(self) -> Path:
        """An empty folder to build into (what an interrupted build left there is removed)."""
        _remove(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        """Replace the site's contents with the staged build's."""
        if not self.site_dir.exists():
            self.site_dir.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging, self.site_dir)
            return
        _remove(self._previous)
        self._previous.mkdir()
        for name in os.listdir(self.site_dir):
            if not name.startswith("."):  # as MkDocs' own cleaning: hidden entries stay
                shutil.move(self.site_dir / name, self._previous / name)
        for name in os.listdir(self.staging):
            _remove(self.site_dir / name)
            shutil.move(self.staging / name, self.site_dir / name)
        _remove(self.staging)
        _remove(self._previous)

    def discard(self) -> None:
        _remove(self.staging)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


_LANG = re.compile(rb'<html[^>]*\slang="([a-z]{2})', re.I)
_CONTENT = re.compile(rb'<article class="md-content__inner[^"]*"[^>]*>')  # Material's page content
_BODY = re.compile(rb"<body[^>]*>")


class FailureNotice:
    """The error of the last failed rebuild, shown at the top of every page until a rebuild
    succeeds."""

    def __init__(self) -> None:
        self.error: str | None = None

    def into_page(self, html: bytes) -> bytes:
        if self.error is None:
            return html
        language = _LANG.search(html)
        words = strings(
            language.group(1).decode() if language and language.group(1) in (b"en", b"cy") else "en"
        )
        notice = (
            '<div class="admonition failure" role="alert" data-build-failed>'
            f'<p class="admonition-title">{escape(words["serve_build_failed"])}</p>'
            f"<pre><code>{escape(self.error, quote=False)}</code></pre></div>"
        ).encode()
        at = _CONTENT.search(html) or _BODY.search(html)
        end = at.end() if at else 0
        return html[:end] + notice + html[end:]
