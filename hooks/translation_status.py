"""MkDocs hook: keep the two languages in step.

Thin adapter over site_translations.status: it stops the build when a page has no twin or the
heading ids differ, warns (which fails `mkdocs build --strict`) when a Welsh page is stale, and
puts a short Welsh notice on every Welsh page a qualified translator has not yet reviewed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_translations import status

log = logging.getLogger("mkdocs.hooks.translation_status")

UNREVIEWED_NOTICE = """
!!! note translation-notice "Cyfieithiad heb ei adolygu eto"

    Cafodd y dudalen hon ei chyfieithu o'r Saesneg, ond nid yw cyfieithydd cymwysedig wedi'i
    hadolygu eto. Os oes amheuaeth am yr ystyr, y fersiwn Saesneg sy'n gywir: defnyddiwch y
    ddewislen iaith ar frig y dudalen i'w darllen.
"""


def on_pre_build(*, config) -> None:
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


def on_page_markdown(markdown: str, /, *, page, config, files) -> str:
    path = Path(page.file.abs_src_path)
    if path.relative_to(Path(config["docs_dir"]).resolve()).parts[0] != "cy":
        return markdown
    translation = page.meta.get("translation")  # front matter MkDocs has already read
    if isinstance(translation, dict) and translation.get("reviewed") is True:
        return markdown
    # After the page's H1, so the title stays first for screen readers and search results.
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + UNREVIEWED_NOTICE.split("\n") + lines[index + 1 :])
    return UNREVIEWED_NOTICE + "\n" + markdown
