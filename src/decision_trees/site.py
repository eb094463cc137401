"""What a site build needs from the decision trees, their practice cases and the policy
comparison, behind one facade, free of MkDocs.

`SiteContent` compiles the trees, the practice cases (checked against the trees) and the
comparisons in each language's build (compiling once for both saved 1 to 4% of a build, under
the 5% a performance trick must pay: adr/0007), registers what cites the policy
sections (cited_by.py), and starts one `SiteBuild` per language. A `SiteBuild`, given a page's HTML
and a `PageContext` (how to link from that page), adds the lines of links from cited policy
sections back to what cites them, puts the comparison, the practice cases and the trainers' packs
in their pages, finds the walkthrough markers, puts the rendered walkthroughs in their place, and
at the end writes the diagrams and the client files (minified, see client_assets.py) into the site:
the walkthrough's script and styles, the section-link script every page loads (mkdocs.yml,
extra_javascript), the comparison's styles, and the practice pages' script and styles.

Markers, in a page's Markdown:
    <!-- walkthrough: ID -->           the walkthrough (interactive, and its no-JavaScript tree)
    <!-- walkthrough-trainer: ID -->   the diagram and every route, for trainers, with links to
                                       the walkthrough's practice page and pack
    <!-- comparison: ID -->            the comparison comparison/ID.yml, on the page it names
    <!-- practice: ID -->              the practice cases of walkthrough ID, on training/ID/index.md
    <!-- trainers-pack: ID -->         the trainer's pack of walkthrough ID, on training/ID/pack.md
A walkthrough marker stays in the page until the page is written (see adr/0002), and a marker
that goes missing on the way is an error, never a page silently without its walkthrough. The
comparison and the practice cases are put in with the page's content, so that search finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .cases import CaseSet, compile_all_cases
from .cited_by import HTML_HEADING, CitedBy, CitedByIndex, Citer
from .client_assets import (
    COMPARISON_ASSETS,
    TRAINING_ASSETS,
    WALKTHROUGH_SCRIPT,
    WALKTHROUGH_STYLES,
    write_client_files,
)
from .comparison import MARKER as COMPARISON_MARKER
from .comparison import Comparison, compile_comparisons
from .compiler import compile_all
from .errors import TreeError
from .model import Citation, Text, Tree
from .policy_pages import PolicyPages
from .render_comparison import comparison_html
from .render_html import anchor, page_ids, trainer_html, walkthrough_html
from .render_pack import PackLinks, pack_html
from .render_practice import CiteLink, PracticeLinks, case_anchor, practice_html
from .render_svg import render_svg, svg_size
from .strings import strings
from .tree_format import Language

# Where the client files go in the built site.
ASSETS = "assets/walkthrough"
COMPARISON_FOLDER = "assets/comparison"
COMPARISON_STYLES = f"{COMPARISON_FOLDER}/comparison.css"
TRAINING_FOLDER = "assets/training"
MARKER = re.compile(r"<!--\s*walkthrough(-trainer)?:\s*([a-z0-9-]+)\s*-->")
TRAINING_MARKER = re.compile(r"<!--\s*(practice|trainers-pack):\s*([a-z0-9-]+)\s*-->")
# Where a walkthrough's practice page and trainer's pack live, below docs/<language>/.
TRAINING_PAGES = {"practice": "training/{id}/index.md", "trainers-pack": "training/{id}/pack.md"}
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


@dataclass(frozen=True)
class ContentsEntry:
    """A heading the build adds to a page after its table of contents was made."""

    under: str | None  # id of the page's heading it belongs under (None: at the top level)
    id: str
    title: str  # as HTML, as the Markdown's own headings are given to the theme


class SiteContent:
    """The decision trees and the comparisons of a project, compiled while nothing they depend on
    has changed, and the index of what cites each policy section."""

    def __init__(
        self, trees_dir: Path, docs_dir: Path, root: Path | None = None, comparisons_dir: Path | None = None
    ) -> None:
        self.trees_dir, self.docs_dir, self.root = Path(trees_dir), Path(docs_dir), root
        self.comparisons_dir = Path(comparisons_dir) if comparisons_dir else None
        self.cases_dir = self.trees_dir / "cases"
        self.trees: dict[str, Tree] = {}
        self.case_sets: dict[str, CaseSet] = {}
        self.comparisons: dict[str, Comparison] = {}
        self.warnings: list[TreeError] = []  # what the strict build refuses: log each as a warning
        self.pages = PolicyPages(self.docs_dir)
        self.cited_by = CitedByIndex(())

    def refresh(self) -> None:
        """Compile every tree, case file and comparison (again: any of them or a page may have
        changed). Raises TreeErrors (CaseErrors for a case file, ComparisonErrors for a comparison)."""
        pages = PolicyPages(self.docs_dir)  # headings are read once, for compiling and for labels
        warnings: list[TreeError] = []
        trees = compile_all(self.trees_dir, self.docs_dir, self.root, pages, warnings)
        # Each case walks its tree: a tree change that breaks a case stops the build here.
        case_sets = compile_all_cases(self.cases_dir, {t.id: t for t in trees}, pages, self.root)
        comparisons = (
            compile_comparisons(self.comparisons_dir, pages, self.root) if self.comparisons_dir else []
        )
        self.trees, self.pages = {t.id: t for t in trees}, pages
        self.comparisons = {c.id: c for c in comparisons}
        self.case_sets = case_sets
        self.warnings = warnings
        # Each kind of thing that cites the policies registers here, once.
        self.cited_by = CitedByIndex(
            [
                walkthroughs_cited_by(trees),
                comparisons_cited_by(comparisons),
                cases_cited_by(list(case_sets.values())),
            ]
        )

    def start_build(self, language: Language) -> SiteBuild:
        return SiteBuild(
            language, self.trees, self.pages, self.comparisons, self.cited_by, case_sets=self.case_sets
        )


def walkthroughs_cited_by(trees: list[Tree]) -> CitedBy:
    """Each walkthrough cites the sections its outcomes rest on."""
    label = Text(strings("en")["walkthrough"], strings("cy")["walkthrough"])
    return CitedBy(
        "walkthrough",
        label,
        tuple(
            (cite, Citer(f"walkthroughs/{tree.id}.md", "", tree.title))
            for tree in trees
            for outcome in tree.outcomes
            for cite in outcome.cites
        ),
    )


def comparisons_cited_by(comparisons: list[Comparison]) -> CitedBy:
    """Each row of a comparison (a topic) cites the sections its cells rest on."""
    label = Text(strings("en", "comparison")["backlink"], strings("cy", "comparison")["backlink"])
    return CitedBy(
        "comparison",
        label,
        tuple(
            (cite, Citer(comparison.page, topic.id, topic.title))
            for comparison in comparisons
            for topic in comparison.topics
            for cell in topic.cells
            for cite in cell.cites
        ),
    )


def cases_cited_by(case_sets: list[CaseSet]) -> CitedBy:
    """Each practice case cites the sections that give its outcome."""
    label = Text(strings("en", "training")["backlink"], strings("cy", "training")["backlink"])
    return CitedBy(
        "practice",
        label,
        tuple(
            (cite, Citer(TRAINING_PAGES["practice"].format(id=case_set.tree), case_anchor(case), case.title))
            for case_set in case_sets
            for case in case_set.cases
            for cite in case.cites
        ),
    )


@dataclass
class SiteBuild:
    """One language's build: what was placed where, and what is left to write."""

    language: Language
    trees: dict[str, Tree]
    pages: PolicyPages
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    cited_by: CitedByIndex = field(default_factory=lambda: CitedByIndex(()))
    placed: set[str] = field(default_factory=set)
    placed_comparisons: set[str] = field(default_factory=set)
    case_sets: dict[str, CaseSet] = field(default_factory=dict)
    placed_training: set[tuple[str, str]] = field(default_factory=set)  # (marker kind, tree id)
    diagrams: list[tuple[Path, str]] = field(default_factory=list)  # (where, SVG)
    awaiting: dict[str, list[str]] = field(default_factory=dict)  # page -> markers to fill
    # page -> headings a trainers' view will add, for the page's table of contents
    contents: dict[str, list[ContentsEntry]] = field(default_factory=dict)

    # -- the page's content, before search and the theme see it --------------------------------
    def page_content(self, html: str, page: PageContext) -> str:
        """Add the lines of links under cited headings and put the comparison in its page; note
        (and check) the page's walkthrough markers, which stay in the HTML until `written_page`."""
        html = self.cited_by.add_lines(html, page.src, self.language, page.href_to_page)
        html = COMPARISON_MARKER.sub(lambda match: self._comparison(match.group(1), page), html)
        html = TRAINING_MARKER.sub(lambda match: self._training(match.group(1), match.group(2), page), html)
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
            if trainer:
                # The route list's heading is written after the theme has made the table of
                # contents from the page: listed here, under the heading the marker sits in.
                above = [heading.group(2) for heading in HTML_HEADING.finditer(html, 0, match.start())]
                self.contents.setdefault(page.src, []).append(
                    ContentsEntry(
                        under=above[-1] if above else None,
                        id=anchor(tree, "routes"),
                        title=escape(strings(self.language)["routes_heading"]),
                    )
                )
        if matches:
            self.awaiting[page.src] = [match.group(0) for match in matches]
        return html

    def contents_entries(self, page: PageContext) -> list[ContentsEntry]:
        """Headings the page will get when it is written, for its table of contents."""
        return self.contents.pop(page.src, [])

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
            diagram, size = self._diagram(tree, page)
            return self._training_links(tree, page) + trainer_html(tree, self.language, diagram, size)
        self.placed.add(tree.id)
        style = page.href_to_file(f"{ASSETS}/{WALKTHROUGH_STYLES}")
        script = page.href_to_file(f"{ASSETS}/{WALKTHROUGH_SCRIPT}")
        return f'<link rel="stylesheet" href="{escape(style)}">' + walkthrough_html(
            tree, self.language, self._cite_linker(page), script
        )

    def _diagram(self, tree: Tree, page: PageContext) -> tuple[str, tuple[int, int]]:
        """Draw the tree's diagram beside the page (written in `finish`): its href and size."""
        diagram, svg = f"diagram-{tree.id}.svg", render_svg(tree, self.language)
        self.diagrams.append((page.dest_dir / diagram, svg))
        return diagram, svg_size(svg)

    def _cite_linker(self, page: PageContext) -> CiteLink:
        """cite_link(citation, language) -> (href, "Page title: Section title"), from this page."""

        def cite_link(cite: Citation, language: Language) -> tuple[str, str]:
            href = page.href_to_page(cite.page) or cite.page
            title = self.pages.page_title(language, cite.page)
            section = self.pages.section_title(language, cite.page, cite.section)
            return f"{href}#{cite.section}", f"{title}: {section}"

        return cite_link

    # -- practice cases and trainers' packs, in their pages ------------------------------------
    def _training(self, kind: str, tree_id: str, page: PageContext) -> str:
        case_set = self.case_sets.get(tree_id)
        if case_set is None:
            raise SiteError(
                f"{page.src}: <!-- {kind}: {tree_id} --> names no walkthrough with practice cases "
                f"(cases: {', '.join(sorted(self.case_sets)) or 'none'}; add decision_trees/cases/{tree_id}.yml)"
            )
        home = TRAINING_PAGES[kind].format(id=tree_id)
        if page.src != home:
            raise SiteError(f"{page.src}: <!-- {kind}: {tree_id} --> belongs on {home}")
        self.placed_training.add((kind, tree_id))
        tree = self.trees[tree_id]
        style = page.href_to_file(f"{TRAINING_FOLDER}/training.css")
        head = f'<link rel="stylesheet" href="{escape(style)}">'
        if kind == "trainers-pack":
            diagram, size = self._diagram(tree, page)
            practice = page.href_to_page(TRAINING_PAGES["practice"].format(id=tree_id))
            pack_links = PackLinks(self._cite_linker(page), diagram, size, practice)
            return head + pack_html(tree, case_set, self.language, pack_links)
        walkthrough = page.href_to_page(f"walkthroughs/{tree_id}.md") or f"walkthroughs/{tree_id}.md"
        script = page.href_to_file(f"{TRAINING_FOLDER}/practice.js")
        practice_links = PracticeLinks(self._cite_linker(page), walkthrough)
        return (
            head
            + practice_html(tree, case_set, self.language, practice_links)
            + f'<script src="{escape(script)}" defer></script>'
        )

    def _training_links(self, tree: Tree, page: PageContext) -> str:
        """Under a walkthrough's "For trainers": its practice page and pack, where they are built."""
        if tree.id not in self.case_sets:
            return ""
        s = strings(self.language, "training")
        links = []
        for kind, label in (("practice", s["practice_page"]), ("trainers-pack", s["trainers_pack"])):
            href = page.href_to_page(TRAINING_PAGES[kind].format(id=tree.id))
            if href is not None:
                links.append(f'<a href="{escape(href)}">{escape(label)}</a>')
        return f'<p class="walkthrough-training">{" · ".join(links)}</p>' if links else ""

    # -- the comparison, in its page ------------------------------------------------------------
    def _comparison(self, comparison_id: str, page: PageContext) -> str:
        comparison = self.comparisons.get(comparison_id)
        if comparison is None:
            raise SiteError(
                f"{page.src}: marker names unknown comparison '{comparison_id}' "
                f"(comparisons: {', '.join(sorted(self.comparisons)) or 'none'})"
            )
        if comparison.page != page.src:
            raise SiteError(
                f"{page.src}: <!-- comparison: {comparison_id} --> belongs on {comparison.page}, "
                f"the page {comparison.file} names"
            )
        self.placed_comparisons.add(comparison_id)

        def section_link(target: str, section: str | None, language: Language) -> tuple[str, str]:
            href = page.href_to_page(target) or target
            if section is None:
                return href, self.pages.page_title(language, target)
            return f"{href}#{section}", self.pages.section_title(language, target, section)

        style = page.href_to_file(COMPARISON_STYLES)
        return f'<link rel="stylesheet" href="{escape(style)}">' + comparison_html(
            comparison, self.language, section_link
        )

    # -- after every page ----------------------------------------------------------------------
    def finish(self, site_dir: Path) -> list[str]:
        """Write the diagrams and the client files; return a warning for each tree or comparison
        placed on no page."""
        for path, svg in self.diagrams:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        write_client_files(Path(site_dir) / ASSETS)
        write_client_files(Path(site_dir) / COMPARISON_FOLDER, COMPARISON_ASSETS)
        write_client_files(Path(site_dir) / TRAINING_FOLDER, TRAINING_ASSETS)
        return (
            [
                f"decision tree '{tree_id}' is on no page: add <!-- walkthrough: {tree_id} --> to a page"
                for tree_id in sorted(set(self.trees) - self.placed)
            ]
            + [
                f"comparison '{c.id}' is on no page: add <!-- comparison: {c.id} --> to {c.page}"
                for c in self.comparisons.values()
                if c.id not in self.placed_comparisons
            ]
            + [
                f"the {kind} of '{tree_id}' is on no page: add <!-- {kind}: {tree_id} --> to "
                f"docs/<language>/{TRAINING_PAGES[kind].format(id=tree_id)}"
                for tree_id in sorted(self.case_sets)
                for kind in TRAINING_PAGES
                if (kind, tree_id) not in self.placed_training
            ]
        )
