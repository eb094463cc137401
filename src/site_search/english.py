"""English word families for search: "policy" finds "policies", "tweeting" finds "tweeted".

lunr's own English stemmer cannot be used with Material for MkDocs: Material searches every query
word as a prefix ("policy*"), and lunr does not stem a prefix, so with the stemmer on, "policy",
"policies", "councillors" and "tweeted" found nothing at all (checked in Chromium on this site).
Instead each word is stored with the other words of the site that share its Snowball stem, so the
reader's word is found as written, whatever inflection the page uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import snowballstemmer

_MIN_LENGTH = 3  # "a", "an", "is": nothing to gain, and their stems tie unrelated words


def family_finder(vocabulary: Iterable[str]) -> Callable[[str], set[str]]:
    """A function giving, for a word, every word of `vocabulary` with the same English stem."""
    stem = snowballstemmer.stemmer("english").stemWord
    by_stem: dict[str, set[str]] = defaultdict(set)
    stems: dict[str, str] = {}
    for word in set(vocabulary):
        if len(word) >= _MIN_LENGTH and word.isalpha():
            stems[word] = stem(word)
            by_stem[stems[word]].add(word)

    def family(word: str) -> set[str]:
        found = by_stem.get(stems.get(word, ""), set())
        return found | {word}

    return family
