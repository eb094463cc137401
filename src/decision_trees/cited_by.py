"""Links from the policy sections back to what cites them: the walkthroughs, the comparison's rows,
and any kind added later (practice cases, say).

Each kind registers once, as a `CitedBy`: its name, the label of its line, and every (citation,
citer) pair. Under each policy heading that one or more kinds cite, `CitedByIndex.add_lines` puts
one line of links per kind, in the order the kinds were registered:

    <p class="cited-by cited-by--walkthrough" data-search-exclude><strong>Walkthrough:</strong> ...</p>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from site_translations.lang_spans import to_html

from .model import Citation, Text
from .tree_format import Language

# A heading of the page's HTML as Markdown writes it: group 1 its level, group 2 its id.
HTML_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>.*?</h\1>', re.S)


@dataclass(frozen=True)
class Citer:
    """One thing on the site that cites policy sections: a walkthrough, a row of the comparison."""

    page: str  # the source path of the page it is on, e.g. walkthroughs/foi-request.md
    fragment: str  # an anchor on that page, or "" for the page itself
    title: Text  # what its link says


@dataclass(frozen=True)
class CitedBy:
    """One kind of citer and everything it cites."""

    kind: str  # walkthrough, comparison, ...: the line's class, cited-by--KIND
    label: Text  # the line's label
    citations: tuple[tuple[Citation, Citer], ...]


class CitedByIndex:
    """{policy page: {heading id: [(kind, [citers])]}}, built once from the registered kinds."""

    def __init__(self, kinds: Iterable[CitedBy]) -> None:
        self.kinds = tuple(kinds)
        index: dict[str, dict[str, dict[str, list[Citer]]]] = {}
        for cited_by in self.kinds:
            for cite, citer in cited_by.citations:
                citers = (
                    index.setdefault(cite.page, {}).setdefault(cite.section, {}).setdefault(cited_by.kind, [])
                )
                if citer not in citers:
                    citers.append(citer)
        self._index = index

    def citers(self, page: str, section: str) -> dict[str, list[Citer]]:
        """{kind: [citers]} of one policy section, kinds in registration order."""
        return self._index.get(page, {}).get(section, {})

    def add_lines(
        self, html: str, page: str, language: Language, href_to_page: Callable[[str], str | None]
    ) -> str:
        """The page's HTML with a line of links under each heading cited, one line per kind. A citer
        whose page is not in this build (href_to_page gives None) is left out."""
        sections = self._index.get(page)
        if not sections:
            return html

        def add(match: re.Match) -> str:
            by_kind = sections.get(match.group(2), {})
            lines = []
            for cited_by in self.kinds:
                links = []
                for citer in by_kind.get(cited_by.kind, ()):
                    href = href_to_page(citer.page)
                    if href is not None:
                        href += f"#{citer.fragment}" if citer.fragment else ""
                        links.append(f'<a href="{escape(href)}">{to_html(citer.title[language])}</a>')
                if links:
                    lines.append(
                        f'<p class="cited-by cited-by--{cited_by.kind}" data-search-exclude>'
                        f"<strong>{escape(cited_by.label[language])}:</strong> {' · '.join(links)}</p>"
                    )
            return match.group(0) + "".join(lines)

        return HTML_HEADING.sub(add, html)
