"""Render a compiled tree as HTML for one language.

- `walkthrough_html`: the whole tree as linked sections (works with no JavaScript and prints),
  with the tree's data embedded as JSON for the client-side walkthrough.
- `trainer_html`: the diagram, and how each outcome is reached (routes.py).

`cite_link(citation, language) -> (href, label)` is supplied by the caller (the MkDocs hook knows
page URLs; the command line does not), so this module stays free of MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from site_translations.lang_spans import plain, to_html

from .client_assets import WALKTHROUGH_STRINGS
from .model import Citation, Node, Text, Tree
from .routes import branch_label, count_text, route_table
from .strings import strings
from .tree_format import Language

if TYPE_CHECKING:
    from collections.abc import Iterable

CiteLink = Callable[[Citation, Language], tuple[str, str]]


def anchor(tree: Tree, name: str) -> str:
    """The id of a node's section (name: a node id) or of a part of the page (name: one of
    page_names.ANCHORS, which no node id may take)."""
    return f"{tree.id}--{name}"


def page_ids(tree: Tree, trainer: bool) -> list[str]:
    """Every id the walkthrough (or its trainers' section) puts on its page."""
    if trainer:
        return [anchor(tree, "trainers"), anchor(tree, "routes")]
    return [tree.id, anchor(tree, "questions"), *(anchor(tree, node_id) for node_id in tree.nodes)]


def _t(text: Text | None, language: Language) -> str:
    # Words marked as another language ([@mention]{lang=en}) become <span lang="en">.
    return to_html(text[language]) if text else ""


def _paragraphs(text: Text, language: Language, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{to_html(p)}</p>" for p in text.paragraphs(language))


def verdict_label(tree: Tree, node: Node, language: Language) -> str:
    """An outcome's badge: its own label, the tree's label for its verdict, or the interface
    strings' default (verdict_yes...). May hold language marks."""
    badge = tree.badge(node)
    return badge[language] if badge else strings(language)[f"verdict_{node.verdict}"]


def tree_data(tree: Tree, language: Language, cite_link: CiteLink) -> dict:
    """Everything the client needs, in one language: wording apart from the flow's logic."""
    s = strings(language)

    def cites(cs: Iterable[Citation]) -> list[dict[str, str]]:
        return [dict(zip(("href", "label"), cite_link(c, language), strict=False)) for c in cs]

    def text(t: Text | None) -> str | None:
        return t[language] if t else None

    nodes: dict[str, dict[str, object]] = {}
    for node in tree.nodes.values():
        if node.is_outcome:
            nodes[node.id] = {
                "type": "outcome",
                "verdict": node.verdict,
                "verdictLabel": verdict_label(tree, node, language),
                "title": text(node.title),
                "body": node.explanation.paragraphs(language),
                "nextSteps": [text(x) for x in node.next_steps],
                "cites": cites(node.cites),
            }
            continue
        data: dict[str, object] = {
            "type": node.type,
            "question": text(node.question),
            "hint": text(node.hint),
        }
        if node.type == "question":
            data["answers"] = [
                {"id": a.id, "label": text(a.label), "hint": text(a.hint), "next": a.next, "unsure": a.unsure}
                for a in node.choices
            ]
        elif node.type == "multiple":
            data["options"] = [
                {
                    "id": a.id,
                    "label": text(a.label),
                    "hint": text(a.hint),
                    "finding": text(a.finding),
                    "cites": cites(a.cites),
                }
                for a in node.choices
            ]
            data["none"] = {"label": text(node.none_of_these.label), "next": node.none_of_these.next}
            data["next"] = node.next
        else:
            data["items"] = [
                {
                    "id": a.id,
                    "label": text(a.label),
                    "hint": text(a.hint),
                    "group": text(a.group),
                    "unmet": text(a.unmet),
                    "cites": cites(a.cites),
                }
                for a in node.choices
            ]
            data["next"], data["otherwise"] = node.next, node.otherwise
        nodes[node.id] = data
    return {
        "id": tree.id,
        "version": tree.digest,
        "language": language,
        "title": text(tree.title),
        "start": tree.start,
        "nodes": nodes,
        "strings": {key: s[key] for key in WALKTHROUGH_STRINGS},
    }


def _json_for_script(data: dict) -> str:
    # Safe inside <script type="application/json">: no "</script>", no HTML-significant characters.
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def walkthrough_html(
    tree: Tree, language: Language, cite_link: CiteLink, script_href: str | None = None
) -> str:
    """The walkthrough's root: its data, then the client script, then the no-JavaScript tree.

    The script runs where it stands, before the tree below it is parsed: it hides the tree (by the
    root's class) before the tree is ever painted, so nothing moves when the walkthrough appears."""
    s = strings(language)
    script = f'<script src="{escape(script_href)}"></script>' if script_href else ""
    parts = [
        f'<div class="walkthrough" id="{tree.id}" data-walkthrough="{tree.id}" data-module="walkthrough">',
        f'<script type="application/json" class="walkthrough__data">{_json_for_script(tree_data(tree, language, cite_link))}</script>'
        + script,
        # Not indexed by search: with JavaScript this tree is hidden, so a hit would land nowhere;
        # the page's title and introduction are indexed, and the policy sections link here.
        '<div class="walkthrough__static" data-search-exclude>',
        f'<h2 id="{anchor(tree, "questions")}">{escape(s["all_questions"])}</h2>',
        f"<p>{escape(s['all_questions_hint'])}</p>",
    ]
    for node in tree.nodes.values():
        parts.append(
            _outcome_html(tree, node, language, cite_link)
            if node.is_outcome
            else _question_html(tree, node, language)
        )
    parts.append("</div></div>")
    return "\n".join(parts)


def _link(tree: Tree, target: str, label: str) -> str:
    return f'<a href="#{anchor(tree, target)}">{label}</a>'


def _question_html(tree: Tree, node: Node, language: Language) -> str:
    s = strings(language)
    head = (
        f'<section class="walkthrough-node walkthrough-node--{node.type}" id="{anchor(tree, node.id)}">'
        f"<h3>{_t(node.question, language)}</h3>"
    )
    if node.hint:
        head += f'<p class="walkthrough-node__hint">{_t(node.hint, language)}</p>'
    body = []
    target = dict(node.edges())  # branch -> the node it leads to
    if node.type == "question":
        items = []
        for a in node.choices:
            hint = f' <span class="walkthrough-node__hint">{_t(a.hint, language)}</span>' if a.hint else ""
            cls = ' class="walkthrough-node__unsure"' if a.unsure else ""
            items.append(f"<li{cls}>{_link(tree, target[a.id], _t(a.label, language))}{hint}</li>")
        body.append(f'<ul class="walkthrough-node__answers">{"".join(items)}</ul>')
    elif node.type == "multiple":
        body.append(f'<p>{escape(s["tick_any"])}</p><ul class="walkthrough-node__options">')
        for a in node.choices:
            hint = f' <span class="walkthrough-node__hint">{_t(a.hint, language)}</span>' if a.hint else ""
            body.append(f"<li>{_t(a.label, language)}{hint}</li>")
        body.append(
            '</ul><ul class="walkthrough-node__answers">'
            f"<li>{_link(tree, target['any'], escape(s['if_any']))}</li>"
            f"<li>{_link(tree, target['none'], escape(s['if_none']) + ' (' + _t(node.none_of_these.label, language) + ')')}</li></ul>"
        )
    else:
        body.append(f'<p>{escape(s["tick_each"])}</p><ul class="walkthrough-node__items">')
        for a in node.choices:
            group = (
                f'<span class="walkthrough-node__group">{_t(a.group, language)}: </span>' if a.group else ""
            )
            body.append(
                f"<li>{group}{_t(a.label, language)} "
                f'<span class="walkthrough-node__unmet">{escape(s["not_ticked"])}: {_t(a.unmet, language)}</span></li>'
            )
        body.append(
            '</ul><ul class="walkthrough-node__answers">'
            f"<li>{_link(tree, target['all'], escape(s['if_all']))}</li>"
            f"<li>{_link(tree, target['unmet'], escape(s['if_unmet']))}</li></ul>"
        )
    return head + "".join(body) + "</section>"


def _outcome_html(tree: Tree, node: Node, language: Language, cite_link: CiteLink) -> str:
    s = strings(language)
    out = [
        f'<section class="walkthrough-outcome walkthrough-outcome--{node.verdict}" id="{anchor(tree, node.id)}">',
        f'<h3><span class="walkthrough-verdict walkthrough-verdict--{node.verdict}">'
        f"{to_html(verdict_label(tree, node, language))}</span> {_t(node.title, language)}</h3>",
        _paragraphs(node.explanation, language),
    ]
    if node.next_steps:
        out.append(
            f"<h4>{escape(s['what_to_do_next'])}</h4><ul>"
            + "".join(f"<li>{_t(step, language)}</li>" for step in node.next_steps)
            + "</ul>"
        )
    out.append(f'<h4>{escape(s["where_policy_says"])}</h4><ul class="walkthrough-cites">')
    for cite in node.cites:
        href, label = cite_link(cite, language)
        out.append(f'<li><a href="{escape(href)}">{escape(label)}</a></li>')
    start_again = (
        f'<a class="walkthrough-restart" href="#{anchor(tree, tree.start)}">{escape(s["start_again"])}</a>'
    )
    out.append(f"</ul>{start_again}</section>")
    return "".join(out)


def trainer_html(
    tree: Tree, language: Language, diagram_href: str, diagram_size: tuple[int, int] | None = None
) -> str:
    """The diagram (a static image with a text alternative) and, for each outcome, the answers that
    lead to it: a list that grows with the tree, never with its number of routes. With the
    diagram's size, the page keeps its room before the image arrives (no layout shift)."""
    s = strings(language)
    alt = s["diagram_alt"].format(
        title=plain(tree.title[language]), questions=len(tree.questions), outcomes=len(tree.outcomes)
    )
    size = f' width="{diagram_size[0]}" height="{diagram_size[1]}"' if diagram_size else ""
    # Kept out of the search index: it repeats the tree's wording.
    parts = [
        f'<div class="walkthrough-trainer" id="{anchor(tree, "trainers")}" data-search-exclude>',
        f'<figure class="walkthrough-diagram"><img src="{escape(diagram_href)}" alt="{escape(alt)}"{size}>'
        f'<figcaption>{escape(s["diagram"])}. <a href="{escape(diagram_href)}">{escape(s["diagram_open"])}</a></figcaption></figure>',
        f'<h3 id="{anchor(tree, "routes")}">{escape(s["routes_heading"])}</h3>',
        f"<p>{escape(s['routes_hint'])}</p>",
        '<ol class="walkthrough-paths">',
    ]
    # A slash, not "or": Welsh "neu" mutates the word after it, and an answer's label cannot.
    separator = " / "
    for entry in route_table(tree):
        outcome = tree.nodes[entry.outcome]
        count = (
            s["routes_count_one"]
            if entry.routes == 1
            else s["routes_count"].format(n=count_text(entry.routes))
        )
        conditions = []
        for condition in entry.conditions:
            node = tree.nodes[condition.question]
            if condition.any_answer:
                answers = f"<em>{escape(s['routes_any_answer'])}</em>"
            else:
                answers = separator.join(
                    f"<strong>{to_html(branch_label(node, branch, language))}</strong>"
                    for branch in condition.branches
                )
            conditions.append(f"<li>{_t(node.question, language)} {answers}</li>")
        parts.append(
            f'<li><p><span class="walkthrough-verdict walkthrough-verdict--{outcome.verdict}">'
            f"{to_html(verdict_label(tree, outcome, language))}</span> "
            f"{_link(tree, outcome.id, _t(outcome.title, language))} ({escape(count)})</p>"
            f"<ul>{''.join(conditions)}</ul></li>"
        )
    parts.append("</ol></div>")
    return "\n".join(parts)
