"""Welsh initial mutations for search: every form a written word may stand for.

A Welsh word changes its first sound after certain words ("cyngor", "ei gyngor", "fy nghyngor",
"a chyngor"). A reader may search for any form and expects to find them all. Each written word is
read as the radical (dictionary) forms it may come from, and stands for every mutated form of
those radicals: `family("nghyngor")` is {cyngor, gyngor, nghyngor, chyngor}.

Which readings are real is decided by Bangor University's hunspell cy_GB word list, whose entries
carry the mutations each radical takes (M soft, T nasal, L aspirate, H h-prothesis). The site keeps
each word and those four flags in `data/cy_words.txt.gz` (LGPL-3.0, see data/LICENCE), derived from
the dictionary that cymraeg-mcp bundles by `python -m site_search.word_list`, so a build needs no
extra package. A reading is kept when the word list knows the radical and says it takes that
mutation: "chwaith" is not read as "cwaith" (no such word), so "gwaith" does not find it. Where
the word list knows no reading at all (often an inflected form, like "gyfrifon"), every reading
the rules allow is kept, so that no real word is lost. Readings are never chained: "ngyngor" is
the nasal form of a "gyngor" no one writes, not a form of "cyngor" (whose nasal form is
"nghyngor").

Some written words are really ambiguous: "dal" is "hold" and also the soft form of "tal" ("tall").
`welsh_readings.yml` lists those and the reading chosen for each, with the reason.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SOFT, NASAL, ASPIRATE, H_PROTHESIS = "M", "T", "L", "H"  # the word list's own flag letters

# Radical initial -> mutated initial, per mutation. Longer initials first, so "ll" wins over "l".
MUTATIONS: dict[str, dict[str, str]] = {
    SOFT: {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f"},
    NASAL: {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"},
    ASPIRATE: {"p": "ph", "t": "th", "c": "ch"},
}
# Initials that look like a mutating letter but are radicals of their own and never mutate:
# "chwaith" is not c + hwaith, "theatr" not t + heatr, "dda" not d + da.
_NOT_MUTATING = ("ch", "ph", "th", "dd", "ts")
VOWELS = "aeiouwyâêîôûŵŷáéíóúàèìòùäëïöü"
# g is dropped in the soft mutation ("gwaith" -> "waith", "glan" -> "lan", "gair" -> "air").
_AFTER_DROPPED_G = VOWELS + "lr"
# h-prothesis ("ei henw", "wedi'i hadolygu") only on words of this length and more: the short ones
# (hyn/yn, hi/i, hun/un) are different words.
_H_PROTHESIS_MIN = 5
# Words this short are read only as written: they are particles, pronouns and prepositions ("na",
# "ni", "ar", "yr", "da"), and reading "na" as the nasal form of "da" would tie "good" to "not".
_SHORTEST_MUTATED = 3

# Inflectional endings, to find the word list's entry for a form it does not list ("gyfrifon" is
# "cyfrif" + "on", "daliwch" is "dal" + "iwch"): the entry says which mutations the word takes.
_ENDINGS = sorted(
    [
        "au",
        "iau",
        "on",
        "ion",
        "od",
        "iaid",
        "aid",
        "ydd",
        "wyr",
        "ed",
        "oedd",
        "en",
        "i",
        "ir",
        "id",
        "ai",
        "ais",
        "aist",
        "odd",
        "om",
        "och",
        "asom",
        "asoch",
        "asant",
        "wn",
        "wch",
        "iwch",
        "ant",
        "ent",
        "em",
        "ech",
        "et",
        "af",
        "ith",
        "iff",
        "wyd",
        "u",
        "io",
        "ol",
        "us",
        "iad",
        "iadau",
        "ach",
    ],
    key=len,
    reverse=True,
)
_SHORTEST_STEM = 3

READINGS_FILE = Path(__file__).with_name("welsh_readings.yml")


@dataclass(frozen=True)
class Lexicon:
    """Welsh radicals and the mutations each takes, lower-cased."""

    flags: dict[str, str]  # word -> the word list's flags (single letters; M, T, L, H as above)
    _entries: dict[str, tuple[str, str] | None] = field(default_factory=dict, compare=False, repr=False)

    def entry(self, word: str) -> tuple[str, str] | None:
        """(the word list's entry, the ending added to it) for `word`, or None if unknown."""
        if word not in self._entries:
            self._entries[word] = self._find_entry(word)
        return self._entries[word]

    def _find_entry(self, word: str) -> tuple[str, str] | None:
        if word in self.flags:
            return word, ""
        for ending in _ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= _SHORTEST_STEM:
                # "gwefannau" is "gwefan" + "au", with the n doubled
                for candidate in (
                    (stem, stem[:-1]) if stem[-1:] in "nr" and stem[-2:-1] == stem[-1:] else (stem,)
                ):
                    if candidate in self.flags:
                        return candidate, ending
        return None

    def knows(self, word: str) -> bool:
        return self.entry(word) is not None

    def takes(self, radical: str, mutation: str) -> bool:
        entry = self.entry(radical)
        return entry is not None and mutation in self.flags[entry[0]]


WORD_LIST = Path(__file__).with_name("data") / "cy_words.txt.gz"
_WORD_LIST_HEADER = (
    "# Welsh words and the mutations each takes (M soft, T nasal, L aspirate, H h-prothesis), from\n"
    "# Bangor University's hunspell cy_GB dictionary (LGPL-3.0: see LICENCE and COPYING.LESSER here).\n"
    "# Written by `python -m site_search.word_list`; do not edit.\n"
)


def mutation_flags(dic_text: str) -> dict[str, str]:
    """From a hunspell .dic file's text (`word/FLAGS` a line after a count): each lower-cased word
    and the mutation flags it takes. Flags are single letters there, and case matters ("h" is not "H")."""
    flags: dict[str, set[str]] = {}
    for line in dic_text.splitlines()[1:]:
        word, _, word_flags = line.partition("/")
        if word:
            flags.setdefault(word.lower(), set()).update(
                set(word_flags) & {SOFT, NASAL, ASPIRATE, H_PROTHESIS}
            )
    return {word: "".join(sorted(f)) for word, f in flags.items()}


def word_list_text(flags: dict[str, str]) -> str:
    """The word list as the site keeps it: a header, then `word FLAGS` a line, sorted."""
    return _WORD_LIST_HEADER + "".join(f"{word} {f}".rstrip() + "\n" for word, f in sorted(flags.items()))


def read_lexicon(path: Path = WORD_LIST) -> Lexicon:
    """Read the site's word list (gzipped or not)."""
    try:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise RuntimeError(f"{path}: cannot read the Welsh word list: {exc}") from None
    # `word FLAGS` a line ("word" alone when it takes no mutation); the header lines start with "#"
    return Lexicon(dict(line.partition(" ")[::2] for line in text.split("\n") if line and line[0] != "#"))


@functools.cache
def lexicon() -> Lexicon:
    return read_lexicon(WORD_LIST)


@functools.cache
def chosen_readings(path: Path = READINGS_FILE) -> dict[str, tuple[str, ...]]:
    """The ambiguous written words and the readings chosen for them (welsh_readings.yml)."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the Welsh readings: {exc}") from None
    entries = data.get("ambiguous") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not isinstance(root, yaml.MappingNode):  # (a mapping, if data is one)
        raise ValueError(f"{path}: expected a list under 'ambiguous'")
    nodes: list[yaml.Node] = next((v.value for k, v in root.value if k.value == "ambiguous"), [])
    chosen = {}
    for node, entry in zip(nodes, entries, strict=True):
        where = f"{path}, line {node.start_mark.line + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("written"), str):
            raise ValueError(f"{where}: each entry needs `written`, the word as the pages write it")
        read_as = entry.get("read_as")
        if not isinstance(read_as, list) or not read_as or not all(isinstance(r, str) for r in read_as):
            raise ValueError(f"{where}: `read_as` for {entry['written']!r} must be a list of words")
        chosen[entry["written"].lower()] = tuple(r.lower() for r in read_as)
    return chosen


def _radical_initial(word: str, mutation: str) -> str | None:
    if word.startswith(_NOT_MUTATING):
        return None
    for initial in MUTATIONS[mutation]:
        if word.startswith(initial):
            return initial
    return None


def mutated_forms(radical: str, lex: Lexicon | None = None) -> set[str]:
    """The radical and its mutated forms. With a word list that knows the radical, only the
    mutations it says the radical takes."""
    forms = {radical}
    known = lex if lex is not None and lex.knows(radical) else None  # the word list, if it knows
    for mutation, table in MUTATIONS.items():
        initial = _radical_initial(radical, mutation)
        if initial is None or (known is not None and not known.takes(radical, mutation)):
            continue
        rest = radical[len(initial) :]
        if rest:
            forms.add(table[initial] + rest)
    takes_h = known is None or known.takes(radical, H_PROTHESIS)
    if radical[:1] in VOWELS and len(radical) + 1 >= _H_PROTHESIS_MIN and takes_h:
        forms.add("h" + radical)
    return forms


# The other way round: a mutated initial and the (radical initial, mutation) it may come from. The
# longest initial owns the word: "ngh" is never n + gh, "dd" never d + d, and "ll", "rh" are radical
# initials (the soft forms of "ll" and "rh" are "l" and "r").
_DEMUTATIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("ngh", (("c", NASAL),)),
    ("ng", (("g", NASAL),)),
    ("mh", (("p", NASAL),)),
    ("nh", (("t", NASAL),)),
    ("ph", (("p", ASPIRATE),)),
    ("th", (("t", ASPIRATE),)),
    ("ch", (("c", ASPIRATE),)),
    ("dd", (("d", SOFT),)),
    ("ll", ()),
    ("rh", ()),
    ("b", (("p", SOFT),)),
    ("d", (("t", SOFT),)),
    ("g", (("c", SOFT),)),
    ("f", (("b", SOFT), ("m", SOFT))),
    ("m", (("b", NASAL),)),
    ("n", (("d", NASAL),)),
    ("l", (("ll", SOFT),)),
    ("r", (("rh", SOFT),)),
)


def candidate_radicals(word: str) -> set[tuple[str, str]]:
    """Every (radical, mutation) that the rules say `word` may be a mutated form of."""
    found: set[tuple[str, str]] = set()
    for mutated, sources in _DEMUTATIONS:
        if word.startswith(mutated):
            rest = word[len(mutated) :]
            if rest:
                found.update((initial + rest, mutation) for initial, mutation in sources)
            break
    if word[:1] in _AFTER_DROPPED_G:
        found.add(("g" + word, SOFT))
    if word.startswith("h") and word[1:2] in VOWELS and len(word) >= _H_PROTHESIS_MIN:
        found.add((word[1:], H_PROTHESIS))
    return found


def readings(word: str, lex: Lexicon | None = None) -> set[str]:
    """The radicals a written (lower-case) word may stand for, itself included when it may be one."""
    lex = lex or lexicon()
    chosen = chosen_readings()
    if word in chosen:
        return set(chosen[word])
    if len(word) < _SHORTEST_MUTATED:
        return {word}
    candidates = candidate_radicals(word)
    if word in lex.flags:
        # A word the list gives as written: another reading must be given as written too ("dolen"
        # is not the soft form of a "tolen" made of "tol" + "en").
        return {word} | {r for r, m in candidates if m in lex.flags.get(r, ())}
    known = {r for r, m in candidates if lex.takes(r, m)}
    if lex.knows(word):
        return {word} | known
    if known:
        return known
    return {word} | {r for r, _ in candidates}


def family(word: str, lex: Lexicon | None = None) -> frozenset[str]:
    """Every form a reader may search for to find `word`: all forms of all its readings."""
    word = word.lower()
    if lex is None:
        return _family(word)
    forms = {word}
    for radical in readings(word, lex):
        forms |= mutated_forms(radical, lex)
    return frozenset(forms)


@functools.lru_cache(maxsize=65536)
def _family(word: str) -> frozenset[str]:
    return family(word, lexicon())
