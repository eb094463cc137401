"""The policy pages' sections, read from the Markdown sources, so citations can be checked and
labelled without building the site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .limits import MAX_PAGE_BYTES
from .loader import read_file

if TYPE_CHECKING:
    from .tree_format import Language

# A heading with an explicit id, "## Live tweeting {#live-tweeting}" (the braces may hold classes
# too): group 1 is its text, group 2 its id. The one reading of headings for the whole project:
# citations here, and the translation checks in site_translations.
HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*\{[^}\n]*#([A-Za-z0-9_-]+)[^}\n]*\}[ \t\r]*$", re.M)
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def without_code_blocks(markdown: str) -> str:
    """The Markdown with each fenced code block blanked, line for line, so line numbers still hold:
    a heading shown as an example in a code block is not a heading."""
    return _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)


def headings(markdown: str) -> list[tuple[str, str]]:
    """(id, text) of every heading with an explicit id, in document order, outside code blocks.
    Emphasis and code marks are dropped from the text."""
    return [
        (match.group(2), re.sub(r"[*_`]", "", match.group(1)).strip())
        for match in HEADING.finditer(without_code_blocks(markdown))
    ]


class PolicyPages:
    """Heading ids and titles of every page under docs/<language>/."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = Path(docs_dir)
        self._sections: dict[tuple[str, str], dict[str, str] | None] = {}

    def sections(self, language: Language, page: str) -> dict[str, str] | None:
        """{heading id: heading text} for a page, or None if the page does not exist. Read once."""
        key = (language, page)
        if key not in self._sections:
            self._sections[key] = self._read_sections(language, page)
        return self._sections[key]

    def _read_sections(self, language: Language, page: str) -> dict[str, str] | None:
        path = self.docs_dir / language / page
        if not path.exists():
            return None
        # Read as carefully as a tree: the page's name comes from a tree file.
        raw = read_file(path, str(path), MAX_PAGE_BYTES, follow_links=True)
        return dict(headings(raw.decode("utf-8", "replace")))

    def page_title(self, language: Language, page: str) -> str:
        sections = self.sections(language, page) or {}
        return next(iter(sections.values()), page)

    def section_title(self, language: Language, page: str, section: str) -> str:
        return (self.sections(language, page) or {}).get(section, section)
