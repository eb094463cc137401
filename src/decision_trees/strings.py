"""Interface strings, one YAML file per language: the walkthroughs' in strings/en.yml and
strings/cy.yml, another part of the site's in strings/<part>.en.yml and strings/<part>.cy.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .tree_format import Language

STRINGS_DIR = Path(__file__).parent / "strings"


def strings_file(language: str, part: str = "") -> Path:
    return STRINGS_DIR / (f"{part}.{language}.yml" if part else f"{language}.yml")


@cache
def strings(language: Language, part: str = "") -> dict[str, str]:
    path = strings_file(language, part)
    # A plain safe load: these are the project's own small files, not untrusted tree input, so they
    # need none of the tree loader's checks.
    return {str(k): str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}
