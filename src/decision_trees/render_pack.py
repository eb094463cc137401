"""Render a walkthrough's trainer's pack as HTML for one language, laid out to print on A4.

In order: a suggested session plan; the walkthrough's diagram, on a page of its own; how each
outcome is reached, as one compact table (the answers that lead there, the outcome's verdict and
title, a one-line reason, the sections it cites); the cases as hand-outs, with nothing that gives
the answer away; and the answer key, starting on a new page. training.css keeps each table row,
hand-out and answer together on one sheet.

`links.cite(citation, language) -> (href, label)` is supplied by the caller, which knows the pages'
URLs; the diagram's href is relative to the pack's page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from site_translations.lang_spans import plain, to_html

from .cases import Case, CaseSet, SessionStep
from .model import Citation, Tree
from .render_practice import CiteLink, answer_lines, outcome_label
from .routes import Condition, branch_label, route_table
from .strings import strings
from .tree_format import Language

SECTIONS = ("session", "diagram", "routes", "handouts", "answer-key")  # anchors: pack--<section>


@dataclass(frozen=True)
class PackLinks:
    cite: CiteLink
    diagram: str  # href of the diagram's SVG file
    diagram_size: tuple[int, int]  # its width and height, so the page does not shift as it loads
    practice: str | None  # href of the practice page, if it is in this build


def pack_anchor(section: str) -> str:
    return f"pack--{section}"


def pack_html(tree: Tree, case_set: CaseSet, language: Language, links: PackLinks) -> str:
    s = strings(language, "training")
    numbers = {case.id: n for n, case in enumerate(case_set.cases, 1)}
    contents = "".join(
        f'<li><a href="#{pack_anchor(section)}">{escape(s[key])}</a></li>'
        for section, key in zip(
            SECTIONS, ("session_plan", "diagram", "routes", "handouts", "answer_key"), strict=True
        )
    )
    practice = (
        f' <a href="{escape(links.practice)}">{escape(s["practice_page"])}</a>' if links.practice else ""
    )
    # Kept out of search: the practice page and the walkthrough hold the same words, once.
    return "\n".join(
        [
            '<div class="trainers-pack" data-search-exclude>',
            f'<p class="trainers-pack__intro">{escape(s["pack_intro"].format(count=len(case_set.cases)))}{practice}</p>',
            f'<nav class="trainers-pack__contents" aria-labelledby="pack--contents"><h2 id="pack--contents">{escape(s["contents"])}</h2><ol>{contents}</ol></nav>',
            _session_html(case_set, numbers, language, links, s),
            _diagram_html(tree, language, links, s),
            _routes_html(tree, case_set, language, links, s),
            _handouts_html(tree, case_set, numbers, language, s),
            _answer_key_html(tree, case_set, numbers, language, links, s),
            "</div>",
        ]
    )


def _cites(cites: Iterable[Citation], language: Language, links: PackLinks) -> str:
    items = []
    for cite in cites:
        href, label = links.cite(cite, language)
        items.append(f'<li><a href="{escape(href)}">{escape(label)}</a></li>')
    return f'<ul class="trainers-pack__cites">{"".join(items)}</ul>' if items else ""


def _label(s: dict, key: str) -> str:
    """The column's name on a cell, shown above it where a narrow screen stacks the cells."""
    return f'data-label="{escape(s[key])}"'


def _case_name(case: Case, number: int, language: Language) -> str:
    return to_html(f"{number}. {case.title[language]}")


def _session_html(case_set: CaseSet, numbers: dict, language: Language, links: PackLinks, s: dict) -> str:
    rows = "".join(_step_row(step, case_set, numbers, language, links, s) for step in case_set.session)
    return (
        f'<section class="trainers-pack__section trainers-pack__session" aria-labelledby="{pack_anchor("session")}">'
        f'<h2 id="{pack_anchor("session")}">{escape(s["session_plan"])}</h2>'
        f"<p>{escape(s['session_total'].format(minutes=case_set.minutes))}</p>"
        '<table class="trainers-pack__table trainers-pack__plan">'
        f'<thead><tr><th scope="col">{escape(s["step_time"])}</th><th scope="col">{escape(s["step_activity"])}</th>'
        f'<th scope="col">{escape(s["step_cases"])}</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _step_row(
    step: SessionStep, case_set: CaseSet, numbers: dict, language: Language, links: PackLinks, s: dict
) -> str:
    prompts = ""
    if step.prompts:
        prompts = (
            f'<p class="trainers-pack__label">{escape(s["step_prompts"])}</p><ul>'
            + "".join(f"<li>{to_html(p[language])}</li>" for p in step.prompts)
            + "</ul>"
        )
    cases = "".join(f"<li>{_case_name(case_set.case(c), numbers[c], language)}</li>" for c in step.cases)
    return (
        f'<tr><td class="trainers-pack__minutes" {_label(s, "step_time")}>{escape(s["minutes"].format(n=step.minutes))}</td>'
        f"<td {_label(s, 'step_activity')}><strong>{to_html(step.title[language])}</strong><p>{to_html(step.activity[language])}</p>"
        f"{prompts}{_cites(step.cites, language, links)}</td>"
        f"<td {_label(s, 'step_cases')}>{f'<ul>{cases}</ul>' if cases else ''}</td></tr>"
    )


def _diagram_html(tree: Tree, language: Language, links: PackLinks, s: dict) -> str:
    width, height = links.diagram_size
    alt = strings(language)["diagram_alt"].format(
        title=plain(tree.title[language]), questions=len(tree.questions), outcomes=len(tree.outcomes)
    )
    return (
        f'<section class="trainers-pack__section trainers-pack__diagram" aria-labelledby="{pack_anchor("diagram")}">'
        f'<h2 id="{pack_anchor("diagram")}">{escape(s["diagram"])}</h2>'
        f'<figure><img src="{escape(links.diagram)}" alt="{escape(alt)}" width="{width}" height="{height}">'
        "</figure></section>"
    )


def _condition(tree: Tree, condition: Condition, language: Language, s: dict) -> str:
    node = tree.nodes[condition.question]
    if condition.any_answer:
        answers = f"<em>{escape(s['any_answer'])}</em>"
    else:
        joiner = " / "  # as the walkthrough page's route list: no mutation after "neu" to get wrong
        answers = joiner.join(
            f"<strong>{to_html(branch_label(node, branch, language))}</strong>"
            for branch in condition.branches
        )
    return f"<li>{to_html(node.asks[language])} {answers}</li>"


def _routes_html(tree: Tree, case_set: CaseSet, language: Language, links: PackLinks, s: dict) -> str:
    rows = []
    for entry in route_table(tree):
        outcome = tree.nodes[entry.outcome]
        answers = "".join(_condition(tree, condition, language, s) for condition in entry.conditions)
        rows.append(
            f'<tr class="trainers-pack__route-row" data-outcome="{escape(outcome.id)}">'
            f'<td {_label(s, "routes_answers")}><ul class="trainers-pack__routes">{answers}</ul></td>'
            f"<td {_label(s, 'routes_outcome')}>{outcome_label(tree, outcome, language)}</td>"
            f"<td {_label(s, 'routes_reason')}>{to_html(case_set.reasons[outcome.id][language])}</td>"
            f"<td {_label(s, 'routes_policy')}>{_cites(outcome.cites, language, links)}</td></tr>"
        )
    return (
        f'<section class="trainers-pack__section trainers-pack__routes-section" aria-labelledby="{pack_anchor("routes")}">'
        f'<h2 id="{pack_anchor("routes")}">{escape(s["routes"])}</h2><p>{escape(s["routes_hint"])}</p>'
        '<table class="trainers-pack__table trainers-pack__route-table"><thead><tr>'
        + "".join(
            f'<th scope="col">{escape(s[key])}</th>'
            for key in ("routes_answers", "routes_outcome", "routes_reason", "routes_policy")
        )
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _handouts_html(tree: Tree, case_set: CaseSet, numbers: dict, language: Language, s: dict) -> str:
    boxes = []
    for case in case_set.cases:
        story = "".join(f"<p>{to_html(p)}</p>" for p in case.story.paragraphs(language))
        choices = "".join(f"<li>{outcome_label(tree, tree.nodes[o], language)}</li>" for o in case.choices)
        boxes.append(
            f'<article class="trainers-pack__handout" data-case="{escape(case.id)}">'
            f"<h3>{_case_name(case, numbers[case.id], language)}</h3>{story}"
            f'<p class="trainers-pack__label">{escape(s["handout_ask"])}</p>'
            f'<ul class="trainers-pack__tick">{choices}</ul></article>'
        )
    return (
        f'<section class="trainers-pack__section trainers-pack__handouts" aria-labelledby="{pack_anchor("handouts")}">'
        f'<h2 id="{pack_anchor("handouts")}">{escape(s["handouts"])}</h2><p>{escape(s["handouts_hint"])}</p>'
        + "".join(boxes)
        + "</section>"
    )


def _answer_key_html(
    tree: Tree, case_set: CaseSet, numbers: dict, language: Language, links: PackLinks, s: dict
) -> str:
    entries = []
    for case in case_set.cases:
        given = "".join(
            f"<li>{to_html(question)} <strong>{to_html(answer)}</strong></li>"
            for question, answer in answer_lines(tree, case, language)
        )
        discussion = "".join(f"<li>{to_html(point[language])}</li>" for point in case.discussion)
        entries.append(
            f'<article class="trainers-pack__key" data-case="{escape(case.id)}">'
            f"<h3>{_case_name(case, numbers[case.id], language)}</h3>"
            f'<p class="trainers-pack__answer"><span class="trainers-pack__label">{escape(s["answer"])}:</span> '
            f"{outcome_label(tree, tree.nodes[case.outcome], language)}</p>"
            f'<p class="trainers-pack__label">{escape(s["answers_given"])}</p><ul>{given}</ul>'
            f'<p class="trainers-pack__label">{escape(s["where_policy_says"])}</p>{_cites(case.cites, language, links)}'
            f'<p class="trainers-pack__label">{escape(s["discuss"])}</p><ul>{discussion}</ul></article>'
        )
    return (
        f'<section class="trainers-pack__section trainers-pack__answer-key" aria-labelledby="{pack_anchor("answer-key")}">'
        f'<h2 id="{pack_anchor("answer-key")}">{escape(s["answer_key"])}</h2>'
        + "".join(entries)
        + "</section>"
    )
