"""MkDocs hook: the site's interface wording in the language being built.

The wording lives in translation/strings/{en,cy}.yml (site_translations.interface). For each
language's build this sets the Markdown tooltips that mkdocs.yml cannot set per language (the
heading link's title, the footnote back-link's title) and gives the templates the wording as
`config.extra.site_strings` (escaped HTML, words in another language in <span lang>).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_translations.interface import StringsError, as_html, site_strings, string


def on_config(config):
    i18n = config.plugins.get("i18n")  # its language is set before a hook's on_config runs
    language = getattr(i18n, "current_language", None) or config.theme["language"]
    try:
        wording = site_strings(Path(config.config_file_path).parent, language)
        markdown = config.mdx_configs
        if "toc" in markdown and markdown["toc"].get("permalink"):
            markdown["toc"]["permalink_title"] = string(wording, "permalink_title")
        if "footnotes" in config.markdown_extensions:
            markdown.setdefault("footnotes", {})["BACKLINK_TITLE"] = string(
                wording, "footnote_backlink_title"
            )
    except StringsError as exc:
        raise PluginError(str(exc)) from None
    config.extra["site_strings"] = as_html(wording)
    return config
