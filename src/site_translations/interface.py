"""The site's own interface wording, one file per language: translation/interface/{en,cy}.yml.

The walkthroughs' wording ships with the tree compiler (src/decision_trees/strings/); everything
else the site puts on a page (the 404 page, the unreviewed-translation notice, the footer, the
heading-link and footnote tooltips) lives here, next to the term list the translators keep. Hooks
and templates read it; none of them holds wording of its own (tests/test_welsh_language.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .lang_spans import to_html

INTERFACE = Path("translation") / "interface"


class StringsError(Exception):
    """A strings file is missing, unreadable, not `key: text` lines, or unlike English's."""


def load(strings_dir: Path, language: str) -> dict[str, str]:
    """One language's wording; its keys must be English's."""
    path, english = strings_dir / f"{language}.yml", strings_dir / "en.yml"
    try:
        strings = yaml.safe_load(path.read_text(encoding="utf-8"))
        reference = yaml.safe_load(english.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise StringsError(f"{path}: cannot read the interface strings: {error}") from None
    if not isinstance(strings, dict) or not all(isinstance(v, str) and v.strip() for v in strings.values()):
        raise StringsError(f"{path}: expected lines of `key: text`, each with some text")
    missing = sorted(set(reference) - set(strings))
    extra = sorted(set(strings) - set(reference))
    if missing or extra:
        raise StringsError(
            f"{path}: keys differ from {english.name}: missing {missing}, not in English {extra}"
        )
    return {str(key): value.strip() for key, value in strings.items()}


def site_strings(root: Path, language: str) -> dict[str, str]:
    """The wording of the project at `root`, in one language."""
    return load(Path(root) / INTERFACE, language)


def as_html(strings: dict[str, str]) -> dict[str, str]:
    """The same wording as escaped HTML, with words in another language in <span lang>."""
    return {key: to_html(value) for key, value in strings.items()}
