"""The built site behind Debian's nginx with the repository's deploy/nginx.conf: compression, cache
headers, MIME types, the build's Content-Security-Policy and a 404 page in the reader's language.
(tests/browser/test_behind_nginx.py checks the same server in Chromium.)"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from support import nginx
from support.project import ROOT

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
LONG_CACHE = "public, max-age=31536000, immutable"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET", **headers):
    """(status, headers, body) without following redirects; an error status is a result, not a raise."""
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name != "csp.nginx.conf")


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


# ---------------------------------------------------------------------------------------------
# Compression


@pytest.mark.parametrize(
    "rel",
    [
        "index.html",
        "cy/walkthroughs/foi-request/index.html",
        "search/search_index.json",
        "sitemap.xml",
        "assets/stylesheets/site.css",
        "assets/walkthrough/walkthrough.js",
        "assets/images/material-icons/md-admonition-icon--note.svg",
    ],
)
def test_text_is_sent_gzipped_and_unpacks_to_the_file(nginx_url, site, rel):
    status, headers, body = fetch(f"{nginx_url}/{url_of(site, site / rel)}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip", rel
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (site / rel).read_bytes()


def test_materials_fingerprinted_files_are_gzipped_too(nginx_url, site):
    files = [p for p in site_files(site) if FINGERPRINTED.search(p.name)]
    assert len(files) >= 3  # Material's main CSS, palette CSS, bundle and search worker
    for path in files:
        _, headers, body = fetch(f"{nginx_url}/{url_of(site, path)}", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip", path.name
        assert len(body) < path.stat().st_size / 2


def test_nothing_is_gzipped_for_a_client_that_did_not_ask_nor_images_nor_tiny_files(nginx_url, site):
    _, headers, body = fetch(f"{nginx_url}/")
    assert "Content-Encoding" not in headers and body == (site / "index.html").read_bytes()
    for rel in ("assets/images/favicon.png", "csp.txt"):  # compressed already; under 256 bytes
        _, headers, _ = fetch(f"{nginx_url}/{rel}", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers, rel


# ---------------------------------------------------------------------------------------------
# Caching


def test_only_fingerprinted_files_are_cached_for_long_and_everything_else_is_revalidated(nginx_url, site):
    long_cached, revalidated = [], []
    for path in site_files(site):
        _, headers, _ = fetch(f"{nginx_url}/{url_of(site, path)}", method="HEAD")
        (long_cached if headers["Cache-Control"] == LONG_CACHE else revalidated).append(path)
        if headers["Cache-Control"] != LONG_CACHE:
            assert headers["Cache-Control"] == "no-cache", (path, headers["Cache-Control"])
    assert long_cached == [p for p in site_files(site) if FINGERPRINTED.search(p.name)]
    assert site / "index.html" in revalidated and site / "search" / "search_index.json" in revalidated


@pytest.mark.parametrize("rel", ["", "cy/policies/assembly/", "assets/walkthrough/walkthrough.js"])
def test_revalidation_answers_not_modified_until_the_file_changes(nginx_url, rel):
    status, headers, _ = fetch(f"{nginx_url}/{rel}")
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    status, _, body = fetch(f"{nginx_url}/{rel}", **{"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    status, _, _ = fetch(f"{nginx_url}/{rel}", **{"If-None-Match": '"something-else"'})
    assert status == 200


# ---------------------------------------------------------------------------------------------
# MIME types


@pytest.mark.parametrize(
    "rel, expected",
    [
        ("", "text/html; charset=utf-8"),
        ("assets/stylesheets/site.css", "text/css; charset=utf-8"),
        ("assets/walkthrough/walkthrough.js", "application/javascript; charset=utf-8"),
        ("search/search_index.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "text/xml; charset=utf-8"),
        ("assets/images/material-icons/md-footnotes-icon.svg", "image/svg+xml; charset=utf-8"),
        ("assets/images/favicon.png", "image/png"),
        ("csp.txt", "text/plain; charset=utf-8"),
    ],
)
def test_files_are_sent_with_their_mime_type_and_no_sniffing(nginx_url, rel, expected):
    status, headers, _ = fetch(f"{nginx_url}/{rel}", method="HEAD")
    assert status == 200 and headers["Content-Type"] == expected
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_every_svg_and_json_file_of_the_site_has_its_type(nginx_url, site):
    # The walkthrough diagrams and the search index, whatever they are called.
    for path in site_files(site):
        expected = {".svg": "image/svg+xml", ".json": "application/json", ".js": "application/javascript"}
        if path.suffix in expected:
            _, headers, _ = fetch(f"{nginx_url}/{url_of(site, path)}", method="HEAD")
            assert headers["Content-Type"].split(";")[0] == expected[path.suffix], path


# ---------------------------------------------------------------------------------------------
# The Content-Security-Policy the build wrote


def test_every_page_is_sent_with_the_policy_the_build_wrote(nginx_url, site):
    policy = (site / "csp.txt").read_text(encoding="utf-8").strip()
    assert policy.startswith("default-src 'self'") and "unsafe" not in policy
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30
    for page in pages:
        _, headers, _ = fetch(f"{nginx_url}/{url_of(site, page)}", method="HEAD")
        assert headers.get_all("Content-Security-Policy") == [policy], page


def test_the_nginx_include_is_not_served_but_the_policy_is(nginx_url, site):
    assert fetch(f"{nginx_url}/csp.nginx.conf")[0] == 404
    status, _, body = fetch(f"{nginx_url}/csp.txt")
    assert status == 200 and body == (site / "csp.txt").read_bytes()


# ---------------------------------------------------------------------------------------------
# Not found, and redirects


class _Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.lang, self.h1, self._in_h1 = None, "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


STRINGS = {
    lang: yaml.safe_load((ROOT / "translation" / "interface" / f"{lang}.yml").read_text(encoding="utf-8"))
    for lang in ("en", "cy")
}


@pytest.mark.parametrize(
    "path, language",
    [
        ("no-such-page/", "en"),
        ("policies/no-such-policy/", "en"),
        ("cy/no-such-page/", "cy"),
        ("cy/policies/no-such-policy/", "cy"),
        ("cy/walkthroughs/no-such-tree/index.html", "cy"),
    ],
)
def test_a_missing_page_gets_the_not_found_page_in_its_language(nginx_url, path, language):
    status, headers, body = fetch(f"{nginx_url}/{path}")
    assert status == 404
    page = _Page(body.decode("utf-8"))
    assert page.lang == language
    assert page.h1.strip() == STRINGS[language]["not_found_title"]
    assert headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-cache"


def test_a_folder_without_its_slash_is_redirected_relatively(nginx_url):
    status, headers, _ = fetch(f"{nginx_url}/cy/policies")
    assert status == 301 and headers["Location"] == "/cy/policies/"


def test_the_server_does_not_name_its_version(nginx_url):
    _, headers, _ = fetch(f"{nginx_url}/")
    assert headers["Server"] == "nginx"  # server_tokens off: no version number


# ---------------------------------------------------------------------------------------------
# The harness changes only what it says it changes


def test_the_test_server_runs_the_shipped_config_with_only_listen_and_folder_changed(tmp_path):
    shipped = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    tested = nginx.site_config(shipped, tmp_path / "site", 8123)
    assert "listen 127.0.0.1:8123;" in tested and "listen 80" not in tested and "[::]" not in tested
    strip = re.compile(
        rf"^\s*listen\b.*$|{re.escape(nginx.DEPLOY_FOLDER)}/site|{re.escape(str(tmp_path / 'site'))}", re.M
    )
    assert strip.sub("", tested).split() == strip.sub("", shipped).split()
    with pytest.raises(nginx.NginxError, match="listen"):
        nginx.site_config("server { root /elsewhere; }", tmp_path, 8123)
