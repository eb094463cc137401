"""The site's languages, declared once. Every list of them (the tree format, citations, language
marks, the hooks, the tests) is this one; mkdocs.yml's i18n languages must match it (a test checks).

A leaf module with no imports from the project, so both packages can use it without an import cycle
(decision_trees' renderers use site_translations' language marks, which need this list)."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["en", "cy"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"  # at the site's root; the others under /<language>/


def language(code: str) -> Language:
    """`code` as one of the site's languages (for a code read from configuration, such as the i18n
    plugin's); a ValueError for any other."""
    for known in LANGUAGES:
        if code == known:
            return known
    raise ValueError(f"{code!r} is not one of the site's languages ({', '.join(LANGUAGES)})")
