"""MkDocs hook: valid HTML from Material's templates where no override reaches (site_deploy.valid_html).
The other fix, no empty tabindex on navigation labels, is a template override (overrides/partials/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_deploy.valid_html import drop_checkbox_autocomplete

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return drop_checkbox_autocomplete(output)[0]


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    return drop_checkbox_autocomplete(output)[0] if template_name.endswith(".html") else output
