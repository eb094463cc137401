"""The contract between the Python side and the browser scripts, checked without a browser:

- the JSDoc typedefs at the top of walkthrough.js name exactly the keys render_html.tree_data()
  writes, for every kind of node of every real tree;
- every interface string the scripts use exists in both languages;
- the built site gets the scripts and styles minified (sources stay readable), the walkthrough script
  within its 8 KB gzip budget, and the section-link script with the strings of both languages;
- the page runs the walkthrough script before its no-JavaScript tree, and the diagram has a size.
"""

from __future__ import annotations

import gzip
import re

import pytest
import yaml
from support.project import ROOT

from decision_trees import client_assets
from decision_trees.client_assets import (
    CLIENT_DIR,
    SECTION_LINKS_SCRIPT,
    WALKTHROUGH_SCRIPT,
    WALKTHROUGH_STYLES,
    AssetError,
    built_asset,
    write_client_files,
)
from decision_trees.render_html import trainer_html, tree_data, walkthrough_html
from decision_trees.render_svg import render_svg, svg_size
from decision_trees.strings import strings

SCRIPT = (CLIENT_DIR / WALKTHROUGH_SCRIPT).read_text(encoding="utf-8")
SECTION_LINKS = (CLIENT_DIR / SECTION_LINKS_SCRIPT).read_text(encoding="utf-8")
LANGUAGES = ("en", "cy")


def typedefs(source: str) -> dict[str, set[str]]:
    """{typedef name: its @property names} from the JSDoc blocks of a script."""
    found: dict[str, set[str]] = {}
    current = None
    for line in source.splitlines():
        typedef = re.search(r"@typedef \{object\} (\w+)", line)
        if typedef:
            current = found.setdefault(typedef.group(1), set())
        elif "@typedef" in line:
            current = None
        elif current is not None and (prop := re.search(r"@property \{[^}]*\} \[?(\w+)", line)):
            current.add(prop.group(1))
    return found


def _cite_link(citation, language):
    return f"../../{citation.page}#{citation.section}", f"{citation.page}: {citation.section}"


def test_the_jsdoc_typedefs_name_exactly_the_keys_tree_data_writes(trees):
    declared = typedefs(SCRIPT)
    seen: dict[str, list[set[str]]] = {}

    def saw(name: str, record: dict) -> None:
        seen.setdefault(name, []).append(set(record))

    for tree in trees.values():
        for language in LANGUAGES:
            data = tree_data(tree, language, _cite_link)
            saw("WalkthroughData", data)
            for node in data["nodes"].values():
                saw(
                    {
                        "question": "QuestionNode",
                        "multiple": "MultipleNode",
                        "checklist": "ChecklistNode",
                    }.get(node["type"], "OutcomeNode"),
                    node,
                )
                for answer in node.get("answers", []):
                    saw("Answer", answer)
                for option in node.get("options", []):
                    saw("Option", option)
                for item in node.get("items", []):
                    saw("Item", item)
                if "none" in node:
                    saw("NoneOfThese", node["none"])
                for holder in [node, *node.get("options", []), *node.get("items", [])]:
                    for cite in holder.get("cites", []):
                        saw("Citation", cite)
    assert set(seen) <= set(declared), f"no typedef for {sorted(set(seen) - set(declared))}"
    for name, records in seen.items():
        for keys in records:
            assert keys == declared[name], (
                f"{name}: tree_data writes {sorted(keys)}, the typedef declares {sorted(declared[name])}"
            )
    # Every kind the typedefs describe occurs in the real trees (or the check above checked nothing).
    data_kinds = {
        "WalkthroughData",
        "QuestionNode",
        "Answer",
        "ChecklistNode",
        "Item",
        "OutcomeNode",
        "Citation",
    }
    assert data_kinds <= set(seen)


def _used_strings(source: str, names: tuple[str, ...]) -> set[str]:
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\.([a-z_]+)\b"
    return set(re.findall(pattern, source))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_the_scripts_use_exists_in_each_language(language):
    used = _used_strings(SCRIPT, ("S", "this.strings")) | _used_strings(SECTION_LINKS, ("strings",))
    assert {"continue", "page_title", "copy_step_link", "section_link", "link_copied"} <= used
    missing = used - set(strings(language))
    assert not missing, f"strings/{language}.yml lacks {sorted(missing)}"
    assert set(client_assets.SECTION_LINK_STRINGS) >= _used_strings(SECTION_LINKS, ("strings",))


def test_the_built_assets_are_minified_and_the_walkthrough_script_fits_its_budget():
    built = client_assets.built_assets()
    for name in (WALKTHROUGH_SCRIPT, WALKTHROUGH_STYLES, SECTION_LINKS_SCRIPT):
        source = (CLIENT_DIR / name).read_bytes()
        assert len(built[name]) < 0.8 * len(source), f"{name} is not minified"
        assert b"/*" not in built[name] and b"\n  " not in built[name], f"{name} keeps comments or indents"
    assert len(gzip.compress(built[WALKTHROUGH_SCRIPT], 9)) <= 8 * 1024
    # The readable sources build no HTML from strings and set no inline style (a strict CSP).
    for source in (SCRIPT, SECTION_LINKS):
        assert "innerHTML" not in source and "eval(" not in source and "new Function" not in source
        assert "setAttribute('style'" not in source and ".style." not in source


def test_the_section_link_script_carries_the_strings_of_each_language():
    built = client_assets.built_assets()[SECTION_LINKS_SCRIPT].decode("utf-8")
    assert client_assets.STRINGS_SLOT not in built
    for language in LANGUAGES:
        for key in client_assets.SECTION_LINK_STRINGS:
            text = (
                strings(language)[key].replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            )
            assert text in built, f"{language} {key}"
    with pytest.raises(AssetError, match=r"section-links\.js: expected one"):
        built_asset(SECTION_LINKS_SCRIPT, SECTION_LINKS.replace(client_assets.STRINGS_SLOT, "{}"))


def test_client_files_are_rewritten_only_when_they_change(tmp_path):
    write_client_files(tmp_path)
    written = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert set(written) == {WALKTHROUGH_SCRIPT, WALKTHROUGH_STYLES, SECTION_LINKS_SCRIPT}
    (tmp_path / WALKTHROUGH_STYLES).write_text("stale", encoding="utf-8")
    write_client_files(tmp_path)
    assert (tmp_path / WALKTHROUGH_SCRIPT).stat().st_mtime_ns == written[WALKTHROUGH_SCRIPT]
    assert (tmp_path / WALKTHROUGH_STYLES).read_bytes() == client_assets.built_assets()[WALKTHROUGH_STYLES]


def test_every_page_loads_the_section_link_script():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "assets/walkthrough/section-links.js" in config["extra_javascript"]


def test_the_walkthrough_script_runs_before_the_linked_tree_is_parsed(trees):
    tree = trees["foi-request"]
    html = walkthrough_html(tree, "cy", _cite_link, "../../assets/walkthrough/walkthrough.js")
    assert 'data-module="walkthrough"' in html
    data = html.index('class="walkthrough__data"')
    script = html.index('<script src="../../assets/walkthrough/walkthrough.js"></script>')
    static = html.index('class="walkthrough__static"')
    assert data < script < static


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_diagram_image_has_the_diagrams_width_and_height(trees, language):
    tree = trees["live-tweeting"]
    width, height = svg_size(render_svg(tree, language))
    html = trainer_html(tree, language, "diagram.svg", (width, height))
    assert f'width="{width}" height="{height}"' in html and width > 100 and height > 100
