"""Welsh is checked where it is: every Welsh string that reaches a reader, in the sources (pages and
their front matter, navigation, trees, interface strings) and in the built site (titles, tooltips,
labels, chrome), by spelling and mutations, yes/no answer forms and verdict badges, aligned term
pairs and language marks; flags for a human are printed. Problems known and waiting for a fix in a
file another change owns are listed in translation/known-welsh-problems.txt: anything new fails, and
so does a listed problem that has gone (take it off the list)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from support.project import ROOT
from support.report import report

from decision_trees.compiler import compile_text
from decision_trees.errors import TreeErrors
from decision_trees.policy_pages import PolicyPages
from decision_trees.render_html import tree_data, walkthrough_html
from decision_trees.render_svg import render_svg
from site_translations import answer_forms, built_html, checks, flags, lang_spans, proofing, terms
from site_translations.interface import site_strings
from site_translations.markdown_text import prose
from site_translations.problems import Problem
from site_translations.welsh_sources import Passage, all_passages, tree_passages
from site_translations.wording_in_code import wording_in_code

KNOWN = checks.load_baseline(ROOT / checks.BASELINE)
SAMPLE = (ROOT / "tests" / "trees" / "valid" / "sample.yml").read_text(encoding="utf-8")
FIXTURE_PAGES = PolicyPages(ROOT / "tests" / "trees" / "fixture_docs")


def _sample_line(text: str) -> int:
    """The line of the sample tree that holds `text` (the first), so the tests survive edits to it."""
    return next(number for number, line in enumerate(SAMPLE.splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return all_passages(ROOT)


def _listing(problems) -> str:
    return "\n".join(map(str, problems))


# ---------------------------------------------------------------------------------------------
# The project's own text, sources and built site


def test_every_welsh_source_is_read(passages):
    kinds = {p.kind for p in passages}
    assert kinds == {"page", "front-matter", "nav", "tree", "strings"}
    files = {p.file for p in passages}
    assert "mkdocs.yml" in files and "src/decision_trees/strings/cy.yml" in files
    assert "translation/interface/cy.yml" in files
    assert {f"decision_trees/{t.name}" for t in (ROOT / "decision_trees").glob("*.yml")} <= files
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs" / "cy").rglob("*.md")} <= files
    titles = [p for p in passages if p.where == "title" and p.kind == "front-matter"]
    assert len(titles) == len(list((ROOT / "docs" / "cy").rglob("*.md")))
    assert all(p.en for p in passages if p.kind in ("tree", "strings", "front-matter"))


def test_the_welsh_sources_have_no_problem_beyond_the_known_ones(passages):
    problems = checks.source_problems(ROOT, passages) + checks.allowlist_problems(ROOT, passages)
    new, gone = checks.compare(problems, KNOWN, with_site=False)
    assert new == [], "new Welsh problems in the sources:\n" + _listing(new)
    assert gone == [], "fixed: take these off translation/known-welsh-problems.txt:\n" + "\n".join(gone)


def test_the_built_site_has_no_welsh_problem_beyond_the_known_ones(site):
    problems = checks.built_site_problems(site, ROOT)
    new, gone = checks.compare(problems, [k for k in KNOWN if k.startswith("site/")])
    assert new == [], "new problems in the built site:\n" + _listing(new)
    assert gone == [], "fixed: take these off translation/known-welsh-problems.txt:\n" + "\n".join(gone)


def test_known_problems_are_only_in_files_other_changes_own():
    # Pages and trees are being rewritten elsewhere; anything else the checks find is fixed here.
    owned_elsewhere = ("docs/", "decision_trees/", "site/")
    assert [k for k in KNOWN if not k.startswith(owned_elsewhere)] == []


def test_flags_for_a_human_are_printed_and_never_fail(passages, pytestconfig):
    found = checks.flag_list(ROOT, passages)
    assert all(flag.file and flag.line and flag.check == "flag" for flag in found)
    # Printed at the end of the run: each needs a Welsh speaker to read the sentence.
    report(
        pytestconfig, f"Welsh: {len(found)} flag(s) for a human to read (not failures)", list(map(str, found))
    )


# ---------------------------------------------------------------------------------------------
# Spelling and mutations, and the allow-list


def test_the_proofing_catches_a_misspelling_and_a_missing_mutation():
    findings = proofing.proof_text("Mae'r cyngor yn croesawu ceisiadauu. Mae gan y cath ddu.")
    kinds = {(f.kind, f.word) for f in findings}
    assert ("spelling", "ceisiadauu") in kinds
    assert ("mutation", "cath") in kinds


def test_the_allowlist_accepts_mutated_forms_of_listed_words_only():
    allow = {"cyflogeion"}
    assert proofing.proof_text("i'n gyflogeion", allow) == []
    assert proofing.proof_text("i'n gyflogeionn", allow) != []


def test_every_allowlist_entry_says_what_it_is_and_why(tmp_path):
    assert proofing.allowlist_problems(ROOT / proofing.ALLOWLIST) == []
    bad = tmp_path / "allow.txt"
    bad.write_text(
        "Facebook  # name: platform\nBCBC\nfoo  # word: no such kind\nbar  # welsh:\n", encoding="utf-8"
    )
    problems = proofing.allowlist_problems(bad)
    assert [p.split(": ")[0] for p in problems] == [f"{bad}:2", f"{bad}:3", f"{bad}:4"]


def test_english_words_on_the_allowlist_are_accepted_only_when_marked():
    allow = proofing.load_allowlist(ROOT / proofing.ALLOWLIST)
    assert "mention" in proofing.english_words(ROOT / proofing.ALLOWLIST)
    assert "mention" not in allow
    assert [f.word for f in proofing.proof_text("Neges drwy @mention at y Cynulliad.", allow)] == ["mention"]
    assert proofing.proof_text("Neges drwy [@mention]{lang=en} at y Cynulliad.", allow) == []


def test_an_allowlist_entry_no_welsh_text_uses_is_reported(tmp_path):
    (tmp_path / "translation").mkdir()
    (tmp_path / proofing.ALLOWLIST).write_text(
        "Facebook  # name: platform\nZyxwv  # name: nothing uses it\n", encoding="utf-8"
    )
    passages = [Passage("docs/cy/x.md", 3, "section #x", "Ar Facebook.", "On Facebook.")]
    problems = checks.allowlist_problems(tmp_path, passages)
    assert [(p.line, p.message) for p in problems] == [
        (2, "'Zyxwv' is in no Welsh text any more: take it off the list")
    ]


def test_a_finding_names_the_file_and_the_line_of_the_word():
    passage = Passage("docs/cy/x.md", 10, "section #x", "Llinell gyntaf.\nMae'r gathh yma.", "x")
    (problem,) = checks.proof_passages([passage], set())
    assert (problem.file, problem.line, problem.check) == ("docs/cy/x.md", 11, "spelling")
    assert "gathh" in str(problem) and str(problem).startswith("docs/cy/x.md:11: ")


def test_front_matter_and_interface_strings_are_proofed(tmp_path):
    root = _project(tmp_path)
    page = root / "docs" / "cy" / "x.md"
    page.write_text(
        "---\ntitle: Polisi cyfrynggau\ndescription: Da.\n---\n\n# Pennawd {#x}\n", encoding="utf-8"
    )
    (root / "docs" / "en" / "x.md").write_text(
        "---\ntitle: Policy\n---\n\n# Heading {#x}\n", encoding="utf-8"
    )
    (root / "translation" / "interface" / "cy.yml").write_text(
        "footer: Gwnaed gan {name} gydaa\n", encoding="utf-8"
    )
    (root / "translation" / "interface" / "en.yml").write_text(
        "footer: Made by {name} with\n", encoding="utf-8"
    )
    found = {
        (p.file, p.line, p.message.split(":")[0]) for p in checks.proof_passages(all_passages(root), set())
    }
    assert found == {("docs/cy/x.md", 2, "title"), ("translation/interface/cy.yml", 1, "key footer")}


def _project(tmp_path: Path) -> Path:
    """The smallest project the sources reader accepts: docs in both languages and a config."""
    for folder in ("docs/cy", "docs/en", "decision_trees", "translation/interface"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Yes/no answer forms and verdict badges


@pytest.mark.parametrize(
    "question, answers",
    [
        ("Ydy'r neges yn gofyn am wybodaeth?", "Ydy / Nac ydy"),
        ("A yw'r wybodaeth wedi'i chyhoeddi?", "Ydy / Nac ydy"),
        ("A oes cynulleidfa ar wahân?", "Oes / Nac oes"),
        ("Gafodd y neges ei hanfon ar Twitter?", "Do / Naddo"),
        ("Anfonodd y neges?", "Do / Naddo"),
        ("Fydd yr ymateb yn un hir?", "Bydd / Na fydd"),
        ("Fyddwch chi'n defnyddio offer y cyngor?", "Byddaf / Na fyddaf"),
        ("A fyddwch yn gallu rheoli'r cyfrif?", "Byddaf / Na fyddaf"),
        ("Ydych chi'n llunio achos busnes?", "Ydw / Nac ydw"),
        ("A gaiff y cyfarfod hwn ei drydar yn fyw?", "Caiff / Na chaiff"),
        ("A allwch chi reoli'r cyfrif?", "Gallaf / Na allaf"),
        ("Ai chi yw perchennog y cyfrif?", "Ie / Nage"),
    ],
)
def test_the_answer_a_question_takes_follows_its_verb(question, answers):
    assert answer_forms.question_family(question).shown("reader") == answers


@pytest.mark.parametrize(
    "question",
    [
        "Pa gyfarfod yw hwn?",
        "Sut cyrhaeddodd y neges?",
        "I ba sefydliad rydych chi'n gweithio?",
        "Ai cyfrif swyddogol ynteu personol?",
    ],
)
def test_questions_that_do_not_want_yes_or_no_are_known(question):
    assert answer_forms.question_family(question) == answer_forms.NOT_YES_NO


def test_the_site_answers_a_question_to_you_in_the_second_person():
    family = answer_forms.question_family("Ydych chi'n barod?")
    assert family.shown("reader") == "Ydw / Nac ydw" and family.shown("site") == "Ydych / Nac ydych"


@pytest.mark.parametrize(
    "question, en, cy, wrong",
    [
        ("A gaiff y cyfarfod ei drydar?", "Yes", "Caiff", False),
        ("A gaiff y cyfarfod ei drydar?", "Yes", "Ydy", True),  # the review's F05
        ("A gaiff y cyfarfod ei drydar?", "No", "Caiff", True),  # the opposite answer
        ("Ydy'r neges yn gais?", "Yes, it is", "Ydy, mae'n gais", False),
        ("Ydy'r neges yn gais?", "No", "Na", True),
        ("Ydy'r neges yn gais?", "Yes", "Mae'n gais", True),  # an English yes needs an answer form
        ("Ydy'r neges yn gais?", "Not yet", "Ddim eto", False),
        ("Ydy'r neges yn gais?", "I'm not sure", "Dydw i ddim yn siŵr", False),
        ("Pa gyfarfod yw hwn?", "A committee meeting", "Cyfarfod pwyllgor", False),
        ("Pa gyfarfod yw hwn?", "Yes", "Ydy", True),
        ("Mae'r cyfarfod yn gyhoeddus?", "Yes", "Ydy", True),  # no verb the checker can read
        ("Beth yw sefyllfa'r cynnig?", "DCCT will assess it", "Bydd DCCT yn ei asesu", False),
    ],
)
def test_an_answer_label_must_agree_with_its_question(question, en, cy, wrong):
    assert (answer_forms.label_problem(question, en, cy) is not None) is wrong


def _tree(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decision_trees" / "sample.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_shared_answer_set_is_checked_against_every_question_that_uses_it(tmp_path):
    text = SAMPLE.replace(
        'question: {en: "Is it true?", cy: "Ydy e\'n wir?"}', 'question: {en: "May it?", cy: "A gaiff e?"}'
    )
    path = _tree(tmp_path, text)
    problems = [p for p in answer_forms.check_tree(path, tmp_path, {}) if "answer '" in p.message]
    assert [(p.file, p.line, p.node) for p in problems] == [
        ("decision_trees/sample.yml", 9, "first"),
        ("decision_trees/sample.yml", 10, "first"),
    ]
    assert "answer 'yes' of answer set 'yes-no'" in problems[0].message
    assert "Caiff / Na chaiff" in problems[0].message


def test_the_generic_badge_is_wrong_where_the_title_takes_another_verb(tmp_path):
    text = SAMPLE.replace(
        "title: {en: Sample tree, cy: Coeden enghreifftiol}", 'title: {en: "May it?", cy: "A gaiff e?"}'
    )
    defaults = {"verdict_yes": "Ydy", "verdict_no": "Nac ydy"}
    badges = [
        p for p in answer_forms.check_tree(_tree(tmp_path, text), tmp_path, defaults) if "badge" in p.message
    ]
    assert [(p.node, p.line) for p in badges] == [
        ("done", _sample_line('verdict: "yes"')),
        ("stop", _sample_line('verdict: "no"')),
    ]
    assert "verdict_yes" in badges[0].message and "Caiff / Na chaiff" in badges[0].message


def test_a_tree_sets_badges_that_agree_and_an_outcome_can_have_its_own(tmp_path):
    text = SAMPLE.replace(
        "title: {en: Sample tree, cy: Coeden enghreifftiol}",
        'title: {en: "May it?", cy: "A gaiff e?"}\nverdicts:\n  "yes": {en: "Yes", cy: "Caiff"}\n  "no": {en: "No", cy: "Na chaiff"}',
    )
    defaults = {"verdict_yes": "Ydy", "verdict_no": "Nac ydy"}
    assert [
        p for p in answer_forms.check_tree(_tree(tmp_path, text), tmp_path, defaults) if "badge" in p.message
    ] == []
    own = text.replace(
        '    verdict: "no"\n', '    verdict: "no"\n    verdict_label: {en: "Yes", cy: "Ydy"}\n'
    )
    (problem,) = [
        p for p in answer_forms.check_tree(_tree(tmp_path, own), tmp_path, defaults) if "badge" in p.message
    ]
    assert problem.node == "stop" and "its verdict_label" in problem.message


def test_a_title_that_is_not_a_question_takes_a_badge_that_is_not_an_answer(tmp_path):
    labels = 'verdicts:\n  "yes": {en: Ready, cy: Yn barod}\n  "no": {en: "No", cy: Nac ydy}\n'
    text = SAMPLE.replace("intro:", labels + "intro:", 1)
    (problem,) = [
        p for p in answer_forms.check_tree(_tree(tmp_path, text), tmp_path, {}) if "badge" in p.message
    ]
    assert problem.node == "stop" and "not a yes/no question" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "- just\n- a list\n",  # not a mapping
        "title: {en: x, cy: y}\nnodes: [a plain string, 3]\n",  # nodes that are not mappings
        "nodes:\n  - id: q\n    type: question\n    answers: [yes, no]\n",  # answers that are not mappings
        "nodes:\n  - id: q\n    type: question\n    answers: {set: [1]}\nanswer_sets: [x]\n",
        "verdicts: [yes]\nnodes:\n  - {id: o, type: outcome, verdict: 'yes'}\n",
        "title: [unclosed\n",  # not YAML
    ],
)
def test_a_malformed_tree_gives_the_welsh_checks_nothing_to_say_and_no_traceback(tmp_path, text):
    # The tree compiler reports what is malformed, with its line; the Welsh checks read what is well formed.
    assert answer_forms.check_tree(_tree(tmp_path, text), tmp_path, {}) == []


def test_the_badges_a_tree_sets_reach_the_page_the_data_and_the_diagram():
    text = SAMPLE.replace(
        "intro:",
        'verdicts:\n  "yes": {en: Ready, cy: Yn barod}\n  "no": {en: Stop, cy: Arhoswch}\nintro:',
        1,
    ).replace(
        '    verdict: "no"\n', '    verdict: "no"\n    verdict_label: {en: Not this way, cy: Nid fel hyn}\n'
    )
    tree = compile_text(text, "sample.yml", FIXTURE_PAGES)

    def cite(c, language):
        return ("#", "x")

    html = walkthrough_html(tree, "cy", cite)
    assert '<span class="walkthrough-verdict walkthrough-verdict--yes">Yn barod</span>' in html
    assert '<span class="walkthrough-verdict walkthrough-verdict--no">Nid fel hyn</span>' in html
    data = tree_data(tree, "en", cite)
    assert data["nodes"]["done"]["verdictLabel"] == "Ready"
    assert data["nodes"]["stop"]["verdictLabel"] == "Not this way"
    assert "YN BAROD" in render_svg(tree, "cy")


def test_the_real_trees_name_their_badges(trees):
    for tree in trees.values():
        assert {"yes"} <= set(tree.verdicts), f"{tree.id} sets no badge for 'yes' outcomes"


# ---------------------------------------------------------------------------------------------
# Aligned term pairs and the term list


TERMS = terms.load_terms(ROOT / terms.TERMS)


def _pair(en: str, cy: str) -> Passage:
    return Passage("decision_trees/x.yml", 7, "body", cy, en, "node-a", "tree")


def test_the_term_list_is_well_formed():
    raw = yaml.safe_load((ROOT / terms.TERMS).read_text(encoding="utf-8"))
    allowed = {"en", "cy", "note", "avoid", "forms", "not_in", "match", "aligned"}
    seen = set()
    for group in raw.values():
        for entry in group:
            assert entry.get("en") and entry.get("cy"), entry
            assert set(entry) <= allowed, (entry["en"], set(entry) - allowed)
            assert entry["en"].lower() not in seen, f"two Welsh terms for {entry['en']!r}"
            seen.add(entry["en"].lower())


def test_a_term_in_the_english_needs_its_welsh_in_any_mutation():
    assert (
        terms.aligned_problems([_pair("Do not tweet reactions.", "Peidiwch â thrydar adweithiau.")], TERMS)
        == []
    )
    (problem,) = terms.aligned_problems(
        [_pair("Do not tweet reactions.", "Peidiwch â thrydar ymatebion.")], TERMS
    )
    assert (problem.file, problem.line, problem.node) == ("decision_trees/x.yml", 7, "node-a")
    assert "reactions" in problem.message and "adweithiau" in problem.message
    assert terms.aligned_problems([_pair("Read the policy.", "Darllenwch ei bolisi.")], TERMS) == []
    assert terms.aligned_problems([_pair("Two councillors.", "Dau gynghorwyr.")], TERMS) == []  # forms


def test_a_longer_term_hides_the_shorter_one_inside_it():
    found = terms.aligned_problems(
        [_pair("Ask the web and communications team.", "Gofynnwch i dîm y we a chyfathrebu.")], TERMS
    )
    assert found == []


def test_a_phrase_where_the_word_has_another_sense_is_not_the_term():
    assert (
        terms.aligned_problems(
            [_pair("The Assembly makes laws for Wales.", "Mae'n deddfu ar gyfer Cymru.")], TERMS
        )
        == []
    )
    assert terms.aligned_problems([_pair("Follow the laws.", "Dilynwch y deddfau.")], TERMS) != []


def test_a_variant_to_avoid_is_found_anywhere_in_welsh():
    (problem,) = terms.avoided_problems([_pair("obscene", "Cynnwys anweddus")], TERMS)
    assert "anllad" in problem.message and problem.check == "term"


# ---------------------------------------------------------------------------------------------
# Flags for a human


def test_the_flags_point_at_what_the_review_found():
    found = flags.flags(
        [
            _pair("If any item is not true", "Os nad yw unrhyw eitem yn wir"),
            _pair("Don't post views or opinions", "Peidiwch â phostio safbwyntiau neu farn"),
            _pair("the Assembly cannot and must not engage", "ni all y Cynulliad, ac ni ddylai, ymwneud"),
            _pair("Questions should be tweeted", "Rhaid trydar cwestiynau"),
        ]
    )
    messages = [f.message for f in found]
    assert any("unrhyw" in m for m in messages)
    assert any("\u201cneu\u201d after a negative" in m for m in messages)
    assert any("must (not)" in m for m in messages)
    assert any("says should" in m for m in messages)
    assert all(f.check == "flag" and f.line == 7 for f in found)


def test_a_correct_sentence_raises_no_flag():
    assert flags.flags([_pair("Do not tweet any observations.", "Peidiwch â thrydar unrhyw sylwadau.")]) == []
    assert (
        flags.flags([_pair("Don't post views or opinions", "Peidiwch â phostio safbwyntiau na barn")]) == []
    )


@pytest.mark.parametrize(
    ("en", "cy"),
    [
        # "na" meaning "than" is no negative (live-tweeting.yml, assembly.md)
        (
            "rather than risk editing or misinterpreting a response",
            "yn hytrach na mentro golygu neu gamddehongli ymateb",
        ),
        # "un neu ragor": "one or more" (strings/cy.yml if_unmet)
        ("If any item is not true", "Os nad yw un neu ragor o'r eitemau'n wir"),
        # "cannot": inability, said with gallu; "should" stays dylid (scottish-parliament.md)
        (
            "If it cannot be adequately resourced, then it should be closed.",
            "Os nad oes modd darparu digon o adnoddau ar ei gyfer, dylid ei gau.",
        ),
        # "may not": possibility, said with efallai (assembly.md #bilingualism)
        (
            "Versions should co-exist equally. It may not be appropriate to post a link.",
            "Dylai fersiynau gydfodoli'n gyfartal. Efallai na fyddai'n briodol postio dolen.",
        ),
        # "required to" as "yn ofynnol", soft-mutated after "bydd yn" (assembly.md #creating-a-channel)
        (
            "A request should be sent. The team will be required to sign an SLA.",
            "Dylid anfon cais. Bydd yn ofynnol i'r tîm lofnodi SLA.",
        ),
        # "not ... any" means none, as the Welsh does (gross-misconduct.yml)
        (
            "You did not tick any of the examples, and you are not sure.",
            "Ni wnaethoch dicio unrhyw un o'r enghreifftiau, ac nid ydych yn siŵr.",
        ),
    ],
)
def test_what_the_flags_were_taught_is_correct_welsh_is_not_flagged(en, cy):
    assert flags.flags([_pair(en, cy)]) == []


def test_the_taught_exceptions_still_flag_the_errors_next_to_them():
    found = flags.flags(
        [
            _pair("Staff cannot post it.", "Ni ddylai staff ei bostio."),  # a ban, rendered "should not"
            _pair("Do not edit or misinterpret it.", "Peidiwch â golygu neu gamddehongli."),
            _pair("If no item is true", "Os nad yw un neu ddwy eitem yn wir"),
            _pair("If any item is not true, and you did not tick it", "Os nad yw unrhyw eitem yn wir"),
        ]
    )
    messages = [f.message for f in found]
    assert sum("must (not)" in m for m in messages) == 1
    assert sum("\u201cneu\u201d after a negative" in m for m in messages) == 2
    assert sum("unrhyw" in m for m in messages) == 1


# ---------------------------------------------------------------------------------------------
# Words in another language, marked [words]{lang=en}


def test_a_marked_span_becomes_html_with_its_language():
    assert (
        lang_spans.to_html("drwy [@mention]{lang=en} <b>") == 'drwy <span lang="en">@mention</span> &lt;b&gt;'
    )
    assert lang_spans.plain("ar [The Hub]{lang=en}.") == "ar The Hub."
    assert lang_spans.problems("[Hub]{lang=fr}") and lang_spans.problems('ar [Hub]{lang="en"}')
    assert lang_spans.problems("ar [The Hub]{lang=en}") == []


def test_pages_get_the_span_from_the_markdown_extension():
    html = markdown.markdown(
        "Drwy [@mention]{lang=en} a [dolen](https://example.org).",
        extensions=["site_translations.markdown_lang"],
    )
    assert html == '<p>Drwy <span lang="en">@mention</span> a <a href="https://example.org">dolen</a>.</p>'
    assert "@mention" not in prose("Drwy [@mention]{lang=en}.") and "The Hub" in prose("[The Hub]{lang=cy}")


def test_tree_strings_get_the_span_and_a_bad_mark_stops_the_compiler():
    text = SAMPLE.replace("cy: Coch}", "cy: '[Red]{lang=en}'}")
    tree = compile_text(text, "sample.yml", FIXTURE_PAGES)
    assert '<li><span lang="en">Red</span></li>' in walkthrough_html(tree, "cy", lambda c, lang: ("#", "x"))
    with pytest.raises(TreeErrors) as caught:
        compile_text(SAMPLE.replace("cy: Coch}", "cy: '[Red]{lang=fr}'}"), "sample.yml", FIXTURE_PAGES)
    (error,) = caught.value.errors
    assert (
        error.line == _sample_line("cy: Coch}")
        and error.node == "colours"
        and "unknown language" in error.message
    )


def test_tree_passages_keep_their_marks_for_the_checks(tmp_path):
    text = SAMPLE.replace("cy: Coch}", "cy: '[Red]{lang=en}'}")
    (passage,) = [p for p in tree_passages(_tree(tmp_path, text), tmp_path) if p.where.endswith("red label")]
    assert (
        passage.cy == "[Red]{lang=en}"
        and passage.line == _sample_line("cy: Coch}")
        and passage.node == "colours"
    )


# ---------------------------------------------------------------------------------------------
# The built site: reading it back, and what a Welsh page must not carry


def _page(tmp_path: Path, path: str, html: str) -> Path:
    page = tmp_path / "site" / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    return tmp_path / "site"


def test_the_reader_knows_the_language_of_every_run(tmp_path):
    site = _page(
        tmp_path,
        "cy/x/index.html",
        '<html lang="cy"><head><title>Teitl</title><script>var a = "Skip me";</script></head><body>'
        '<p>Mae <span lang="en">The Hub</span> yma<br>hefyd</p><a title="Link to this section" href="#">¶</a>'
        '<img alt="Diagram o bob llwybr"></body></html>',
    )
    runs = [(r.language, r.what, r.text) for r in built_html.read(site, site / "cy/x/index.html").runs]
    assert ("cy", "text", "Teitl") in runs
    assert ("en", "text", "The Hub") in runs
    assert ("cy", "title attribute", "Link to this section") in runs
    assert ("cy", "alt attribute", "Diagram o bob llwybr") in runs
    assert not any("Skip me" in text for _, _, text in runs)
    assert ("cy", "text", "yma hefyd") in runs  # a line break parts words


def test_english_chrome_and_unmarked_english_on_a_welsh_page_are_found(tmp_path):
    site = _page(
        tmp_path,
        "cy/x/index.html",
        '<html lang="cy"><body><a title="Link to this section" href="#">¶</a>'
        "<p>Mae'r canllawiau ar yr Hub.</p><p>Mae'r canllawiau ar <span lang=\"en\">The Hub</span>.</p>"
        '<a href="../" hreflang="en" class="md-select__link">English</a></body></html>',
    )
    problems = checks.built_site_problems(site, ROOT)
    found = {(p.check, p.message.split(" ")[0]) for p in problems}
    assert ("spelling", "title") in found  # "Link to this section" is not Welsh
    assert ("english-word", "\u201cHub\u201d") in found
    assert next(p for p in problems if p.check == "english-word").line == 1
    assert ("chrome", "the") in found  # the switcher's "English" not marked lang="en"
    assert len([p for p in problems if p.check == "english-word"]) == 1  # the marked one is fine


def test_a_welsh_name_on_an_english_page_must_be_marked(tmp_path):
    site = _page(
        tmp_path,
        "policies/x/index.html",
        '<html lang="en"><body><p>National Assembly for Wales</p><p>Cynulliad Cenedlaethol Cymru</p>'
        '<p lang="cy">Cynulliad Cenedlaethol Cymru</p></body></html>',
    )
    (problem,) = checks.built_site_problems(site, ROOT)
    assert problem.check == "marking" and "Cynulliad Cenedlaethol Cymru" in problem.message


def test_welsh_pages_carry_welsh_chrome_and_the_switcher_names_its_languages(site):
    welsh = site_strings(ROOT, "cy")
    for page in built_html.pages(site):
        reader = built_html.read(site, page)
        assert {(s.hreflang, s.lang) for s in reader.switcher} == {("en", "en"), ("cy", "cy")}, page
        if built_html.page_language(site, page) != "cy":
            continue
        html = page.read_text(encoding="utf-8")
        assert "Link to this section" not in html and "Jump back to footnote" not in html, page
    assembly = (site / "cy" / "policies" / "assembly" / "index.html").read_text(encoding="utf-8")
    if 'class="headerlink"' in assembly:  # while headings keep Markdown's permalink
        assert f'class="headerlink" href="#introduction" title="{welsh["permalink_title"]}"' in assembly
    assert f'title="{welsh["footnote_backlink_title"].replace("%d", "1")}"' in assembly


def test_the_badges_of_the_real_trees_are_on_their_pages(site):
    html = (site / "cy" / "walkthroughs" / "live-tweeting" / "index.html").read_text(encoding="utf-8")
    assert (
        'walkthrough-verdict--yes">Caiff</span>' in html
        and 'walkthrough-verdict--no">Na chaiff</span>' in html
    )
    assert ">Ydy</span>" not in html


# ---------------------------------------------------------------------------------------------
# One home for interface wording


def test_no_reader_facing_wording_is_left_in_code_templates_or_settings():
    found = wording_in_code(ROOT)
    assert found == [], (
        "move this wording into translation/interface/ or src/decision_trees/strings/:\n" + _listing(found)
    )


def test_the_wording_finder_finds_wording_in_each_kind_of_file(tmp_path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "x.html").write_text(
        '{# a comment #}<div title="{{ x }}">{{ site_strings.footer }}</div>\n<p>Made with care</p>\n'
        '<a aria-label="Open the menu" href="#">x</a>\n',
        encoding="utf-8",
    )
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "x.py").write_text(
        'NOTE = """\n!!! note "Not yet reviewed"\n"""\n'
        "HTML = f'<p class=\"x\">Read this first</p>'\n"
        'ERROR = "a message for developers, not a page"\n',
        encoding="utf-8",
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "x.js").write_text(
        "'use strict';\nconst a = el('p', 'walkthrough__x', 'Start again'); // 'Not this one'\n"
        "/** \"Copy link to this step\", a comment */ throw new Error('data without nodes');\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc:\n      permalink_title: Link to this section\n", encoding="utf-8"
    )
    found = {(w.file, w.line, w.text) for w in wording_in_code(tmp_path)}
    assert found == {
        ("overrides/x.html", 2, "Made with care"),
        ("overrides/x.html", 3, "Open the menu"),
        ("hooks/x.py", 1, "Not yet reviewed"),
        ("hooks/x.py", 4, "Read this first"),
        ("src/x.js", 2, "Start again"),
        ("mkdocs.yml", 3, "Link to this section"),
    }


def test_a_problem_reads_as_file_line_node_check_message():
    problem = Problem(
        "answer-form", "decision_trees/x.yml", 12, "badge \u201cYdy\u201d (terms.yml:39)", "done"
    )
    assert (
        str(problem)
        == "decision_trees/x.yml:12 (node done): [answer-form] badge \u201cYdy\u201d (terms.yml:39)"
    )
    assert problem.key == "decision_trees/x.yml (node done): [answer-form] badge \u201cYdy\u201d (terms.yml)"
