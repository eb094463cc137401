"""Whatever a tree file holds, the compiler either compiles it or says what is wrong, cleanly.

Random text, random bytes and mutations of the real FOI tree (a key deleted, a type changed, an id
renamed, a node dropped or duplicated, two `next` targets swapped, a string emptied, a tag or an
alias injected, lines shuffled...) must end in a compiled tree or in TreeErrors that name the file,
give a line inside it, a listed code and a one-line message. Any other exception is a bug: a person
would see a traceback instead of the problem. A tree that compiles must also render (walkthrough,
trainers' view, diagram) in both languages.

Random ids, random text and random shapes of tree check what compiles: ids a page and its address
can carry, text a reader can read, a route table that is exact, and a route list whose size is set
by the tree (questions times outcomes), never by its number of routes.

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


# -- (c) random ids, random text and random shapes ------------------------------------------------
#
# The same guarantees for what an editor types: an id or a text of any characters, and trees of any
# shape, compile or fail cleanly; what compiles has ids and text a page can carry, renders (its
# diagram is well-formed XML whatever the text), and its route list stays within a bound set by the
# size of the tree, not by its number of routes.

SAMPLE_NAME = "tests/trees/valid/sample.yml"
SAMPLE = yaml.safe_load((ROOT / SAMPLE_NAME).read_text(encoding="utf-8"))
FIXTURE_PAGES = PolicyPages(ROOT / "tests" / "trees" / "fixture_docs")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ODD_CHARACTERS = st.sampled_from(
    [
        *"aoeé-_ 0Z\t\n",
        *(
            "\u043e",
            "\u0430",
            "\u200b",
            "\u200d",
            "\u202e",
            "\u2066",
            "\ufeff",
            "\x00",
            "\x1b",
            "\x7f",
            "\x85",
        ),
        *("\u00ad", "\u3164", "\u2800", "\U0001f600", "\u0301", "\u2028"),
    ]
)
ANY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)) | ODD_CHARACTERS, max_size=60
) | st.sampled_from(
    ["step", "q", "routes", "index", "none", "x" * 61, "a" * 5001, "  ", "\u200b", "Yes", "0x" + "f" * 4000]
)


def compiled_or_clean(data: dict, file: str = "tests/trees/broken/sample.yml", pages=FIXTURE_PAGES):
    """Compile plain data written out as YAML (None if YAML cannot write it)."""
    try:
        text = dump(data)
    except yaml.YAMLError:
        return None
    return check_outcome(text, file, pages)


def _all_ids(tree: Tree) -> list[str]:
    ids = [tree.id, *tree.nodes]
    ids += [choice.id for node in tree.nodes.values() for choice in node.choices]
    return ids


@PROFILE
@given(st.data(), ANY_TEXT)
def test_any_id_compiles_only_if_a_page_and_its_address_can_carry_it(data, new_id):
    from decision_trees.page_names import RESERVED_NODE_IDS, RESERVED_OPTION_IDS

    tree = copy.deepcopy(SAMPLE)
    spot = data.draw(st.sampled_from(["tree", "node", "answer", "option", "item"]))
    file = "tests/trees/broken/sample.yml"
    if spot == "tree":
        tree["id"] = new_id
        if "/" not in new_id and new_id.isprintable():  # the file is named after the tree
            file = f"tests/trees/broken/{new_id}.yml"
    elif spot == "node":
        tree["nodes"][1]["id"] = new_id  # 'colours', and the reference to it
        tree["nodes"][0]["answers"]["next"]["yes"] = new_id
    elif spot == "answer":
        tree["answer_sets"]["yes-no"][1]["id"] = new_id
        tree["nodes"][0]["answers"]["next"] = {"yes": "colours", new_id: "stop"}
    elif spot == "option":
        tree["nodes"][1]["options"][1]["id"] = new_id
    else:
        tree["nodes"][2]["items"][0]["id"] = new_id
    outcome = compiled_or_clean(tree, file)
    if isinstance(outcome, Tree):
        for found in _all_ids(outcome):
            assert ID_RE.fullmatch(found) and len(found) <= 60, found
        assert not set(outcome.nodes) & set(RESERVED_NODE_IDS)
        assert not {c.id for n in outcome.nodes.values() if n.type == "multiple" for c in n.choices} & set(
            RESERVED_OPTION_IDS
        )


def _texts(tree: Tree):
    for node in tree.nodes.values():
        yield from (t for t in (node.question, node.hint, node.title, node.body, *node.next_steps) if t)
        for choice in node.choices:
            yield from (
                t for t in (choice.label, choice.hint, choice.finding, choice.unmet, choice.group) if t
            )


@PROFILE
@given(st.data(), ANY_TEXT)
def test_any_text_compiles_only_if_a_reader_can_read_it(data, text):
    import unicodedata
    from xml.etree import ElementTree

    tree = copy.deepcopy(SAMPLE)
    where = data.draw(
        st.sampled_from(
            [
                ("nodes", 0, "question"),
                ("nodes", 1, "options", 0, "label"),
                ("nodes", 2, "items", 1, "unmet"),
                ("nodes", 3, "title"),
                ("nodes", 4, "body"),
                ("title",),
            ]
        )
    )
    language = data.draw(st.sampled_from(["en", "cy", "both"]))
    target = get(tree, where)
    if language == "both":
        target.clear()
    target[language] = text
    outcome = compiled_or_clean(tree)
    if isinstance(outcome, Tree):
        for t in [outcome.title, outcome.intro, *_texts(outcome)]:
            for value in (t.en, t.cy):
                assert len(value) <= 5000
                assert not [ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\n\t"], (
                    value
                )
                assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", value), value
                assert any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in value), value
        for lang in ("en", "cy"):
            ElementTree.fromstring(render_svg(outcome, lang))  # the diagram stays readable


def random_tree(draw, questions: int, outcomes: int, rejoin: float) -> dict:
    """A tree of `questions` question, multiple and checklist nodes in a chain (so that all are
    reached) whose other answers lead to later questions (with probability `rejoin`) or outcomes."""
    nodes = []
    ids = [f"n{i}" for i in range(questions)] + [f"end{i}" for i in range(outcomes)]

    def later(i: int) -> str:
        if i + 1 < questions and draw(st.floats(0, 1)) < rejoin:
            return ids[draw(st.integers(i + 1, questions - 1))]
        return ids[questions + draw(st.integers(0, outcomes - 1))]

    for i in range(questions):
        onward = ids[i + 1] if i + 1 < questions else ids[questions]
        kind = draw(st.sampled_from(["question", "multiple", "checklist"]))
        text = {"en": f"Question {i}?", "cy": f"Cwestiwn {i}?"}
        if kind == "question":
            count = draw(st.integers(2, 4))
            answers = [
                {
                    "id": f"a{k}",
                    "label": {"en": f"Answer {k}", "cy": f"Ateb {k}"},
                    "next": onward if k == 0 else later(i),
                }
                for k in range(count)
            ]
            nodes.append({"id": ids[i], "type": kind, "question": text, "answers": answers})
        elif kind == "multiple":
            options = [{"id": f"o{k}", "label": {"en": f"Option {k}", "cy": f"Opsiwn {k}"}} for k in range(2)]
            nodes.append(
                {
                    "id": ids[i],
                    "type": kind,
                    "question": text,
                    "options": options,
                    "none": {"label": {"en": "None of these", "cy": "Dim un o'r rhain"}, "next": later(i)},
                    "next": onward,
                }
            )
        else:
            items = [
                {
                    "id": f"i{k}",
                    "label": {"en": f"Item {k}", "cy": f"Eitem {k}"},
                    "unmet": {"en": "Do it.", "cy": "Gwnewch."},
                }
                for k in range(2)
            ]
            nodes.append(
                {
                    "id": ids[i],
                    "type": kind,
                    "question": text,
                    "items": items,
                    "next": onward,
                    "otherwise": later(i),
                }
            )
    for k in range(outcomes):
        nodes.append(
            {
                "id": ids[questions + k],
                "type": "outcome",
                "verdict": "info",
                "title": {"en": f"Outcome {k}", "cy": f"Canlyniad {k}"},
                "body": {"en": "Because.", "cy": "Oherwydd."},
                "cites": [{"page": "policies/sample.md", "section": "alpha"}],
            }
        )
    return {
        "id": "sample",
        "title": {"en": "Random", "cy": "Ar hap"},
        "intro": {"en": "A random tree.", "cy": "Coeden ar hap."},
        "start": "n0",
        "nodes": nodes,
    }


@PROFILE
@given(st.data())
def test_the_route_table_of_any_small_tree_is_exact(data):
    from support.tree_shapes import every_route

    shape = random_tree(data.draw, data.draw(st.integers(1, 8)), data.draw(st.integers(1, 4)), 0.5)
    tree = compiled_or_clean(shape, "tests/trees/broken/sample.yml")
    if not isinstance(tree, Tree):  # an outcome no route reaches: refused, cleanly
        assert {e.code for e in tree.errors} == {"unreachable"}
        return
    routes = every_route(tree)
    for entry in route_table(tree):
        allowed = {(c.question, b) for c in entry.conditions for b in c.branches}
        assert entry.routes == sum(1 for r in routes if r[-1][0].id == entry.outcome)
        for route in routes:
            assert all((n.id, b) in allowed for n, b in route[:-1]) == (route[-1][0].id == entry.outcome)


@PROFILE
@given(st.data())
def test_the_route_list_of_any_tree_grows_with_the_tree_not_its_routes(data):
    from decision_trees.routes import route_entries, route_list_text

    questions, outcomes = data.draw(st.integers(20, 60)), data.draw(st.integers(1, 6))
    shape = random_tree(data.draw, questions, outcomes, 0.9)  # rejoining: up to 4^60 routes
    tree = compiled_or_clean(shape, "tests/trees/broken/sample.yml")
    if not isinstance(tree, Tree):
        assert {e.code for e in tree.errors} == {"unreachable"}
        return
    entries = route_entries(tree)
    assert entries <= questions * outcomes
    text = route_list_text(tree)
    assert len(text.splitlines()) <= entries + 2 * outcomes + 6
    html = trainer_html(tree, "en", "diagram.svg")
    assert html.count("<li>") == entries + outcomes
