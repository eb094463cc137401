"""English word families for search: "policy" finds "policies", "tweeting" finds "tweeted".

lunr's own English stemmer cannot be used with Material for MkDocs: Material searches every query
word as a prefix ("policy*"), and lunr does not stem a prefix, so with the stemmer on, "policy",
"policies", "councillors" and "tweeted" found nothing at all (checked in Chromium on this site).
Instead each word is stored with the other words of the site that share its inflection key, so the
reader's word is found as written, whatever inflection the page uses.

The key strips inflections only (plural -s/-es/-ies, -ed, -ing), not derivations: a full stemmer
such as Porter's also joins "general" to "generate" and "organ" to "organisation".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

_SHORTEST_KEY = 3
_SIBILANT = ("s", "x", "z", "ch", "sh")


def _strip(word: str, suffix: str, replacement: str = "") -> str | None:
    stem = word[: -len(suffix)]
    if word.endswith(suffix) and len(stem) >= _SHORTEST_KEY and any(c in "aeiouy" for c in stem):
        return stem + replacement
    return None


def inflection_key(word: str) -> str:
    """What an English word's inflections have in common: policy, policies -> "policy"; tweet,
    tweets, tweeted, tweeting -> "tweet"; make, making -> "mak"; stop, stopping -> "stop"."""
    key = word
    if not word.endswith(("ss", "us", "is")):
        key = (
            _strip(word, "ies", "y")
            or (word[:-2].endswith(_SIBILANT) and _strip(word, "es"))
            or _strip(word, "s")
            or word
        )
    key = _strip(key, "ied", "y") or _strip(key, "ing") or _strip(key, "ed") or key
    if len(key) > _SHORTEST_KEY and key[-1] == key[-2] and key[-1] not in "aeiou":
        key = key[:-1]  # stopping -> stop, called -> cal (and call -> cal)
    if len(key) > _SHORTEST_KEY and key.endswith("e"):
        key = key[:-1]  # make -> mak, as making -> mak
    return key


def family_finder(vocabulary: Iterable[str]) -> Callable[[str], frozenset[str]]:
    """A function giving, for a word, every word of `vocabulary` with the same inflection key."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for word in set(vocabulary):
        if len(word) >= _SHORTEST_KEY and word.isalpha():
            by_key[inflection_key(word)].add(word)
    families = {word: frozenset(words) for words in by_key.values() for word in words}

    def family(word: str) -> frozenset[str]:
        return families.get(word) or frozenset((word,))

    return family
