"""Machine proofing of Welsh text: spelling (Bangor University's hunspell cy_GB dictionary) and
mutations (treigladau), both from the cymraeg-mcp package, with a reviewed allow-list for names
and correct words the dictionary does not know.

Text marked as English (`[@mention]{lang=en}`, see lang_spans) is not Welsh and is not proofed.
`welsh_sources` finds every Welsh string that reaches a reader; `checks` runs this over them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import lang_spans

if TYPE_CHECKING:
    from types import ModuleType

    from cymraeg_mcp.mutations import MutationEngine

# Relative to the project folder (the working directory of the build, the tests and the CLI).
ALLOWLIST = Path("translation") / "proofing-allowlist.txt"
KINDS = {
    "name": "a name or acronym the dictionary lacks",
    "welsh": "a correct Welsh word the dictionary lacks",
    "english": "an English word quoted in Welsh text: accepted only when marked [..]{lang=en}",
}

# hunspell splits "Mae'r" at the apostrophe: the clitics must count as words.
_CLITICS = {"r", "n", "w", "i", "m", "th", "ch", "u", "'r", "'n", "'w", "'i", "'m", "'th", "'ch"}
_ENTRY = re.compile(r"^(?P<word>\S+)\s*(?:#\s*(?:(?P<kind>[a-z]+):)?\s*(?P<reason>.*))?$")


@dataclass(frozen=True)
class Finding:
    kind: Literal["spelling", "mutation"]
    word: str
    context: str
    advice: str
    offset: int = 0  # where the word starts in the proofed text

    def __str__(self) -> str:
        return f"{self.kind}: {self.word!r} in \u201c{self.context}\u201d{(' - ' + self.advice) if self.advice else ''}"


@dataclass(frozen=True)
class AllowEntry:
    word: str
    kind: str  # a key of KINDS, or "" when the line gives none
    reason: str
    line: int


def allowlist_entries(path: Path = ALLOWLIST) -> list[AllowEntry]:
    """Every entry of the allow-list: `word  # kind: reason` on each line ('#' lines are comments)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no proofing allow-list here (run from the project folder)")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _ENTRY.match(line)
        if match is None:  # two words before the comment
            entries.append(AllowEntry(line.split("#", 1)[0].strip(), "", "", number))
            continue
        entries.append(
            AllowEntry(match["word"], match["kind"] or "", (match["reason"] or "").strip(), number)
        )
    return entries


def allowlist_problems(path: Path = ALLOWLIST) -> list[str]:
    """Entries without a known kind or a reason: every entry says what it is and why it is right."""
    problems = []
    for entry in allowlist_entries(path):
        if entry.kind not in KINDS:
            kinds = ", ".join(f"{k} ({v})" for k, v in KINDS.items())
            problems.append(
                f"{path}:{entry.line}: '{entry.word}' needs '# kind: reason', kind one of {kinds}"
            )
        elif not entry.reason:
            problems.append(f"{path}:{entry.line}: '{entry.word}' needs a short reason after '{entry.kind}:'")
    return problems


def load_allowlist(path: Path = ALLOWLIST) -> set[str]:
    """The words proofing accepts in Welsh text: names and correct Welsh words. English words are
    not among them: in Welsh text they must be marked as English, and then are not proofed. A
    missing list is an error, not an empty list: proofing without it would report every name."""
    return {e.word.lower() for e in allowlist_entries(path) if e.kind != "english"}


def english_words(path: Path = ALLOWLIST) -> set[str]:
    """The allow-list's English words: they may appear in Welsh pages only inside lang="en"."""
    return {e.word for e in allowlist_entries(path) if e.kind == "english"}


class _Spelling:
    """cymraeg-mcp's spelling functions, with each word looked up once: spylls takes milliseconds a
    word, and a site repeats its words thousands of times."""

    def __init__(self, spelling: ModuleType) -> None:
        self._spelling = spelling
        self.lookup = lru_cache(maxsize=None)(spelling.lookup)

    def known(self, word: str) -> bool:  # as cymraeg_mcp.spelling.known (sentence-initial capitals)
        return (
            self.lookup(word)
            or self.lookup(word.lower())
            or (word[:1].islower() and self.lookup(word[:1].upper() + word[1:]))
        )

    @cache  # noqa: B019 (one instance, kept for the run)
    def suggest(self, word: str) -> tuple[str, ...]:
        return tuple(islice(self._spelling._dictionary().suggest(word), 3))


@lru_cache(maxsize=1)
def _engine() -> tuple[_Spelling, MutationEngine]:
    from cymraeg_mcp import mutations, spelling
    from cymraeg_mcp.paths import mutation_rules_path

    cached = _Spelling(spelling)
    return cached, mutations.MutationEngine(mutation_rules_path(), cached.lookup)


def _context(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left : right if right != -1 else len(text)].strip()
    return re.sub(r"\s+", " ", line)[:120]


def _accepted(word: str, allow: set[str], spelling: _Spelling, engine: MutationEngine) -> bool:
    """A word the dictionary rejects is still right when it is allow-listed (in any mutated form),
    or when it is known words joined by an apostrophe ("â'r", "i'w")."""
    lower = word.lower().strip("'\u2019")
    if lower in allow:
        return True
    radicals = {r for kind in ("soft", "nasal", "aspirate") for r in engine.demutate(lower, kind)}
    if radicals & allow:
        return True
    parts = [p for p in re.split(r"['\u2019]", lower) if p]
    return len(parts) > 1 and all(p in allow or spelling.known(p) for p in parts)


def proof_text(text: str, allowlist: set[str] | None = None, suggest: bool = True) -> list[Finding]:
    """Every spelling and (medium- or high-confidence) mutation finding in a piece of Welsh prose.
    Spans marked as English are left out; offsets are positions in `text` as given. Suggestions
    for misspellings are slow (a second a word): the checks leave them out."""
    allow = load_allowlist() if allowlist is None else allowlist
    allow = allow | _CLITICS
    spelling, engine = _engine()
    from cymraeg_mcp.tokenizer import tokenize

    welsh = lang_spans.without(text, "en")
    findings: list[Finding] = []
    for token in tokenize(welsh):
        word = token.text.strip("'\u2019")
        if not word or any(ch.isdigit() for ch in word):
            continue
        if (
            spelling.known(word)
            or spelling.known(token.text)
            or _accepted(token.text, allow, spelling, engine)
        ):
            continue
        options = spelling.suggest(word) if suggest else ()
        findings.append(
            Finding(
                "spelling",
                token.text,
                _context(text, token.start, token.end),
                ("did you mean: " + ", ".join(options)) if options else "",
                token.start,
            )
        )
    for mut in engine.check_text(welsh):
        if mut.word.lower() in allow:
            continue
        findings.append(
            Finding(
                "mutation",
                mut.word,
                _context(text, mut.start, mut.end),
                f"{mut.rule_en}; suggest {', '.join(mut.suggestions[:2])}",
                mut.start,
            )
        )
    return sorted(findings, key=lambda f: f.offset)
