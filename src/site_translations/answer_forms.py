"""Welsh yes/no answers: the answer repeats the question's verb, in its person and tense.

Welsh has no all-purpose "yes". "Ydy'r neges…?" is answered "Ydy / Nac ydy", "A gaiff…?" "Caiff /
Na chaiff", "Fyddwch chi…?" "Byddaf / Na fyddaf", a past-tense question "Do / Naddo", "Ai…?" "Ie /
Nage". A question to "you" is answered by the reader in the first person (Ydw, Byddaf, Gallaf),
and by the site, in an outcome's badge, in the second (Ydych, Byddwch, Gallwch).

`question_family` reads a question's opening verb; `answer_form` reads the answer form a label
starts with; `check_tree` applies both to every yes/no answer of a tree (answer sets included)
and to every outcome's badge, which answers the tree's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .lang_spans import plain
from .problems import Problem

if TYPE_CHECKING:
    from decision_trees.tree_format import Language, Verdict


@dataclass(frozen=True)
class Family:
    """The answers a question with this verb takes. `reader`: the reader's answer; `site`: the
    site's answer to the same question (they differ for questions in the second person)."""

    name: str
    verbs: tuple[str, ...]  # the question's opening verb, as written (mutated forms included)
    reader: tuple[tuple[str, ...], tuple[str, ...]]  # (yes forms, no forms)
    site: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def answers(self, role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.site if role == "site" and self.site else self.reader

    def shown(self, role: str) -> str:
        yes, no = self.answers(role)
        return f"{yes[0].capitalize()} / {no[0].capitalize()}"


def _same(yes: tuple[str, ...], no: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (yes, no)


FAMILIES = (
    Family(
        "ydy", ("ydy", "yw", "ydyw", "ydi"), _same(("ydy", "ydi", "ydyw"), ("nac ydy", "nac ydi", "nac ydyw"))
    ),
    Family("ydyn", ("ydyn", "ydynt"), _same(("ydyn", "ydynt"), ("nac ydyn", "nac ydynt"))),
    Family(
        "ydych",
        ("ydych",),
        (("ydw", "ydyn", "ydym"), ("nac ydw", "nac ydyn", "nac ydym")),
        (("ydych",), ("nac ydych",)),
    ),
    Family("wyt", ("wyt",), (("ydw",), ("nac ydw",)), (("wyt",), ("nac wyt",))),
    Family("ydw", ("ydw", "ydym"), (("ydych",), ("nac ydych",))),
    Family("oes", ("oes",), _same(("oes",), ("nac oes",))),
    Family("oedd", ("oedd",), _same(("oedd",), ("nac oedd",))),
    Family("bydd", ("bydd", "fydd"), _same(("bydd",), ("na fydd",))),
    Family(
        "byddwch",
        ("byddwch", "fyddwch"),
        (("byddaf", "byddwn"), ("na fyddaf", "na fyddwn")),
        (("byddwch",), ("na fyddwch",)),
    ),
    Family(
        "byddan",
        ("byddan", "fyddan", "byddant", "fyddant"),
        _same(("byddan", "byddant"), ("na fyddan", "na fyddant")),
    ),
    Family("byddaf", ("byddaf", "fyddaf", "byddwn", "fyddwn"), (("byddwch",), ("na fyddwch",))),
    Family("byddai", ("byddai", "fyddai"), _same(("byddai",), ("na fyddai",))),
    Family(
        "byddech",
        ("byddech", "fyddech"),
        (("byddwn",), ("na fyddwn",)),
        (("byddech",), ("na fyddech",)),
    ),
    Family(
        "caiff", ("caiff", "gaiff", "ceith", "geith"), _same(("caiff", "ceith"), ("na chaiff", "na cheith"))
    ),
    Family(
        "cewch",
        ("cewch", "gewch"),
        (("caf", "cawn"), ("na chaf", "na chawn")),
        (("cewch",), ("na chewch",)),
    ),
    Family("caf", ("caf", "gaf", "cawn", "gawn"), (("cewch",), ("na chewch",))),
    Family("gall", ("gall", "all", "geill", "eill"), _same(("gall", "geill"), ("na all", "na eill"))),
    Family(
        "gallwch",
        ("gallwch", "allwch"),
        (("gallaf", "gallwn"), ("na allaf", "na allwn")),
        (("gallwch",), ("na allwch",)),
    ),
    Family("gallaf", ("gallaf", "allaf", "gallwn", "allwn"), (("gallwch",), ("na allwch",))),
    Family(
        "gallant",
        ("gallant", "allant", "gallan", "allan"),
        _same(("gallant", "gallan"), ("na allant", "na allan")),
    ),
    Family("gallai", ("gallai", "allai"), _same(("gallai",), ("na allai",))),
    Family("dylai", ("dylai", "ddylai"), _same(("dylai",), ("na ddylai",))),
    Family(
        "dylech",
        ("dylech", "ddylech"),
        (("dylwn",), ("na ddylwn",)),
        (("dylech",), ("na ddylech",)),
    ),
    Family("dylwn", ("dylwn", "ddylwn"), (("dylech",), ("na ddylech",))),
    Family(
        "gwnaiff",
        ("gwnaiff", "wnaiff", "gwneith", "wneith"),
        _same(("gwnaiff", "gwneith"), ("na wnaiff", "na wneith")),
    ),
    Family(
        "gwnewch",
        ("gwnewch", "wnewch"),
        (("gwnaf", "gwnawn"), ("na wnaf", "na wnawn")),
        (("gwnewch",), ("na wnewch",)),
    ),
    # Past tense, whatever the verb: Gafodd…? Wnaeth…? Anfonodd…? Fuoch chi…?
    Family(
        "past",
        (
            "cafodd",
            "gafodd",
            "gwnaeth",
            "wnaeth",
            "aeth",
            "daeth",
            "ddaeth",
            "bu",
            "fu",
            "buodd",
            "fuodd",
            "fuoch",
            "buoch",
        ),
        _same(("do",), ("naddo",)),
    ),
    # A focused question: "Ai chi yw…?"
    Family("ai", ("ai",), _same(("ie",), ("nage",))),
)
PAST = next(f for f in FAMILIES if f.name == "past")
# Past-tense endings of the first word: -odd (3rd sg), -och (2nd pl), -ais/-aist (1st/2nd sg).
_PAST_ENDING = re.compile(r"^\w{2,}(odd|och|ais|aist)$")
# Questions that do not want yes or no.
QUESTION_WORDS = {"pa", "beth", "sut", "pwy", "ble", "pryd", "faint", "pam", "sawl"}
# "I ba…?", "Gyda phwy…?", "Ym mha…?": a preposition, then a question word (mutated).
_PREPOSITIONS = {
    "i",
    "o",
    "ym",
    "yn",
    "at",
    "gyda",
    "gan",
    "am",
    "ar",
    "mewn",
    "wrth",
    "dan",
    "drwy",
    "trwy",
    "heb",
    "ers",
}
_MUTATED_QUESTION_WORDS = {"ba", "mha", "pha", "bwy", "phwy", "mhwy", "beth", "faint", "sawl", "pa", "pwy"}
_VERBS = {verb: family for family in FAMILIES for verb in family.verbs}
# Every answer form, longest first, so that "nac ydy" is read before any shorter form.
_FORMS = sorted(
    {form for f in FAMILIES for role in ("reader", "site") for side in f.answers(role) for form in side},
    key=len,
    reverse=True,
)
_CLITIC = re.compile(r"['\u2019](r|n|i|w|m|th|ch|u)$")
NOT_YES_NO = "not a yes/no question"


def _words(text: str) -> list[str]:
    return [w.strip(".,:;!?\"'\u2018\u2019()") for w in plain(text).lower().split()]


def question_family(question: str) -> Family | str | None:
    """The family of answers a Welsh question takes; NOT_YES_NO for a question that does not want
    yes or no ("Pa…?", "Sut…?", "Ai … ynteu …?"); None when the opening verb is not one this knows."""
    words = [w for w in _words(question) if w]
    if words and words[0] in ("a", "oni", "onid") and len(words) > 1:
        words = words[1:]  # the question particle ("A gaiff…?")
    if not words:
        return None
    first = _CLITIC.sub("", words[0])
    if first == "ai" and "ynteu" in words:
        return NOT_YES_NO  # "Ai A ynteu B?" asks which
    if first in _VERBS:
        return _VERBS[first]
    if first in QUESTION_WORDS:
        return NOT_YES_NO
    if first in _PREPOSITIONS and len(words) > 1 and words[1] in _MUTATED_QUESTION_WORDS:
        return NOT_YES_NO
    if _PAST_ENDING.match(first):
        return PAST
    return None


def answer_form(label: str) -> str | None:
    """The answer form a Welsh label starts with ("Ydy", "Nac ydy, ni chafodd…" -> "nac ydy"), or
    None. The form must stand alone: followed by punctuation or nothing ("Bydd DCCT yn asesu…" is a
    statement, "Bydd, bydd yn hir" an answer)."""
    text = plain(label).strip().lower().replace("\u2019", "'")
    for form in _FORMS:
        if text == form or (text.startswith(form) and re.match(r"[,.:;!\u2013\u2014-]", text[len(form) :])):
            return form
    return None


def english_polarity(label: str) -> str | None:
    """'yes' or 'no' when an English label is a yes/no answer ("Yes", "No, the request…")."""
    match = re.match(r"\s*(yes|no)\s*(?:$|[,.:;!\u2013\u2014-])", plain(label), re.I)
    return match.group(1).lower() if match else None


def _belongs(form: str, family: Family, role: str) -> str | None:
    yes, no = family.answers(role)
    return "yes" if form in yes else "no" if form in no else None


def label_problem(question: str, label_en: str, label_cy: str, role: str = "reader") -> str | None:
    """What is wrong with one answer label (or, with role 'site', a badge) for a question; None if
    it agrees. A label that is not an answer form ("Ddim eto", "Yn barod") always agrees."""
    family = question_family(question)
    form = answer_form(label_cy)
    polarity = english_polarity(label_en) if role == "reader" else None
    if form is None and polarity is None:
        return None
    if family is None:
        return (
            f"cannot tell which answer form fits: the question \u201c{plain(question)}\u201d does not start "
            "with a verb the checker knows; start it with its verb (Ydy…? A gaiff…? Fyddwch chi…?)"
        )
    if isinstance(family, str):  # NOT_YES_NO, the one string question_family returns
        if form is None:
            return None
        return (
            f"\u201c{plain(label_cy)}\u201d is a yes/no answer form, but \u201c{plain(question)}\u201d is not "
            "a yes/no question: use a label that is not an answer form"
        )
    expected = family.shown(role)
    if form is None:
        return f"\u201c{plain(label_cy)}\u201d answers \u201c{plain(label_en)}\u201d, so it must start with {expected} (the question's verb)"
    side = _belongs(form, family, role)
    if side is None:
        return (
            f"\u201c{plain(label_cy)}\u201d does not answer \u201c{plain(question)}\u201d: "
            f"its verb takes {expected}"
        )
    if polarity is not None and side != polarity:
        return f"\u201c{plain(label_cy)}\u201d answers \u201c{plain(label_en)}\u201d with the opposite: use {expected}"
    return None


# -- trees ----------------------------------------------------------------------------------------
VERDICTS = ("yes", "not-yet", "no", "info")


def check_tree(path: Path, root: Path, default_badges: dict[str, str]) -> list[Problem]:
    """Every yes/no answer label agrees with its question, and every outcome's badge with the tree's
    title. `default_badges`: the Welsh interface strings' badge for each verdict (verdict_yes...)."""
    from decision_trees.errors import TreeErrors
    from decision_trees.loader import LDict, load_file

    file = path.relative_to(root).as_posix()
    problems: list[Problem] = []
    # What is not a well-formed tree (not YAML, not a mapping, a node that is not a mapping...) is
    # the tree compiler's to report, with its line: these checks read only what is well formed.
    try:
        data = load_file(path, file)
    except TreeErrors:
        return problems
    if not isinstance(data, LDict):
        return problems
    sets = data.get("answer_sets")
    sets = sets if isinstance(sets, LDict) else LDict(data.line)

    def text(value: object, language: Language) -> str:
        return value.get(language, "") if isinstance(value, dict) else ""

    def mappings(value: object) -> list[LDict]:
        return [entry for entry in value if isinstance(entry, LDict)] if isinstance(value, list) else []

    for node in mappings(data.get("nodes")):
        node_id = node.get("id")
        if node.get("type") == "question":
            question = text(node.get("question"), "cy")
            answers = node.get("answers")
            if isinstance(answers, dict):  # a shared set: its labels must fit this question too
                from_set = answers.get("set")
                members = mappings(sets.get(from_set)) if isinstance(from_set, str) else []
            else:
                members, from_set = mappings(answers), None
            for answer in members:
                label = answer.get("label") or {}
                message = label_problem(question, text(label, "en"), text(label, "cy"))
                if message:
                    line = label.line_of("cy") if hasattr(label, "line_of") else None
                    where = f"answer '{answer.get('id')}'" + (
                        f" of answer set '{from_set}'" if from_set else ""
                    )
                    problems.append(Problem("answer-form", file, line, f"{where}: {message}", node_id))
    title = text(data.get("title"), "cy")
    labels = data.get("verdicts")
    labels = labels if isinstance(labels, LDict) else LDict(data.line)
    for node in mappings(data.get("nodes")):
        if node.get("type") != "outcome" or node.get("verdict") not in VERDICTS:
            continue
        verdict = node["verdict"]
        own = node.get("verdict_label")
        if isinstance(own, LDict):  # every mapping the loader reads is one
            badge, line, source = text(own, "cy"), own.line_of("cy"), "its verdict_label"
        elif isinstance(labels.get(verdict), dict):
            chosen = labels[verdict]
            badge, line, source = text(chosen, "cy"), chosen.line_of("cy"), f"the tree's verdicts.{verdict}"
        else:
            badge, line, source = (
                default_badges.get(f"verdict_{verdict}", ""),
                node.line_of("verdict"),
                (f"the interface strings' verdict_{verdict} (set verdicts.{verdict} in the tree)"),
            )
        message = _badge_problem(title, badge, verdict)
        if message:
            problems.append(
                Problem(
                    "answer-form",
                    file,
                    line,
                    f"badge \u201c{badge}\u201d from {source}: {message}",
                    node.get("id"),
                )
            )
    return problems


def _badge_problem(title: str, badge: str, verdict: Verdict) -> str | None:
    family = question_family(title)
    form = answer_form(badge)
    if form is None:
        return None
    if not isinstance(family, Family):
        return (
            f"it is an answer form, but the walkthrough's title \u201c{plain(title)}\u201d is not a yes/no "
            "question it could answer: use a label that is not an answer form (\u201cYn barod\u201d, \u201cDdim eto\u201d)"
        )
    side = _belongs(form, family, "site")
    if side is None or (verdict in ("yes", "no") and side != verdict):
        return f"the title \u201c{plain(title)}\u201d takes {family.shown('site')}"
    return None
