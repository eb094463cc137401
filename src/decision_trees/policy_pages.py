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

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)


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
        text = _FENCE.sub("", raw.decode("utf-8", "replace"))
        out = {}
        for line in text.splitlines():
            match = _HEADING.match(line)
            if match:
                out[match.group(3)] = re.sub(r"[*_`]", "", match.group(2)).strip()
        return out

    def page_title(self, language: Language, page: str) -> str:
        sections = self.sections(language, page) or {}
        return next(iter(sections.values()), page)

    def section_title(self, language: Language, page: str, section: str) -> str:
        return (self.sections(language, page) or {}).get(section, section)
