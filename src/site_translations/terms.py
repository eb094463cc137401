"""The term list (translation/terms.yml) applied to aligned English and Welsh.

- aligned pairs: when the English of a string or paragraph holds a listed term, its Welsh holds the
  listed Welsh (mutated as the grammar needs: "polisi", "bolisi", "mholisi", "pholisi");
- variants to avoid (`avoid:`) appear nowhere in Welsh text.

How a term is found: the English term without its bracketed note ("Clerk (of a committee)" ->
"Clerk"), with a plural or verb ending; an abbreviation in brackets counts too ("Freedom of
Information (FOI)"); alternatives are split at " / " and ", ". In the Welsh, any alternative or its
`forms` count, in any mutation, with any ending ("cyfrif" finds "cyfrifon"). A longer term
found in the English hides the shorter ones inside it ("web and communications team" is not also
"Communications team"). Editor's notes, which quote the English source, are not compared. An
entry can say more:

    forms: [cynghorwyr]                 # other Welsh forms that count (plurals, possessives)
    not_in: [makes laws]                # English phrases where the word has another sense
    match: {en: [...], cy: [...]}       # say exactly what finds the term, instead
    aligned: false                      # the English word has senses no one Welsh term covers
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .welsh_sources import Passage

TERMS = Path("translation") / "terms.yml"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_BRACKETS = re.compile(r"\s*\(([^)]*)\)")
_ABBREVIATION = re.compile(r"^[A-Z]{2,}$")
_SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "ll": "l", "m": "f", "rh": "r"}
_NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
_ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}


@dataclass(frozen=True)
class Term:
    en: str  # as listed
    cy: str
    line: int
    english: tuple[str, ...]  # what finds it in English
    welsh: tuple[str, ...]  # any of these in the Welsh (before mutation)
    avoid: tuple[str, ...] = ()
    aligned: bool = True
    not_in: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Lower case, without diacritics, one kind of apostrophe: "Polisïau" -> "polisiau"."""
    text = unicodedata.normalize("NFD", text.replace("\u2019", "'").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _alternatives(text: str, english: bool) -> list[str]:
    found = []
    for bracketed in _BRACKETS.findall(text):
        if _ABBREVIATION.match(bracketed.strip()):
            found.append(bracketed.strip())
    for part in re.split(r"\s*/\s*|,\s+", _BRACKETS.sub("", text)):
        part = part.strip()
        if not english:
            part = re.sub(r"^(y|yr)\s+", "", part, flags=re.I)
        if part:
            found.append(part)
    return found


def load_terms(path: Path = TERMS) -> list[Term]:
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    if root is None:
        raise ValueError(f"{path}: the terms file is empty")
    terms = []
    for _, group in root.value:
        for entry_node in group.value:
            entry = yaml.safe_load(yaml.serialize(entry_node))
            match = entry.get("match") or {}
            forms = entry.get("forms") or []
            forms = [forms] if isinstance(forms, str) else list(forms)
            terms.append(
                Term(
                    en=entry["en"],
                    cy=entry["cy"],
                    line=entry_node.start_mark.line + 1,
                    english=tuple(match.get("en") or _alternatives(entry["en"], english=True)),
                    welsh=tuple(match.get("cy") or _alternatives(entry["cy"], english=False) + forms),
                    avoid=tuple(entry.get("avoid") or ()),
                    aligned=entry.get("aligned", True),
                    not_in=tuple(entry.get("not_in") or ()),
                )
            )
    return terms


def _english_pattern(term: Term) -> re.Pattern:
    words = []
    for variant in term.english:
        body = r"[\s-]+".join(re.escape(fold(w)) for w in variant.split())
        # A plural or verb ending on the last word: accounts, policies, tweeted, tweeting.
        body = re.sub(r"y$", "(?:y|ies)", body) if body.endswith("y") else body
        words.append(body + r"(?:s|es|'s|s'|ed|d|ing)?")
    return re.compile(r"(?<![\w@])(?:" + "|".join(words) + r")(?![\w])")


def _mutations(word: str) -> set[str]:
    forms = {word}
    for table in (_SOFT, _NASAL, _ASPIRATE):
        for radical, mutated in table.items():
            if word.startswith(radical) and not (radical == "c" and word.startswith("ch")):
                forms.add(mutated + word[len(radical) :])
    if word[:1] in "aeiouwy":
        forms.add("h" + word)  # ei henw, ei hadolygu
    return forms


def _welsh_pattern(term: Term) -> re.Pattern:
    options = set()
    for variant in term.welsh:
        folded = fold(variant)
        for form in _mutations(folded):
            # Between the words: a clitic, and one more word ("sianeli'r cyfryngau cymdeithasol",
            # "cyfarfodydd swyddogol o'r cyngor").
            options.add(r"(?:'r)?\s+(?:[\w']+\s+)?".join(re.escape(w) for w in form.split()))
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(options, key=len, reverse=True)) + ")")


def _longest_first(term: Term) -> int:
    return -max(len(v) for v in term.english)


def aligned_problems(passages: Iterable[Passage], terms: list[Term]) -> list[Problem]:
    """A listed term in the English of a passage, and not its Welsh in the Welsh."""
    patterns = [
        (t, _english_pattern(t), _welsh_pattern(t), [fold(p) for p in t.not_in])
        for t in sorted(terms, key=_longest_first)
        if t.aligned and t.english and t.welsh
    ]
    problems = []
    for passage in passages:
        if not passage.en or not passage.cy.strip() or "editor's note" in passage.where:
            continue
        # An interface string's {placeholders} are not words ("{step}" is no step).
        english = re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", fold(passage.en)))
        welsh = _PLACEHOLDER.sub(" ", fold(passage.cy_with_english or passage.cy))
        for term, en_pattern, cy_pattern, not_in in patterns:
            for phrase in not_in:
                english = english.replace(phrase, " " * len(phrase))
            found = en_pattern.search(english)
            if found:  # a shorter term inside this one is not looked for again
                english = en_pattern.sub(lambda m: " " * len(m.group(0)), english)
            if found and any(fold(v) in welsh for v in term.avoid):
                continue  # avoided_problems names the variant used
            if found and not cy_pattern.search(welsh):
                wanted = " / ".join(term.welsh)
                problems.append(
                    Problem(
                        "term",
                        passage.file,
                        passage.line,
                        f"{passage.where}: the English has \u201c{found.group(0)}\u201d, the Welsh lacks "
                        f"\u201c{wanted}\u201d (terms.yml:{term.line}, mutated as needed)",
                        passage.node,
                    )
                )
    return problems


def avoided_problems(passages: Iterable[Passage], terms: list[Term]) -> list[Problem]:
    """A variant the term list says to avoid, anywhere in Welsh text."""
    problems = []
    for term in terms:
        for variant in term.avoid:
            pattern = re.compile(r"(?<![\w])" + re.escape(fold(variant)).replace(r"\ ", r"\s+") + r"(?![\w])")
            for passage in passages:
                found = pattern.search(fold(passage.cy))
                if found:
                    problems.append(
                        Problem(
                            "term",
                            passage.file,
                            passage.line_at(found.start()),
                            f"{passage.where}: \u201c{variant}\u201d is listed to avoid: use "
                            f"\u201c{term.cy}\u201d (terms.yml:{term.line})",
                            passage.node,
                        )
                    )
    return problems
