"""A broken tree stops the build with a message that names the file, the line and the node, and a
code that says what kind of problem it is.

tests/trees/broken/ holds one small file per kind of problem, each otherwise valid and each saying in
its first comment what is wrong; tests/trees/expected.yml gives, for each, the code, line and node of
every problem the compiler must report (and the exact wording for a handful). Files that cannot
sensibly be committed (too large, not UTF-8, an alias bomb, a symbolic link to /dev/zero, a named
pipe, a 5,000-character id) are generated here, and for those that could make a careless loader do
unbounded work we also check that the compiler gives up early: after a bounded number of YAML
events, before parsing, or before reading the file at all. Every code the compiler has is covered.

Citations in the corpus point at tests/trees/fixture_docs/, so the real pages can change freely.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from support.project import ROOT
from support.tree_shapes import chain, ladder

from decision_trees import limits, loader
from decision_trees.compiler import compile_all, compile_text, compile_tree
from decision_trees.errors import CODES, TreeError, TreeErrors
from decision_trees.policy_pages import PolicyPages
from site_translations.languages import LANGUAGES

TREES = ROOT / "tests" / "trees"
BROKEN = TREES / "broken"
FIXTURE_DOCS = TREES / "fixture_docs"
PAGES = PolicyPages(FIXTURE_DOCS)
EXPECTED: dict[str, list[dict]] = yaml.safe_load((TREES / "expected.yml").read_text(encoding="utf-8"))
CORPUS = sorted(p.name for p in BROKEN.glob("*.yml"))

# Codes shown by files generated in this module (and the test that shows each), not by the corpus.
GENERATED = {
    "unreadable": "test_an_unreadable_file_is_an_error_not_a_crash",
    "not-a-regular-file": "test_links_pipes_devices_and_folders_are_refused_without_being_read",
    "file-name": "test_a_tree_saved_as_yaml_is_refused_by_name",
    "skipped-file": "test_editor_files_beside_the_trees_are_skipped_with_a_warning",
    "too-large": "test_a_file_over_512_kb_is_refused",
    "not-utf8": "test_bytes_that_are_not_utf8_are_refused_with_their_line",
    "yaml-character": "test_a_control_character_yaml_refuses_is_named_with_its_line",
    "too-complex": "test_a_file_with_too_many_yaml_events_is_refused",
    "id-too-long": "test_a_5000_character_id_is_refused_by_its_length",
    "text-too-long": "test_text_over_the_length_limit_is_refused",
    "too-many-entries": "test_a_question_with_too_many_answers_is_refused_before_they_are_checked",
    "too-many-routes": "test_a_route_list_over_the_limit_is_refused_before_it_is_made",
    "scenario-format": "test_scenario_files_that_do_not_fit_have_codes_too",
    "scenario-mismatch": "test_scenario_files_that_do_not_fit_have_codes_too",
}


# Codes of the content rules `decision-trees lint` reports beside the compiler (and the test module
# that shows each): not broken files, so not in the corpus.
CONTENT_RULES = {
    "no-unsure-answer": "tests/test_unsure.py",
    "needless-unsure-reason": "tests/test_unsure.py",
    # The practice cases' and the comparison's own problems, shown by their broken samples.
    "unknown-tree": "tests/test_cases.py",
    "missing-reason": "tests/test_cases.py",
    "case-mismatch": "tests/test_cases.py",
    "choices-without-outcome": "tests/test_cases.py",
    "unknown-case": "tests/test_cases.py",
    "comparison-not-shown": "tests/test_comparison.py",
    "unknown-organisation": "tests/test_comparison.py",
    "missing-cell": "tests/test_comparison.py",
    "cell-silent-and-summary": "tests/test_comparison.py",
    "cell-without-summary": "tests/test_comparison.py",
    "citation-other-policy": "tests/test_comparison.py",
}


def display(name: str) -> str:
    return f"tests/trees/broken/{name}"


def errors_of(path: Path, name: str | None = None, pages=PAGES) -> list[TreeError]:
    with pytest.raises(TreeErrors) as info:
        compile_tree(path, pages, name or display(path.name))
    return info.value.errors


def problems_of(path: Path, name: str) -> list[TreeError]:
    """The errors a file fails with, or the warnings it compiles with."""
    try:
        tree = compile_tree(path, PAGES, name)
    except TreeErrors as exc:
        return exc.errors
    return list(tree.warnings)


def summary(problems: list[TreeError]) -> list[tuple]:
    return [(p.code, p.line, p.node, p.severity) for p in problems]


def expected_summary(name: str) -> list[tuple]:
    return [
        (e["code"], e["line"], e.get("node"), "warning" if e.get("warning") else "error")
        for e in EXPECTED[name]
    ]


# -- the corpus ---------------------------------------------------------------------------------


def test_every_code_is_listed_and_shown_by_the_corpus_or_a_generated_file():
    assert sorted(EXPECTED) == CORPUS, "every file in broken/ has an entry in expected.yml, and only those"
    in_corpus = {problem["code"] for problems in EXPECTED.values() for problem in problems}
    assert in_corpus <= set(CODES), f"unknown codes: {in_corpus - set(CODES)}"
    assert set(GENERATED) | set(CONTENT_RULES) <= set(CODES)
    shown = in_corpus | set(GENERATED) | set(CONTENT_RULES)
    assert shown == set(CODES), f"not shown: {set(CODES) - shown}"
    assert all(name in globals() for name in GENERATED.values())
    for code, module in CONTENT_RULES.items():
        assert code in (ROOT / module).read_text(encoding="utf-8"), (code, module)
    assert len(CORPUS) >= 70


def test_the_codes_are_the_ones_decision_trees_readme_lists():
    readme = (ROOT / "decision_trees" / "README.md").read_text(encoding="utf-8")
    # The "Error codes" section only: the field reference's tables have rows of the same shape.
    section = readme.split("### Error codes", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M)
    assert listed == list(CODES), "the README's table of codes lists every code, in the same order"


@pytest.mark.parametrize("name", CORPUS)
def test_each_broken_file_says_what_is_wrong_with_it(name):
    first = (BROKEN / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Broken: "), f"{name} should start with a '# Broken: ...' comment"


@pytest.mark.parametrize("name", CORPUS)
def test_each_broken_file_fails_with_exactly_the_expected_codes_lines_and_nodes(name):
    problems = problems_of(BROKEN / name, display(name))
    assert summary(problems) == expected_summary(name)
    for problem, expected in zip(problems, EXPECTED[name], strict=True):
        assert problem.file == display(name)
        if "message" in expected:
            assert str(problem) == expected["message"]
        # Only whole-file problems have no line.
        assert problem.line is not None or problem.code in ("empty-file", "no-outcome")
        assert len(str(problem)) < 400 and "\n" not in str(problem)


def test_a_handful_of_messages_are_pinned_word_for_word():
    pinned = [e for problems in EXPECTED.values() for e in problems if "message" in e]
    assert 5 <= len(pinned) <= 15


@pytest.mark.parametrize("name", CORPUS)
def test_windows_line_endings_give_the_same_problems(name, tmp_path):
    crlf = tmp_path / name
    crlf.write_bytes((BROKEN / name).read_bytes().replace(b"\n", b"\r\n"))
    assert summary(problems_of(crlf, display(name))) == expected_summary(name)


def test_the_corpus_shape_compiles_when_nothing_is_broken():
    # The control: the shape the broken files vary, against the same fixture pages.
    tree = compile_tree(TREES / "valid" / "sample.yml", PAGES)
    assert [n.type for n in tree.nodes.values()] == [
        "question",
        "multiple",
        "checklist",
        "outcome",
        "outcome",
    ]
    assert tree.warnings == ()


def test_the_base_of_the_corpus_compiles_when_nothing_is_broken(tmp_path):
    # Undo the one change of a few broken files and they compile: the rest of each file is valid.
    fixes = {
        "unknown-node-reference.yml": ("next: finished", "next: done"),
        "bare-yes.yml": ("- id: yes", '- id: "yes"'),
        "citation-unknown-section.yml": ("section: gamma", "section: beta"),
        "tree-id-mismatch.yml": ("id: another-name", "id: tree-id-mismatch"),
        "control-character.yml": ("Yes\\e[31m", "Yes"),
        "lookalike-id.yml": ("col\u043eurs", "colours"),
        "start-is-outcome.yml": ("start: done", "start: first"),
        "citation-dot-slash.yml": ("./policies/", "policies/"),
        "duplicates-none.yml": (
            "label: {en: None of these., cy: Dim un o'r rhain}",
            "label: {en: Blue, cy: Glas}",
        ),
        "stray-bom.yml": ("\ufeff", ""),
        "reserved-id-step.yml": (": step", ": colours"),
    }
    for name, (old, new) in fixes.items():
        text = (BROKEN / name).read_text(encoding="utf-8")
        assert old in text, name
        fixed = tmp_path / name
        fixed.write_text(text.replace(old, new), encoding="utf-8")
        tree = compile_tree(fixed, PAGES, display(name))
        assert tree.warnings == (), name


def test_a_name_written_once_for_both_languages_is_not_a_warning(tmp_path):
    name = "same-in-both-languages.yml"
    text = (
        (BROKEN / name)
        .read_text(encoding="utf-8")
        .replace("title: {en: Stop now, cy: Stop now}", "title: {both: Stop now}")
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    tree = compile_tree(tmp_path / name, PAGES, display(name))
    assert tree.warnings == ()
    assert tree.nodes["stop"].title.en == tree.nodes["stop"].title.cy == "Stop now"


def test_both_beside_a_language_is_refused(tmp_path):
    text = VALID.replace("title: {en: Done, cy: Wedi gorffen}", "title: {both: Done, cy: Wedi gorffen}")
    [error] = errors_of(write(tmp_path, text), "generated.yml")
    assert error.code == "unknown-language" and "write both: alone" in error.message


# -- generated files -----------------------------------------------------------------------------

VALID = (TREES / "valid" / "sample.yml").read_text(encoding="utf-8").replace("id: sample", "id: generated", 1)


def write(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "generated.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def yaml_calls(monkeypatch):
    """Count the YAML events the loader pulls: it reads the file in one pass over them."""
    calls = Counter()
    real_parse = yaml.parse

    def parse(*args, **kwargs):
        calls["parse"] += 1
        for event in real_parse(*args, **kwargs):
            calls["events"] += 1
            yield event

    monkeypatch.setattr(loader.yaml, "parse", parse)
    return calls


def test_the_generated_base_compiles(tmp_path):
    compile_tree(write(tmp_path, VALID), PAGES, "generated.yml")


def test_a_file_over_512_kb_is_refused(tmp_path):
    text = VALID + "# padding\n" * 60_000  # valid YAML, just too big
    size = len(text.encode("utf-8"))
    assert size > 512 * 1024
    assert [str(e) for e in errors_of(write(tmp_path, text), "generated.yml")] == [
        f"generated.yml: file is too large ({size:,} bytes; the limit is 524,288)"
    ]


def test_a_10_mb_file_is_refused_without_being_parsed(tmp_path, yaml_calls):
    path = write(tmp_path, b"a: [" + b"1, " * 3_500_000 + b"]\n")
    size = path.stat().st_size
    assert [str(e) for e in errors_of(path, "generated.yml")] == [
        f"generated.yml: file is too large ({size:,} bytes; the limit is 524,288)"
    ]
    with pytest.raises(TreeErrors, match="file is too large"):
        compile_text(path.read_text(encoding="utf-8"), "generated.yml", PAGES)
    assert yaml_calls["parse"] == 0


def test_bytes_that_are_not_utf8_are_refused_with_their_line(tmp_path):
    # Welsh saved by a Latin-1 editor: 'ô' is the single byte 0xF4, not UTF-8.
    body = "    body: {en: It is true., cy: Mae'n wir.}"
    line = VALID.splitlines().index(body) + 1
    raw = VALID.encode("utf-8").replace(
        body.encode("utf-8"), body.replace("wir", "wir yn ôl").encode("latin-1")
    )
    assert b"\xf4" in raw
    assert [str(e) for e in errors_of(write(tmp_path, raw), "generated.yml")] == [
        f"generated.yml:{line}: file is not valid UTF-8"
    ]


def test_a_lone_surrogate_in_text_is_refused_not_a_crash():
    # compile_text takes str; a lone surrogate has no UTF-8 form (encode() would raise).
    with pytest.raises(TreeErrors) as info:
        compile_text(VALID + "# \ud800\n", "generated.yml", PAGES)
    assert [str(e) for e in info.value.errors] == [
        f"generated.yml:{VALID.count(chr(10)) + 1}: file is not valid UTF-8"
    ]


def test_an_alias_bomb_is_refused_before_anything_expands(tmp_path, yaml_calls):
    # Billion laughs: nine levels of ten aliases each would be 10^9 strings once expanded.
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]" for i in range(1, 10)]
    bomb = "# billion laughs\n" + "\n".join(lines) + "\n"
    assert [str(e) for e in errors_of(write(tmp_path, bomb), "generated.yml")] == [
        "generated.yml:2: YAML anchors and aliases (&name, *name) are not allowed; share answers with answer_sets"
    ]
    assert yaml_calls["events"] < 10, "refused at the first anchor, not after reading the rest"


def test_deep_nesting_is_refused_after_a_bounded_number_of_events(tmp_path, yaml_calls):
    deep = "id: generated\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert [str(e) for e in errors_of(write(tmp_path, deep), "generated.yml")] == [
        "generated.yml:2: nesting is deeper than 32 levels"
    ]
    assert yaml_calls["events"] < 50


def test_a_file_with_too_many_yaml_events_is_refused(tmp_path, yaml_calls, monkeypatch):
    # Under 512 KB, but a great many tiny values: the loader stops after MAX_EVENTS, whatever the file
    # says. (Lowered here to keep the test fast; at the real bound this takes seconds of parsing.)
    assert len("nodes: [" + "a," * (limits.MAX_EVENTS + 1) + "]") < 512 * 1024
    monkeypatch.setattr(limits, "MAX_EVENTS", 2_000)
    busy = "id: generated\nnodes: [" + "a," * 10_000 + "]\n"
    assert [str(e) for e in errors_of(write(tmp_path, busy), "generated.yml")] == [
        "generated.yml:2: file is too complex to be a decision tree"
    ]
    assert yaml_calls["events"] <= 2_002


def test_a_bad_key_names_its_node_even_when_the_id_comes_after_it(tmp_path):
    # The loader reads in one pass; the node's id is only known once the node has been read.
    text = VALID.replace(
        "  - id: details\n    type: checklist\n",
        "  - type: checklist\n    type: checklist\n    id: details\n",
        1,
    )
    line = text.splitlines().index("  - type: checklist") + 1
    assert [str(e) for e in errors_of(write(tmp_path, text), "generated.yml")] == [
        f"generated.yml:{line + 1}: node 'details': duplicate key 'type' (first at line {line})"
    ]


def test_a_yaml_error_later_in_the_file_is_reported_before_a_bad_key(tmp_path):
    # As if the whole file were parsed first: the syntax error is what the editor must fix first.
    text = VALID.replace("id: generated\n", "id: generated\nid: twice\n", 1) + "broken: [\n"
    errors = [str(e) for e in errors_of(write(tmp_path, text), "generated.yml")]
    assert len(errors) == 1 and "YAML syntax error" in errors[0], errors


def test_a_file_that_is_only_a_document_marker_is_empty(tmp_path):
    assert [str(e) for e in errors_of(write(tmp_path, "# nothing yet\n---\n"), "generated.yml")] == [
        "generated.yml: file is empty: a tree needs an id, a title, a start and nodes"
    ]


def test_a_control_character_yaml_refuses_is_named_with_its_line(tmp_path):
    text = VALID.replace("title: {en: Done,", "title: {en: Do\x07ne,")
    line = VALID.splitlines().index("    title: {en: Done, cy: Wedi gorffen}") + 1
    assert [str(e) for e in errors_of(write(tmp_path, text), "generated.yml")] == [
        f"generated.yml:{line}: file contains a character that YAML does not allow (#x0007); remove it"
    ]


def test_an_unreadable_file_is_an_error_not_a_crash(tmp_path):
    [error] = errors_of(tmp_path / "missing.yml", "missing.yml")
    assert (error.code, str(error)) == (
        "unreadable",
        "missing.yml: cannot read file: No such file or directory",
    )


# -- limits: each refused with a clear message before the work it bounds -------------------------


def only_error(path: Path) -> TreeError:
    errors = errors_of(path, "generated.yml")
    assert len(errors) == 1, [str(e) for e in errors]
    assert "\n" not in str(errors[0]) and len(str(errors[0])) < 400, str(errors[0])
    return errors[0]


def test_a_5000_character_id_is_refused_by_its_length(tmp_path):
    long_id = "a" * 5000
    text = VALID.replace('next: {"yes": colours', f'next: {{"yes": {long_id}').replace(
        "- id: colours", f"- id: {long_id}"
    )
    errors = errors_of(write(tmp_path, text), "generated.yml")
    assert {e.code for e in errors} == {"id-too-long"} and len(errors) == 2
    assert all("is 5,000 characters long; an id has at most 60" in e.message for e in errors)
    assert all(len(str(e)) < 300 for e in errors), "the message quotes the id cut short"


def test_a_label_of_0x_and_4000_hex_digits_is_refused_cleanly(tmp_path):
    # Python will not turn a number of more than 4,300 digits into text: the message must not try.
    text = VALID.replace("label: {en: Red, cy: Coch}", "label: {en: 0x" + "f" * 4000 + ", cy: Coch}")
    error = only_error(write(tmp_path, text))
    assert error.code == "wrong-type" and error.node == "colours"
    assert "(got a number of 4000 hexadecimal digits); put it in quotes" in error.message


def test_text_over_the_length_limit_is_refused(tmp_path):
    text = VALID.replace("body: {en: It is true.,", "body: {en: " + "word " * 1000 + "words,")
    error = only_error(write(tmp_path, text))
    assert (error.code, error.node) == ("text-too-long", "done")
    assert "is 5,005 characters long (the limit is 5,000)" in error.message


def test_a_question_with_too_many_answers_is_refused_before_they_are_checked(tmp_path):
    # 31 answers, each with an unknown field: one error for the list, none for what is in it.
    answers = "".join(
        f"\n      - {{id: a{n}, label: {{en: A{n}, cy: A{n}c}}, next: stop, colour: red}}" for n in range(31)
    )
    text = VALID.replace('answers: {set: yes-no, next: {"yes": colours, "no": stop}}', "answers:" + answers)
    text = (
        text.replace("answer_sets:", "unused_sets:").split("unused_sets:")[0]
        + "nodes:"
        + text.split("nodes:")[1]
    )
    error = only_error(write(tmp_path, text))
    assert (error.code, error.node) == ("too-many-entries", "first")
    assert "a question has 31 answers; the limit is 30" in error.message


def test_a_tree_with_too_many_nodes_is_refused_before_its_nodes_are_checked(tmp_path):
    text = chain(limits.MAX_NODES).replace("type: question", "type: question\n    colour: red")
    error = only_error(write(tmp_path, text))
    assert error.code == "too-many-entries"
    assert "'nodes' has 2,002 entries; the limit is 2,000" in error.message


def test_a_1500_question_chain_compiles_renders_and_lists_its_routes(tmp_path):
    # Nothing recurses: the build once hit Python's recursion limit on a chain like this.
    from decision_trees.render_html import trainer_html, walkthrough_html
    from decision_trees.render_svg import render_svg
    from decision_trees.routes import route_list_text

    tree = compile_tree(write(tmp_path, chain(1500)), PAGES, "generated.yml")
    assert len(tree.nodes) == 1502
    assert route_list_text(tree).count("\n  q") == 2 * 1500  # each outcome: every question on the way
    assert trainer_html(tree, "cy", "diagram.svg").count("<li>") == 2 * 1500 + 2  # and the 2 outcomes
    assert walkthrough_html(tree, "en", lambda cite, language: ("#", "cite"))
    assert render_svg(tree, "en").count("<g>") == 1502


def test_answers_that_rejoin_list_their_routes_in_space_that_grows_with_the_tree(tmp_path):
    # 2^40 routes, as many as there are ways to answer 40 yes/no questions; the list has two
    # entries per question and says how many routes there are instead of listing them.
    from decision_trees.render_html import trainer_html
    from decision_trees.routes import route_list_text

    tree = compile_tree(write(tmp_path, chain(40, rejoin=True)), PAGES, "generated.yml")
    text = route_list_text(tree)
    assert "more than a billion routes" in text
    assert len(text.splitlines()) < 100
    assert len(trainer_html(tree, "en", "diagram.svg")) < 20_000


def test_a_route_list_over_the_limit_is_refused_before_it_is_made(tmp_path):
    # A ladder of questions, each 'no' its own outcome: each outcome is reached through every
    # question before it. 150 questions: 11,475 entries, refused; counting stops once past the limit.
    from decision_trees.routes import route_entries, route_table

    error = only_error(write(tmp_path, ladder(150)))
    assert error.code == "too-many-routes"
    assert "the route list would have more than 10,000 entries, the limit" in error.message
    # 139 questions: 139 * 140 / 2 + 139 = 9,869 entries, within the limit, and all of them listed.
    tree = compile_tree(write(tmp_path, ladder(139)), PAGES, "generated.yml")
    assert route_entries(tree) == 9_869 == sum(len(entry.conditions) for entry in route_table(tree))
    assert route_entries(tree, stop_above=100) == 101


# -- reading: only regular files, never more than the limit -------------------------------------


def test_links_pipes_devices_and_folders_are_refused_without_being_read(tmp_path):
    # Through the command line, with a time limit: a pipe that is opened hangs for ever.
    trees = tmp_path / "trees"
    trees.mkdir()
    (trees / "real.yml").write_text(VALID.replace("id: generated", "id: real"), encoding="utf-8")
    (trees / "linked.yml").symlink_to(trees / "real.yml")
    (trees / "zero.yml").symlink_to("/dev/zero")  # read whole, this was a memory error
    (trees / "dangling.yml").symlink_to(trees / "nowhere.yml")
    os.mkfifo(trees / "pipe.yml")  # opened, this hung the build
    (trees / "folder.yml").mkdir()
    result = lint(trees, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    refused = "not a regular file: only plain files are read"
    assert result.stderr.splitlines() == [
        f"trees/dangling.yml: is a symbolic link, {refused}",
        f"trees/folder.yml: is a folder, {refused}",
        f"trees/linked.yml: is a symbolic link, {refused}",
        f"trees/pipe.yml: is a named pipe, {refused}",
        f"trees/zero.yml: is a symbolic link, {refused}",
        "5 error(s)",
    ]
    with pytest.raises(TreeErrors) as info:
        compile_all(trees, FIXTURE_DOCS, tmp_path)
    assert {e.code for e in info.value.errors} == {"not-a-regular-file"}


def test_a_cited_page_that_is_a_device_is_refused_not_read(tmp_path):
    docs = tmp_path / "docs"
    for language in LANGUAGES:
        (docs / language / "policies").mkdir(parents=True)
        (docs / language / "policies" / "sample.md").symlink_to("/dev/zero")
    [error, *_] = errors_of(write(tmp_path, VALID), "generated.yml", PolicyPages(docs))
    assert error.code == "not-a-regular-file" and error.message.startswith("is a device")


def test_a_tree_saved_as_yaml_is_refused_by_name(tmp_path):
    (tmp_path / "generated.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "Other.YML").write_text(VALID, encoding="utf-8")
    with pytest.raises(TreeErrors) as info:
        compile_all(tmp_path, FIXTURE_DOCS, tmp_path)
    assert [(e.file, e.code, e.message) for e in info.value.errors] == [
        ("Other.YML", "file-name", "a tree file is named <id>.yml: rename this file to other.yml"),
        ("generated.yaml", "file-name", "a tree file is named <id>.yml: rename this file to generated.yml"),
    ]


def test_editor_files_beside_the_trees_are_skipped_with_a_warning(tmp_path):
    write(tmp_path, VALID)
    (tmp_path / ".#generated.yml").symlink_to("root@host.1234:1700000000")  # Emacs's lock: dangling
    for name in (
        "generated.yml~",
        ".generated.yml.swp",
        "#generated.yml#",
        ".hidden.yml",
        "generated.yml.orig",
    ):
        (tmp_path / name).write_text("not: [a tree", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a tree, and not like one", encoding="utf-8")
    warnings: list[TreeError] = []
    trees = compile_all(tmp_path, FIXTURE_DOCS, tmp_path, warnings=warnings)
    assert [t.id for t in trees] == ["generated"]
    assert sorted((w.file, w.code, w.severity) for w in warnings) == sorted(
        (name, "skipped-file", "warning")
        for name in (
            ".#generated.yml",
            "generated.yml~",
            ".generated.yml.swp",
            "#generated.yml#",
            ".hidden.yml",
            "generated.yml.orig",
        )
    )


def test_scenario_files_that_do_not_fit_have_codes_too(tmp_path):
    from decision_trees.scenarios import check_scenarios, load_scenarios

    tree = compile_tree(write(tmp_path, VALID), PAGES, "generated.yml")
    bad = tmp_path / "bad-scenarios.yml"
    bad.write_text("tree: generated\nscenarios:\n  - {name: no outcome, answers: {}}\n", encoding="utf-8")
    with pytest.raises(TreeErrors) as info:
        load_scenarios(bad)
    assert [e.code for e in info.value.errors] == ["scenario-format"]
    wrong = tmp_path / "wrong-scenarios.yml"
    wrong.write_text(
        "tree: generated\nscenarios:\n  - {name: huge, answers: {first: 0x"
        + "f" * 4000
        + "}, outcome: stop}\n"
        '  - {name: wrong outcome, answers: {first: "no"}, outcome: done}\n',
        encoding="utf-8",
    )
    errors = check_scenarios(tree, load_scenarios(wrong), "wrong-scenarios.yml")
    assert [e.code for e in errors] == ["scenario-mismatch", "scenario-mismatch"]


# -- the command line ---------------------------------------------------------------------------


def lint(
    trees: Path, docs: Path = FIXTURE_DOCS, *options: str, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "decision_trees",
            "lint",
            "--trees",
            str(trees),
            "--docs",
            str(docs),
            *options,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_lint_prints_every_problem_of_the_corpus_and_exits_1():
    result = lint(Path("tests/trees/broken"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *lines, summary = result.stderr.splitlines()
    # Each line names its file and line as the corpus expects; warnings say they are warnings.
    where = Counter(
        (name, e["line"], bool(e.get("warning"))) for name, problems in EXPECTED.items() for e in problems
    )
    printed = Counter()
    for line in lines:
        match = re.match(r"tests/trees/broken/([a-z-]+\.yml):(?:(\d+):)? ", line)
        assert match, line
        printed[
            (match.group(1), int(match.group(2)) if match.group(2) else None, line.endswith(" (warning)"))
        ] += 1
    assert printed == where
    pinned = [e["message"] for problems in EXPECTED.values() for e in problems if "message" in e]
    assert all(m in lines or f"{m} (warning)" in lines for m in pinned)
    warnings = sum(1 for problems in EXPECTED.values() for e in problems if e.get("warning"))
    errors = sum(len(problems) for problems in EXPECTED.values()) - warnings
    assert summary == f"{errors} error(s), {warnings} warning(s)"


def test_lint_reports_a_warning_the_strict_build_refuses_and_exits_1(tmp_path):
    (tmp_path / "same-in-both-languages.yml").write_bytes(
        (BROKEN / "same-in-both-languages.yml").read_bytes()
    )
    result = lint(tmp_path)
    assert result.returncode == 1
    # (stdout also carries lint's advice on unsure answers: not what this test is about)
    assert (
        result.stdout.splitlines()[0]
        == f"{tmp_path / 'same-in-both-languages.yml'}: ok (2 questions, 2 outcomes)"
    )
    [warning, summary] = result.stderr.splitlines()
    assert warning.endswith(
        "identical to its English: translate it, or, if it is meant to be the same in "
        "both (a name), write it once as {both: ...} (warning)"
    )
    assert summary == "1 warning(s): the strict build refuses them"


def test_lint_where_there_are_no_trees_fails_and_says_why(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "decision_trees", "lint"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr == (
        "decision-trees: no tree files (*.yml) in decision_trees/: "
        "run this in the project folder or pass --trees DIR\n"
    )


def test_lint_that_cannot_check_citations_fails_unless_told_to_skip_them(tmp_path):
    trees = ROOT / "tests" / "trees" / "valid"
    result = lint(trees, tmp_path / "nowhere")
    assert result.returncode == 2
    assert "cannot check citations: no " in result.stderr and "--no-citations" in result.stderr
    skipped = lint(trees, tmp_path / "nowhere", "--no-citations")
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout.endswith("citations were not checked (--no-citations)\n")


def test_lint_on_one_broken_file_exits_1_with_its_error(tmp_path):
    (tmp_path / "unknown-node-reference.yml").write_bytes(
        (BROKEN / "unknown-node-reference.yml").read_bytes()
    )
    result = lint(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{tmp_path / 'unknown-node-reference.yml'}:13: node 'first': "
        "'yes' leads to unknown node 'finished'\n1 error(s)\n"
    )


def test_lint_on_generated_hostile_files_exits_1_without_a_traceback(tmp_path):
    (tmp_path / "huge.yml").write_bytes(b"# x\n" * 200_000)
    (tmp_path / "latin1.yml").write_bytes(
        "id: latin1\ntitle: {en: Stop, cy: Arhoswch yn ôl}\n".encode("latin-1")
    )
    (tmp_path / "bomb.yml").write_text('a: &a ["lol"]\nb: &b [*a, *a, *a, *a]\n', encoding="utf-8")
    (tmp_path / "python.yml").write_text(
        "id: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8"
    )
    # The label that once crashed the error path itself, and an id of 5,000 characters.
    (tmp_path / "hex.yml").write_text(
        VALID.replace("id: generated", "id: hex").replace("{en: Red,", "{en: 0x" + "f" * 4000 + ","),
        encoding="utf-8",
    )
    (tmp_path / "long.yml").write_text(VALID.replace("id: generated", "id: " + "a" * 5000), encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "pwned" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == "6 error(s)"
    assert all(len(line) < 400 for line in result.stderr.splitlines())


def test_lint_passes_a_valid_tree():
    result = lint(Path("tests/trees/valid"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "tests/trees/valid/sample.yml: ok (3 questions, 2 outcomes)\n"


def test_a_question_mark_inside_braces_is_valid_yaml():
    # PyYAML's pure-Python parser wrongly rejects this; libyaml, which the compiler uses, accepts it.
    text = (ROOT / "tests" / "trees" / "valid" / "sample.yml").read_text(encoding="utf-8")
    tree_text = re.sub(r"question: \{en: [^,}]*", "question: {en: Is it true?", text, count=1)
    assert "Is it true?" in tree_text
    tree = compile_text(tree_text, "sample.yml", PAGES)
    assert any(n.question and n.question.en == "Is it true?" for n in tree.nodes.values())


# -- reserved ids: derived from what the page and its address use ------------------------------


def test_every_address_parameter_the_scripts_read_is_a_reserved_node_id():
    # A node id is a key of the walkthrough's address: no script on the page may read it as
    # anything else. The walkthrough's script and Material's bundle, as installed, are read here.
    import material

    from decision_trees.case_format import RESERVED_CASE_IDS
    from decision_trees.client_assets import CLIENT_DIR
    from decision_trees.page_names import RESERVED_NODE_IDS

    def read_by(script: Path) -> set[str]:
        text = script.read_text(encoding="utf-8")
        return set(re.findall(r"\.(?:get|getAll|has)\('([a-z]+)'\)", text)) | set(
            re.findall(r"'([a-z]+)=' \+", text)
        )

    # The practice page's address is keyed by case ids, not node ids: its own word is a reserved case id.
    practice = read_by(CLIENT_DIR / "practice.js")
    assert practice == {"case"} and practice <= set(RESERVED_CASE_IDS), practice
    ours = set().union(
        *(read_by(script) for script in CLIENT_DIR.glob("*.js") if script.name != "practice.js")
    )
    assert ours == {"step"}, ours
    bundle = next(
        (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    )
    theirs = set(re.findall(r'searchParams\.(?:get|has)\("([a-z]+)"\)', bundle.read_text(encoding="utf-8")))
    assert theirs, "Material's bundle reads no parameter: has the pattern changed?"
    assert ours | theirs <= set(RESERVED_NODE_IDS)


def test_every_anchor_the_renderer_makes_is_a_node_id_or_a_reserved_one():
    from decision_trees.page_names import ANCHORS, RESERVED_NODE_IDS
    from decision_trees.render_html import page_ids, trainer_html, walkthrough_html

    tree = compile_tree(TREES / "valid" / "sample.yml", PAGES)
    html = walkthrough_html(tree, "en", lambda cite, language: ("#", "x")) + trainer_html(tree, "en", "d.svg")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted(ids) == sorted(page_ids(tree, trainer=False) + page_ids(tree, trainer=True))
    names = {i.removeprefix(f"{tree.id}--") for i in ids if i != tree.id}
    assert names - set(tree.nodes) == set(ANCHORS) and set(ANCHORS) <= set(RESERVED_NODE_IDS)


def test_a_page_whose_heading_takes_an_id_of_its_walkthrough_stops_the_build():
    # Any page, not only walkthroughs/<tree>.md: the site build compares the ids a marker would add
    # with those already on the page (headings, footnotes...).
    from decision_trees.site import PageContext, SiteBuild, SiteError

    tree = compile_tree(TREES / "valid" / "sample.yml", PAGES)
    build = SiteBuild("en", {tree.id: tree}, PAGES)
    page = PageContext("guide.md", Path("/tmp"), lambda src: None, lambda path: path)
    fine = '<h1 id="guide">Guide</h1>\n<!-- walkthrough: sample -->\n<!-- walkthrough-trainer: sample -->'
    assert build.page_content(fine, page) == fine
    for taken, html in [
        ("sample--details", '<h2 id="sample--details">Details</h2>\n<!-- walkthrough: sample -->'),
        (
            "sample",
            '<h2 id="sample">Sample</h2>\n<!-- walkthrough-trainer: sample -->\n<!-- walkthrough: sample -->',
        ),
        ("sample--routes", '<h2 id="sample--routes">Routes</h2>\n<!-- walkthrough-trainer: sample -->'),
        ("sample", "<!-- walkthrough: sample -->\n<!-- walkthrough: sample -->"),  # placed twice
    ]:
        with pytest.raises(SiteError, match=f"would put id '{taken}' on the page"):
            build.page_content(html, page)


# -- paragraphs: a blank line starts one, however the text is written ----------------------------


@pytest.mark.parametrize(
    "written",
    [
        ">-\n        It is true.\n\n        It is still true.",
        ">\n        It is true.\n\n        It is still true.\n",
        "It is true.\n\n        It is still true.",
        "|-\n        It is true.\n\n        It is still true.",
    ],
    ids=["folded", "folded-keep", "plain", "literal"],
)
def test_a_blank_line_in_a_body_starts_a_paragraph(written):
    text = VALID.replace(
        "body: {en: It is true., cy: Mae'n wir.}", f"body:\n      en: {written}\n      cy: Mae'n wir."
    )
    assert "It is still true." in text
    tree = compile_text(text, "generated.yml", PAGES)
    assert tree.nodes["done"].body.paragraphs("en") == ["It is true.", "It is still true."]


def test_lines_of_one_paragraph_stay_one_paragraph():
    for written in (">-\n        It is\n        true.", "|-\n        It is\n        true."):
        text = VALID.replace(
            "body: {en: It is true., cy: Mae'n wir.}", f"body:\n      en: {written}\n      cy: Mae'n wir."
        )
        tree = compile_text(text, "generated.yml", PAGES)
        assert tree.nodes["done"].body.paragraphs("en") == ["It is true."], written


def test_a_real_outcome_written_in_two_paragraphs_has_two_in_both_languages(trees):
    # The Welsh review's N5: this body was written as two paragraphs and rendered as one.
    body = trees["gross-misconduct"].nodes["monmouthshire-ask-manager"].body
    assert [p[:27] for p in body.paragraphs("en")][1] == "The policy also reminds you"
    assert len(body.paragraphs("cy")) == 2
