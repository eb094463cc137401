"""MkDocs hook: search in the reader's language (thin adapter over site_search).

- Each language gets its own search index (`search/search_index.json`, `cy/search/search_index.json`)
  with the other forms of its words: Welsh mutations, English inflections, the term list's
  abbreviations, and the walkthroughs' questions and outcomes (site_search.build).
- A Welsh page points Material's search at the Welsh index: the `base` address in Material's page
  configuration becomes the Welsh home, so the index and its result links resolve under `cy/`.
  Besides search, Material uses `base` only for its version selector and instant navigation (both
  off here) and for language links found through `<link rel="alternate">` (removed by
  language_links.py).
- The "translation not reviewed" notice on Welsh pages is left out of search: it would make every
  Welsh page a hit for "tudalen", "Saesneg" or "cyfieithydd".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_search import walkthroughs
from site_search.build import write_language_indexes
from site_translations.languages import Language, language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_walkthrough_pages: dict[str, str] = {}  # page address -> tree id, both languages of one build
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base":\s*")([^"]*)(")')
_NOTICE = re.compile(r'<div class="admonition note translation-notice">')


@runtime_checkable
class _I18nPlugin(Protocol):
    """What this hook reads of mkdocs-static-i18n's plugin (the package has no type information)."""

    build_languages: list[str]
    default_language: str
    current_language: str | None  # None until its first build starts
    building: bool  # True while it builds the other languages, inside the default language's build


def _i18n(config: MkDocsConfig) -> _I18nPlugin | None:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return None
    if not isinstance(plugin, _I18nPlugin):
        raise PluginError(
            "site search: the i18n plugin has none of mkdocs-static-i18n's build_languages, default_language, current_language, building"
        )
    return plugin


def _languages(config: MkDocsConfig) -> tuple[list[Language], Language, Language]:
    """(languages, default language, language being built)."""
    i18n = _i18n(config)
    if i18n is None:
        only = language(config.theme["language"])
        return [only], only, only
    default = language(i18n.default_language)
    building = language(i18n.current_language) if i18n.current_language else default
    return [language(code) for code in i18n.build_languages], default, building


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = _i18n(config)
    if i18n is None or not i18n.building:  # the English build starts (the Welsh one runs inside it)
        _walkthrough_pages.clear()
    return config


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for tree_id in walkthroughs.trees_on_page(markdown):
        _walkthrough_pages[page.url] = tree_id
    return markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _NOTICE.sub('<div class="admonition note translation-notice" data-search-exclude>', html, count=1)


def _point_search_at_language(output: str, config: MkDocsConfig) -> str:
    _, default, language = _languages(config)
    if language == default:
        return output
    return _CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{language}/{m[3]}", output, count=1)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return _point_search_at_language(output, config)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    # The "page not found" page is a template, not a page (hooks/error_pages.py keeps one per language).
    return _point_search_at_language(output, config) if template_name == "404.html" else output


@event_priority(-200)  # after the i18n plugin has built every language and merged their entries
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # the Welsh build, inside the English one: the merged index is not there yet
    languages, default, _ = _languages(config)
    root = Path(config.config_file_path).parent
    try:
        write_language_indexes(
            Path(config.site_dir),
            languages,
            default,
            sorted(_walkthrough_pages.items()),
            root / "decision_trees",
            root / "translation" / "terms.yml",
        )
    except (ValueError, RuntimeError) as exc:
        raise PluginError(f"site search: {exc}") from None
