"""The site's interface wording, one file per language: translation/strings/{en,cy}.yml.

The walkthroughs' wording ships with the tree compiler (src/decision_trees/strings/); everything
else the site itself puts on a page (the unreviewed-translation notice, the footer, the heading
link and footnote tooltips) lives here, next to the term list the translators already keep. Hooks
and templates read it; none of them holds wording of its own (tests/test_welsh_language.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .lang_spans import to_html

SITE_STRINGS = Path("translation") / "strings"


class StringsError(Exception):
    """A strings file is missing, is not a mapping of keys to text, or lacks a key."""


@cache
def _load(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise StringsError(f"{path}: no interface strings for this language")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise StringsError(f"{path}: must be a mapping of keys to text")
    return {str(k): v.strip() for k, v in data.items()}


def site_strings(root: Path, language: str) -> dict[str, str]:
    """The site's wording in one language (keys as in the files)."""
    return dict(_load(Path(root) / SITE_STRINGS / f"{language}.yml"))


def as_html(strings: dict[str, str]) -> dict[str, str]:
    """The same wording as escaped HTML, with words in another language in <span lang>."""
    return {key: to_html(value) for key, value in strings.items()}


def string(strings: dict[str, str], key: str, path: str = "translation/strings") -> str:
    if key not in strings:
        raise StringsError(f"{path}: no key '{key}'")
    return strings[key]
