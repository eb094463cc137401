"""Every page has its twin in the other language, with the same heading ids, and each Welsh page
records which version of its English page it translates. Broken pairings are caught on a copy."""

from pathlib import Path

import pytest
import yaml
from support.project import ROOT, copy_project, run_build

from decision_trees.policy_pages import PolicyPages, headings
from site_translations import status
from site_translations.languages import DEFAULT_LANGUAGE, LANGUAGES, language

DOCS = ROOT / "docs"


def test_the_real_pages_have_no_pairing_problems():
    problems = status.check(DOCS)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("rel", sorted(status.pages(DOCS, "en")), ids=str)
def test_each_english_page_has_a_welsh_twin_with_the_same_heading_ids(rel):
    en, cy = DOCS / "en" / rel, DOCS / "cy" / rel
    assert cy.exists(), f"{cy} is missing"
    en_ids = status.heading_ids(en.read_text(encoding="utf-8"))
    assert en_ids, f"{en} has no explicit heading ids: write headings as '## Title {{#id}}'"
    assert status.heading_ids(cy.read_text(encoding="utf-8")) == en_ids


def test_a_language_code_read_from_configuration_is_one_of_the_sites_or_refused():
    # The hooks turn the i18n plugin's codes into Language with this: a code the site does not
    # declare is an error, not a page in no language.
    assert [language(code) for code in LANGUAGES] == list(LANGUAGES)
    with pytest.raises(ValueError, match="'fr' is not one of the site's languages"):
        language("fr")


def test_the_site_builds_exactly_the_languages_the_code_declares():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert tuple(lang["locale"] for lang in i18n["languages"]) == LANGUAGES
    assert [lang["locale"] for lang in i18n["languages"] if lang.get("default") == "true"] == [
        DEFAULT_LANGUAGE
    ]
    assert sorted(p.name for p in DOCS.iterdir() if p.is_dir()) == sorted(LANGUAGES)


SAMPLE_PAGE = """# Policy {#policy}

Text.

```markdown
## An example heading in a code block {#not-a-heading}
```

## Live **tweeting** { .lead #live-tweeting }\r
#No space {#no-space}
## Without an id
### `FOI` requests {#foi}
"""


def test_citations_and_the_translation_checks_read_the_same_heading_ids(tmp_path):
    # One reading of headings (decision_trees.policy_pages) for citations and the pairing checks.
    expected = [("policy", "Policy"), ("live-tweeting", "Live tweeting"), ("foi", "FOI requests")]
    assert headings(SAMPLE_PAGE) == expected
    assert status.heading_ids(SAMPLE_PAGE) == [heading_id for heading_id, _ in expected]
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "page.md").write_text(SAMPLE_PAGE, encoding="utf-8", newline="")
    assert PolicyPages(tmp_path).sections("en", "page.md") == dict(expected)


def test_every_heading_has_an_explicit_stable_id():
    for page in sorted(DOCS.rglob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") and line.lstrip("#").startswith(" "):
                assert "{#" in line, f"{page}: heading without an explicit id: {line!r}"


@pytest.mark.parametrize("rel", sorted(status.pages(DOCS, "cy")), ids=str)
def test_each_welsh_page_says_what_it_translates_and_whether_it_was_reviewed(rel):
    meta = status.translation_meta(DOCS / "cy" / rel)
    assert meta.get("source_sha256") == status.sha256_of(DOCS / "en" / rel)
    assert isinstance(meta.get("reviewed"), bool)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_changed_english_page_makes_its_welsh_page_stale(project_copy):
    en = project_copy / "docs" / "en" / "accessibility.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    problems = status.check(project_copy / "docs")
    stale = [p for p in problems if p.severity == "stale"]
    assert [p.path.name for p in stale] == ["accessibility.md"]
    assert "stale translation" in stale[0].message and "mark-current" in stale[0].message


def test_mark_current_clears_staleness_and_keeps_the_review_flag(project_copy):
    en = project_copy / "docs" / "en" / "accessibility.md"
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    reviewed_before = status.translation_meta(cy)["reviewed"]
    status.set_translation_fields(cy, source_sha256=status.sha256_of(en))
    assert status.check(project_copy / "docs") == []
    assert status.translation_meta(cy)["reviewed"] == reviewed_before
    assert cy.read_text(encoding="utf-8").count("# Datganiad hygyrchedd") == 1


def test_a_stale_translation_fails_the_strict_build_naming_the_file(project_copy, tmp_path):
    en = project_copy / "docs" / "en" / "accessibility.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    build = run_build(project_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/cy/accessibility.md" in build.output and "stale translation" in build.output


def test_a_missing_welsh_page_stops_the_build_naming_the_file(project_copy, tmp_path):
    (project_copy / "docs" / "cy" / "accessibility.md").unlink()
    build = run_build(project_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/en/accessibility.md has no Welsh twin" in build.output
    assert not (tmp_path / "out" / "index.html").exists(), "a failed build must leave no site"


def test_a_heading_id_that_differs_between_languages_is_named(project_copy):
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    cy.write_text(
        cy.read_text(encoding="utf-8").replace("{#how-we-test}", "{#sut-rydym-yn-profi}"), encoding="utf-8"
    )
    [problem] = [p for p in status.check(project_copy / "docs") if "heading ids" in p.message]
    assert problem.path == cy
    assert "only in English: how-we-test" in problem.message
    assert "only in Welsh: sut-rydym-yn-profi" in problem.message


def test_unreviewed_welsh_pages_show_an_honest_notice_and_reviewed_ones_do_not(site):
    for rel in status.pages(DOCS, "cy"):
        reviewed = status.translation_meta(DOCS / "cy" / rel)["reviewed"]
        built = site / "cy" / (rel.with_suffix("") if rel.name != "index.md" else rel.parent) / "index.html"
        html = built.read_text(encoding="utf-8")
        assert ("Cyfieithiad heb ei adolygu eto" in html) is (not reviewed), built
    assert "Cyfieithiad heb ei adolygu" not in (site / "index.html").read_text(encoding="utf-8")


# -- line endings, byte-order marks and case do not make a translation stale ---------------------


def test_a_windows_checkout_with_crlf_line_endings_has_no_stale_pages(project_copy):
    # Git for Windows converts LF to CRLF on checkout unless .gitattributes says otherwise.
    for page in (project_copy / "docs").rglob("*.md"):
        page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert status.check(project_copy / "docs") == []
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    assert status.translation_meta(cy)["source_sha256"] == status.sha256_of(DOCS / "en" / "accessibility.md")


def test_a_byte_order_mark_changes_no_hash_and_hides_no_front_matter(project_copy):
    en = project_copy / "docs" / "en" / "accessibility.md"
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    before = status.sha256_of(en)
    for page in (en, cy):  # as Notepad saves them
        page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    assert status.sha256_of(en) == before
    assert status.check(project_copy / "docs") == [], "not 'missing front matter', not stale"
    assert isinstance(status.translation_meta(cy)["reviewed"], bool)


def test_a_hash_written_in_upper_case_is_the_same_hash(project_copy):
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    recorded = status.translation_meta(cy)["source_sha256"]
    cy.write_text(cy.read_text(encoding="utf-8").replace(recorded, recorded.upper()), encoding="utf-8")
    assert status.translation_meta(cy)["source_sha256"] == recorded.upper()
    assert status.check(project_copy / "docs") == []


def test_a_stale_page_shows_both_full_hashes_and_what_to_run(project_copy):
    # A wrong last digit: the two hashes differ only at the end, so both are shown in full.
    cy = project_copy / "docs" / "cy" / "accessibility.md"
    recorded = status.translation_meta(cy)["source_sha256"]
    wrong = recorded[:-1] + ("0" if recorded[-1] != "0" else "1")
    cy.write_text(cy.read_text(encoding="utf-8").replace(recorded, wrong), encoding="utf-8")
    [problem] = status.check(project_copy / "docs")
    assert problem.severity == "stale"
    assert f"recorded source_sha256 {wrong}, the English page now has {recorded}" in problem.message
    assert f"python -m site_translations mark-current {cy}" in problem.message
