"""Every Welsh check, on the sources and on the built site, in one place: the command line
(`python -m site_translations check | flags`) and the tests run these.

Sources (welsh_sources): spelling and mutations, language marks, yes/no answer forms and verdict
badges, aligned term pairs and variants to avoid, and the allow-list's own rules.
Built site (built_html): spelling and mutations of everything a Welsh page says (tooltips, labels
and chrome included), English words left unmarked on Welsh pages, Welsh names unmarked on English
pages, and the language switcher's own language.
Flags for a human (flags): printed, never failing.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import answer_forms, built_html, flags, lang_spans, proofing, terms, welsh_sources
from .problems import Problem
from .welsh_sources import WALKTHROUGH_STRINGS, Passage, all_passages

BASELINE = Path("translation") / "known-welsh-problems.txt"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Addresses are not words: web and e-mail addresses in a page's text (as prose() leaves them out).
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+")


def _spaces(match: re.Match) -> str:
    return " " * len(match.group(0))


def proofable(passage: Passage) -> str:
    # Interface strings hold {placeholders}; the same length of spaces keeps positions.
    return (
        _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), passage.cy)
        if passage.kind == "strings"
        else passage.cy
    )


def proof_passages(passages: list[Passage], allow: set[str]) -> list[Problem]:
    problems = []
    for passage in passages:
        for finding in proofing.proof_text(proofable(passage), allow, suggest=False):
            problems.append(
                Problem(
                    finding.kind,
                    passage.file,
                    passage.line_at(finding.offset),
                    f"{passage.where}: {finding.word!r} in \u201c{finding.context}\u201d"
                    + (f" - {finding.advice}" if finding.advice else ""),
                    passage.node,
                )
            )
    return problems


def mark_problems(root: Path) -> list[Problem]:
    """Language marks that are not the syntax, or name an unknown language, in pages and trees."""
    problems = []
    files = sorted((root / "docs").rglob("*.md")) + sorted((root / "decision_trees").glob("*.yml"))
    files += [path for path, _ in welsh_sources.data_files(root)]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for message in lang_spans.problems(line):
                problems.append(Problem("marking", path.relative_to(root).as_posix(), number, message))
    return problems


def answer_form_problems(root: Path) -> list[Problem]:
    defaults = proofing_strings(root)
    problems = []
    for tree in sorted((root / "decision_trees").glob("*.yml")):
        problems.extend(answer_forms.check_tree(tree, root, defaults))
    return problems


def proofing_strings(root: Path) -> dict[str, str]:
    import yaml

    return yaml.safe_load((root / WALKTHROUGH_STRINGS / "cy.yml").read_text(encoding="utf-8"))


def allowlist_problems(root: Path, passages: list[Passage], site: Path | None = None) -> list[Problem]:
    """Entries without a kind and reason, and entries no Welsh text uses any more."""
    path = root / proofing.ALLOWLIST
    problems = [
        Problem("allow-list", proofing.ALLOWLIST.as_posix(), int(m.split(":")[1]), m.split(": ", 1)[1])
        for m in proofing.allowlist_problems(path)
    ]
    from cymraeg_mcp.tokenizer import tokenize

    texts = [p.cy for p in passages]
    if site is not None:
        texts += [run.text for page in _welsh_pages(site) for run in built_html.read(site, page).runs]
    words = {t.text.strip("'\u2019").lower() for text in texts for t in tokenize(text)}
    engine = proofing._engine()[1]
    radicals = {r for w in words for kind in ("soft", "nasal", "aspirate") for r in engine.demutate(w, kind)}
    for entry in proofing.allowlist_entries(path):
        if entry.word.lower() not in words | radicals:
            problems.append(
                Problem(
                    "allow-list",
                    proofing.ALLOWLIST.as_posix(),
                    entry.line,
                    f"'{entry.word}' is in no Welsh text any more: take it off the list",
                )
            )
    return problems


def source_problems(root: Path, passages: list[Passage] | None = None) -> list[Problem]:
    """Every problem the checks find in the sources (not the flags)."""
    passages = all_passages(root) if passages is None else passages
    allow = proofing.load_allowlist(root / proofing.ALLOWLIST)
    term_list = terms.load_terms(root / terms.TERMS)
    return (
        proof_passages(passages, allow)
        + mark_problems(root)
        + answer_form_problems(root)
        + terms.aligned_problems(passages, term_list)
        + terms.avoided_problems(passages, term_list)
    )


# -- the built site -------------------------------------------------------------------------------
def _welsh_pages(site: Path) -> list[Path]:
    return [p for p in built_html.pages(site) if built_html.page_language(site, p) == "cy"]


def _english_pages(site: Path) -> list[Path]:
    return [p for p in built_html.pages(site) if built_html.page_language(site, p) == "en"]


def welsh_names(root: Path) -> set[str]:
    """Welsh names a reader meets on English pages: the organisations' Welsh names (terms.yml),
    the Welsh site name and the language's own name."""
    names = {"Cymraeg"}
    for term in terms.load_terms(root / terms.TERMS):
        for name in term.welsh:
            if len(name.split()) > 1 and name[:1].isupper() and fold_differs(name, term.en):
                names.add(name)
    names.update(p.cy for p in all_passages_of_config(root) if p.where == "site_name")
    return names


def fold_differs(welsh: str, english: str) -> bool:
    return terms.fold(welsh) not in terms.fold(english)


def all_passages_of_config(root: Path) -> list[Passage]:
    from .welsh_sources import config_passages

    return config_passages(root / "mkdocs.yml", root)


def built_site_problems(site: Path, root: Path) -> list[Problem]:
    """What the checks find in the built site: proofing of Welsh pages (each distinct text once,
    at the first page it is on), English words and Welsh names not marked with their language,
    and the language switcher."""
    allow = proofing.load_allowlist(root / proofing.ALLOWLIST)
    english = proofing.english_words(root / proofing.ALLOWLIST)
    english_word = (
        re.compile(r"(?<![\w])(" + "|".join(map(re.escape, sorted(english))) + r")(?![\w])", re.I)
        if english
        else None
    )
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for page in _welsh_pages(site):
        reader = built_html.read(site, page)
        for run in reader.runs:
            if run.language == "en":
                continue
            where = f"site/{run.page}"
            if run.language != "cy":
                problems.append(
                    Problem(
                        "marking",
                        where,
                        run.line,
                        f"{run.what} of <{run.tag}> is in no language: \u201c{run.text[:80]}\u201d",
                    )
                )
            if english_word is not None:
                for match in english_word.finditer(run.text):
                    problems.append(
                        Problem(
                            "english-word",
                            where,
                            run.line,
                            f"\u201c{match.group(0)}\u201d is English ({proofing.ALLOWLIST.name}) and not marked: "
                            f"write [{match.group(0)}]{{lang=en}} in \u201c{run.text[:80]}\u201d",
                        )
                    )
            key = (run.what, run.text)
            if key in seen:
                continue
            seen.add(key)
            for finding in proofing.proof_text(_URL.sub(_spaces, run.text), allow, suggest=False):
                problems.append(
                    Problem(
                        finding.kind,
                        where,
                        run.line,
                        f"{run.what} of <{run.tag}>: {finding.word!r} in \u201c{finding.context}\u201d",
                    )
                )
        problems.extend(_switcher_problems(reader))
    names = welsh_names(root)
    name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for page in _english_pages(site):
        reader = built_html.read(site, page)
        for run in reader.runs:
            if run.language == "cy":
                continue
            for match in name_pattern.finditer(run.text):
                problems.append(
                    Problem(
                        "marking",
                        f"site/{run.page}",
                        run.line,
                        f'the Welsh \u201c{match.group(0)}\u201d on an English page is not marked lang="cy" '
                        f"({run.what} of <{run.tag}>: \u201c{run.text[:80]}\u201d)",
                    )
                )
        problems.extend(_switcher_problems(reader))
    return problems


def _switcher_problems(reader: built_html._Reader) -> list[Problem]:
    return [
        Problem(
            "chrome",
            f"site/{link.page}",
            link.line,
            f'the language switcher\'s \u201c{link.text}\u201d (hreflang={link.hreflang}) is not marked lang="{link.hreflang}"',
        )
        for link in reader.switcher
        if link.lang != link.hreflang
    ]


def flag_list(root: Path, passages: list[Passage] | None = None) -> list[Problem]:
    return flags.flags(all_passages(root) if passages is None else passages)


# -- known problems -------------------------------------------------------------------------------
_BASELINE_HEADER = """\
# Welsh problems the checks find that are known and waiting for a fix in a file another change owns
# (the Welsh pages, the trees' content). One problem a line, as the checks word it, without its line
# number. tests/test_welsh_language.py fails on a problem that is not listed here, and on a listed
# one that is gone: take it off. Rewrite the list only after reading every change to it:
#   .venv/bin/mkdocs build -d /tmp/site && .venv/bin/python -m site_translations check --site /tmp/site --update-known
"""


def load_baseline(path: Path) -> list[str]:
    """The known problems (one `Problem.key` a line)."""
    if not path.is_file():
        return []
    return [
        line.rstrip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def write_baseline(path: Path, problems: list[Problem], with_site: bool) -> None:
    keys = [p.key for p in problems]
    if not with_site:  # keep the built site's known problems: they were not looked for
        keys += [k for k in load_baseline(path) if k.startswith("site/")]
    path.write_text(_BASELINE_HEADER + "".join(f"{k}\n" for k in sorted(keys)), encoding="utf-8")


def compare(
    problems: list[Problem], baseline: list[str], with_site: bool = True
) -> tuple[list[Problem], list[str]]:
    """(problems not in the baseline, baseline entries no problem matches). Without the built site,
    its known problems are not expected."""
    remaining = [k for k in baseline if with_site or not k.startswith("site/")]
    new = []
    for problem in problems:
        if problem.key in remaining:
            remaining.remove(problem.key)
        else:
            new.append(problem)
    return new, remaining
