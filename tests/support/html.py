"""Read built HTML pages with the standard library: links, ids, language attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageFacts:
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) loaded by the page
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href of <link rel=alternate>
    switcher: dict[str, str] = field(default_factory=dict)  # hreflang -> href of the language switcher
    styles: list[str] = field(default_factory=list)  # inline <style> text


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        f = self.facts
        if tag == "html":
            f.lang = a.get("lang")
        if a.get("id"):
            f.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            f.ids.add(a["name"])
        if tag == "a" and "href" in a:
            f.links.append(a["href"] or "")
            if a.get("hreflang"):
                f.switcher[a["hreflang"]] = a["href"]
        if tag == "link":
            rel = (a.get("rel") or "").split()
            if "alternate" in rel and a.get("hreflang"):
                f.alternates[a["hreflang"]] = a.get("href", "")
            elif {"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(rel):
                f.resources.append((tag, a.get("href", "")))
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed", "track"} and a.get("src"):
            f.resources.append((tag, a["src"]))
        if tag == "object" and a.get("data"):
            f.resources.append((tag, a["data"]))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.facts.styles.append(data)


def read_page(path: Path) -> PageFacts:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.facts


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def language_of(site: Path, page: Path) -> str:
    return "cy" if page.relative_to(site).parts[0] == "cy" else "en"
