"""What a site build needs from the decision trees, behind one facade, free of MkDocs.

`Walkthroughs` compiles the trees (in each language's build: compiling once for both saved 1 to 4%
of a build, under the 5% a performance trick must pay, adr/0007) and starts one `SiteBuild` per
language. A `SiteBuild`, given a page's HTML and a `PageContext` (how to link from
that page), adds the links from cited policy sections back to their walkthroughs, finds the
walkthrough markers, puts the rendered walkthroughs in their place, and at the end writes the
diagrams and the client files (minified, see client_assets.py) into the site: the walkthrough's
script and styles, and the section-link script every page loads (mkdocs.yml, extra_javascript).

Markers, in a page's Markdown:
    <!-- walkthrough: ID -->           the walkthrough (interactive, and its no-JavaScript tree)
    <!-- walkthrough-trainer: ID -->   the diagram and every route, for trainers
A marker stays in the page until the page is written (see adr/0002), and a marker that goes
missing on the way is an error, never a page silently without its walkthrough.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from site_translations.lang_spans import to_html

from .client_assets import WALKTHROUGH_SCRIPT, WALKTHROUGH_STYLES, write_client_files
from .compiler import compile_all
from .errors import TreeError
from .model import Citation, Tree
from .policy_pages import PolicyPages
from .render_html import page_ids, trainer_html, walkthrough_html
from .render_svg import render_svg, svg_size
from .strings import strings

ASSETS = "assets/walkthrough"  # where the client files go in the built site
MARKER = re.compile(r"<!--\s*walkthrough(-trainer)?:\s*([a-z0-9-]+)\s*-->")
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>.*?</h\1>', re.S)
_ID = re.compile(r'\sid="([^"]*)"')


class SiteError(Exception):
    """A page and the trees do not fit together (a marker names no tree, a marker went missing)."""


@dataclass(frozen=True)
class PageContext:
    """One page of one language's build, and how to link from it."""

    src: str  # source path below docs/<language>/, e.g. "policies/assembly.md"
    dest_dir: Path  # the folder the page is written to
    href_to_page: Callable[[str], str | None]  # another page's source path -> href, or None if absent
    href_to_file: Callable[[str], str]  # a path in the built site -> href


class Walkthroughs:
    """The decision trees of a project and the policy pages they cite."""

    def __init__(self, trees_dir: Path, docs_dir: Path, root: Path | None = None):
        self.trees_dir, self.docs_dir, self.root = Path(trees_dir), Path(docs_dir), root
        self.trees: dict[str, Tree] = {}
        self.warnings: list[TreeError] = []  # what the strict build refuses: log each as a warning
        self.pages = PolicyPages(self.docs_dir)

    def refresh(self) -> None:
        """Compile every tree (again: a tree or a page may have changed). Raises TreeErrors."""
        pages = PolicyPages(self.docs_dir)  # headings are read once, for compiling and for labels
        warnings: list[TreeError] = []
        trees = compile_all(self.trees_dir, self.docs_dir, self.root, pages, warnings)
        self.trees, self.pages, self.warnings = {t.id: t for t in trees}, pages, warnings

    def start_build(self, language: str) -> SiteBuild:
        return SiteBuild(language, self.trees, self.pages)


@dataclass
class SiteBuild:
    """One language's build: what was placed where, and what is left to write."""

    language: str
    trees: dict[str, Tree]
    pages: PolicyPages
    placed: set[str] = field(default_factory=set)
    diagrams: list[tuple[Path, str]] = field(default_factory=list)  # (where, SVG)
    awaiting: dict[str, list[str]] = field(default_factory=dict)  # page -> markers to fill
    _backlinks: dict[str, dict[str, list[Tree]]] | None = None

    # -- the page's content, before search and the theme see it --------------------------------
    def page_content(self, html: str, page: PageContext) -> str:
        """Add walkthrough links under cited headings; note (and check) the page's markers, which
        stay in the HTML until `written_page`."""
        html = self._add_backlinks(html, page)
        matches = list(MARKER.finditer(html))
        taken = set(_ID.findall(html)) if matches else set()
        for match in matches:
            if match.group(2) not in self.trees:
                raise SiteError(
                    f"{page.src}: marker names unknown tree '{match.group(2)}' "
                    f"(trees: {', '.join(sorted(self.trees))})"
                )
            tree, trainer = self.trees[match.group(2)], bool(match.group(1))
            clashes = [i for i in page_ids(tree, trainer) if i in taken]
            if clashes:
                raise SiteError(
                    f"{page.src}: {match.group(0)} would put id '{clashes[0]}' on the page, which "
                    "already has an element with that id (a heading?): rename the heading or the "
                    f"{'node' if clashes[0] != tree.id else 'tree'}"
                )
            taken.update(page_ids(tree, trainer))
        if matches:
            self.awaiting[page.src] = [match.group(0) for match in matches]
        return html

    # -- the page as written -------------------------------------------------------------------
    def written_page(self, output: str, page: PageContext) -> str:
        """Put each walkthrough where its marker is. A marker lost on the way is an error."""
        markers = self.awaiting.pop(page.src, [])
        missing = [m for m in markers if m not in output]
        if missing:
            raise SiteError(
                f"{page.src}: {', '.join(missing)} went missing between the page's content and its "
                "written HTML (a plugin or hook that strips HTML comments?), so its walkthrough "
                "would be lost"
            )
        if not markers:
            return output
        return MARKER.sub(lambda match: self._render(match, page), output)

    def _render(self, match: re.Match, page: PageContext) -> str:
        trainer, tree = bool(match.group(1)), self.trees[match.group(2)]
        if trainer:
            diagram = f"diagram-{tree.id}.svg"
            svg = render_svg(tree, self.language)
            self.diagrams.append((page.dest_dir / diagram, svg))
            return trainer_html(tree, self.language, diagram, svg_size(svg))
        self.placed.add(tree.id)

        def cite_link(cite: Citation, language: str) -> tuple[str, str]:
            href = page.href_to_page(cite.page) or cite.page
            title = self.pages.page_title(language, cite.page)
            section = self.pages.section_title(language, cite.page, cite.section)
            return f"{href}#{cite.section}", f"{title}: {section}"

        style = page.href_to_file(f"{ASSETS}/{WALKTHROUGH_STYLES}")
        script = page.href_to_file(f"{ASSETS}/{WALKTHROUGH_SCRIPT}")
        return f'<link rel="stylesheet" href="{escape(style)}">' + walkthrough_html(
            tree, self.language, cite_link, script
        )

    # -- links from policy sections to the walkthroughs that cite them --------------------------
    def _add_backlinks(self, html: str, page: PageContext) -> str:
        sections = self.backlinks().get(page.src)
        if not sections:
            return html
        label = escape(strings(self.language)["walkthrough"])

        def add(match: re.Match) -> str:
            links = []
            for tree in sections.get(match.group(2), ()):
                href = page.href_to_page(f"walkthroughs/{tree.id}.md")
                if href is not None:
                    links.append(f'<a href="{escape(href)}">{to_html(tree.title[self.language])}</a>')
            if not links:
                return match.group(0)
            return (
                match.group(0) + '<p class="walkthrough-backlink" data-search-exclude>'
                f"<strong>{label}:</strong> {' · '.join(links)}</p>"
            )

        return _HEADING.sub(add, html)

    def backlinks(self) -> dict[str, dict[str, list[Tree]]]:
        """{policy page: {heading id: [trees whose outcomes cite it]}}, trees in file order."""
        if self._backlinks is None:
            found: dict[str, dict[str, list[Tree]]] = {}
            for tree in self.trees.values():
                for outcome in tree.outcomes:
                    for cite in outcome.cites:
                        cited_by = found.setdefault(cite.page, {}).setdefault(cite.section, [])
                        if tree not in cited_by:
                            cited_by.append(tree)
            self._backlinks = found
        return self._backlinks

    # -- after every page ----------------------------------------------------------------------
    def finish(self, site_dir: Path) -> list[str]:
        """Write the diagrams and the client files; return the ids of trees placed on no page."""
        for path, svg in self.diagrams:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        write_client_files(Path(site_dir) / ASSETS)
        return sorted(set(self.trees) - self.placed)
