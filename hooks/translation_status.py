"""MkDocs hook: keep the two languages in step.

Thin adapter over site_translations.status: it stops the build when a page has no twin or the
heading ids differ, warns (which fails `mkdocs build --strict`) when a Welsh page is stale, and
puts a short Welsh notice on every Welsh page a qualified translator has not yet reviewed (its
wording is in translation/interface/).
"""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from site_translations import status
from site_translations.interface import StringsError, site_strings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.translation_status")


def _unreviewed_notice(config: MkDocsConfig, language: str) -> list[str]:
    """The notice as Markdown lines, in the page's language (translation/interface/)."""
    wording = site_strings(Path(config.config_file_path).parent, language)
    if "unreviewed_title" not in wording or "unreviewed_body" not in wording:
        raise StringsError(f"translation/interface/{language}.yml: no unreviewed_title or unreviewed_body")
    title, body = wording["unreviewed_title"], wording["unreviewed_body"]
    return [
        "",
        f'!!! note translation-notice "{title}"',
        "",
        *textwrap.wrap(body, 96, initial_indent="    ", subsequent_indent="    "),
        "",
    ]


def on_pre_build(*, config: MkDocsConfig) -> None:
    # The i18n plugin builds Welsh from inside the English build: checking the pairs once is enough,
    # and says each problem once.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "current_language", "en") != "en":
        return
    problems = status.check(Path(config["docs_dir"]))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise PluginError("Welsh and English pages are out of step:\n  " + "\n  ".join(map(str, errors)))
    for problem in problems:
        log.warning(str(problem))


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.abs_src_path is None:  # made by a plugin, not read from docs/: no language folder
        return markdown
    path = Path(page.file.abs_src_path)
    language = path.relative_to(Path(config["docs_dir"]).resolve()).parts[0]
    if language != "cy":
        return markdown
    translation = page.meta.get("translation")  # front matter MkDocs has already read
    if isinstance(translation, dict) and translation.get("reviewed") is True:
        return markdown
    try:
        notice = _unreviewed_notice(config, language)
    except StringsError as exc:
        raise PluginError(str(exc)) from None
    # After the page's H1, so the title stays first for screen readers and search results.
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + notice + lines[index + 1 :])
    return "\n".join([*notice, markdown])
