"""Command line for translators and editors.

python -m site_translations status                 every pairing problem (missing, stale, ids)
python -m site_translations mark-current FILE...   record that a Welsh page translates the current English page
python -m site_translations mark-reviewed FILE...  record that a qualified translator reviewed a Welsh page
python -m site_translations proof [FILE...]        machine spelling and mutation check of Welsh pages
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import proofing, status

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
        return proofing.main([str(f) for f in files])
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
