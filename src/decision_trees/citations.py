"""Citations: every cited page and heading id exists in both languages.

`citation_problems` checks one citation and says what is wrong with it; `check_citations` applies
it to every citation of a tree. Other files that cite the policies (the comparison) use the first.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .errors import TreeError, shown
from .model import Tree
from .policy_pages import PolicyPages

# A page is a Markdown file below docs/<language>/: never an absolute path or one that climbs out
# with '..', which would read (and choke on) any file on the machine.
_PAGE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\.md")
LANGUAGES = ("en", "cy")


def _safe_page(page: str) -> bool:
    return _PAGE.fullmatch(page) is not None and ".." not in PurePosixPath(page).parts


def citation_problems(
    page: str, section: str | None, pages: PolicyPages, what: str = "citation page"
) -> list[str]:
    """What is wrong with citing `section` of `page` (or the page alone, when section is None),
    one message per problem and language; empty when it resolves in both languages."""
    if not _safe_page(page):
        return [
            f"{what} {shown(page)} must be a Markdown page under docs/<language>/, "
            "such as policies/assembly.md"
        ]
    problems = []
    for language in LANGUAGES:
        sections = pages.sections(language, page)
        if sections is None:
            problems.append(f"{what} {shown(page)} does not exist in docs/{language}/")
        elif section is not None and section not in sections:
            problems.append(f"citation section '{section}' is not a heading id of docs/{language}/{page}")
    return problems


def check_citations(tree: Tree, pages: PolicyPages) -> list[TreeError]:
    errors = []
    for node in tree.nodes.values():
        cites = list(node.cites) + [c for a in node.choices for c in a.cites]
        for cite in cites:
            for problem in citation_problems(cite.page, cite.section, pages):
                errors.append(TreeError(tree.file, cite.line, problem, node.id))
    return errors
