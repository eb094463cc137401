"""Welsh text is proofed by machine (spelling and mutations), and the term list is kept."""

from __future__ import annotations

import pytest
import yaml
from support.project import ROOT

from site_translations import proofing
from site_translations.markdown_text import prose, split_front_matter

WELSH_PAGES = sorted((ROOT / "docs" / "cy").rglob("*.md"))
TERMS = yaml.safe_load((ROOT / "translation" / "terms.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", WELSH_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_welsh_page_passes_spelling_and_mutation_checks(page):
    findings = proofing.proof_page(page)
    assert findings == [], "\n".join(map(str, findings))


def test_the_proofing_catches_a_misspelling_and_a_missing_mutation():
    findings = proofing.proof_text("Mae'r cyngor yn croesawu ceisiadauu. Mae gan y cath ddu.")
    kinds = {(f.kind, f.word) for f in findings}
    assert ("spelling", "ceisiadauu") in kinds
    assert ("mutation", "cath") in kinds


def test_the_allowlist_accepts_mutated_forms_of_listed_words_only():
    allow = {"cyflogeion"}
    assert proofing.proof_text("i'n gyflogeion", allow) == []
    assert proofing.proof_text("i'n gyflogeionn", allow) != []


def _entries():
    for group in TERMS.values():
        yield from group


def test_the_term_list_is_well_formed():
    seen = set()
    for entry in _entries():
        assert entry.get("en") and entry.get("cy"), entry
        assert entry["en"].lower() not in seen, f"two Welsh terms for {entry['en']!r}"
        seen.add(entry["en"].lower())


@pytest.mark.parametrize("page", WELSH_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_welsh_pages_use_the_listed_term_not_its_variants(page):
    _, body = split_front_matter(page.read_text(encoding="utf-8"))
    text = prose(body).lower()
    for entry in _entries():
        for variant in entry.get("avoid", []):
            assert variant.lower() not in text, f"{page}: use {entry['cy']!r}, not {variant!r}"
