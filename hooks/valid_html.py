"""MkDocs hook: valid HTML from Material's templates where no override reaches (site_deploy.valid_html).
The other fix, no empty tabindex on navigation labels, is a template override (overrides/partials/)."""

from __future__ import annotations

from site_deploy.valid_html import drop_checkbox_autocomplete


def on_post_page(output: str, /, *, page, config) -> str:
    return drop_checkbox_autocomplete(output)[0]


def on_post_template(output: str, /, *, template_name, config) -> str:
    return drop_checkbox_autocomplete(output)[0] if template_name.endswith(".html") else output
