"""MkDocs hook: the site's exact Content-Security-Policy, written into the site (csp.txt, and
csp.nginx.conf for deploy/nginx.conf), and Material's icons as files so that policy can stay 'self'.

Runs when the last language's build ends (the i18n plugin builds the others inside the first
one's on_post_build), with every page of both languages (and both 404 pages, placed by
hooks/error_pages.py at a higher priority) on disk, so its policy is the site's. Scanning after
each language's build instead read the first language's pages twice: a third of the hook's time,
which grows with pages times the length of Material's navigation (benchmarks/scale.py). A page with inline code that no hash can allow stops the build with its file and line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_deploy import csp, icons

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.content_security_policy")


@event_priority(-50)  # after every hook that writes pages or files of this build (the i18n plugin: -100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _last_language_build(config):
        return
    site = Path(config.site_dir)
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        (site / icons.STYLESHEET).write_text(icons.OFFLINE_STYLESHEET, encoding="utf-8")
        return  # file:// pages have no Content-Security-Policy, and need Material's data: icons
    try:
        icons.write_icon_files(site)
    except (OSError, FileNotFoundError) as error:
        raise PluginError(f"Material's icons could not be written as files: {error}") from None
    findings = csp.scan_site(site)
    if findings.blocked:
        raise PluginError(
            "These pages have inline code that a Content-Security-Policy without 'unsafe-inline' blocks; "
            "move it into a stylesheet or script file:\n  " + "\n  ".join(map(str, findings.blocked))
        )
    for inline in findings.scripts + findings.styles:
        log.debug(f"allowed by its hash: {inline}")
    csp.write_policy(site, csp.policy(findings))


def _last_language_build(config: MkDocsConfig) -> bool:
    """Whether this is the build that ends last: the only one, or the i18n plugin's last language
    (it builds its languages in order inside the default language's build, skipping that one)."""
    i18n = config.plugins.get("i18n")
    languages = list(getattr(i18n, "build_languages", None) or [])
    if i18n is None or len(languages) < 2:
        return True
    others = [language for language in languages if language != i18n.default_language]
    return i18n.current_language == (others[-1] if others else i18n.default_language)
