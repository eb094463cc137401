"""MkDocs hook: the site's own interface strings for its templates, in the language being built.

Templates in overrides/ read `site_strings.<key>`; the wording lives in
translation/interface/<language>.yml, one file per language with the same keys.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

STRINGS_DIR = Path(__file__).resolve().parents[1] / "translation" / "interface"


def load_strings(language: str, strings_dir: Path = STRINGS_DIR) -> dict[str, str]:
    """The strings of one language; a clear error when the file is missing or unlike English's."""
    path = strings_dir / f"{language}.yml"
    english = strings_dir / "en.yml"
    try:
        strings = yaml.safe_load(path.read_text(encoding="utf-8"))
        reference = yaml.safe_load(english.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the interface strings: {error}") from None
    if not isinstance(strings, dict) or not all(isinstance(v, str) and v.strip() for v in strings.values()):
        raise PluginError(f"{path}: expected lines of `key: text`, each with some text")
    missing = sorted(set(reference) - set(strings))
    extra = sorted(set(strings) - set(reference))
    if missing or extra:
        raise PluginError(
            f"{path}: keys differ from {english.name}: missing {missing}, not in English {extra}"
        )
    return strings


def on_env(env, /, *, config, files):
    # The i18n plugin has set the theme's language for this build by now (it has not in on_config).
    env.globals["site_strings"] = load_strings(config.theme["language"])
    return env
