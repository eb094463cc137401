"""MkDocs hook: serve from the site itself what Material would fetch from a CDN.

Material's offline plugin adds `<script src="https://unpkg.com/iframe-worker/shim">` to every page
so that search runs from file://. The site must make no request to another host, so the script
points at the copy vendored under docs/en/assets/javascripts/vendor/ instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

LOCAL_COPIES = {
    "https://unpkg.com/iframe-worker/shim": "assets/javascripts/vendor/iframe-worker/shim.js",
}


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    for remote, local in LOCAL_COPIES.items():
        if remote in output:
            output = output.replace(f'"{remote}"', f'"{get_relative_url(local, page.url)}"')
    return output
