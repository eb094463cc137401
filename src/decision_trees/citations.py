"""Where a tree meets the pages: every cited page and heading id exists in both languages, each
citation is written in one form, and the ids the walkthrough puts on its own page are not already
taken by that page's headings.

`citation_problems` checks one citation and says what is wrong with it, each problem with its error
code; `check_citations` applies it to every citation of a tree. Other files that cite the policies
(the comparison, the practice cases) use the first."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .errors import TreeError, quote_value
from .model import Citation, Node, Tree
from .page_names import WALKTHROUGH_PAGE
from .policy_pages import PolicyPages
from .render_html import page_ids
from .tree_format import LANGUAGES

# A page is a Markdown file below docs/<language>/: never an absolute path or one that climbs out
# with '..', which would read (and choke on) any file on the machine.
_PAGE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\.md")


def _safe_page(page: str) -> bool:
    return _PAGE.fullmatch(page) is not None and ".." not in PurePosixPath(page).parts


def _normal_form(page: str) -> str:
    """policies/assembly.md for ./policies/assembly.md, policies//assembly.md or policies/./assembly.md:
    the one form the back-links from policy sections to walkthroughs are keyed on."""
    return "/".join(part for part in page.split("/") if part not in ("", "."))


def _path_problem(page: str, what: str, own_page: str | None) -> tuple[str, str] | None:
    normal = _normal_form(page)
    if normal != page and _safe_page(normal):
        return "citation-path", f"{what} {quote_value(page)} must be written {quote_value(normal)}"
    if not _safe_page(page):
        return "citation-path", (
            f"{what} {quote_value(page)} must be a Markdown page under docs/<language>/, such as policies/assembly.md"
        )
    if page == own_page:
        return "citation-walkthrough", (
            f"{what} {quote_value(page)} is this walkthrough's own page: cite the policy section the answer rests on"
        )
    if page.startswith(WALKTHROUGH_PAGE.split("{")[0]):
        return "citation-walkthrough", (
            f"{what} {quote_value(page)} is a walkthrough, not a policy: cite the policy section the answer rests on"
        )
    return None


def citation_problems(
    page: str,
    section: str | None,
    pages: PolicyPages,
    what: str = "citation page",
    own_page: str | None = None,
) -> list[tuple[str, str]]:
    """What is wrong with citing `section` of `page` (or the page alone, when section is None), as
    (error code, message), one per problem and language; empty when it resolves in both languages.
    `own_page` is the citing walkthrough's page, which a citation may not point back at."""
    problem = _path_problem(page, what, own_page)
    if problem:
        return [problem]
    problems = []
    for language in LANGUAGES:
        sections = pages.sections(language, page)
        if sections is None:
            problems.append(
                ("citation-page", f"{what} {quote_value(page)} does not exist in docs/{language}/")
            )
        elif section is not None and section not in sections:
            problems.append(
                (
                    "citation-section",
                    f"citation section '{section}' is not a heading id of docs/{language}/{page}",
                )
            )
    return problems


def _cites(node: Node) -> list[Citation]:
    return list(node.cites) + [c for choice in node.choices for c in choice.cites]


def check_citations(tree: Tree, pages: PolicyPages) -> list[TreeError]:
    own_page = WALKTHROUGH_PAGE.format(tree=tree.id)
    return [
        TreeError(tree.file, cite.line, message, node.id, code=code)
        for node in tree.nodes.values()
        for cite in _cites(node)
        for code, message in citation_problems(cite.page, cite.section, pages, own_page=own_page)
    ]


def check_page_ids(tree: Tree, pages: PolicyPages, id_line: int | None) -> list[TreeError]:
    """The walkthrough's ids (the tree's own, and TREE--NODE for each node) against the heading ids
    of its page, walkthroughs/<tree>.md, where that page exists: a duplicate id breaks its links."""
    page = WALKTHROUGH_PAGE.format(tree=tree.id)
    where: dict[str, tuple[int | None, str | None]] = {tree.id: (id_line, None)}
    where.update({f"{tree.id}--{n.id}": (n.line, n.id) for n in tree.nodes.values()})
    taken: dict[str, list[str]] = {}
    for language in LANGUAGES:
        headings = pages.sections(language, page) or {}
        for page_id in page_ids(tree, trainer=False) + page_ids(tree, trainer=True):
            if page_id in headings:
                taken.setdefault(page_id, []).append(f"docs/{language}/{page}")
    errors = []
    for page_id, found_in in taken.items():
        line, node = where.get(page_id, (id_line, None))
        errors.append(
            TreeError(
                tree.file,
                line,
                f"id '{page_id}', which the walkthrough puts on its page, is already the id of a heading "
                f"of {' and '.join(found_in)}: rename the {'node' if node else 'tree'} or the heading",
                node,
                code="id-collision",
            )
        )
    return errors
