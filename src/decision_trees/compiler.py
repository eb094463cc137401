"""Find the tree files -> load -> check structure -> build the model -> check the graph, its size,
the citations and the walkthrough's page."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import limits
from .build import ModelBuilder
from .citations import check_citations, check_page_ids
from .errors import TreeError, TreeErrors
from .graph import check_graph
from .loader import YamlValue, load_bytes, load_text, read_file
from .model import Tree
from .policy_pages import PolicyPages
from .routes import route_entries
from .structure import StructureChecker

if TYPE_CHECKING:
    from collections.abc import Callable

TREE_SUFFIX = ".yml"
# Files editors and tools leave beside the one being edited: Emacs's lock (.#x.yml) and
# auto-save (#x.yml#), backups (x.yml~, x.yml.bak, x.yml.orig), Vim's swap files (.x.yml.swp).
_EDITOR_FILE = re.compile(r"^[.#]|[~#]$|\.(swp|swo|swx|swn|bak|orig|tmp|rej)$", re.I)


def compile_text(text: str, file: str, pages: PolicyPages | None) -> Tree:
    data = load_text(text, file)
    return _compile(data, file, text.encode("utf-8"), pages)


def compile_tree(path: Path, pages: PolicyPages | None, display: str | None = None) -> Tree:
    """Compile one tree file, or raise TreeErrors naming file, line and node for every problem."""
    name = display or str(path)
    raw = read_file(path, name)  # read once: parsed, and hashed for the tree's version
    return _compile(load_bytes(raw, name), name, raw, pages)


def _compile(data: YamlValue, file: str, source: bytes, pages: PolicyPages | None) -> Tree:
    structure = StructureChecker(file)
    if not structure.check_tree(data):
        raise TreeErrors(structure.errors)
    builder = ModelBuilder(file, data, source)
    tree = builder.build()
    errors = list(builder.errors)
    if not builder.incomplete:
        graph_errors = check_graph(tree, data.line_of("start"), builder.edge_lines)
        errors += graph_errors
        if not graph_errors:
            errors += _check_route_list(tree, data.line_of("start"))
    if pages is not None:
        errors += check_citations(tree, pages)
        errors += check_page_ids(tree, pages, data.line_of("id"))
    if errors:
        raise TreeErrors(errors)
    return dataclasses.replace(tree, warnings=tuple(structure.warnings))


def _check_route_list(tree: Tree, line: int) -> list[TreeError]:
    """The route list (for trainers, and reviewed as a file) grows with outcomes times questions:
    refused, before anything renders it, once it is too long for anyone to read."""
    entries = route_entries(tree, stop_above=limits.MAX_ROUTE_ENTRIES)
    if entries <= limits.MAX_ROUTE_ENTRIES:
        return []
    return [
        TreeError(
            tree.file,
            line,
            f"the route list would have more than {limits.MAX_ROUTE_ENTRIES:,} entries, the limit (one "
            "for each question on the way to each outcome): split the tree into smaller walkthroughs",
            code="too-many-routes",
        )
    ]


def _is_tree_name(name: str) -> bool:
    return name.endswith(TREE_SUFFIX) and not _EDITOR_FILE.search(name)


def tree_files(trees_dir: Path) -> list[Path]:
    """The tree files of a folder: one `<id>.yml` per decision tree (scenarios live in scenarios/).
    Hidden and editor-temporary files are not trees (see `stray_files`)."""
    trees_dir = Path(trees_dir)
    if not trees_dir.is_dir():
        return []
    return sorted(trees_dir / name for name in os.listdir(trees_dir) if _is_tree_name(name))


def stray_files(trees_dir: Path, display: Callable[[Path], str] = str) -> list[TreeError]:
    """Files beside the trees that look like trees but are not compiled: an editor's temporary
    file is skipped with a warning; a tree saved as .yaml (or .YML) is refused by name, so that it
    is neither ignored in silence nor compiled under a name nothing else uses."""
    trees_dir = Path(trees_dir)
    found = []
    for name in sorted(os.listdir(trees_dir)) if trees_dir.is_dir() else ():
        lower = name.lower()
        if _is_tree_name(name) or (".yml" not in lower and ".yaml" not in lower):
            continue
        shown = display(trees_dir / name)
        if _EDITOR_FILE.search(name):
            found.append(
                TreeError(
                    shown,
                    None,
                    "skipped: a hidden or editor-temporary file, not a tree (save and close the "
                    "file in your editor, or delete it)",
                    code="skipped-file",
                    severity="warning",
                )
            )
        elif lower.endswith((".yaml", ".yml")):
            stem = name.rsplit(".", 1)[0]
            found.append(
                TreeError(
                    shown,
                    None,
                    f"a tree file is named <id>.yml: rename this file to {stem.lower()}.yml",
                    code="file-name",
                )
            )
    return found


def compile_all(
    trees_dir: Path,
    docs_dir: Path | None,
    root: Path | None = None,
    pages: PolicyPages | None = None,
    warnings: list[TreeError] | None = None,
) -> list[Tree]:
    """Compile every tree in trees_dir, reporting the problems of all files together. Pass `pages`
    to share the policy pages' headings, read once, with whoever labels the citations next, and
    `warnings` to collect what a strict build refuses (skipped files, untranslated Welsh)."""
    if pages is None and docs_dir:
        pages = PolicyPages(docs_dir)

    def display(path: Path) -> str:
        return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)

    trees: list[Tree] = []
    errors: list[TreeError] = []
    notes: list[TreeError] = []
    for problem in stray_files(trees_dir, display):
        (notes if problem.severity == "warning" else errors).append(problem)
    for path in tree_files(trees_dir):
        try:
            tree = compile_tree(path, pages, display(path))
        except TreeErrors as exc:
            errors.extend(exc.errors)
        else:
            trees.append(tree)
            notes.extend(tree.warnings)
    if warnings is not None:
        warnings.extend(sorted(notes, key=lambda e: (e.file, e.line or 0, e.message)))
    if errors:
        raise TreeErrors(errors)
    return trees
