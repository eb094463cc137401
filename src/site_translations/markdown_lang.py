"""Python-Markdown extension: `[@mention]{lang=en}` becomes `<span lang="en">@mention</span>`.

Listed in mkdocs.yml as `site_translations.markdown_lang`. The syntax is defined once, in
`lang_spans`, and shared with the walkthrough renderer. A mark with an unknown language is left as
written (brackets and all), and the Welsh checks report it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor

from .lang_spans import LANGUAGES, SPAN

if TYPE_CHECKING:
    import re


class _LangSpan(InlineProcessor):
    def handleMatch(  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[ElementTree.Element | None, int | None, int | None]:
        if m.group(2) not in LANGUAGES:
            return None, None, None
        span = ElementTree.Element("span", {"lang": m.group(2)})
        span.text = m.group(1)  # later inline patterns still apply inside (emphasis, links)
        return span, m.start(0), m.end(0)


class LangSpanExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before links and references (170, 160): `[words]` would otherwise be tried as a link.
        md.inlinePatterns.register(_LangSpan(SPAN.pattern, md), "lang_span", 175)


def makeExtension(**kwargs: object) -> LangSpanExtension:  # noqa: N802 (Python-Markdown's entry point)
    return LangSpanExtension(**kwargs)
