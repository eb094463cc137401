"""Render a walkthrough's practice cases as a practice page, for one language.

Without JavaScript the page is readable as it is: each case's story, the outcomes to choose from,
a link to work it out with the walkthrough, and the answer in a closed <details> (the outcome's
verdict, title and body in the policy's words, the answers the story gives, the cited sections
and the discussion points). practice.js turns it into one case at a time: the learner chooses an
outcome, the answer is revealed, and a running score is kept in the page's address.

`links` supplies what the page links to (the caller knows the pages' URLs): `cite(citation,
language) -> (href, label)` and the walkthrough's href.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from site_translations.lang_spans import to_html

from .cases import Case, CaseSet
from .model import Citation, Node, Text, Tree
from .render_html import verdict_label
from .routes import branch_label
from .strings import strings
from .tree_format import Language
from .walk import walk

CiteLink = Callable[[Citation, Language], tuple[str, str]]


@dataclass(frozen=True)
class PracticeLinks:
    cite: CiteLink
    walkthrough: str  # href of the walkthrough's page, no answers: it opens at the first question


def case_anchor(case: Case) -> str:
    return f"case--{case.id}"


def _e(text: Text | None, language: Language) -> str:
    return to_html(text[language]) if text else ""


def _paragraphs(text: Text, language: Language) -> str:
    return "".join(f"<p>{to_html(p)}</p>" for p in text.paragraphs(language))


def verdict_badge(tree: Tree, node: Node, language: Language) -> str:
    label = verdict_label(tree, node, language)  # the tree's own wording for it, if it has one
    # The hidden colon is for screen readers, which would otherwise run the badge into what follows.
    return (
        f'<span class="practice-verdict practice-verdict--{node.verdict}">{to_html(label)}'
        '<span class="practice-verdict__colon">:</span></span>'
    )


def outcome_label(tree: Tree, node: Node, language: Language) -> str:
    """The verdict and the title, as a choice reads: "Yes: This is a request..." to a screen reader."""
    return f"{verdict_badge(tree, node, language)} {_e(node.title, language)}"


def answer_lines(tree: Tree, case: Case, language: Language) -> list[tuple[str, str]]:
    """(question, answer) for each question the case's answers take it through, in order."""
    lines = []
    for step in walk(tree, case.answers).steps:
        node = step.node
        if node.type == "question":
            answer = branch_label(node, step.branch, language)
        else:
            chosen = [step.choice] if isinstance(step.choice, str) else list(step.choice or [])
            labels = [c.label[language] for c in node.choices if c.id in chosen]
            if node.type == "multiple" and step.branch == "none":
                labels = [node.none_of_these.label[language]]
            answer = "; ".join(labels) if labels else strings(language, "training")["nothing_ticked"]
        lines.append((node.asks[language], answer))
    return lines


def practice_data(case_set: CaseSet, language: Language) -> dict:
    """What practice.js needs: the interface strings and, per case, its id and right outcome."""
    return {
        "tree": case_set.tree,
        "strings": strings(language, "training"),
        "cases": [{"id": c.id, "outcome": c.outcome} for c in case_set.cases],
    }


def _json_for_script(data: dict) -> str:
    # Safe inside <script type="application/json">: no "</script>", no HTML-significant characters.
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def practice_html(tree: Tree, case_set: CaseSet, language: Language, links: PracticeLinks) -> str:
    s = strings(language, "training")
    total = len(case_set.cases)
    parts = [
        f'<div class="practice" data-practice="{escape(tree.id)}">',
        f'<script type="application/json" class="practice__data">{_json_for_script(practice_data(case_set, language))}</script>',
        f'<p class="practice__intro">{escape(s["intro"].format(count=total))}</p>',
        '<ol class="practice__cases">',
    ]
    for number, case in enumerate(case_set.cases, 1):
        parts.append(_case_html(tree, case, number, total, language, links, s))
    parts.append("</ol></div>")
    return "\n".join(parts)


def _case_html(
    tree: Tree, case: Case, number: int, total: int, language: Language, links: PracticeLinks, s: dict
) -> str:
    anchor = case_anchor(case)
    choices = "".join(
        f'<li data-outcome="{escape(o)}">{outcome_label(tree, tree.nodes[o], language)}</li>'
        for o in case.choices
    )
    heading = s["case_heading"].format(n=number, total=total, title=case.title[language])
    return (
        f'<li class="practice-case" id="{anchor}" data-case="{escape(case.id)}" data-outcome="{escape(case.outcome)}">'
        f'<h2 class="practice-case__title" id="{anchor}--title">{to_html(heading)}</h2>'
        f'<div class="practice-case__story">{_paragraphs(case.story, language)}</div>'
        f'<p class="practice-case__ask" id="{anchor}--ask">{escape(s["which_outcome"])}</p>'
        f'<ul class="practice-case__choices" aria-labelledby="{anchor}--ask">{choices}</ul>'
        f'<p class="practice-case__walk"><a href="{escape(links.walkthrough)}">{escape(s["walk_it"])}</a> '
        f'<span class="practice-case__hint">{escape(s["walk_it_hint"])}</span></p>'
        + _answer_html(tree, case, language, links, s)
        + "</li>"
    )


def _answer_html(tree: Tree, case: Case, language: Language, links: PracticeLinks, s: dict) -> str:
    outcome = tree.nodes[case.outcome]
    given = "".join(
        f"<li>{to_html(question)} <strong>{to_html(answer)}</strong></li>"
        for question, answer in answer_lines(tree, case, language)
    )
    cites = ""
    for cite in case.cites:
        href, label = links.cite(cite, language)
        cites += f'<li><a href="{escape(href)}">{escape(label)}</a></li>'
    discussion = "".join(f"<li>{_e(point, language)}</li>" for point in case.discussion)
    # Kept out of search: a hit would land inside a closed answer.
    return (
        f'<details class="practice-case__answer" data-search-exclude>'
        f"<summary>{escape(s['show_answer'])}</summary>"
        f'<div class="practice-answer practice-answer--{outcome.verdict}">'
        f'<h3 class="practice-answer__title">{outcome_label(tree, outcome, language)}</h3>'
        f'<div class="practice-answer__body">{_paragraphs(outcome.explanation, language)}</div>'
        f"<h4>{escape(s['answers_given'])}</h4><ul>{given}</ul>"
        f"<h4>{escape(s['where_policy_says'])}</h4><ul>{cites}</ul>"
        f"<h4>{escape(s['discuss'])}</h4><ul>{discussion}</ul>"
        "</div></details>"
    )
