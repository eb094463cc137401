"""What the built site says, read back from its HTML with the language each piece is read in.

Each page's text is split into runs: a block's words (paragraph, heading, list item, link, button,
the page's <title>) and the reader-facing attributes (`title` tooltips, `aria-label`, `alt`,
`placeholder`), each with the language in force there (the nearest `lang`). Scripts, styles and
code are not text a reader hears.

Checks on the runs (`checks.built_site_problems` runs them):
- Welsh runs on Welsh pages are proofed like the sources (chrome included: tooltips, labels);
- an allow-listed English word in a Welsh run: it must be marked as English;
- a Welsh name from the term list in an English run on an English page: it must be marked `lang="cy"`;
- the language switcher's links name their language in that language (`lang` = `hreflang`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Text in these is not read as words of the page's language.
_SKIP = {"script", "style", "code", "pre", "kbd", "samp", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A block's words are one run: a proof-reader sees them together.
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "section", "article",
    "header", "footer", "nav", "aside", "main", "figcaption", "blockquote", "label", "legend", "title",
    "button", "summary", "details", "ul", "ol", "dl", "table", "tr", "form", "fieldset", "figure", "a",
}  # fmt: skip
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


@dataclass(frozen=True)
class Run:
    page: str  # path in the site, e.g. cy/policies/assembly/index.html
    line: int
    language: str  # the lang in force ("" when none is set)
    text: str
    what: str  # "text", "<title>", or the attribute: "title attribute"
    tag: str  # the element it belongs to


@dataclass(frozen=True)
class SwitcherLink:
    page: str
    line: int
    hreflang: str
    lang: str | None
    text: str


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.runs: list[Run] = []
        self.switcher: list[SwitcherLink] = []
        self._stack: list[tuple[str, str, bool]] = []  # (tag, lang in force, skipped)
        self._words: list[str] = []
        self._start = 1
        self._switch: dict | None = None

    # -- the language in force ---------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._stack[-1][1] if self._stack else ""

    @property
    def skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][2]

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split())
        if text and not self.skipping:
            tag = self._stack[-1][0] if self._stack else ""
            self.runs.append(Run(self.page, self._start, self.language, text, "text", tag))
        self._words = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        language = a.get("lang", self.language) or self.language
        skipped = self.skipping or tag in _SKIP
        if tag in _BLOCKS or tag in _SKIP or "lang" in a:
            self._flush()
        line = self.getpos()[0]
        if not skipped:
            for name in ATTRIBUTES:
                value = " ".join((a.get(name) or "").split())
                if value:
                    self.runs.append(Run(self.page, line, language, value, f"{name} attribute", tag))
        if tag == "a" and a.get("hreflang") and "md-select__link" in (a.get("class") or ""):
            self._switch = {"line": line, "hreflang": a["hreflang"], "lang": a.get("lang"), "text": ""}
        if tag not in _VOID:
            self._stack.append((tag, language, skipped))
        elif tag in ("br", "hr", "img", "input") and self._words:
            self._words.append(" ")  # a line break parts words as a space does
        if not self._words:
            self._start = line

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in _BLOCKS or tag in _SKIP or any(t == tag for t, _, _ in self._stack[-1:]):
            self._flush()
        if tag == "a" and self._switch is not None:
            s = self._switch
            self.switcher.append(
                SwitcherLink(self.page, s["line"], s["hreflang"], s["lang"], " ".join(s["text"].split()))
            )
            self._switch = None
        # Close up to the matching tag (HTML lets some end tags be left out).
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self._words:
            self._start = self.getpos()[0]
        self._words.append(data)
        if self._switch is not None:
            self._switch["text"] += data

    def close(self) -> None:
        super().close()
        self._flush()


def read(site: Path, page: Path) -> _Reader:
    reader = _Reader(page.relative_to(site).as_posix())
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))  # the 404 pages too: each is in its language


def page_language(site: Path, page: Path) -> str:
    return "cy" if page.relative_to(site).parts[0] == "cy" else "en"
