"""Interface strings, one YAML file per language (strings/en.yml, strings/cy.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .loader import SAFE_LOADER

if TYPE_CHECKING:
    from .tree_format import Language

STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def strings(language: Language) -> dict[str, str]:
    path = STRINGS_DIR / f"{language}.yml"
    return {
        str(k): str(v) for k, v in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER).items()
    }
