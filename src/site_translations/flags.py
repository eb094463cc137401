"""Flags for a human: patterns where Welsh translations often go wrong, which a machine can point
at but not judge. They are printed (`python -m site_translations flags`, and in the test output),
never fail a build: each one needs a Welsh speaker to read the sentence against its English.

- negation with *unrhyw*: "Os nad yw unrhyw eitem yn wir" says "if NO item is true"; the English
  "if any item is not true" needs "os nad yw un neu ragor o'r eitemau'n wir";
- modal drift: the English "must (not)" against a Welsh "dylai/dylid" (should), "should" against
  "rhaid" (must), "may" against an obligation;
- negative clauses joined with *neu*: after a negative, standard written Welsh joins with *na(c)*
  ("Peidiwch â phostio safbwyntiau na barn"), not *neu*.

Known not to be errors, so not flagged (translation/review-responses.md, "Flags from the checks"):
*na* meaning "than" (*yn hytrach na*, *mwy na*); *un neu ragor* ("one or more"); "cannot" and "may
not" when the Welsh says the same with *gallu* or *efallai* (inability or possibility, not a ban);
*gofynnol* soft-mutated to *ofynnol*; an English "not ... any" (which means "none", as the Welsh
negative with *unrhyw* does).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .problems import Problem
from .terms import fold

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .welsh_sources import Passage

_NEGATIVE = r"(?:nid|nad|ni|na|nac|peidiwch|peidio|heb)"
_UNRHYW = re.compile(rf"\b{_NEGATIVE}\b(?:\s+[\w']+){{0,2}}\s+unrhyw\b")
_ANY_NOT = re.compile(r"\bany\b[^.;:!?]*\b(?:not|n't)\b")
_NEU = re.compile(rf"\b{_NEGATIVE}\b(?:\s+[\w'â]+){{0,8}}?\s+neu\b")
# "na" is also "than": "yn hytrach na mentro golygu neu gamddehongli" has no negative in it.
_THAN = re.compile(r"\b(?:hytrach|mwy|llai|gwell|gwaeth|cynt|amgen)\s+$")
_ONE_OR = re.compile(r"\bun\s+neu$")  # "un neu ragor": "one or more"
_MORE = re.compile(r"\s+ragor\b")
_NOT_BEFORE = re.compile(r"\b(?:not|n't|no)\b")

_EN_MUST_NOT = re.compile(r"\b(?:must not|mustn't)\b")
# "cannot" and "may not" are a ban, or inability ("we cannot check"), or possibility ("it may not be
# appropriate"); a Welsh rendering with gallu or efallai keeps the second and third readings.
_EN_CANNOT = re.compile(r"\b(?:may not|cannot|can't)\b")
_CY_ABLE = re.compile(r"\b(?:all|allwn|allwch|allant|allai|ellir|gall|gallu|modd|efallai)\b")
_EN_MUST = re.compile(r"\b(?:must|have to|has to|required to)\b")
_EN_SHOULD = re.compile(r"\bshould\b")
_EN_MAY = re.compile(r"\b(?:may|can)\b(?! not)")
_CY_OBLIGATION = re.compile(
    r"\b(?:rhaid|gorfod|gofynnol|ofynnol|ni chaiff|ni chewch|ni chant|ni cheir|na chaiff|na chewch)\b"
)
_CY_SHOULD = re.compile(r"\b(?:dylai|dylid|dylech|dylen|dylent|dylem|ddylai|ddylid|ddylech|ddylen|ddylent)\b")
_CY_PERMISSION = re.compile(
    r"\b(?:gall|gallwch|gellir|gallant|gallai|caiff|cewch|ceir|cant|all|allwch|chaiff|chewch)\b"
)


def _words(passage: Passage, match: re.Match[str]) -> str:
    """The words as written (folding keeps positions: one letter for each accented letter)."""
    return " ".join(passage.cy[match.start() : match.end()].split())


def _flag(passage: Passage, offset: int, message: str) -> Problem:
    return Problem("flag", passage.file, passage.line_at(offset), f"{passage.where}: {message}", passage.node)


def _any_then_not(english: str) -> bool:
    """A sentence whose "any" comes before a "not" ("if any item is not true"), and not after one
    ("you did not tick any of them", which means none, as the Welsh negative with unrhyw does)."""
    for sentence in re.split(r"[.;:!?]", english):
        match = _ANY_NOT.search(sentence)
        if match and not _NOT_BEFORE.search(sentence[: match.start()]):
            return True
    return False


def flags(passages: Iterable[Passage]) -> list[Problem]:
    found: list[Problem] = []
    for passage in passages:
        welsh = fold(passage.cy)
        english = fold(passage.en) if passage.en else None
        for match in _UNRHYW.finditer(welsh):
            # With the English to hand, flag only what it contradicts: "any ... not".
            if english is None or _any_then_not(english):
                found.append(
                    _flag(
                        passage,
                        match.start(),
                        f"negation with unrhyw (\u201c{_words(passage, match)}\u201d) means \u201cnone\u201d; does the "
                        "English mean \u201cnot every\u201d (un neu ragor \u2026 ddim)?",
                    )
                )
        for match in _NEU.finditer(welsh):
            before, after = welsh[: match.end()], welsh[match.end() :]
            if _THAN.search(welsh[: match.start()]) or (_ONE_OR.search(before) and _MORE.match(after)):
                continue
            found.append(
                _flag(
                    passage,
                    match.start(),
                    f"\u201cneu\u201d after a negative (\u201c{_words(passage, match)}\u201d): na(c)?",
                )
            )
        if english is None:
            continue
        must = bool(_EN_MUST_NOT.search(english) or _EN_MUST.search(english))
        if not must and _EN_CANNOT.search(english) and not _CY_ABLE.search(welsh):
            must = True
        if must and _CY_SHOULD.search(welsh):
            if not _CY_OBLIGATION.search(welsh):
                found.append(
                    _flag(passage, 0, "the English says must (not); the Welsh says dylai/dylid (should)")
                )
        elif _EN_SHOULD.search(english) and _CY_OBLIGATION.search(welsh) and not _CY_SHOULD.search(welsh):
            found.append(_flag(passage, 0, "the English says should; the Welsh says rhaid (must)"))
        elif (
            _EN_MAY.search(english)
            and not _EN_MUST.search(english)
            and not _EN_SHOULD.search(english)
            and _CY_OBLIGATION.search(welsh)
            and not _CY_PERMISSION.search(welsh)
        ):
            found.append(_flag(passage, 0, "the English says may/can; the Welsh says rhaid (must)"))
    return found
