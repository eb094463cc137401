"""Where a tree meets the pages: every cited page and heading id exists in both languages, each
citation is written in one form, and the ids the walkthrough puts on its own page are not already
taken by that page's headings."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .errors import TreeError, shown
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


def _path_problem(tree: Tree, page: str) -> tuple[str, str] | None:
    normal = _normal_form(page)
    if normal != page and _safe_page(normal):
        return "citation-path", f"citation page {shown(page)} must be written {shown(normal)}"
    if not _safe_page(page):
        return "citation-path", (
            f"citation page {shown(page)} must be a Markdown page under docs/<language>/, "
            "such as policies/assembly.md"
        )
    if page == WALKTHROUGH_PAGE.format(tree=tree.id):
        return "citation-walkthrough", (
            f"citation page {shown(page)} is this walkthrough's own page: cite the policy section "
            "the answer rests on"
        )
    if page.startswith(WALKTHROUGH_PAGE.split("{")[0]):
        return "citation-walkthrough", (
            f"citation page {shown(page)} is a walkthrough, not a policy: cite the policy section "
            "the answer rests on"
        )
    return None


def _cites(node: Node) -> list[Citation]:
    return list(node.cites) + [c for choice in node.choices for c in choice.cites]


def check_citations(tree: Tree, pages: PolicyPages) -> list[TreeError]:
    errors = []
    for node in tree.nodes.values():
        for cite in _cites(node):
            problem = _path_problem(tree, cite.page)
            if problem:
                errors.append(TreeError(tree.file, cite.line, problem[1], node.id, code=problem[0]))
                continue
            for language in LANGUAGES:
                sections = pages.sections(language, cite.page)
                if sections is None:
                    errors.append(
                        TreeError(
                            tree.file,
                            cite.line,
                            f"citation page {shown(cite.page)} does not exist in docs/{language}/",
                            node.id,
                            code="citation-page",
                        )
                    )
                elif cite.section not in sections:
                    errors.append(
                        TreeError(
                            tree.file,
                            cite.line,
                            f"citation section '{cite.section}' is not a heading id of docs/{language}/{cite.page}",
                            node.id,
                            code="citation-section",
                        )
                    )
    return errors


def check_page_ids(tree: Tree, pages: PolicyPages, id_line: int | None) -> list[TreeError]:
    """The walkthrough's ids (the tree's own, and TREE--NODE for each node) against the heading ids
    of its page, walkthroughs/<tree>.md, where that page exists: a duplicate id breaks its links."""
    page = WALKTHROUGH_PAGE.format(tree=tree.id)
    where = {tree.id: (id_line, None)}
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
