"""Command line for translators and editors.

python -m site_translations status                 every pairing problem (missing, stale, ids)
python -m site_translations mark-current FILE...   record that a Welsh page translates the current English page
python -m site_translations mark-reviewed FILE...  record that a qualified translator reviewed a Welsh page
python -m site_translations proof [FILE...]        spelling and mutations of Welsh text (pages, trees,
                                                   strings), with suggestions; default: all of it
python -m site_translations check [--site DIR]     every Welsh check on the sources (and on a built
                                                   site); known problems are marked, new ones fail
python -m site_translations check --update-known   rewrite translation/known-welsh-problems.txt
python -m site_translations flags                  patterns a Welsh speaker should read (never fails)
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import checks, proofing, status
from .welsh_sources import all_passages

# The pages, in en/ and cy/, relative to the project folder this runs in.
DOCS = Path("docs")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if args else 2
    command, files = args[0], [Path(a) for a in args[1:]]
    if command == "status":
        if not (DOCS / "en").is_dir() or not (DOCS / "cy").is_dir():
            print(f"status: no {DOCS}/en and {DOCS}/cy here: run this in the project folder", file=sys.stderr)
            return 2
        problems = status.check(DOCS)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if command in {"mark-current", "mark-reviewed"}:
        if not files:
            print(f"{command}: name one or more Welsh pages (docs/cy/...)", file=sys.stderr)
            return 2
        for cy in files:
            if "cy" not in cy.resolve().parts or not cy.is_file():
                print(f"{cy}: not a Welsh page under docs/cy", file=sys.stderr)
                return 2
            if command == "mark-current":
                status.set_translation_fields(cy, source_sha256=status.sha256_of(status.english_twin(cy)))
            else:
                status.set_translation_fields(cy, reviewed=True)
            print(f"{cy}: {command.replace('mark-', 'marked ')}")
        return 0
    if command == "proof":
        return _proof(files)
    if command == "check":
        return _check(args[1:])
    if command == "flags":
        flags = checks.flag_list(Path("."))
        for flag in flags:
            print(flag)
        print(f"{len(flags)} flag(s) for a Welsh speaker to read; none of them fails a build")
        return 0
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


def _proof(files: list[Path]) -> int:
    root = Path(".")
    wanted = {f.resolve() for f in files}
    passages = [p for p in all_passages(root) if not wanted or (root / p.file).resolve() in wanted]
    if wanted and not passages:
        print(
            "proof: no Welsh text in those files (pages under docs/cy, trees, strings files)", file=sys.stderr
        )
        return 2
    allow = proofing.load_allowlist()
    total = 0
    for passage in passages:
        for finding in proofing.proof_text(checks.proofable(passage), allow):
            print(f"{passage.location(finding.offset)}: {passage.where}: {finding}")
            total += 1
    print(f"{total} finding(s) in {len({p.file for p in passages})} file(s)")
    return 1 if total else 0


def _check(options: list[str]) -> int:
    root = Path(".")
    site = Path(options[options.index("--site") + 1]) if "--site" in options[:-1] else None
    passages = all_passages(root)
    problems = checks.source_problems(root, passages) + checks.allowlist_problems(root, passages, site)
    if site is not None:
        problems += checks.built_site_problems(site, root)
    if "--update-known" in options:
        checks.write_baseline(root / checks.BASELINE, problems, with_site=site is not None)
        print(f"{checks.BASELINE}: {len(problems)} known problem(s)")
        return 0
    new, gone = checks.compare(
        problems, checks.load_baseline(root / checks.BASELINE), with_site=site is not None
    )
    for problem in problems:
        print(("NEW   " if problem in new else "known ") + str(problem))
    for key in gone:
        print(f"GONE  {key} (fixed: take it off {checks.BASELINE})")
    print(
        f"{len(problems)} problem(s): {len(new)} new, {len(problems) - len(new)} known; {len(gone)} known ones gone"
    )
    return 1 if new or gone else 0


if __name__ == "__main__":
    raise SystemExit(main())
