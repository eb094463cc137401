"""MkDocs hook: the walkthroughs, their practice cases and trainers' packs, and the policy
comparison in the site. Event wiring only; the work is done by `decision_trees.site` (plain
Python), which knows nothing of MkDocs.

Per language build: compile the trees, the practice cases and the comparison before anything is
written (a broken one stops the build with file, line and node, case or topic), link cited policy
sections to what cites them, put the comparison, the practice cases and the packs in their pages,
put each walkthrough where its marker is once the page is written, then write the diagrams and the
client files.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from decision_trees import TreeErrors
from decision_trees.cases import CaseErrors
from decision_trees.comparison import ComparisonErrors
from decision_trees.site import ContentsEntry, PageContext, SiteBuild, SiteContent, SiteError
from site_translations.languages import LANGUAGES, language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.walkthroughs")


class _State:
    """The hook module is loaded once for both language builds and every `mkdocs serve` rebuild:
    each language's build compiles the trees again and starts its `SiteBuild` afresh."""

    content: SiteContent | None = None
    build: SiteBuild | None = None
    files: Files | None = None  # this language's files, for links between pages


_state = _State()


def _build() -> SiteBuild:
    # MkDocs starts every build with on_config, before any page event.
    if _state.build is None:
        raise PluginError("walkthroughs: a page was built before on_config started the build")
    return _state.build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    if _state.content is None or _state.content.docs_dir != Path(config.docs_dir):
        _state.content = SiteContent(
            project / "decision_trees", Path(config.docs_dir), project, project / "comparison"
        )
    try:
        _state.content.refresh()
    except TreeErrors as exc:
        message = str(exc).replace("\n", "\n  ")
        subject = (
            "the comparison"
            if isinstance(exc, ComparisonErrors)
            else "the practice cases"
            if isinstance(exc, CaseErrors)
            else "the decision trees"
        )
        raise PluginError(
            f"{len(exc.errors)} problem(s) in {subject}; nothing was built:\n  {message}"
        ) from None
    i18n = config.plugins.get("i18n")  # its language is set before a hook's on_config runs
    code = getattr(i18n, "current_language", None) or config.theme["language"]
    if code == getattr(i18n, "default_language", code):  # once, not once per language
        for warning in _state.content.warnings:
            log.warning(f"decision tree: {warning}")
    _state.build = _state.content.start_build(language(code))
    return config


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state.files = files  # final by now: the i18n plugin sorts the files out in on_files
    return nav


def _page(page: Page) -> PageContext:
    files = _state.files
    if files is None:  # MkDocs calls on_nav before any page is built
        raise PluginError("walkthroughs: a page was built before on_nav gave the build's files")

    def href_to_page(src: str) -> str | None:
        target = files.get_file_from_path(src)  # a dict lookup (the i18n plugin's, then MkDocs')
        return None if target is None else get_relative_url(target.url, page.url)

    src = page.file.src_uri
    language_folder, _, rest = src.partition("/")
    return PageContext(
        src=rest if language_folder in LANGUAGES else src,
        dest_dir=Path(page.file.abs_dest_path).parent,
        href_to_page=href_to_page,
        href_to_file=lambda path: get_relative_url(path, page.url),
    )


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    context = _page(page)
    try:
        html = _build().page_content(html, context)
    except SiteError as exc:
        raise PluginError(str(exc)) from None
    for entry in _build().contents_entries(context):
        _add_to_toc(page.toc, entry)
    return html


def _add_to_toc(toc: TableOfContents, entry: ContentsEntry) -> None:
    """Under the heading `entry.under` (at its children's level), or at the end of the top level."""

    def find(links: list[AnchorLink]) -> AnchorLink | None:
        for link in links:
            if link.id == entry.under:
                return link
            found = find(link.children)
            if found is not None:
                return found
        return None

    parent = find(list(toc)) if entry.under else None
    if parent is not None:
        parent.children.append(AnchorLink(entry.title, entry.id, parent.level + 1))
    else:
        toc.items.append(AnchorLink(entry.title, entry.id, 2))


# After the other hooks and plugins have passed over the page (they need not scan the walkthrough's
# HTML), before the i18n plugin's own handlers (priority -100).
@event_priority(-50)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    try:
        return _build().written_page(output, _page(page))
    except SiteError as exc:
        raise PluginError(str(exc)) from None


def on_post_build(*, config: MkDocsConfig) -> None:
    for warning in _build().finish(Path(config.site_dir)):
        log.warning(warning)
