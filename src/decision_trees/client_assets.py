"""The walkthrough's browser files as the built site serves them.

The sources in `client/` stay readable; the site gets them minified (rjsmin and rcssmin: small,
maintained, pure-Python minifiers with C speed-ups, no Node needed), and the section-link script gets
the interface strings of every language written in, so its wording stays in `strings/<language>.yml`.
"""

from __future__ import annotations

import json
from pathlib import Path

import rcssmin
import rjsmin

from .strings import strings
from .tree_format import LANGUAGES

CLIENT_DIR = Path(__file__).parent / "client"
WALKTHROUGH_SCRIPT = "walkthrough.js"
WALKTHROUGH_STYLES = "walkthrough.css"
SECTION_LINKS_SCRIPT = "section-links.js"
ASSET_NAMES = (WALKTHROUGH_SCRIPT, WALKTHROUGH_STYLES, SECTION_LINKS_SCRIPT)
COMPARISON_ASSETS = ("comparison.css",)  # the policy comparison's styles
TRAINING_ASSETS = ("practice.js", "training.css")  # the practice pages' and trainers' packs'

# Where section-links.js takes its strings: the build puts {"en": {...}, "cy": {...}} here.
STRINGS_SLOT = "{/* strings */}"
SECTION_LINK_STRINGS = ("section_link", "section_link_title", "link_copied", "copy_failed")
# The strings walkthrough.js uses, the only ones each walkthrough page ships in its data (the rest
# are for the no-JavaScript tree, the diagram and the route list, already written into the page).
WALKTHROUGH_STRINGS = (
    "or",
    "tick_each",
    "tick_any",
    "what_to_do_next",
    "where_policy_says",
    "why",
    "not_met_heading",
    "chosen_heading",
    "start_again",
    "continue",
    "back",
    "change",
    "change_answer",
    "your_answers",
    "question_n",
    "not_ticked",
    "not_ticked_several",
    "error_summary",
    "error_choose_one",
    "error_choose_some",
    "error_prefix",
    "print_record",
    "copy_text",
    "copied",
    "copy_failed",
    "record_heading",
    "record_date",
    "record_months",
    "record_walkthrough",
    "record_link",
    "outcome",
    "step_announcement",
    "outcome_announcement",
    "page_title",
    "page_title_question",
    "copy_step_link",
    "link_copied",
    "restored_notice",
    "step_needs_answers",
)


class AssetError(Exception):
    """A client source is not as the build expects it (a slot for the strings went missing)."""


def section_link_strings() -> dict[str, dict[str, str]]:
    return {language: {key: strings(language)[key] for key in SECTION_LINK_STRINGS} for language in LANGUAGES}


def _json_for_script(data: object) -> str:
    # Safe in any script: no "</script>", no HTML-significant characters.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def built_asset(name: str, source: str) -> str:
    """One client file as the site serves it."""
    if name == SECTION_LINKS_SCRIPT:
        if source.count(STRINGS_SLOT) != 1:
            raise AssetError(f"{name}: expected one '{STRINGS_SLOT}' for the interface strings")
        source = source.replace(STRINGS_SLOT, _json_for_script(section_link_strings()))
    if name.endswith(".js"):
        return rjsmin.jsmin(source) + "\n"
    return rcssmin.cssmin(source) + "\n"


def built_assets(names: tuple[str, ...] = ASSET_NAMES) -> dict[str, bytes]:
    """Client files as the site serves them (minified in each language's build: a few ms,
    adr/0007)."""
    return {
        name: built_asset(name, (CLIENT_DIR / name).read_text(encoding="utf-8")).encode("utf-8")
        for name in names
    }


def write_client_files(target: Path, names: tuple[str, ...] = ASSET_NAMES) -> None:
    """Write client files into the built site, unless the copy there is already current (both
    languages' builds write to the same folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for name, content in built_assets(names).items():
        path = target / name
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
