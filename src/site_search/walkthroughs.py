"""Search entries for the walkthroughs' questions and outcomes.

The walkthrough on a page is put in after search has read the page, so search saw only its
introduction. Each question and outcome becomes an entry of its own, linked to its anchor in the
page's linked tree: following that link shows the tree (the walkthrough script reveals it for any
anchor inside it), so a hit never leads to hidden text.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from decision_trees.model import Node, Text, Tree
from decision_trees.render_html import anchor

if TYPE_CHECKING:
    from decision_trees.tree_format import Language

# The marker a page uses to place a walkthrough (decision_trees/README.md).
PAGE_MARKER = re.compile(r"<!--\s*walkthrough:\s*([a-z0-9-]+)\s*-->")


def trees_on_page(markdown: str) -> list[str]:
    """The ids of the walkthroughs a page's Markdown places."""
    return PAGE_MARKER.findall(markdown)


def _text(text: Text | None, language: Language) -> str:
    return text[language].strip() if text else ""


def _paragraph(text: Text | None, language: Language) -> str:
    value = _text(text, language)
    return f"<p>{escape(value, quote=False)}</p>" if value else ""


def _list(items: list[str]) -> str:
    items = [i for i in items if i]
    return "<ul>" + "".join(f"<li>{escape(i, quote=False)}</li>" for i in items) + "</ul>" if items else ""


def _node_entry(node: Node, language: Language) -> tuple[str, str]:
    """(title, text) of a node, as Material's search index holds them (text may hold <p>, <ul>)."""
    if node.is_outcome:
        body = (
            "".join(f"<p>{escape(p, quote=False)}</p>" for p in node.body.paragraphs(language))
            if node.body
            else ""
        )
        return _text(node.title, language), body + _list([_text(s, language) for s in node.next_steps])
    answers = [_text(a.label, language) for a in node.choices]
    if node.none is not None:
        answers.append(_text(node.none.label, language))
    return _text(node.question, language), _paragraph(node.hint, language) + _list(answers)


def entries(tree: Tree, language: Language, page_url: str) -> list[dict[str, str]]:
    """One search entry per question and outcome of `tree`, on the page at `page_url`."""
    found = []
    for node in tree.nodes.values():
        title, text = _node_entry(node, language)
        if title:
            found.append(
                {
                    "location": f"{page_url}#{anchor(tree, node.id)}",
                    "title": escape(title, quote=False),
                    "text": text,
                }
            )
    return found
