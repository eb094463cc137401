"""Count what the Welsh checks find in a copy of the project and its built site.

    .venv/bin/mkdocs build -d /tmp/site
    .venv/bin/python benchmarks/welsh_checks.py . /tmp/site [--list problems.txt]

For an older commit, export it (`git archive COMMIT | tar -x -C /tmp/old`), build it, and point this
at both; the checks' own configuration (allow-list, term list) is read from the copy, so copy this
project's translation/proofing-allowlist.txt and translation/terms.yml into it first to count what
today's checks find in that text. Reported in benchmarks/README.md ("Welsh checks").
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from site_translations import checks
from site_translations.welsh_sources import all_passages
from site_translations.wording_in_code import wording_in_code


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    root, site = Path(argv[0]), Path(argv[1])
    passages = all_passages(root)
    sources = checks.source_problems(root, passages) + checks.allowlist_problems(root, passages, site)
    built = checks.built_site_problems(site, root)
    wording = wording_in_code(root)
    flags = checks.flag_list(root, passages)
    print(
        f"Welsh words read in the sources: {sum(len(p.cy.split()) for p in passages):,} in {len(passages)} strings"
    )
    print(f"sources: {len(sources)} {dict(Counter(p.check for p in sources))}")
    print(f"  by file: {dict(Counter(p.file for p in sources))}")
    print(f"built site: {len(built)} {dict(Counter(p.check for p in built))}")
    print(f"  distinct (file, line): {len({(p.file, p.line) for p in built})}")
    print(f"wording left in code: {len(wording)} in {len({w.file for w in wording})} file(s)")
    print(f"flags for a human: {len(flags)} {dict(Counter(f.message.split(': ', 1)[1][:24] for f in flags))}")
    if "--list" in argv:
        lines = (
            [str(p) for p in sources + built] + [f"[wording] {w}" for w in wording] + list(map(str, flags))
        )
        Path(argv[argv.index("--list") + 1]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
