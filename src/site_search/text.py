"""Words as the browser's search sees them: the same separator on both sides."""

from __future__ import annotations

import html
import re

# Written into each search index, so the browser (Material's lunr) splits words exactly as the build
# does. Punctuation separates words instead of lunr's trimmer, which strips every non-ASCII letter
# at a word's edge ("ôl" became "l", "tŷ" became "t"). No "u" flag in the browser: plain classes only.
# lunr's query syntax (+ * ~ ^) is left out, so a query still reads as Material expects.
SEPARATOR = r"""[\s\-,.;:!?()\[\]{}"“”‘’'«»/…&<>|=]+"""
_SPLIT = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]*>")


def words(markup: str) -> list[str]:
    """The lower-case words of a search entry's title or text (which may hold a little HTML)."""
    text = html.unescape(_TAG.sub(" ", markup)).lower()
    return [w for w in _SPLIT.split(text) if w]
