"""In the built site: every internal link and anchor resolves, in both languages; each page says
its language and points at its twin; no page loads anything from another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support.html import html_pages, language_of, read_page

from site_translations.languages import LANGUAGES

_cache: dict[Path, object] = {}


def facts(path: Path):
    if path not in _cache:
        _cache[path] = read_page(path)
    return _cache[path]


def resolve(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative href points at (None if it leaves the site), and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None, parts.fragment
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def internal_links(site: Path):
    for page in html_pages(site):
        for href in facts(page).links:
            if href.startswith(("mailto:", "tel:", "javascript:")) or urlsplit(href).scheme:
                continue
            yield page, href


def test_every_internal_link_and_anchor_resolves_in_both_languages(site):
    broken = []
    checked = 0
    for page, href in internal_links(site):
        assert not href.startswith("/"), (
            f"{page}: root-relative link {href!r} breaks on an intranet sub-folder"
        )
        target, fragment = resolve(site, page, href)
        checked += 1
        if not target.exists():
            broken.append(f"{page.relative_to(site)}: {href} -> missing {target}")
        elif fragment and target.suffix == ".html" and fragment not in facts(target).ids:
            broken.append(
                f"{page.relative_to(site)}: {href} -> no id {fragment!r} in {target.relative_to(site)}"
            )
    assert checked > 50
    assert broken == [], "\n".join(broken)


def test_each_page_carries_its_language(site):
    for page in html_pages(site):
        assert facts(page).lang == language_of(site, page), page


def test_each_page_links_to_its_twin_with_hreflang(site):
    for page in html_pages(site):
        f = facts(page)
        own = language_of(site, page)
        other = "en" if own == "cy" else "cy"
        # Head alternates are dropped on purpose (hooks/language_links.py): Material fetched a
        # sitemap.xml beside each one and logged 404s.
        assert f.alternates == {}, f"{page}: unexpected <link rel=alternate> {f.alternates}"
        for kind, links in (("language switcher", f.switcher),):
            assert set(links) == set(LANGUAGES), f"{page}: {kind} has {links}"
            twin, _ = resolve(site, page, links[other])
            assert twin is not None and twin.exists(), (
                f"{page}: {kind} {links[other]!r} does not lead to a page"
            )
            assert language_of(site, twin) == other
            # The twin is the same page in the other language, not the other language's home page.
            mirrored = page.relative_to(site / "cy") if own == "cy" else Path("cy") / page.relative_to(site)
            assert twin.resolve() == (site / mirrored).resolve(), f"{page}: {kind} leads to {twin}"


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


def _is_outside(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https", "ftp"} or url.strip().startswith("//")


def test_no_page_loads_a_script_style_or_font_from_another_host(site):
    offenders = []
    for page in html_pages(site):
        f = facts(page)
        offenders += [
            f"{page.relative_to(site)}: <{tag}> {url}" for tag, url in f.resources if _is_outside(url)
        ]
        for css in f.styles:
            offenders += [
                f"{page.relative_to(site)}: inline style {u}"
                for u in _CSS_URL.findall(css) + _IMPORT.findall(css)
                if _is_outside(u)
            ]
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{sheet.relative_to(site)}: {u}"
            for u in _CSS_URL.findall(text) + _IMPORT.findall(text)
            if _is_outside(u) and not u.startswith("data:")
        ]
    assert offenders == [], "\n".join(offenders)
    assert "fonts.googleapis.com" not in "".join(p.read_text(encoding="utf-8") for p in html_pages(site))
