"""Machine proofing of Welsh text: spelling (Bangor University's hunspell cy_GB dictionary) and
mutations (treigladau), both from the cymraeg-mcp package, with a reviewed allow-list for names
and terms the dictionary does not know.

Usage: python -m site_translations.proofing [FILE ...]   (default: every page under docs/cy)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .markdown_text import prose, split_front_matter

# Relative to the project folder (the working directory of the build, the tests and the CLI).
ALLOWLIST = Path("translation") / "proofing-allowlist.txt"

# hunspell splits "Mae'r" at the apostrophe: the clitics must count as words.
_CLITICS = {"r", "n", "w", "i", "m", "th", "ch", "u", "'r", "'n", "'w", "'i", "'m", "'th", "'ch"}


@dataclass(frozen=True)
class Finding:
    kind: str  # "spelling" or "mutation"
    word: str
    context: str
    advice: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.word!r} in \u201c{self.context}\u201d{(' - ' + self.advice) if self.advice else ''}"


def load_allowlist(path: Path = ALLOWLIST) -> set[str]:
    """The reviewed words the dictionary lacks. A missing list is an error, not an empty list:
    proofing without it would report every name on the site."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no proofing allow-list here (run from the project folder)")
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


@lru_cache(maxsize=1)
def _engine():
    from cymraeg_mcp import mutations, spelling
    from cymraeg_mcp.paths import mutation_rules_path

    return spelling, mutations.MutationEngine(mutation_rules_path(), spelling.lookup)


def _context(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left : right if right != -1 else len(text)].strip()
    return re.sub(r"\s+", " ", line)[:120]


def _accepted(word: str, allow: set[str], spelling, engine) -> bool:
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


def proof_text(text: str, allowlist: set[str] | None = None) -> list[Finding]:
    """Every spelling and (medium- or high-confidence) mutation finding in a piece of Welsh prose."""
    allow = load_allowlist() if allowlist is None else allowlist
    allow = allow | _CLITICS
    spelling, engine = _engine()
    findings: list[Finding] = []
    errors, _, _ = spelling.check_text(text, max_errors=10_000)
    for err in errors:
        word = getattr(err, "word", str(err))
        if _accepted(word, allow, spelling, engine):
            continue
        start = getattr(err, "start", text.find(word))
        suggestions = getattr(err, "suggestions", []) or []
        findings.append(
            Finding(
                "spelling",
                word,
                _context(text, start, start + len(word)),
                ("did you mean: " + ", ".join(suggestions[:3])) if suggestions else "",
            )
        )
    for mut in engine.check_text(text):
        if mut.word.lower() in allow:
            continue
        findings.append(
            Finding(
                "mutation",
                mut.word,
                _context(text, mut.start, mut.end),
                f"{mut.rule_en}; suggest {', '.join(mut.suggestions[:2])}",
            )
        )
    return findings


def welsh_strings(data) -> list[str]:
    """Every Welsh string (the value of a `cy:` key) in a decision tree or interface-strings file."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "cy" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(welsh_strings(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(welsh_strings(item))
    return found


def proof_page(path: Path, allowlist: set[str] | None = None) -> list[Finding]:
    """Proof a Welsh Markdown page, or the Welsh strings of a YAML tree file."""
    if path.suffix in {".yml", ".yaml"}:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (
            "\n\n".join(welsh_strings(data))
            if "cy" not in path.stem.split(".")
            else "\n\n".join(str(v) for v in data.values())
        )
        return proof_text(re.sub(r"\{[a-z_]+\}", " ", text), allowlist)
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    return proof_text(prose(body), allowlist)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(Path("docs", "cy").rglob("*.md"))
    total = 0
    for path in paths:
        for finding in proof_page(path):
            print(f"{path}: {finding}")
            total += 1
    print(f"{total} finding(s) in {len(paths)} page(s)")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
