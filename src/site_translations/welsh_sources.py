"""Every Welsh string in the sources that reaches a reader, with where it is and, when it is
known, the English it translates.

- pages (docs/cy): the front matter's title and description, and the body, one passage per
  paragraph when the English section under the same heading id has as many paragraphs, else one
  per section (the English of a passage is then the whole section);
- mkdocs.yml: the Welsh site name, description and navigation titles;
- decision trees: every `cy:` string, with its `en:` twin, its line and its node;
- interface strings: the walkthroughs' (src/decision_trees/strings) and the site's
  (translation/interface), key by key with the English of the same key.

What the build makes of them (the HTML, its titles, labels and tooltips) is read by `built_html`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from decision_trees.policy_pages import HEADING, without_code_blocks

from .markdown_text import front_matter_lines, prose

WALKTHROUGH_STRINGS = Path("src") / "decision_trees" / "strings"
SITE_STRINGS = Path("translation") / "interface"
_EDITORS_NOTE = re.compile(r'^[ \t]*!!![ \t]*\w+[ \t]+"(Editor\'s note|Nodyn y golygydd)"', re.M)


@dataclass(frozen=True)
class Passage:
    """A piece of Welsh text a reader sees, where it is, and the English it translates."""

    file: str  # relative to the project folder
    line: int  # the line the Welsh starts on
    where: str  # what it is, for messages: "title", "section #live-tweeting", "question", "key or"
    cy: str
    en: str | None = None
    node: str | None = None  # a tree's node id
    kind: Literal["", "page", "front-matter", "nav", "tree", "strings"] = ""
    # The Welsh with the words it marks as English kept, where `cy` blanks them (pages): terms such
    # as "@mention" stay English in Welsh text.
    cy_with_english: str | None = None

    def line_at(self, offset: int) -> int:
        """The line of a position in `cy`."""
        return self.line + self.cy.count("\n", 0, offset)

    def location(self, offset: int = 0) -> str:
        node = f" (node {self.node})" if self.node else ""
        return f"{self.file}:{self.line_at(offset)}{node}"


# -- YAML with line numbers ---------------------------------------------------------------------
class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml has tags (!ENV, !!python/name): read them as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _compose(path: Path) -> yaml.Node | None:
    return yaml.compose(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)


def _items(node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield str(key.value), value


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    return next((v for k, v in _items(node) if k == key), None)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def _text_value(node: yaml.Node | None) -> str:
    """A scalar's value as YAML reads it (folded, quoted...)."""
    return str(yaml.safe_load(yaml.serialize(node)) if node is not None else "")


# -- pages ----------------------------------------------------------------------------------------
def _sections(body: str, first_line: int) -> dict[str, list[tuple[int, str]]]:
    """{heading id: [(line, paragraph Markdown), ...]} in order; the heading is the first paragraph.
    Text before the first heading is under ''. An editor's note (the admonition and its indented
    paragraphs) is one paragraph."""
    body = without_code_blocks(body)
    sections: dict[str, list[tuple[int, str]]] = {"": []}
    current = ""
    block: list[str] = []
    start = first_line

    def close() -> None:
        if block and any(line.strip() for line in block):
            sections[current].append((start, "\n".join(block).rstrip("\n")))

    for number, line in enumerate(body.split("\n"), first_line):
        heading = HEADING.match(line)
        in_note = (
            bool(block) and _EDITORS_NOTE.match(block[0]) and (not line.strip() or line.startswith("    "))
        )
        if (heading or not line.strip()) and not in_note:
            close()
            block, start = [], number + 1
        if in_note and not line.strip():
            block.append(line)
            continue
        if heading:
            current = heading.group(2)
            sections.setdefault(current, [])
            sections[current].append((number, line))
            continue
        if line.strip():
            if not block:
                start = number
            block.append(line)
    close()
    return sections


def _front(path: Path) -> tuple[dict[str, tuple[int, str]], str, int]:
    """({key: (line, value)} for title and description, the body, the body's first line)."""
    text = path.read_text(encoding="utf-8")
    lines = front_matter_lines(text)
    found: dict[str, tuple[int, str]] = {}
    if lines:
        node = yaml.compose("\n".join(text.split("\n")[1 : lines - 1]), Loader=yaml.SafeLoader)
        for key in ("title", "description"):
            value = _get(node, key)
            if value is not None and _scalar(value):
                found[key] = (value.start_mark.line + 2, _text_value(value))
    body = "\n".join(text.split("\n")[lines:])
    return found, body, lines + 1


def page_passages(docs: Path, cy_page: Path, root: Path) -> list[Passage]:
    """The Welsh of one page, aligned with its English twin (same path under docs/en)."""
    rel = cy_page.relative_to(docs / "cy")
    en_page = docs / "en" / rel
    file = cy_page.relative_to(root).as_posix()
    cy_front, cy_body, cy_first = _front(cy_page)
    en_front, en_body, en_first = _front(en_page) if en_page.is_file() else ({}, "", 1)
    passages = [
        Passage(file, line, key, value, en_front.get(key, (0, None))[1], kind="front-matter")
        for key, (line, value) in cy_front.items()
    ]
    cy_sections = _sections(cy_body, cy_first)
    en_sections = _sections(en_body, en_first)
    for section, paragraphs in cy_sections.items():
        english = en_sections.get(section)
        where = f"section #{section}" if section else "top of the page"
        if english is not None and len(english) == len(paragraphs):
            passages.extend(
                Passage(
                    file,
                    line,
                    _note(where, text),
                    prose(text),
                    prose(en_text),
                    kind="page",
                    cy_with_english=prose(text, keep_english=True),
                )
                for (line, text), (_, en_text) in zip(paragraphs, english, strict=True)
            )
        elif paragraphs:
            line, whole = paragraphs[0][0], _joined(paragraphs)
            en_whole = prose(_joined(english)) if english else None
            passages.append(
                Passage(
                    file,
                    line,
                    where,
                    prose(whole),
                    en_whole,
                    kind="page",
                    cy_with_english=prose(whole, keep_english=True),
                )
            )
    return passages


def _note(where: str, markdown: str) -> str:
    return f"{where}, editor's note" if _EDITORS_NOTE.match(markdown) else where


def _joined(paragraphs: list[tuple[int, str]]) -> str:
    """The paragraphs as one text with their original line spacing, so lines can be counted."""
    out, last = "", paragraphs[0][0]
    for line, text in paragraphs:
        out += "\n" * (line - last) + text
        last = line + text.count("\n")
    return out


# -- mkdocs.yml -----------------------------------------------------------------------------------
def config_passages(config: Path, root: Path) -> list[Passage]:
    """The Welsh site name, description and navigation titles (the i18n plugin's `cy` language)."""
    tree = _compose(config)
    file = config.relative_to(root).as_posix()
    passages: list[Passage] = []
    plugins = _get(tree, "plugins")
    for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        i18n = _get(plugin, "i18n")
        for language in (_get(i18n, "languages") or yaml.SequenceNode("", [])).value:
            if _scalar(_get(language, "locale")) != "cy":
                continue
            for key in ("site_name", "site_description"):
                value = _get(language, key)
                if value is not None and _scalar(value):
                    english = _scalar(_get(tree, key))
                    passages.append(
                        Passage(file, value.start_mark.line + 1, key, value.value, english, kind="nav")
                    )
            for english, welsh in _items(_get(language, "nav_translations")):
                passages.append(
                    Passage(
                        file, welsh.start_mark.line + 1, f"nav '{english}'", welsh.value, english, kind="nav"
                    )
                )
    return passages


# -- decision trees -------------------------------------------------------------------------------
def tree_passages(path: Path, root: Path, parts: str = "nodes") -> list[Passage]:
    """Every `cy:` string of a tree, with its `en:` twin, line and node. The same for the other data
    files beside the trees (practice cases, the comparison), whose `parts` list (cases, topics)
    holds what a problem names, as a tree's nodes do."""
    file = path.relative_to(root).as_posix()
    passages: list[Passage] = []

    def visit(node: yaml.Node | None, where: str, owner: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            cy, en = _get(node, "cy"), _get(node, "en")
            if cy is not None and _scalar(cy) is not None:
                passages.append(
                    Passage(
                        file,
                        cy.start_mark.line + 1,
                        where,
                        _text_value(cy),
                        _text_value(en) if _scalar(en) is not None else None,
                        owner,
                        "tree",
                    )
                )
                return
            node_id = _scalar(_get(node, "id"))
            for key, value in _items(node):
                if key == parts:
                    for child in value.value if isinstance(value, yaml.SequenceNode) else []:
                        visit(child, "", _scalar(_get(child, "id")))
                elif key == "answer_sets":
                    for name, members in _items(value):
                        visit(members, f"answer set {name}", owner)
                else:
                    label = f"{where} {node_id}" if node_id and where else where
                    visit(value, f"{label} {key}".strip(), owner)
        elif isinstance(node, yaml.SequenceNode):
            for child in node.value:
                visit(child, where, owner)

    visit(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), "", None)
    return passages


# -- interface strings ----------------------------------------------------------------------------
def strings_passages(folder: Path, root: Path, part: str = "") -> list[Passage]:
    """Each key of cy.yml (or <part>.cy.yml), with the same key's English from en.yml."""
    prefix = f"{part}." if part else ""
    cy_file, en_file = folder / f"{prefix}cy.yml", folder / f"{prefix}en.yml"
    english = {k: _text_value(v) for k, v in _items(_compose(en_file))} if en_file.is_file() else {}
    file = cy_file.relative_to(root).as_posix()
    return [
        Passage(
            file,
            value.start_mark.line + 1,
            f"key {key}",
            _text_value(value),
            english.get(key),
            kind="strings",
        )
        for key, value in _items(_compose(cy_file))
    ]


def data_files(root: Path) -> list[tuple[Path, str]]:
    """The data files beside the trees that hold Welsh, with the list that names their parts: the
    practice cases (decision_trees/cases/) and the comparison (comparison/)."""
    cases = sorted((root / "decision_trees" / "cases").glob("*.yml"))
    comparisons = sorted((root / "comparison").glob("*.yml"))
    return [(path, "cases") for path in cases] + [(path, "topics") for path in comparisons]


def all_passages(root: Path) -> list[Passage]:
    """Every Welsh string of the project at `root` that reaches a reader."""
    docs = root / "docs"
    passages: list[Passage] = []
    for page in sorted((docs / "cy").rglob("*.md")):
        passages.extend(page_passages(docs, page, root))
    passages.extend(config_passages(root / "mkdocs.yml", root))
    for tree in sorted((root / "decision_trees").glob("*.yml")):
        passages.extend(tree_passages(tree, root))
    for path, parts in data_files(root):
        passages.extend(tree_passages(path, root, parts))
    for folder in (WALKTHROUGH_STRINGS, SITE_STRINGS):
        if (root / folder / "cy.yml").is_file():
            passages.extend(strings_passages(root / folder, root))
    for part_file in sorted((root / WALKTHROUGH_STRINGS).glob("*.cy.yml")):
        passages.extend(strings_passages(root / WALKTHROUGH_STRINGS, root, part_file.name[: -len(".cy.yml")]))
    return passages
