"""Turn a Markdown page into the prose a proof-reader should see: no front matter, no markup,
no URLs, no heading ids, nothing marked as English. Line breaks are kept, so a position in the
prose is on the same line as in the Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from . import lang_spans

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (metadata, body). A page without front matter has empty metadata."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[match.end() :]


def front_matter_lines(text: str) -> int:
    """How many lines the front matter takes (0 without one): the body starts on the next line."""
    match = _FRONT_MATTER.match(text)
    return match.group(0).count("\n") if match else 0


def _blank(match: re.Match) -> str:
    # The matched markup goes; its line breaks stay.
    return " " + "\n" * match.group(0).count("\n")


# (pattern, what a match becomes: a replacement string or a function of the match)
_STRIP: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # A paragraph marked as English ({: lang="en" }) is quoted English, not Welsh to proof.
    (re.compile(r'(?:^[ \t]*\S[^\n]*\n)+\{:\s*lang="en"\s*\}[ \t]*$', re.M), _blank),
    (re.compile(r"```.*?```", re.S), _blank),  # fenced code
    (re.compile(r"`[^`]*`"), _blank),  # inline code
    (re.compile(r"<!--.*?-->", re.S), _blank),  # comments and markers
    (re.compile(r"<[^>]+>"), _blank),  # HTML tags
    (re.compile(r"\{[#.:][^}]*\}"), _blank),  # attr_list: {#id} {.class}
    (re.compile(r"\[\^[^\]]*\]:?"), _blank),  # footnote references
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+"), _blank),  # URLs and e-mail addresses
    (re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]*\w+([ \t]+\"([^\"]*)\")?", re.M), r" \3 "),  # admonitions
    (re.compile(r"^[ \t]*([-*+]|\d+\.)[ \t]+", re.M), " "),  # list markers
    (re.compile(r"^#+[ \t]*", re.M), " "),  # heading markers
    (re.compile(r"[*_]{1,3}"), " "),  # emphasis
    (re.compile(r"^\|?[-:| \t]+\|?$", re.M), " "),  # table rules
    (re.compile(r"\|"), " "),
]


def prose(markdown: str, *, keep_english: bool = False) -> str:
    """The human-readable Welsh text of a Markdown body: spans marked as English are blanked (or,
    with keep_english, kept as words: the term check looks for "@mention" there), spans marked as
    Welsh keep their words."""
    text = markdown
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return lang_spans.plain(text if keep_english else lang_spans.without(text, "en"))
