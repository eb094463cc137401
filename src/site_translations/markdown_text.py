"""Turn a Markdown page into the prose a proof-reader should see: no front matter, no markup,
no URLs, no heading ids."""

from __future__ import annotations

import re

import yaml

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


_STRIP = [
    # A paragraph marked as English ({: lang="en" }) is quoted English, not Welsh to proof.
    (re.compile(r'^[^\n]+\n\{:\s*lang="en"\s*\}[ \t]*$', re.M), " "),
    (re.compile(r"```.*?```", re.S), " "),  # fenced code
    (re.compile(r"`[^`]*`"), " "),  # inline code
    (re.compile(r"<!--.*?-->", re.S), " "),  # comments and markers
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(r"\{[#.:][^}]*\}"), " "),  # attr_list: {#id} {.class}
    (re.compile(r"\[\^[^\]]*\]:?"), " "),  # footnote references
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+"), " "),  # URLs and e-mail addresses
    (re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\w+(\s+\"([^\"]*)\")?", re.M), r" \3 "),  # admonitions
    (re.compile(r"^\s*([-*+]|\d+\.)\s+", re.M), " "),  # list markers
    (re.compile(r"^#+\s*", re.M), " "),  # heading markers
    (re.compile(r"[*_]{1,3}"), " "),  # emphasis
    (re.compile(r"^\|?[-:| ]+\|?$", re.M), " "),  # table rules
    (re.compile(r"\|"), " "),
]


def prose(markdown: str) -> str:
    """The human-readable text of a Markdown body."""
    text = markdown
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return text
