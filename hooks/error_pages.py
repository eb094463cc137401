"""MkDocs hook: a "page not found" page in each language, at 404.html and cy/404.html.

MkDocs renders 404.html at the root of the site in every build, and the i18n plugin builds Welsh
second into the same folder, so without this the Welsh page replaced the English one and there was
no page at cy/404.html for a web server to send for a missing Welsh address. Each build's rendering
is kept and written to its language's folder once that build ends. The page's language switcher
leads to the other language's home page (a page that does not exist has no twin).

Links on a 404 page are absolute from the server's root (MkDocs does this, as the page is sent for
any missing address); set `site_url` in mkdocs.yml when the site lives in a sub-folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Template
    from mkdocs.config.defaults import MkDocsConfig

TEMPLATE = "404.html"
# A missing page has no twin: no head alternates (Material would also fetch a sitemap.xml beside each).
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
_rendered: dict[str, str] = {}  # language -> the page, for the build in progress (both languages)


def _languages(config: MkDocsConfig) -> tuple[str, str]:
    """(language being built, default language)."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or config.theme["language"]
    return config.theme["language"], default


def on_pre_template(template: Template, /, *, template_name: str, config: MkDocsConfig) -> Template:
    # The i18n plugin sets config.extra.alternate as an attribute for each page; templates read the
    # attribute first, the key second. The last page's links are still there: point them home.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if template_name == TEMPLATE and alternates:
        root = urlsplit(config.site_url or "/").path
        _, default = _languages(config)
        homes = [
            {**alt, "link": root if alt.get("lang") == default else f"{root}{alt.get('lang')}/"}
            for alt in alternates
        ]
        config.extra["alternate"] = homes
        # An attribute the i18n plugin adds to MkDocs' config object, which does not declare it.
        config.extra.alternate = homes  # type: ignore[attr-defined]
    return template


@event_priority(-50)  # keeps the page as the other hooks leave it (search's address, valid markup)
def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == TEMPLATE:
        language, default = _languages(config)
        if language == default:  # the default language is built first: a new build begins
            _rendered.clear()
        output = _HEAD_ALTERNATE.sub("", output)
        _rendered[language] = output
    return output


@event_priority(50)  # before hooks/content_security_policy.py reads every page written
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    _, default = _languages(config)
    for language, html in _rendered.items():
        target = site / TEMPLATE if language == default else site / language / TEMPLATE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
