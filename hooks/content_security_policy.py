"""MkDocs hook: the site's exact Content-Security-Policy, written into the site (csp.txt, and
csp.nginx.conf for deploy/nginx.conf), and Material's icons as files so that policy can stay 'self'.

Runs when each language's build ends; the Welsh build ends last, with every page of both languages
(and both 404 pages, placed by hooks/error_pages.py at a higher priority) on disk, so its policy
is the site's. A page with inline code that no hash can allow stops the build with its file and line.
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
