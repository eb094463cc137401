"""The site's Content-Security-Policy, worked out from the built pages.

The policy is `default-src 'self'` plus a few directives that `default-src` does not cover. Nothing
inline is allowed: an inline <script> or <style> left in a page is allowed by its SHA-256 hash (so a
future Material that adds one still works), and what no hash can allow without `'unsafe-inline'`
(a `style` attribute, an `on...=` event handler, a `javascript:` URL) is reported so the build stops.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

# default-src covers scripts, styles, images, fonts, fetches and workers: 'self' only. The rest are
# the directives that do not fall back to default-src.
BASE_POLICY = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# What an inline finding is.
InlineKind = Literal["script", "style", "style attribute", "event handler", "javascript: URL"]


@dataclass(frozen=True)
class Inline:
    """Something inline in a page that the policy has to deal with."""

    page: str
    line: int
    kind: InlineKind
    text: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: inline {self.kind}: {self.text[:80]!r}"


@dataclass
class Findings:
    scripts: list[Inline] = field(default_factory=list)  # allowed by hash
    styles: list[Inline] = field(default_factory=list)  # allowed by hash
    blocked: list[Inline] = field(default_factory=list)  # cannot be allowed: the build stops


class _Scanner(HTMLParser):
    def __init__(self, page: str, findings: Findings) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.findings = page, findings
        self._open: tuple[Literal["script", "style"], int] | None = None  # (kind, line) while inside one
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        a = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.findings.blocked.append(Inline(self.page, line, "style attribute", value or ""))
            elif name.startswith("on"):
                self.findings.blocked.append(Inline(self.page, line, "event handler", f"{name}={value}"))
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.findings.blocked.append(Inline(self.page, line, "javascript: URL", value or ""))
        if tag == "script" and "src" not in a and (a.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            self._open, self._text = ("script", line), []
        elif tag == "style":
            self._open, self._text = ("style", line), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            kind, line = self._open
            found = Inline(self.page, line, kind, "".join(self._text))
            (self.findings.scripts if kind == "script" else self.findings.styles).append(found)
            self._open = None


def scan(html: str, page: str, findings: Findings | None = None) -> Findings:
    """Everything inline in one page (`page` names it in messages)."""
    findings = findings if findings is not None else Findings()
    scanner = _Scanner(page, findings)
    # Script and style contents are raw text: the parser hands them over whole.
    scanner.feed(html)
    scanner.close()
    return findings


def source_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(findings: Findings) -> str:
    """The policy for a site whose pages gave these findings (sorted, so the same site gives the same
    text)."""
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    for directive, found in (("script-src", findings.scripts), ("style-src", findings.styles)):
        hashes = sorted({source_hash(f.text) for f in found})
        if hashes:
            directives[directive] = ["'self'", *hashes]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def scan_site(site: Path, pages: Iterable[Path] | None = None) -> Findings:
    findings = Findings()
    for path in sorted(pages if pages is not None else site.rglob("*.html")):
        scan(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix(), findings)
    return findings


POLICY_FILE = "csp.txt"  # the policy, one line: for people, Apache, IIS and the tests
NGINX_INCLUDE = "csp.nginx.conf"  # the same, as an nginx `add_header` line: deploy/nginx.conf includes it


def write_policy(site: Path, text: str) -> None:
    (site / POLICY_FILE).write_text(text + "\n", encoding="utf-8")
    (site / NGINX_INCLUDE).write_text(
        "# Written by the build (site_deploy.csp): the site's exact Content-Security-Policy.\n"
        f'add_header Content-Security-Policy "{text}" always;\n',
        encoding="utf-8",
    )
