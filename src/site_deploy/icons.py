"""Material's icons as files instead of `data:` URIs.

Material's stylesheet defines each of its CSS icons (admonitions, footnotes, search results...) as a
custom property holding an SVG in a `data:` URI. Under a Content-Security-Policy of
`default-src 'self'` a `data:` image is blocked and the icon disappears. The same SVGs, written as
files beside the site and pointed at by a small stylesheet loaded after Material's, keep the icons
and let the policy stay `'self'` only.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

_DATA_ICON = re.compile(r'(--md-[a-z0-9-]+):url\("data:image/svg\+xml;charset=utf-8,([^"]*)"\)')
_SAFE_NAME = re.compile(r"^--md-[a-z0-9-]+$")


def extract_icons(css: str) -> dict[str, str]:
    """Custom property name -> SVG text, for every `data:` SVG icon in a stylesheet."""
    icons = {}
    for match in _DATA_ICON.finditer(css):
        name, svg = match.group(1), unquote(match.group(2))
        if not _SAFE_NAME.match(name) or not svg.lstrip().startswith("<svg"):
            continue
        icons[name] = svg
    return icons


def icon_stylesheet(names: list[str], folder: str) -> str:
    """A stylesheet that points each custom property at `<folder>/<name>.svg`, relative to itself."""
    lines = [f'  {name}: url("{folder}/{name.removeprefix("--")}.svg");' for name in sorted(names)]
    return (
        "/* Written by the build (site_deploy.icons): Material's icons as files, not data: URIs,\n"
        "   so that a Content-Security-Policy of default-src 'self' keeps them. */\n"
        ":root {\n" + "\n".join(lines) + "\n}\n"
    )


STYLESHEET = "assets/stylesheets/material-icons.css"  # beside Material's main.*.min.css
ICONS_DIR = "assets/images/material-icons"


OFFLINE_STYLESHEET = (
    "/* Offline bundle (file://): Material's own data: icons are kept. A browser will not load a CSS mask\n"
    "   image from a file:// URL (CORS), and no Content-Security-Policy applies to file:// pages. */\n"
)


def write_icon_files(site: Path) -> int:
    """Write every icon of Material's stylesheet in the built `site` as a file, and STYLESHEET, which
    points at them. It sits in the same folder as Material's stylesheet, so its relative URLs resolve
    the same way whichever of the two files a browser resolves them against. Returns the count."""
    found = sorted(site.glob("assets/stylesheets/main.*.min.css"))
    if len(found) != 1:
        raise FileNotFoundError(
            f"expected one Material stylesheet assets/stylesheets/main.*.min.css in {site}"
        )
    icons = extract_icons(found[0].read_text(encoding="utf-8"))
    (site / ICONS_DIR).mkdir(parents=True, exist_ok=True)
    for name, svg in icons.items():
        (site / ICONS_DIR / f"{name.removeprefix('--')}.svg").write_text(svg, encoding="utf-8")
    (site / STYLESHEET).write_text(icon_stylesheet(list(icons), "../images/material-icons"), encoding="utf-8")
    return len(icons)
