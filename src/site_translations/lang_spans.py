"""Words in another language inside a sentence, marked inline: `[@mention]{lang=en}`.

One syntax (Pandoc's bracketed span) for Markdown pages and for tree strings. Pages get it from a
Markdown extension (`site_translations.markdown_lang`), tree strings from the walkthrough renderer
and its browser script; both write `<span lang="en">@mention</span>`, so a screen reader reads the
words with the right voice (WCAG 3.1.2, language of parts). Proofing leaves marked English alone.
"""

from __future__ import annotations

import re
from html import escape

LANGUAGES = ("en", "cy")
# The text may hold anything but brackets and line breaks; the language is a two-letter code.
SPAN = re.compile(r"\[([^\[\]\n]+)\]\{lang=([a-z]{2})\}")
# Anything that looks like an attempt at a span, to catch typos: `]{lang=`, `{lang="en"}`, `]{ lang`.
_ATTEMPT = re.compile(r"\]\s*\{\s*:?\s*lang\b|\{lang=[^}]*\}")


def segments(text: str) -> list[tuple[str, str | None]]:
    """The text in pieces: (words, language) for marked spans, (words, None) for the rest."""
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for match in SPAN.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], None))
        pieces.append((match.group(1), match.group(2)))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], None))
    return pieces


def plain(text: str) -> str:
    """The words as read, without the marks (for alt text, aria-labels, route lists, plain text)."""
    return SPAN.sub(r"\1", text)


def without(text: str, language: str) -> str:
    """The text with every span marked as `language` blanked out (same length, so positions and
    line numbers still match): what a Welsh proof-reader should check leaves marked English out."""
    return SPAN.sub(lambda m: " " * len(m.group(0)) if m.group(2) == language else m.group(0), text)


def to_html(text: str) -> str:
    """Escaped HTML, with each span as `<span lang="..">`."""
    return "".join(
        escape(words) if language is None else f'<span lang="{language}">{escape(words)}</span>'
        for words, language in segments(text)
    )


def problems(text: str) -> list[str]:
    """What is wrong with the marks in a string: an unknown language, or a mark that is not the
    syntax (it would show as it is, brackets and all)."""
    found = []
    for match in SPAN.finditer(text):
        if match.group(2) not in LANGUAGES:
            found.append(f"[{match.group(1)}]{{lang={match.group(2)}}}: unknown language (use en or cy)")
    rest = SPAN.sub(" ", text)
    attempt = _ATTEMPT.search(rest)
    if attempt:
        start = max(0, attempt.start() - 20)
        found.append(
            f"'{rest[start : attempt.end() + 10].strip()}' is not a language mark: write [words]{{lang=en}}"
        )
    return found
