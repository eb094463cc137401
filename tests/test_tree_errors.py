"""A broken tree stops the build with a message that names the file, the line and the node.

tests/trees/broken/ holds one small file per kind of error, each otherwise valid and each saying in
its first comment what is wrong; tests/trees/expected.yml gives the exact lines the compiler must
print for it. Files that cannot sensibly be committed (too large, not UTF-8, an alias bomb) are
generated here, and for those that could make a careless loader do unbounded work we also check
that the compiler gives up early: after a bounded number of YAML events, or before parsing at all.

Citations in the corpus point at tests/trees/fixture_docs/, so the real pages can change freely.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from support.project import ROOT

from decision_trees import loader
from decision_trees.compiler import compile_text, compile_tree
from decision_trees.errors import TreeError, TreeErrors
from decision_trees.policy_pages import PolicyPages

TREES = ROOT / "tests" / "trees"
BROKEN = TREES / "broken"
FIXTURE_DOCS = TREES / "fixture_docs"
PAGES = PolicyPages(FIXTURE_DOCS)
EXPECTED: dict[str, dict] = yaml.safe_load((TREES / "expected.yml").read_text(encoding="utf-8"))
CORPUS = sorted(p.name for p in BROKEN.glob("*.yml"))

# Every kind of error the compiler must catch (the list), and some it also catches.
REQUIRED_KINDS = {
    "YAML syntax error",
    "duplicate key",
    "unknown field",
    "wrong type",
    "empty file",
    "unknown node reference",
    "duplicate id",
    "unreachable node",
    "no outcome reachable",
    "cycle",
    "question with fewer than two answers",
    "missing English or Welsh",
    "empty string",
    "citation page missing",
    "citation heading id missing",
    "unsafe YAML (python tag)",
    "other YAML tag",
    "anchors and aliases",
    "alias bomb",
    "huge file",
    "too-deep nesting",
    "non-UTF-8 bytes",
    "multiple YAML documents",
    "bare yes/no read as a boolean",
    "unknown answer set",
    "unused answer set",
    "answer-set next map missing an answer",
    "answer-set next map naming an unknown answer",
    "tree id not matching file name",
    "unknown node type",
    "unknown verdict",
    "multiple with too few options",
    "checklist with too few items",
    "option id 'none' reserved",
    "outcome without cites",
}
OTHER_KINDS = {
    "missing required field",
    "not a mapping",
    "non-scalar key",
    "invalid id",
    "unknown language",
    "answer without next",
    "citation page outside docs",
    "control character",
    "too complex",
    "lone surrogate",
    "unreadable file",
}
GENERATED_KINDS = {
    "huge file",
    "non-UTF-8 bytes",
    "alias bomb",
    "too-deep nesting",
    "control character",
    "too complex",
    "lone surrogate",
    "unreadable file",
}


def display(name: str) -> str:
    return f"tests/trees/broken/{name}"


def errors_of(path: Path, name: str | None = None, pages=PAGES) -> list[TreeError]:
    with pytest.raises(TreeErrors) as info:
        compile_tree(path, pages, name or display(path.name))
    return info.value.errors


# -- the corpus ---------------------------------------------------------------------------------


def test_the_corpus_has_a_file_for_every_kind_of_error():
    assert len(CORPUS) >= 25
    assert sorted(EXPECTED) == CORPUS, "every file in broken/ has an entry in expected.yml, and only those"
    kinds = {entry["kind"] for entry in EXPECTED.values()}
    assert kinds <= REQUIRED_KINDS | OTHER_KINDS, f"unknown kinds: {kinds - REQUIRED_KINDS - OTHER_KINDS}"
    assert kinds | GENERATED_KINDS >= REQUIRED_KINDS, (
        f"not covered: {REQUIRED_KINDS - kinds - GENERATED_KINDS}"
    )


@pytest.mark.parametrize("name", CORPUS)
def test_each_broken_file_says_what_is_wrong_with_it(name):
    first = (BROKEN / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Broken: "), f"{name} should start with a '# Broken: ...' comment"


@pytest.mark.parametrize("name", CORPUS)
def test_each_broken_file_fails_with_exactly_the_expected_errors(name):
    errors = errors_of(BROKEN / name)
    assert [str(e) for e in errors] == EXPECTED[name]["errors"]
    for error in errors:
        assert error.file == display(name)
        # Only whole-file problems have no line.
        assert error.line is not None or EXPECTED[name]["kind"] in ("empty file",)


@pytest.mark.parametrize("name", CORPUS)
def test_windows_line_endings_give_the_same_errors(name, tmp_path):
    crlf = tmp_path / name
    crlf.write_bytes((BROKEN / name).read_bytes().replace(b"\n", b"\r\n"))
    assert [str(e) for e in errors_of(crlf)] == EXPECTED[name]["errors"]


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


def test_the_base_of_the_corpus_compiles_when_nothing_is_broken(tmp_path):
    # Undo the one change of a few broken files and they compile: the rest of each file is valid.
    fixes = {
        "unknown-node-reference.yml": ("next: finished", "next: done"),
        "bare-yes.yml": ("- id: yes", '- id: "yes"'),
        "citation-unknown-section.yml": ("section: gamma", "section: beta"),
        "tree-id-mismatch.yml": ("id: another-name", "id: tree-id-mismatch"),
    }
    for name, (old, new) in fixes.items():
        fixed = tmp_path / name
        fixed.write_text((BROKEN / name).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        compile_tree(fixed, PAGES, display(name))


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
    assert len("nodes: [" + "a," * (loader.MAX_EVENTS + 1) + "]") < 512 * 1024
    monkeypatch.setattr(loader, "MAX_EVENTS", 2_000)
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


def test_a_control_character_is_refused_with_its_line(tmp_path):
    text = VALID.replace("title: {en: Done,", "title: {en: Do\x07ne,")
    line = VALID.splitlines().index("    title: {en: Done, cy: Wedi gorffen}") + 1
    assert [str(e) for e in errors_of(write(tmp_path, text), "generated.yml")] == [
        f"generated.yml:{line}: file contains a character that YAML does not allow (#x0007); remove it"
    ]


def test_an_unreadable_file_is_an_error_not_a_crash(tmp_path):
    assert [str(e) for e in errors_of(tmp_path / "missing.yml", "missing.yml")] == [
        "missing.yml: cannot read file: No such file or directory"
    ]


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


def test_lint_prints_every_error_of_the_corpus_and_exits_1():
    result = lint(Path("tests/trees/broken"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *lines, summary = result.stderr.splitlines()
    expected = [line for entry in EXPECTED.values() for line in entry["errors"]]
    assert Counter(lines) == Counter(expected)
    assert summary == f"{len(expected)} error(s)"


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
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "pwned" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == "4 error(s)"


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
