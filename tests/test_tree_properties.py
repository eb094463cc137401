"""Whatever a tree file holds, the compiler either compiles it or says what is wrong, cleanly.

Random text, random bytes and mutations of the real FOI tree (a key deleted, a type changed, an id
renamed, a node dropped or duplicated, two `next` targets swapped, a string emptied, a tag or an
alias injected, lines shuffled...) must end in a compiled tree or in TreeErrors that name the file,
give a line inside it and a one-line message. Any other exception is a bug: a person would see a
traceback instead of the problem.

Examples are derandomized, so CI runs the same cases every time; set TREE_FUZZ=explore to search
further with fresh random examples (2,000 per property).
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.project import ROOT

from decision_trees.compiler import compile_text, compile_tree
from decision_trees.errors import CODES, TreeErrors
from decision_trees.model import Tree
from decision_trees.policy_pages import PolicyPages
from decision_trees.render_html import trainer_html, walkthrough_html
from decision_trees.render_svg import render_svg
from decision_trees.routes import route_table

CI = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = (
    settings(CI, max_examples=2000, derandomize=False) if os.environ.get("TREE_FUZZ") == "explore" else CI
)

FOI_NAME = "decision_trees/foi-request.yml"
FOI_TEXT = (ROOT / FOI_NAME).read_text(encoding="utf-8")
FOI_DATA = yaml.safe_load(FOI_TEXT)
PAGES = PolicyPages(ROOT / "docs")


def check_outcome(text: str, file: str = FOI_NAME, pages: PolicyPages | None = PAGES):
    """Compile; the only acceptable failure is TreeErrors, and each error must be clean."""
    try:
        tree = compile_text(text, file, pages)
    except TreeErrors as exc:
        assert_clean(exc, file, line_count(text))
        return exc
    assert_sound(tree)
    return tree


def line_count(text: str) -> int:
    # YAML also breaks lines at \r, NEL, LS and PS, and counts lines as it does.
    return len(re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text))


def assert_clean(exc: TreeErrors, file: str, lines: int) -> None:
    assert exc.errors, "TreeErrors without any error"
    for error in exc.errors:
        assert error.file == file
        assert isinstance(error.message, str) and error.message.strip(), error
        assert len(str(error).splitlines()) == 1, f"an error should be one line: {str(error)!r}"
        assert "Traceback" not in error.message
        assert error.line is None or (isinstance(error.line, int) and 1 <= error.line <= lines + 1), error
        assert error.node is None or (isinstance(error.node, str) and error.node), error
        assert error.code in CODES, error


def _cite_link(cite, language):
    return (cite.page, cite.section)


def assert_sound(tree: Tree) -> None:
    """A tree that compiles has no dangling reference, every outcome is reached, and it renders
    (the walkthrough, the trainers' view and the diagram, in both languages) without an error."""
    assert tree.start in tree.nodes
    for node in tree.nodes.values():
        assert all(target in tree.nodes for _, target in node.edges()), node.id
    table = route_table(tree)
    assert {entry.outcome for entry in table} == {o.id for o in tree.outcomes}
    assert all(entry.routes >= 1 for entry in table)
    for language in ("en", "cy"):
        walkthrough_html(tree, language, _cite_link)
        trainer_html(tree, language, "diagram.svg")
        render_svg(tree, language)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def test_the_unmutated_tree_compiles():
    # The baseline of the mutations: the FOI tree as it is, and after a round trip through YAML.
    assert isinstance(check_outcome(FOI_TEXT), Tree)
    assert isinstance(check_outcome(dump(FOI_DATA)), Tree)


# -- (a) random input ------------------------------------------------------------------------------


@PROFILE
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=400))
def test_random_text_compiles_or_fails_cleanly(text):
    # Any code point, lone surrogates included (they cannot be encoded as UTF-8).
    check_outcome(text)


TOKENS = [
    "id: ",
    "type: ",
    "title: ",
    "intro: ",
    "start: ",
    "nodes:",
    "answers:",
    "answer_sets:",
    "set: ",
    "next: ",
    "otherwise: ",
    "options:",
    "items:",
    "none:",
    "cites:",
    "page: ",
    "section: ",
    "verdict: ",
    "en: ",
    "cy: ",
    "label: ",
    "unsure: ",
    "question: ",
    "body: ",
    "hint: ",
    "next_steps:",
    "unmet: ",
    "- ",
    "? ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "&a ",
    "*a",
    "&b [*a, *a] ",
    "!!python/object/apply:os.system ",
    "!!binary ",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!set ",
    "!!omap ",
    "!x ",
    "! ",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG !e! tag:example.com,2000:",
    "'",
    '"',
    "|",
    ">-",
    "# ",
    "<<: ",
    "yes",
    "no",
    "on",
    "off",
    "~",
    "null",
    "1e3",
    "0x1f",
    "0o17",
    "1_000",
    "12:30:00",
    "2001-12-14",
    ".inf",
    ".nan",
    "foi-request",
    "outcome",
    "question",
    "multiple",
    "checklist",
    "info",
    "not-yet",
    "asks-for-information",
    "policies/assembly.md",
    "freedom-of-information",
    "../../etc/passwd",
    "/bin/ls",
    "\t",
    "\\",
    "\x00",
    "\x07",
    "\ufeff",
    "\u2028",
    "\x85",
    "\r",
    "é",
    "ŵ",
]
INDENT = st.sampled_from(["", "  ", "    ", "      ", " ", "\t"])
LINE = st.builds(
    lambda indent, parts: indent + "".join(parts),
    INDENT,
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=6),
)


@PROFILE
@given(st.lists(LINE, max_size=30))
def test_random_yaml_like_text_compiles_or_fails_cleanly(lines):
    check_outcome("\n".join(lines))


@PROFILE
@given(st.lists(LINE, max_size=12), st.integers(0, 40))
def test_yaml_like_text_inside_the_real_tree_compiles_or_fails_cleanly(lines, at):
    # Junk spliced into a valid tree reaches the later stages, not just the YAML parser.
    foi = FOI_TEXT.splitlines()
    at = 6 + at * (len(foi) - 6) // 40
    check_outcome("\n".join(foi[:at] + lines + foi[at:]))


_BYTES_DIR = tempfile.TemporaryDirectory(prefix="tree-bytes-")


@PROFILE
@given(
    st.binary(max_size=400)
    | st.builds(
        lambda b, at: FOI_TEXT.encode()[:at] + b + FOI_TEXT.encode()[at:],
        st.binary(min_size=1, max_size=8),
        st.integers(0, 13_000),
    )
)
def test_random_bytes_in_a_file_compile_or_fail_cleanly(raw):
    path = Path(_BYTES_DIR.name) / "foi-request.yml"
    path.write_bytes(raw)
    try:
        tree = compile_tree(path, PAGES, FOI_NAME)
    except TreeErrors as exc:
        assert_clean(exc, FOI_NAME, line_count(raw.decode("utf-8", "replace")))
    else:
        assert_sound(tree)


# -- (b) mutations of the valid tree ------------------------------------------------------------


def locations(value, path=()):
    """Every (path, value) in a plain YAML document, containers and scalars alike."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from locations(item, (*path, index))


def get(data, path):
    for step in path:
        data = data[step]
    return data


NODE_IDS = [n["id"] for n in FOI_DATA["nodes"]]
ODD_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        7,
        1.5,
        10**30,
        "",
        " ",
        "x",
        "yes",
        "Not An Id",
        "none",
        "two\nlines",
        "id-\n",
        "x" * 5000,
        "it's",
        [],
        {},
        ["a"],
        [[["deep"]]],
        {"en": "x"},
        {"en": "x", "cy": "y"},
        {"en": "x", "cy": "y", "fr": "z"},
        {"set": "x"},
        {"set": "yes-no-unsure", "next": {"yes": "nowhere"}},
        {"page": "/etc/passwd"},
        {"page": "policies/assembly.md", "section": "nope"},
        "policies/nope.md",
        "../../../etc/passwd",
        "/bin/ls",
        "a\x00b",
    ]
)
IDS = st.sampled_from([*NODE_IDS, "nowhere", "Bad Id", "yes-no-unsure", "none", "yes", "not-sure"])


def _all(data, predicate):
    return [(p, v) for p, v in locations(data) if p and predicate(p, v)]


def mutate(data, draw) -> None:
    """Apply one random mutation to the plain data in place (a no-op if it finds no target)."""
    kind = draw(
        st.sampled_from(
            [
                "delete-key",
                "change-type",
                "rename-id",
                "drop-node",
                "duplicate-node",
                "swap-next",
                "retarget",
                "empty-string",
                "drop-language",
                "drop-item",
                "add-key",
                "duplicate-item",
            ]
        )
    )
    pick = lambda options: options[draw(st.integers(0, len(options) - 1))] if options else None  # noqa: E731
    if kind == "delete-key":
        spot = pick(_all(data, lambda p, v: isinstance(v, dict) and v))
        if spot:
            del spot[1][pick(list(spot[1]))]
        elif data:
            del data[pick(list(data))]
    elif kind == "change-type":
        spot = pick(_all(data, lambda p, v: True))
        if spot:
            get(data, spot[0][:-1])[spot[0][-1]] = copy.deepcopy(draw(ODD_VALUES))
    elif kind == "rename-id":
        spot = pick(_all(data, lambda p, v: isinstance(v, dict) and "id" in v))
        if spot:
            spot[1]["id"] = draw(IDS)
    elif kind in ("drop-node", "duplicate-node"):
        nodes = data.get("nodes")
        if isinstance(nodes, list) and nodes:
            index = draw(st.integers(0, len(nodes) - 1))
            if kind == "drop-node":
                del nodes[index]
            else:
                nodes.insert(draw(st.integers(0, len(nodes))), copy.deepcopy(nodes[index]))
    elif kind in ("swap-next", "retarget"):
        refs = _all(
            data,
            lambda p, v: (
                isinstance(v, str)
                and (p[-1] in ("next", "otherwise", "start") or (len(p) > 1 and p[-2] == "next"))
            ),
        )
        if kind == "retarget" and refs:
            path = pick(refs)[0]
            get(data, path[:-1])[path[-1]] = draw(IDS)
        elif len(refs) >= 2:
            (a, va), (b, vb) = pick(refs), pick(refs)
            get(data, a[:-1])[a[-1]] = vb
            get(data, b[:-1])[b[-1]] = va
    elif kind == "empty-string":
        spot = pick(_all(data, lambda p, v: isinstance(v, str)))
        if spot:
            get(data, spot[0][:-1])[spot[0][-1]] = draw(st.sampled_from(["", "   ", "\n"]))
    elif kind == "drop-language":
        spot = pick(_all(data, lambda p, v: isinstance(v, dict) and {"en", "cy"} <= set(v)))
        if spot:
            del spot[1][draw(st.sampled_from(["en", "cy"]))]
    elif kind in ("drop-item", "duplicate-item"):
        spot = pick(_all(data, lambda p, v: isinstance(v, list) and v))
        if spot:
            index = draw(st.integers(0, len(spot[1]) - 1))
            if kind == "drop-item":
                del spot[1][index]
            else:
                spot[1].append(copy.deepcopy(spot[1][index]))
    elif kind == "add-key":
        spot = pick(_all(data, lambda p, v: isinstance(v, dict))) or ((), data)
        spot[1][
            draw(
                st.sampled_from(
                    [
                        "hnit",
                        "answer",
                        "cites",
                        "next",
                        "id",
                        "fr",
                        "unsure",
                        "none",
                        "",
                        "two\nlines",
                        "it's",
                        "<<",
                        "k" * 500,
                    ]
                )
            )
        ] = copy.deepcopy(draw(ODD_VALUES))


TEXT_EDITS = st.sampled_from(
    [
        "tag",
        "python-tag",
        "anchor",
        "delete-line",
        "duplicate-line",
        "swap-lines",
        "indent",
        "dedent",
        "document",
        "tab",
        "truncate",
        "bare-yes",
    ]
)


def edit_text(text: str, draw) -> str:
    """One random edit of the YAML text itself: what a data mutation cannot express."""
    edit = draw(TEXT_EDITS)
    lines = text.split("\n")
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    if edit in ("tag", "python-tag", "anchor", "bare-yes"):
        values = [k for k, line in enumerate(lines) if ": " in line]
        if not values:
            return text
        k = values[i % len(values)]
        head, _, tail = lines[k].partition(": ")
        insert = {"tag": "!custom ", "python-tag": "!!python/object/apply:os.system ", "anchor": "&x "}.get(
            edit
        )
        lines[k] = f"{head}: {insert}{tail}" if insert else f"{head}: yes"
        if edit == "anchor":
            lines.insert(j, lines[j].split(":")[0] + ": *x" if ":" in lines[j] else "- *x")
    elif edit == "delete-line":
        del lines[i]
    elif edit == "duplicate-line":
        lines.insert(i, lines[i])
    elif edit == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif edit == "indent":
        lines[i] = "  " + lines[i]
    elif edit == "dedent":
        lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
    elif edit == "document":
        lines.insert(i, "---")
    elif edit == "tab":
        lines[i] = "\t" + lines[i]
    elif edit == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    return "\n".join(lines)


def mutated_foi(data) -> dict:
    """The FOI tree with one to three random mutations."""
    tree = copy.deepcopy(FOI_DATA)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        mutate(tree, data.draw)
    return tree


@PROFILE
@given(st.data())
def test_mutated_trees_compile_or_fail_cleanly(data):
    check_outcome(dump(mutated_foi(data)))


@PROFILE
@given(st.data())
def test_edited_tree_texts_compile_or_fail_cleanly(data):
    text = FOI_TEXT
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        text = edit_text(text, data.draw)
    check_outcome(text)


@PROFILE
@given(st.data())
def test_mutated_trees_compile_or_fail_cleanly_without_pages(data):
    # The same, without citation checks (pages=None), as compile_text allows.
    tree = mutated_foi(data)
    check_outcome(edit_text(dump(tree), data.draw) if data.draw(st.booleans()) else dump(tree), pages=None)
