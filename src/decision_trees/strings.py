"""Interface strings, one YAML file per language (strings/en.yml, strings/cy.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .loader import SAFE_LOADER

STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def strings(language: str) -> dict[str, str]:
    path = STRINGS_DIR / f"{language}.yml"
    return {
        str(k): str(v) for k, v in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER).items()
    }
