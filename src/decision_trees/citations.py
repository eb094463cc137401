"""Citations: every cited page and heading id exists in both languages."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .errors import TreeError, shown
from .model import Tree
from .policy_pages import PolicyPages

# A page is a Markdown file below docs/<language>/: never an absolute path or one that climbs out
# with '..', which would read (and choke on) any file on the machine.
_PAGE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\.md")


def _safe_page(page: str) -> bool:
    return _PAGE.fullmatch(page) is not None and ".." not in PurePosixPath(page).parts


def check_citations(tree: Tree, pages: PolicyPages) -> list[TreeError]:
    errors = []
    for node in tree.nodes.values():
        cites = list(node.cites) + [c for a in node.choices for c in a.cites]
        for cite in cites:
            if not _safe_page(cite.page):
                errors.append(
                    TreeError(
                        tree.file,
                        cite.line,
                        f"citation page {shown(cite.page)} must be a Markdown page "
                        "under docs/<language>/, such as policies/assembly.md",
                        node.id,
                    )
                )
                continue
            for language in ("en", "cy"):
                sections = pages.sections(language, cite.page)
                if sections is None:
                    errors.append(
                        TreeError(
                            tree.file,
                            cite.line,
                            f"citation page {shown(cite.page)} does not exist in docs/{language}/",
                            node.id,
                        )
                    )
                elif cite.section not in sections:
                    errors.append(
                        TreeError(
                            tree.file,
                            cite.line,
                            f"citation section '{cite.section}' is not a heading id of docs/{language}/{cite.page}",
                            node.id,
                        )
                    )
    return errors
