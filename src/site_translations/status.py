"""Which English version each Welsh page translates, and what is wrong with the pairing.

A Welsh page records, in its front matter, the SHA-256 of the English file it translates
(`translation.source_sha256`) and whether a qualified translator has reviewed it
(`translation.reviewed`). When the English file changes, its hash no longer matches: the Welsh page
is stale until a translator updates it and runs `mark-current`.

The hash is of the text, not the bytes: line endings (a Windows checkout's CRLF) and a byte-order
mark do not change it, and a hash written in upper case is the same hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from decision_trees.policy_pages import headings

from .markdown_text import split_front_matter


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    severity: Literal["error", "stale"] = "error"  # an error stops the build; stale warns (fails --strict)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def normalised(raw: bytes) -> bytes:
    """The text as the repository keeps it: no byte-order mark, LF line endings."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(normalised(path.read_bytes())).hexdigest()


def read_text(path: Path) -> str:
    """A page's text, whatever its line endings and with or without a byte-order mark (as MkDocs
    reads it)."""
    return normalised(path.read_bytes()).decode("utf-8")


def heading_ids(markdown: str) -> list[str]:
    """Explicit heading ids ({#id}) in document order, ignoring code blocks."""
    return [heading_id for heading_id, _ in headings(markdown)]


def pages(docs_dir: Path, language: str) -> set[Path]:
    root = docs_dir / language
    return {p.relative_to(root) for p in root.rglob("*.md")} if root.is_dir() else set()


def translation_meta(path: Path) -> dict:
    meta, _ = split_front_matter(read_text(path))
    block = meta.get("translation")
    return block if isinstance(block, dict) else {}


def check(docs_dir: Path) -> list[Problem]:
    """Every problem with the Welsh/English pairing of the pages under docs_dir."""
    problems: list[Problem] = []
    en_pages, cy_pages = pages(docs_dir, "en"), pages(docs_dir, "cy")
    for rel in sorted(en_pages - cy_pages):
        problems.append(
            Problem(
                docs_dir / "cy" / rel, f"missing: the English page docs/en/{rel.as_posix()} has no Welsh twin"
            )
        )
    for rel in sorted(cy_pages - en_pages):
        problems.append(
            Problem(
                docs_dir / "en" / rel, f"missing: the Welsh page docs/cy/{rel.as_posix()} has no English twin"
            )
        )
    for rel in sorted(en_pages & cy_pages):
        en, cy = docs_dir / "en" / rel, docs_dir / "cy" / rel
        problems.extend(_check_pair(en, cy))
    return problems


def _check_pair(en: Path, cy: Path) -> list[Problem]:
    problems = []
    en_ids = heading_ids(read_text(en))
    cy_ids = heading_ids(read_text(cy))
    if en_ids != cy_ids:
        only_en = [i for i in en_ids if i not in cy_ids]
        only_cy = [i for i in cy_ids if i not in en_ids]
        detail = []
        if only_en:
            detail.append("only in English: " + ", ".join(only_en))
        if only_cy:
            detail.append("only in Welsh: " + ", ".join(only_cy))
        if not detail:
            detail.append("same ids in a different order")
        problems.append(Problem(cy, "heading ids differ from the English page (" + "; ".join(detail) + ")"))
    try:
        meta = translation_meta(cy)
    except Exception as exc:  # malformed front matter: say where, never a traceback
        return [*problems, Problem(cy, f"front matter is not valid YAML: {exc}")]
    recorded = str(meta.get("source_sha256") or "").strip().lower()
    current = sha256_of(en)
    if not recorded:
        problems.append(
            Problem(
                cy,
                "front matter has no translation.source_sha256: run "
                f"`python -m site_translations mark-current {cy}` once it translates the current English page",
            )
        )
    elif recorded != current:
        problems.append(
            Problem(
                cy,
                f"stale translation: it translates an older version of {en} "
                f"(recorded source_sha256 {recorded}, the English page now has {current}); update the "
                f"Welsh, then run `python -m site_translations mark-current {cy}`",
                severity="stale",
            )
        )
    if not isinstance(meta.get("reviewed"), bool):
        problems.append(Problem(cy, "front matter must say translation.reviewed: true or false"))
    return problems


def set_translation_fields(cy: Path, **fields: str | bool) -> None:
    """Rewrite only the named fields inside the Welsh page's `translation:` block."""
    text = read_text(cy)
    meta, body = split_front_matter(text)
    translation = meta.get("translation")
    block = translation if isinstance(translation, dict) else {}
    block.update(fields)
    header = text[: len(text) - len(body)]
    lines = header.splitlines()
    # Keep the editor's own layout and comments: drop the old block, append the new one before '---'.
    out, skipping = [], False
    for line in lines[1:-1]:
        if line.startswith("translation:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    out.append("translation:")
    for key in ("source_sha256", "reviewed"):
        if key in block:
            value = block[key]
            out.append(f"  {key}: {str(value).lower() if isinstance(value, bool) else value}")
    cy.write_text("---\n" + "\n".join(out) + "\n---\n" + body, encoding="utf-8")


def english_twin(cy: Path) -> Path:
    parts = list(cy.resolve().parts)
    index = len(parts) - 1 - parts[::-1].index("cy")
    parts[index] = "en"
    return Path(*parts)
