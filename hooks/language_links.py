"""MkDocs hook: language links that work on an intranet.

1. On the two home pages the i18n plugin writes root-relative links ("/", "/cy/") for the language
   switcher. Those break when the site is served from a sub-folder or opened from file://, so they
   are rewritten relative to the page, as on every other page.
2. Material fetches `sitemap.xml` beside every `<link rel="alternate">` target (for instant
   navigation, which this site leaves off because it breaks the contextual language switcher). With
   the i18n plugin those targets are the same page in the other language, so every page asked for a
   sitemap that cannot exist and logged a 404. The head alternates are dropped; the switcher links,
   which carry `hreflang` and point at the same page in the other language, remain.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_ROOT_RELATIVE = re.compile(r'(<a\b[^>]*?\bhref=")(/[^"]*)("[^>]*\bhreflang=)')
# Starts with its literal text (whitespace after, not before) so the search skips ahead quickly.
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    def relative(match: re.Match[str]) -> str:
        target = match.group(2).lstrip("/")
        href = get_relative_url(target or ".", page.url or ".")
        if target.endswith("/") or not target:
            href = href.rstrip("/") + "/" if href not in (".", "./") else "./"
        return match.group(1) + href + match.group(3)

    return _HEAD_ALTERNATE.sub("", _ROOT_RELATIVE.sub(relative, output))
