"""Write src/site_search/data/cy_words.txt.gz from the hunspell cy_GB dictionary that cymraeg-mcp
bundles (installed by scripts/test):

    .venv/bin/python -m site_search.word_list

Run it when cymraeg-mcp's dictionary changes; tests/test_search_index.py says when it has.
"""

from __future__ import annotations

import gzip
import sys
from importlib import resources
from pathlib import Path

from site_search.welsh import WORD_LIST, mutation_flags, word_list_text


def dictionary_path() -> Path:
    """The cy_GB.dic that cymraeg-mcp bundles."""
    return Path(str(resources.files("cymraeg_mcp") / "data" / "dictionaries" / "cy_GB.dic"))


def derived_word_list() -> str:
    return word_list_text(mutation_flags(dictionary_path().read_text(encoding="utf-8-sig")))


def main() -> int:
    try:
        text = derived_word_list()
    except ModuleNotFoundError:
        print('cymraeg-mcp is not installed: run scripts/test, or pip install --no-deps "cymraeg-mcp==0.1.0"')
        return 1
    # mtime=0: the same words give the same bytes, so git sees a change only when there is one
    WORD_LIST.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {WORD_LIST} ({text.count(chr(10)) - 3} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
