"""Render a compiled comparison as HTML for one language: plain HTML and one stylesheet, no script.

The page reads two ways:
- by topic (the rows): one section per topic, with one card per organisation, in the same order in
  every topic; the cards sit side by side where the screen is wide and stack on a phone;
- by organisation (the columns): one collapsed <details> per organisation with its cards on every
  topic, so one organisation can be read across topics without the page repeating itself open.
A topic's section has the topic's id (`#meetings`), which policy sections link back to; a cell has
`#<topic>--<organisation>`; an organisation's cards open at `#<organisation>`.

`section_link(page, section, language) -> (href, label)` is supplied by the caller, which knows
the pages' URLs; with section None it links to the page itself, labelled with its title.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from site_translations.lang_spans import to_html

from .comparison import Cell, Comparison, Organisation, Topic
from .strings import strings
from .tree_format import Language

SectionLink = Callable[[str, str | None, Language], tuple[str, str]]
CONTENTS_ID = "comparison-topics"
BY_ORGANISATION_ID = "comparison-by-organisation"


def cell_id(topic: Topic, organisation: Organisation) -> str:
    return f"{topic.id}--{organisation.id}"


def comparison_html(comparison: Comparison, language: Language, section_link: SectionLink) -> str:
    s = strings(language, "comparison")
    parts = ['<div class="comparison">', _contents(comparison, language, s)]
    for topic in comparison.topics:
        parts.append(
            f'<section class="comparison-topic"><h2 id="{topic.id}">{to_html(topic.title[language])}</h2>'
            '<ul class="comparison-cells">'
            + "".join(
                _cell(
                    cell,
                    escape(cell.organisation.name[language]),
                    language,
                    section_link,
                    s,
                    cell_id(topic, cell.organisation),
                )
                for cell in topic.cells
            )
            + "</ul></section>"
        )
    parts.append(_by_organisation(comparison, language, section_link, s))
    parts.append("</div>")
    return "\n".join(parts)


def _contents(comparison: Comparison, language: Language, s: dict[str, str]) -> str:
    links = "".join(
        f'<li><a href="#{topic.id}">{to_html(topic.title[language])}</a></li>' for topic in comparison.topics
    )
    return (
        f'<nav class="comparison-contents" aria-labelledby="{CONTENTS_ID}">'
        f'<h2 id="{CONTENTS_ID}">{escape(s["topics"])}</h2><ul>{links}</ul>'
        f'<p>{escape(s["topics_hint"])} <a href="#{BY_ORGANISATION_ID}">{escape(s["by_organisation"])}</a>.</p>'
        "</nav>"
    )


def _cell(
    cell: Cell,
    heading: str,
    language: Language,
    section_link: SectionLink,
    s: dict[str, str],
    anchor: str = "",
) -> str:
    """One organisation on one topic: a card headed by the organisation (by topic) or the topic (by
    organisation)."""
    attrs = f' id="{anchor}"' if anchor else ""
    org = cell.organisation
    if cell.summary is None:  # silent
        said = s["says_nothing_lists_lost"] if org.lists_lost else s["says_nothing"]
        href, _ = section_link(org.page, None, language)
        return (
            f'<li class="comparison-cell comparison-cell--silent"{attrs}><h3>{heading}</h3>'
            f'<p class="comparison-cell__silent">{escape(said)}</p>'
            f'<p class="comparison-cell__cites"><a href="{escape(href)}">{escape(s["read_policy"])}</a></p></li>'
        )
    links = []
    for cite in cell.cites:
        href, label = section_link(cite.page, cite.section, language)
        links.append(f'<a href="{escape(href)}">{escape(label)}</a>')
    return (
        f'<li class="comparison-cell"{attrs}><h3>{heading}</h3>'
        f"<p>{to_html(cell.summary[language])}</p>"
        f'<p class="comparison-cell__cites">{escape(s["where_policy_says"])}: {"; ".join(links)}</p></li>'
    )


def _by_organisation(
    comparison: Comparison, language: Language, section_link: SectionLink, s: dict[str, str]
) -> str:
    parts = [
        '<section class="comparison-organisations">',
        f'<h2 id="{BY_ORGANISATION_ID}">{escape(s["by_organisation"])}</h2>',
        f"<p>{escape(s['by_organisation_hint'])}</p>",
    ]
    for org in comparison.organisations:
        href, title = section_link(org.page, None, language)
        cards = "".join(
            _cell(
                comparison.cell(topic.id, org.id),
                f'<a href="#{topic.id}">{to_html(topic.title[language])}</a>',
                language,
                section_link,
                s,
            )
            for topic in comparison.topics
        )
        # Kept out of search: it repeats the topics' cells, which search finds already.
        parts.append(
            f'<details class="comparison-organisation" data-search-exclude><summary>{escape(org.name[language])}</summary>'
            f'<div class="comparison-organisation__cells" id="{org.id}">'
            f'<p>{escape(s["read_policy"])}: <a href="{escape(href)}">{escape(title)}</a></p>'
            f'<ul class="comparison-cells">{cards}</ul></div></details>'
        )
    parts.append("</section>")
    return "\n".join(parts)
