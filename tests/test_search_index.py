"""Search in the reader's language, checked without a browser: the Welsh mutation families (the
ambiguous words included), English word families, the term list's abbreviations, one index per
language in the built site, and the search test set still describing the pages as they are."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from site_search import welsh
from site_search.abbreviations import read_abbreviations
from site_search.build import write_language_indexes
from site_search.english import family_finder
from site_search.index import LANGUAGES, add_forms, split
from site_search.text import words

QUERIES = yaml.safe_load((ROOT / "tests" / "search" / "queries.yml").read_text(encoding="utf-8"))

# ---------- Welsh mutations ----------

# Every initial that mutates, in every mutation it takes: radical -> its forms.
FAMILIES = {
    "polisi": {"polisi", "bolisi", "mholisi", "pholisi"},  # p: soft, nasal, aspirate
    "trydar": {"trydar", "drydar", "nhrydar", "thrydar"},  # t
    "cyngor": {"cyngor", "gyngor", "nghyngor", "chyngor"},  # c
    "busnes": {"busnes", "fusnes", "musnes"},  # b: soft, nasal
    "dolen": {"dolen", "ddolen", "nolen"},  # d
    "gwaith": {"gwaith", "waith", "ngwaith"},  # g: dropped, nasal
    "llun": {"llun", "lun"},  # ll: soft only
    "rheolau": {"rheolau", "reolau"},  # rh
    "materion": {"materion", "faterion"},  # m
}


@pytest.mark.parametrize("radical", FAMILIES)
def test_every_form_of_a_word_stands_for_the_whole_family(radical):
    for form in FAMILIES[radical]:
        assert welsh.family(form) == FAMILIES[radical], form


def test_the_rules_run_both_ways():
    """Every mutated form the rules make is read back to its radical, for every initial."""
    for mutation, table in welsh.MUTATIONS.items():
        for initial in table:
            radical = initial + "ewydd"
            form = table[initial] + "ewydd"
            assert form in welsh.mutated_forms(radical)
            assert (radical, mutation) in welsh.candidate_radicals(form), (radical, form)


def test_the_issue_examples_find_each_other_both_ways():
    forms = {"cyngor", "gyngor", "nghyngor", "chyngor"}
    for written in forms:
        assert forms <= welsh.family(written)
    assert "cynghorydd" in welsh.family("nghynghorydd")
    assert "nghynghorydd" in welsh.family("cynghorydd")


def test_forms_the_word_list_does_not_list_are_read_through_their_entry():
    # "cyfrifon" (accounts) is "cyfrif" + "on"; "gwefannau" doubles the n of "gwefan".
    assert welsh.readings("gyfrifon") == {"cyfrifon"}
    assert welsh.readings("wefannau") == {"gwefannau"}
    assert welsh.readings("nghynghorwyr") == {"cynghorwyr"}


def test_h_prothesis_joins_long_words_only():
    assert welsh.family("hadolygu") == {"adolygu", "hadolygu"}
    assert "hadolygu" in welsh.family("adolygu")
    # "hyn" (this) is not "yn", nor "hun" (self) "un"
    assert welsh.family("hyn") == {"hyn"}
    assert "un" not in welsh.family("hun")


def test_readings_are_not_chained():
    # the nasal form of "cyngor" is "nghyngor"; "ngyngor" would be the nasal form of "gyngor"
    assert "cyngor" not in welsh.family("ngyngor")


def test_words_of_one_or_two_letters_are_read_as_written():
    for word in ("na", "ni", "ar", "yr", "da", "o"):
        assert welsh.readings(word) == {word}
    assert "da" not in welsh.family("na")  # "not" is not "good"


# The ambiguous cases: a radical that looks like a mutated form of another word.
def test_a_reading_the_word_list_does_not_know_is_left_out():
    assert welsh.readings("bod") == {"bod"}  # not the soft form of "pod", no such word
    assert "pod" not in welsh.family("bod")
    assert welsh.readings("chwaith") == {"chwaith"}  # not c + hwaith: "cwaith" is no word
    assert "gwaith" not in welsh.family("chwaith")  # so "gwaith" does not find "chwaith"
    assert welsh.readings("angen") == {"angen"}  # not the soft form of "gangen"


def test_similar_words_keep_apart():
    assert welsh.family("gwaith").isdisjoint(welsh.family("gwaeth"))
    assert welsh.family("waith").isdisjoint(welsh.family("waeth"))


def test_a_word_with_two_real_readings_keeps_both_unless_chosen():
    # "lan" is the soft form of "glan" (bank, clean) and of "llan" (church): both are real, both kept
    assert {"glan", "llan"} <= welsh.readings("lan")
    # "fod" is the soft form of "bod" and of "mod", itself the nasal form of "bod": one family
    assert welsh.readings("fod") == {"bod", "mod"}
    # "drwy" and "trwy" are one word written two ways: each finds the other
    assert "trwy" in welsh.family("drwy") and "drwy" in welsh.family("trwy")
    # "beth" is the soft form of "peth" (what)
    assert "peth" in welsh.family("beth")


def test_chosen_readings_decide_the_ambiguous_words():
    assert welsh.readings("dal") == {"dal"}  # hold, still; not "tal" (tall)
    assert "tal" not in welsh.family("dal")
    assert "dal" in welsh.family("tal")  # a page saying "tal" is still found by its soft form
    assert welsh.readings("mae") == {"mae"}  # is; not the nasal form of "bae" (bay)
    assert "bae" not in welsh.family("mae")
    assert welsh.readings("gan") == {"gan"}  # by, with; not the soft form of "can"


def test_every_chosen_reading_is_a_real_ambiguity():
    """Each entry of welsh_readings.yml leaves out a reading the word list would otherwise give,
    and the reading kept is the written word's own: no entry is dead or contradicts the rules."""
    data = yaml.safe_load(welsh.READINGS_FILE.read_text(encoding="utf-8"))
    lexicon = welsh.lexicon()
    for entry in data["ambiguous"]:
        written = entry["written"]
        rule_readings = {r for r, m in welsh.candidate_radicals(written) if lexicon.takes(r, m)}
        assert set(entry["could_be"]) <= rule_readings, (written, rule_readings)
        assert set(entry["could_be"]).isdisjoint(welsh.readings(written)), written
        assert entry["why"].strip(), written


def test_a_malformed_readings_file_names_the_file_line_and_problem(tmp_path):
    bad = tmp_path / "readings.yml"
    bad.write_text("ambiguous:\n  - written: dal\n    read_as: [dal]\n  - written: tal\n    read_as: tal\n")
    with pytest.raises(ValueError, match=r"readings\.yml, line 4: `read_as` for 'tal' must be a list"):
        welsh.chosen_readings(bad)
    bad.write_text("ambiguous: [\n")
    with pytest.raises(ValueError, match=r"readings\.yml: cannot read the Welsh readings"):
        welsh.chosen_readings(bad)


def test_the_word_list_keeps_each_words_mutation_flags(tmp_path):
    flags = welsh.mutation_flags("4\ncyngor/LMT\nchwaith\nDal/MTv\nhaul/Bh\n")
    assert flags == {"cyngor": "LMT", "chwaith": "", "dal": "MT", "haul": ""}  # "h" is not "H"
    path = tmp_path / "words.txt.gz"
    path.write_bytes(gzip.compress(welsh.word_list_text(flags).encode()))
    lexicon = welsh.read_lexicon(path)
    assert lexicon.takes("cyngor", welsh.NASAL) and not lexicon.takes("chwaith", welsh.SOFT)
    assert lexicon.knows("chwaith") and lexicon.takes("dal", welsh.SOFT)
    assert welsh.mutated_forms("chwaith", lexicon) == {"chwaith"}


def test_the_sites_word_list_is_derived_from_the_installed_dictionary():
    """src/site_search/data/cy_words.txt.gz is what `python -m site_search.word_list` writes from
    the cy_GB dictionary cymraeg-mcp bundles: run it again if this fails."""
    from site_search.word_list import derived_word_list

    assert gzip.decompress(welsh.WORD_LIST.read_bytes()).decode("utf-8") == derived_word_list()


def test_an_unreadable_word_list_is_reported_with_its_path(tmp_path):
    broken = tmp_path / "words.txt.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(RuntimeError, match=r"words\.txt\.gz: cannot read the Welsh word list"):
        welsh.read_lexicon(broken)


# ---------- English, abbreviations, the index ----------


def test_english_words_find_their_inflections_seen_on_the_site():
    vocabulary = "policy policies tweet tweeting tweeted making make stop stopping the general generate"
    family = family_finder([*vocabulary.split(), "address", "addresses", "councillors", "councillor", "this"])
    assert family("policy") == {"policy", "policies"}
    assert family("tweeted") == {"tweet", "tweeted", "tweeting"}
    assert family("make") == {"make", "making"}
    assert family("stopping") == {"stop", "stopping"}
    assert family("addresses") == {"address", "addresses"}
    assert family("councillors") == {"councillor", "councillors"}
    assert family("general") == {"general"}  # inflections only: not "generate"
    assert family("this") == {"this"} and family("the") == {"the"}


def test_abbreviations_come_from_the_term_list_in_both_languages():
    found = read_abbreviations(ROOT / "translation" / "terms.yml")
    assert ("foi", ("freedom", "of", "information")) in {(a.abbreviation, a.words) for a in found["en"]}
    assert ("foi", ("rhyddid", "gwybodaeth")) in {(a.abbreviation, a.words) for a in found["cy"]}


def test_a_bad_term_list_is_reported_with_its_file(tmp_path):
    bad = tmp_path / "terms.yml"
    bad.write_text("roles: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"terms\.yml: cannot read the term list"):
        read_abbreviations(bad)


def test_entries_are_split_by_language_with_addresses_from_their_home():
    entries = [{"location": "", "title": "Home"}, {"location": "cy/policies/#x", "title": "Polisïau"}]
    found = split(entries, ["en", "cy"], "en")
    assert [e["location"] for e in found["en"]] == [""]
    assert [e["location"] for e in found["cy"]] == ["policies/#x"]


def test_forms_fields_hold_only_what_the_entry_does_not_say():
    entries = [{"location": "", "title": "Polisi", "text": "<p>Ei bolisi a'r cyngor</p>"}]
    add_forms(entries, welsh.family)
    text_forms = set(entries[0]["text_forms"].split())
    assert {"polisi", "mholisi", "nghyngor"} <= text_forms
    assert "bolisi" not in text_forms and "cyngor" not in text_forms


def _combined_index(tmp_path: Path, offline: bool) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    docs = [
        {"location": "", "title": "Home", "text": "<p>Freedom of Information requests</p>"},
        {"location": "cy/", "title": "Hafan", "text": "<p>Ceisiadau Rhyddid Gwybodaeth i'r cyngor</p>"},
    ]
    config = {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    (site / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    if offline:
        (site / "search" / "search_index.js").write_text("var __index = {}")
    return site


@pytest.mark.parametrize("offline", [False, True], ids=["served", "offline"])
def test_each_language_gets_its_own_index_file(tmp_path, offline):
    site = _combined_index(tmp_path, offline)
    written = write_language_indexes(
        site, ["en", "cy"], "en", [], ROOT / "decision_trees", ROOT / "translation" / "terms.yml"
    )
    assert written == {
        "en": site / "search" / "search_index.json",
        "cy": site / "cy" / "search" / "search_index.json",
    }
    english = json.loads(written["en"].read_text())
    welsh_index = json.loads(written["cy"].read_text())
    assert [d["title"] for d in english["docs"]] == ["Home"]
    assert [d["title"] for d in welsh_index["docs"]] == ["Hafan"]
    assert "foi" in english["docs"][0]["text_forms"].split()
    assert {"foi", "nghyngor"} <= set(welsh_index["docs"][0]["text_forms"].split())
    for path in written.values():
        script = path.with_suffix(".js")
        assert script.exists() == offline
        if offline:
            assert json.loads(script.read_text().removeprefix("var __index = ")) == json.loads(
                path.read_text()
            )


def test_a_missing_index_is_reported_with_its_path(tmp_path):
    with pytest.raises(ValueError, match=r"search_index\.json: cannot read the search index"):
        write_language_indexes(
            tmp_path, ["en"], "en", [], ROOT / "decision_trees", ROOT / "translation" / "terms.yml"
        )


# ---------- the built site ----------


def _index(site: Path, language: str) -> dict:
    path = site / ("search" if language == "en" else "cy/search") / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_built_site_has_one_index_per_language_and_no_page_of_the_other(site):
    english, welsh_index = _index(site, "en"), _index(site, "cy")
    english_pages = {d["location"].split("#")[0] for d in english["docs"]}
    welsh_pages = {d["location"].split("#")[0] for d in welsh_index["docs"]}
    assert english_pages and english_pages == welsh_pages  # twins, each at its own home
    assert not any(p.startswith("cy/") for p in english_pages | welsh_pages)
    for language, index in (("en", english), ("cy", welsh_index)):
        titles = {d["title"] for d in index["docs"] if "#" not in d["location"]}
        for page in sorted(english_pages):
            html_file = site / ("" if language == "en" else "cy") / page / "index.html"
            h1 = re.search(r"<h1[^>]*>(.*?)<", html_file.read_text(encoding="utf-8"), re.S)[1].strip()
            assert h1 in titles, (language, page, h1)


def test_each_language_index_has_its_own_word_handling(site):
    english, welsh_index = _index(site, "en")["config"], _index(site, "cy")["config"]
    assert english["pipeline"] == list(LANGUAGES["en"].pipeline) == ["trimmer", "stopWordFilter"]
    assert welsh_index["pipeline"] == [] and welsh_index["lang"] == ["en"]  # lunr's base, no English filter
    for config in (english, welsh_index):
        assert config["fields"]["title_forms"] == config["fields"]["title"]
        assert config["fields"]["text_forms"] == config["fields"]["text"]


def test_welsh_pages_point_search_at_the_welsh_index(site):
    for page in (site / "cy").rglob("index.html"):  # every Welsh page
        if "search" in page.parts:
            continue
        config = json.loads(
            re.search(
                r'<script id="__config" type="application/json">(.*?)</script>',
                page.read_text(encoding="utf-8"),
                re.S,
            )[1]
        )
        depth = len(page.relative_to(site / "cy").parts) - 1
        assert config["base"] == "/".join([".."] * (depth + 1)) + "/cy/", page
    english_home = (site / "index.html").read_text(encoding="utf-8")
    assert '"base": "."' in english_home
    # the "page not found" pages: addresses from the server's root
    assert '"base": "/cy/"' in (site / "cy" / "404.html").read_text(encoding="utf-8")
    assert '"base": "/"' in (site / "404.html").read_text(encoding="utf-8")


def test_every_walkthrough_question_and_outcome_is_an_entry_in_both_languages(site):
    from decision_trees import compile_all

    for tree in compile_all(ROOT / "decision_trees", None):
        for language in ("en", "cy"):
            anchors = {
                d["location"].split("#")[1] for d in _index(site, language)["docs"] if "#" in d["location"]
            }
            missing = [n for n in tree.nodes if f"{tree.id}--{n}" not in anchors]
            assert missing == [], (tree.id, language, missing)


def test_the_translation_notice_is_not_searched(site):
    page = (site / "cy" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition note translation-notice"[^>]*>(.*?)</div>', page, re.S)[1]
    sentence = " ".join(re.findall(r"<p>(.*?)</p>", notice, re.S)[-1].split(":")[0].split())
    welsh_text = " ".join(" ".join(d["text"].split()) for d in _index(site, "cy")["docs"])
    assert sentence and sentence not in welsh_text


# ---------- the test set still describes the pages ----------


def _welsh_page_words(site: Path) -> dict[str, set[str]]:
    pages: dict[str, set[str]] = {}
    for doc in _index(site, "cy")["docs"]:
        page = doc["location"].split("#")[0] or "/"
        pages.setdefault(page, set()).update(words(doc["title"]) + words(doc["text"]))
    return pages


@pytest.mark.parametrize("case", QUERIES["mutations"], ids=lambda c: c["query"])
def test_the_mutation_test_set_matches_the_pages(site, case):
    """Every page a query must find says one of its forms, and no page it must not find does (the
    words as written, before any mutation handling). When a page changes, this says which entry of
    tests/search/queries.yml to update."""
    pages = _welsh_page_words(site)
    assert set(case["find"]) | set(case["not_find"]) == set(pages), "find and not_find list every Welsh page"
    for page in case["find"]:
        assert any(w.startswith(tuple(case["forms"])) for w in pages[page]), (
            case["query"],
            page,
            "says none of the forms",
        )
    for page in case["not_find"]:
        said = sorted(w for w in pages[page] if w.startswith(tuple(case["forms"])))
        assert not said, (case["query"], page, "says", said)


def test_the_mutation_test_set_is_big_enough():
    assert len(QUERIES["mutations"]) >= 40
