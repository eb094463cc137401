"""One search index per language, each with the other forms of its words.

Material for MkDocs loads `search/search_index.json` beside its base URL, and the i18n plugin leaves
one index holding both languages. `split` makes one index per language (the Welsh one under `cy/`,
with addresses relative to it), and `add_forms` stores with every entry the other forms of its
words in two fields the browser indexes but never shows: `title_forms` and `text_forms`, weighted
like the title and the text. A Welsh reader's "nghyngor" then finds a page that says "cyngor".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TypeVar

from site_search import english, welsh
from site_search.abbreviations import Abbreviation
from site_search.text import SEPARATOR, words

TITLE_BOOST = 1000.0  # Material's own weights for a title and for text
TEXT_BOOST = 1.0


@dataclass(frozen=True)
class LanguageSearch:
    """How one language is searched in the browser."""

    lang: str  # lunr's language: Material loads no extra script for "en"
    pipeline: tuple[str, ...]  # lunr's functions kept: trimmer, stopWordFilter (stemmer: see english.py)


LANGUAGES = {
    # English stop words suit English; lunr's stemmer does not work with Material's prefix queries
    # (english.py), so inflections come from the forms fields instead.
    "en": LanguageSearch(lang="en", pipeline=("trimmer", "stopWordFilter")),
    # No lunr function suits Welsh: the English stop words include Welsh words ("a", "i", "yn"), the
    # English stemmer mangles Welsh, and the trimmer strips Welsh letters with accents ("ôl" -> "l").
    # No Welsh stop words either: they cannot be given to Material without forking its search.
    "cy": LanguageSearch(lang="en", pipeline=()),
}


# A language code: the site's Language where the caller has one, so what comes back is one too.
L = TypeVar("L", bound=str)


def language_of(location: str, languages: Iterable[L], default: L) -> L:
    """The language of a search entry from its address: `cy/...` is Welsh, the rest the default."""
    first = location.split("/", 1)[0]
    return next((language for language in languages if language == first and language != default), default)


def split(entries: Iterable[dict], languages: Iterable[L], default: L) -> dict[L, list[dict]]:
    """The entries of each language, with addresses relative to that language's home."""
    languages = list(languages)
    found: dict[L, list[dict]] = {language: [] for language in languages}
    for entry in entries:
        language = language_of(entry["location"], languages, default)
        entry = dict(entry)
        if language != default:
            entry["location"] = entry["location"][len(language) + 1 :]
        found[language].append(entry)
    return found


def _with_abbreviations(
    found: list[str], families: dict[str, AbstractSet[str]], abbreviations: Iterable[Abbreviation]
) -> set[str]:
    """Abbreviations whose words occur in order in `found` (any form of each), and the other way round."""
    extra: set[str] = set()
    for abbreviation in abbreviations:
        if abbreviation.abbreviation in families:
            extra.update(abbreviation.words)
        n, first = len(abbreviation.words), abbreviation.words[0]
        for start in range(len(found) - n + 1):
            if first in families[found[start]] and all(
                abbreviation.words[i] in families[found[start + i]] for i in range(1, n)
            ):
                extra.add(abbreviation.abbreviation)
                break
    return extra


def other_forms(
    markup: str, family: Callable[[str], AbstractSet[str]], abbreviations: Iterable[Abbreviation] = ()
) -> str:
    """The forms a reader may search for that `markup` does not literally hold, sorted, one string."""
    found = words(markup)
    families = {w: family(w) for w in set(found)}
    forms = set().union(*families.values())
    forms |= _with_abbreviations(found, families, abbreviations)
    return " ".join(sorted(forms - families.keys()))


def add_forms(
    entries: list[dict], family: Callable[[str], AbstractSet[str]], abbreviations: Iterable[Abbreviation] = ()
) -> None:
    """Give each entry `title_forms` and `text_forms` (left out when empty)."""
    abbreviations = list(abbreviations)
    for entry in entries:
        for field in ("title", "text"):
            forms = other_forms(entry.get(field, ""), family, abbreviations)
            if forms:
                entry[f"{field}_forms"] = forms


def family_for(language: str, entries: list[dict]) -> Callable[[str], AbstractSet[str]]:
    if language == "cy":
        return welsh.family
    if language == "en":
        vocabulary = [w for e in entries for field in ("title", "text") for w in words(e.get(field, ""))]
        return english.family_finder(vocabulary)
    raise ValueError(f"no search settings for language {language!r}: add it to site_search.index.LANGUAGES")


def search_index(language: str, entries: list[dict], fields: dict) -> dict:
    """The search index Material's browser code reads, for one language."""
    if language not in LANGUAGES:
        raise ValueError(
            f"no search settings for language {language!r}: add it to site_search.index.LANGUAGES"
        )
    settings = LANGUAGES[language]
    fields = dict(fields)
    fields.setdefault("title", {"boost": TITLE_BOOST})
    fields.setdefault("text", {"boost": TEXT_BOOST})
    fields["title_forms"] = {"boost": fields["title"]["boost"]}
    fields["text_forms"] = {"boost": fields["text"]["boost"]}
    config = {
        "lang": [settings.lang],
        "separator": SEPARATOR,
        "pipeline": list(settings.pipeline),
        "fields": fields,
    }
    return {"config": config, "docs": entries}
