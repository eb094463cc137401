"""MkDocs hook: keep language links relative.

On the two home pages the i18n plugin writes root-relative links ("/", "/cy/") for the language
switcher and <link rel="alternate">. Those break when the site is served from an intranet
sub-folder or opened from file://, so rewrite them relative to the page, as on every other page.
"""
from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

_ROOT_RELATIVE = re.compile(r'(<(?:a|link)\b[^>]*?\bhref=")(/[^"]*)("[^>]*\bhreflang=)')


def on_post_page(output: str, /, *, page, config) -> str:
    def relative(match):
        target = match.group(2).lstrip("/")
        href = get_relative_url(target or ".", page.url or ".")
        if target.endswith("/") or not target:
            href = href.rstrip("/") + "/" if href not in (".", "./") else "./"
        return match.group(1) + href + match.group(3)

    return _ROOT_RELATIVE.sub(relative, output)
