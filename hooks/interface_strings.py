"""MkDocs hook: the site's own interface strings, in the language being built.

The wording lives in translation/interface/<language>.yml, one file per language with the same keys
(site_translations.interface). Templates in overrides/ read `site_strings.<key>` (escaped HTML, words
in another language in <span lang>). The Markdown tooltips that mkdocs.yml could only give in one
language (a heading link's title, a footnote back-link's title) are set for each language's build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from site_translations.interface import INTERFACE, StringsError, as_html, load

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

STRINGS_DIR = Path(__file__).resolve().parents[1] / INTERFACE


def load_strings(language: str, strings_dir: Path = STRINGS_DIR) -> dict[str, str]:
    """The strings of one language; a clear error when the file is missing or unlike English's."""
    try:
        return load(strings_dir, language)
    except StringsError as error:
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins.get("i18n")  # its language is set before a hook's on_config runs
    language = getattr(i18n, "current_language", None) or config.theme["language"]
    wording = load_strings(language)

    def string(key: str) -> str:
        if key not in wording:
            raise PluginError(f"{STRINGS_DIR / language}.yml: no '{key}' (and none in English)")
        return wording[key]

    markdown = config.mdx_configs
    if "toc" in markdown and markdown["toc"].get("permalink"):
        markdown["toc"]["permalink_title"] = string("permalink_title")
    if "footnotes" in config.markdown_extensions:
        markdown.setdefault("footnotes", {})["BACKLINK_TITLE"] = string("footnote_backlink_title")
    return config


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    # The i18n plugin has set the theme's language for this build by now (it has not in on_config).
    env.globals["site_strings"] = as_html(load_strings(config.theme["language"]))
    return env
