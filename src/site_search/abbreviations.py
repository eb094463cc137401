"""Abbreviations from the site's term list, so that "FOI" finds "Freedom of Information".

translation/terms.yml already pairs each abbreviation with its words ("Freedom of Information (FOI)",
"EAS (Education Achievement Service)"). A page that uses the words is found by the abbreviation and
the other way round, in each language: the Welsh pages say "Rhyddid Gwybodaeth", and a Welsh reader
who types "FOI" finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_search.text import words

_WORDS_THEN_ABBREVIATION = re.compile(r"^(?P<words>.+?)\s*\((?P<abbr>[A-Z][A-Za-z]*[A-Z])\)$")
_ABBREVIATION_THEN_WORDS = re.compile(r"^(?P<abbr>[A-Z][A-Za-z]*[A-Z])\s*\((?P<words>[^)]+)\)$")


@dataclass(frozen=True)
class Abbreviation:
    abbreviation: str  # lower-case, as search sees it
    words: tuple[str, ...]  # lower-case words, in order


def _split(term: str) -> tuple[str, str] | None:
    for pattern in (_WORDS_THEN_ABBREVIATION, _ABBREVIATION_THEN_WORDS):
        match = pattern.match(term.strip())
        if match:
            return match["abbr"], match["words"]
    return None


def read_abbreviations(terms_file: Path) -> dict[str, list[Abbreviation]]:
    """Per language ("en", "cy"), every abbreviation of the term list with its words in that language."""
    try:
        data = yaml.safe_load(terms_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{terms_file}: cannot read the term list: {exc}") from None
    found: dict[str, list[Abbreviation]] = {"en": [], "cy": []}
    for group in data.values():
        for term in group if isinstance(group, list) else []:
            english = _split(str(term.get("en", "")))
            if not english:
                continue
            abbr, english_words = english
            found["en"].append(Abbreviation(abbr.lower(), tuple(words(english_words))))
            welsh = str(term.get("cy", ""))
            welsh_split = _split(welsh)
            welsh_words = welsh_split[1] if welsh_split and welsh_split[0] == abbr else welsh
            if welsh_words and words(welsh_words) != [abbr.lower()]:
                found["cy"].append(Abbreviation(abbr.lower(), tuple(words(welsh_words))))
    return found
