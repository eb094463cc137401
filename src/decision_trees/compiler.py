"""load -> check structure -> build the model -> check the graph and citations."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from .build import ModelBuilder
from .citations import check_citations
from .errors import TreeErrors
from .graph import check_graph
from .loader import load_bytes, load_text, read_file
from .model import Tree
from .policy_pages import PolicyPages
from .structure import StructureChecker


@contextlib.contextmanager
def collector_paused():
    """Compiling (and rendering) make many small objects and no reference cycles, so reference
    counting frees all that is not kept. Left running, Python's cyclic collector rescans everything
    made so far again and again: a large tree then takes super-linear time. Paused, compile time
    grows linearly with the tree."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compile_text(text: str, file: str, pages: PolicyPages | None) -> Tree:
    with collector_paused():
        data = load_text(text, file)
        return _compile(data, file, text.encode("utf-8"), pages)


def compile_tree(path: Path, pages: PolicyPages | None, display: str | None = None) -> Tree:
    """Compile one tree file, or raise TreeErrors naming file, line and node for every problem."""
    name = display or str(path)
    with collector_paused():
        raw = read_file(path, name)  # read once: parsed, and hashed for the tree's version
        return _compile(load_bytes(raw, name), name, raw, pages)


def _compile(data, file: str, source: bytes, pages: PolicyPages | None) -> Tree:
    structure = StructureChecker(file)
    if not structure.check_tree(data):
        raise TreeErrors(structure.errors)
    builder = ModelBuilder(file, data, source)
    tree = builder.build()
    errors = list(builder.errors)
    if not builder.incomplete:
        errors += check_graph(tree, data.line_of("start"), builder.edge_lines)
    if pages is not None:
        errors += check_citations(tree, pages)
    if errors:
        raise TreeErrors(errors)
    return tree


def tree_files(trees_dir: Path) -> list[Path]:
    """The tree files of a folder: one `<id>.yml` per decision tree (scenarios live in scenarios/)."""
    return sorted(Path(trees_dir).glob("*.yml"))


def compile_all(
    trees_dir: Path, docs_dir: Path | None, root: Path | None = None, pages: PolicyPages | None = None
) -> list[Tree]:
    """Compile every tree in trees_dir, reporting the problems of all files together. Pass `pages`
    to share the policy pages' headings, read once, with whoever labels the citations next."""
    if pages is None and docs_dir:
        pages = PolicyPages(docs_dir)
    trees, errors = [], []
    for path in tree_files(trees_dir):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        try:
            trees.append(compile_tree(path, pages, display))
        except TreeErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise TreeErrors(errors)
    return trees
