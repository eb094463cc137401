"""MkDocs hook: compile the decision trees and place each walkthrough in its page.

A thin adapter over `policy_trees` (plain Python). Per language build it:
- compiles every tree in decision_trees/ once, before anything is written, and stops the build
  with file, line and node if any tree is broken (so no half-built site is left);
- replaces `<!-- walkthrough: ID -->` with the tree as linked HTML plus its embedded data, and
  `<!-- walkthrough-trainer: ID -->` with the diagram and every path. The HTML is rendered with
  the page's content but put in only when the page is written (on_post_page): search would parse
  it only to skip it (it is all `data-search-exclude`), and that parsing cost more than rendering;
- under every policy heading an outcome cites, adds a link to that walkthrough, so each policy
  section leads to the walkthroughs that rest on it (derived from the trees: nothing to keep in step);
- writes each diagram as an SVG file beside its page, and the walkthrough script and styles into
  the site's assets.
"""

from __future__ import annotations

import filecmp
import functools
import itertools
import logging
import re
import shutil
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import policy_trees
from policy_trees import compile_all
from policy_trees.compiler import collector_paused
from policy_trees.errors import TreeErrors
from policy_trees.policy_pages import PolicyPages
from policy_trees.render_html import trainer_html, walkthrough_html
from policy_trees.render_svg import render_svg
from policy_trees.strings import strings

log = logging.getLogger("mkdocs.hooks.decision_trees")

CLIENT = Path(policy_trees.__file__).parent / "client"  # walkthrough.js and walkthrough.css
ASSETS = "assets/walkthrough"
MARKER = re.compile(r"<!--\s*walkthrough(-trainer)?:\s*([a-z0-9-]+)\s*-->")
PLACEHOLDER = re.compile(r"<!-- walkthrough-rendered: (\d+) -->")
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>.*?</h\1>', re.S)

# Module state survives between the two language builds and `mkdocs serve` rebuilds: reset per build.
_state: dict = {}
# The trees are the same for both languages: compile once while no tree or page has changed.
_compiled: dict = {"fingerprint": None, "trees": None, "pages": None}


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _without_collection(handler):
    """Run a handler with Python's cyclic collector paused: its work makes no reference cycles, and
    its short-lived objects (a tree's data before it becomes JSON, say) are freed by reference
    counting. Left running, the collector scanned them for nothing and, in some builds, was pushed
    into a full scan of MkDocs' whole heap (about 12 ms, a quarter of the hook's own time)."""

    @functools.wraps(handler)
    def paused(*args, **kwargs):
        with collector_paused():
            return handler(*args, **kwargs)

    return paused


@_without_collection
def on_config(config):
    language = _language(config)
    trees_dir = Path(config.config_file_path).parent / "decision_trees"
    docs_dir = Path(config.docs_dir)
    fingerprint = _fingerprint(trees_dir, docs_dir)
    if fingerprint != _compiled["fingerprint"]:
        pages = PolicyPages(docs_dir)  # the headings citations point at, read once for both
        try:
            trees = compile_all(trees_dir, docs_dir, Path(config.config_file_path).parent, pages)
        except TreeErrors as exc:
            raise PluginError(
                f"{len(exc.errors)} problem(s) in the decision trees; nothing was built:\n  "
                + str(exc).replace("\n", "\n  ")
            ) from None
        _compiled.update(fingerprint=fingerprint, trees=trees, pages=pages)
    trees = _compiled["trees"]
    _state.clear()
    _state.update(
        language=language,
        trees={t.id: t for t in trees},
        pages=_compiled["pages"],
        placed=set(),
        diagrams=[],
        backlinks=_backlinks(trees),
        urls={},
        rendered={},
        keys=itertools.count(),
    )  # walkthrough HTML waiting for on_post_page
    return config


def _backlinks(trees) -> dict[str, dict[str, list]]:
    """{policy page: {heading id: [trees whose outcomes cite it]}}, trees in file order."""
    found: dict[str, dict[str, list]] = {}
    for tree in trees:
        for outcome in tree.outcomes:
            for cite in outcome.cites:
                cited_by = found.setdefault(cite.page, {}).setdefault(cite.section, [])
                if tree not in cited_by:
                    cited_by.append(tree)
    return found


def _add_backlinks(html: str, page, files) -> str:
    language = _state["language"]
    src = page.file.src_uri
    src = src.split("/", 1)[1] if src.split("/", 1)[0] in ("en", "cy") else src
    sections = _state["backlinks"].get(src)
    if not sections:
        return html
    label = escape(strings(language)["walkthrough"])

    def add(match):
        links = []
        for tree in sections.get(match.group(2), ()):
            target = _url_of(files, f"walkthroughs/{tree.id}.md")
            if target is not None:
                href = get_relative_url(target, page.url)
                links.append(f'<a href="{escape(href)}">{escape(tree.title[language])}</a>')
        if not links:
            return match.group(0)
        return (
            match.group(0) + f'<p class="walkthrough-backlink" data-search-exclude>'
            f"<strong>{label}:</strong> {' · '.join(links)}</p>"
        )

    return _HEADING.sub(add, html)


def _url_of(files, src_path: str) -> str | None:
    """A page's URL in this language's build. Remembered: the i18n plugin's lookup scans every file."""
    urls = _state["urls"]
    if src_path not in urls:
        target = files.get_file_from_path(src_path)
        urls[src_path] = target.url if target is not None else None
    return urls[src_path]


def _fingerprint(trees_dir: Path, docs_dir: Path) -> tuple:
    """What compiling depends on: the tree files and the pages citations point into."""
    files = sorted([*trees_dir.glob("*.yml"), *docs_dir.rglob("*.md")])
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@_without_collection
def on_page_content(html: str, /, *, page, config, files):
    html = _add_backlinks(html, page, files)
    if "<!-- walkthrough" not in html:
        return html
    language, trees, pages = _state["language"], _state["trees"], _state["pages"]

    def cite_link(citation, lang):
        return _section_link(citation.page, citation.section, lang)

    @functools.cache  # a tree cites a few sections many times over
    def _section_link(policy_page, section, lang):
        target = _url_of(files, policy_page)
        href = get_relative_url(target, page.url) if target is not None else policy_page
        label = f"{pages.page_title(lang, policy_page)}: {pages.section_title(lang, policy_page, section)}"
        return f"{href}#{section}", label

    def render(match):
        trainer, tree_id = bool(match.group(1)), match.group(2)
        tree = trees.get(tree_id)
        if tree is None:
            raise PluginError(
                f"{page.file.src_path}: marker names unknown tree '{tree_id}' "
                f"(trees: {', '.join(sorted(trees))})"
            )
        if trainer:
            diagram = f"diagram-{tree.id}.svg"
            _state["diagrams"].append((Path(page.file.abs_dest_path).parent / diagram, tree))
            return trainer_html(tree, language, diagram)
        _state["placed"].add(tree_id)
        script = get_relative_url(f"{ASSETS}/walkthrough.js", page.url)
        style = get_relative_url(f"{ASSETS}/walkthrough.css", page.url)
        return (
            f'<link rel="stylesheet" href="{style}">'
            + walkthrough_html(tree, language, cite_link)
            + f'<script src="{script}" defer></script>'
        )

    def set_aside(match):
        key = str(next(_state["keys"]))  # never reused, even once a page has taken its HTML
        _state["rendered"][key] = render(match)
        return f"<!-- walkthrough-rendered: {key} -->"

    return MARKER.sub(set_aside, html)


@_without_collection
def on_post_page(output: str, /, *, page, config) -> str:
    if "<!-- walkthrough-rendered:" not in output:
        return output
    return PLACEHOLDER.sub(lambda match: _state["rendered"].pop(match.group(1)), output)


@_without_collection
def on_post_build(*, config):
    for path, tree in _state.get("diagrams", []):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_svg(tree, _state["language"]), encoding="utf-8")
    target = Path(config.site_dir) / ASSETS
    target.mkdir(parents=True, exist_ok=True)
    for name in ("walkthrough.js", "walkthrough.css"):
        # Both languages' builds write to the same assets folder: the second finds the copy current.
        if not (target / name).exists() or not filecmp.cmp(CLIENT / name, target / name):
            shutil.copy2(CLIENT / name, target / name)
    for tree_id in sorted(set(_state.get("trees", {})) - _state.get("placed", set())):
        log.warning(
            f"decision tree '{tree_id}' is not placed on any page: add <!-- walkthrough: {tree_id} --> to a page"
        )
