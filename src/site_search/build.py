"""After the build: replace the i18n plugin's two-language search index with one index per language."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from decision_trees import compile_all
from site_search import walkthroughs
from site_search.abbreviations import read_abbreviations
from site_search.index import add_forms, family_for, language_of, search_index, split
from site_translations.languages import Language

INDEX = Path("search") / "search_index.json"
OFFLINE_INDEX = Path("search") / "search_index.js"  # what Material reads from file:// (offline plugin)


def index_path(site_dir: Path, language: str, default: str) -> Path:
    return site_dir / INDEX if language == default else site_dir / language / INDEX


def write_language_indexes(
    site_dir: Path,
    languages: list[Language],
    default: Language,
    walkthrough_pages: Iterable[tuple[str, str]],
    trees_dir: Path,
    terms_file: Path,
) -> dict[str, Path]:
    """Write each language's index where its pages look for it; return the paths written.

    `walkthrough_pages` holds (page address, tree id) for every page that places a walkthrough.
    """
    combined_path = site_dir / INDEX
    try:
        combined = json.loads(combined_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{combined_path}: cannot read the search index the build wrote: {exc}") from None
    entries = list(combined["docs"])
    placed = list(walkthrough_pages)
    if placed:
        trees = {tree.id: tree for tree in compile_all(trees_dir, None)}
        for page_url, tree_id in placed:
            if tree_id in trees:
                language = language_of(page_url, languages, default)
                entries.extend(walkthroughs.entries(trees[tree_id], language, page_url))
    abbreviations = read_abbreviations(terms_file)
    offline = (site_dir / OFFLINE_INDEX).exists()
    written: dict[str, Path] = {}
    for language, docs in split(entries, languages, default).items():
        add_forms(docs, family_for(language, docs), abbreviations.get(language, []))
        data = json.dumps(search_index(language, docs, combined["config"]["fields"]), ensure_ascii=False)
        path = index_path(site_dir, language, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
        if offline:
            path.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
        written[language] = path
    return written
