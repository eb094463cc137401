"""What the build hands a web server: the exact Content-Security-Policy (with hashes for anything inline,
and a clear stop for what no hash can allow), Material's icons as files, valid markup where no
template reaches, and the site's interface strings in both languages."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.exceptions import PluginError
from support.project import ROOT, copy_project, run_build

from site_deploy import csp, icons, valid_html
from site_translations import proofing

# ---------------------------------------------------------------------------------------------
# The policy


def test_a_page_with_nothing_inline_needs_only_self():
    html = """<html><head><script src="a.js"></script><link rel="stylesheet" href="s.css">
    <script type="application/json" id="__config">{"a": 1}</script></head><body><p>x</p></body></html>"""
    findings = csp.scan(html, "page.html")
    assert findings.scripts == findings.styles == findings.blocked == []
    assert (
        csp.policy(findings) == "default-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )


def test_inline_scripts_and_styles_are_allowed_by_their_hash_only():
    html = "<html><head><style>p{color:red}</style></head><body>\n<script>var a = 1;</script></body></html>"
    findings = csp.scan(html, "page.html")
    assert [f.text for f in findings.scripts] == ["var a = 1;"] and findings.scripts[0].line == 2
    text = csp.policy(findings)
    # printf 'var a = 1;' | openssl dgst -sha256 -binary | base64
    assert "script-src 'self' 'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='" in text
    assert "style-src 'self' 'sha256-" in text and "unsafe" not in text


@pytest.mark.parametrize(
    "markup, kind",
    [
        ('<p style="color: red">x</p>', "style attribute"),
        ('<button onclick="go()">x</button>', "event handler"),
        ('<a href=" JavaScript:go()">x</a>', "javascript: URL"),
    ],
)
def test_what_no_hash_can_allow_is_reported_with_page_and_line(markup, kind):
    findings = csp.scan(f"<html><body>\n\n{markup}</body></html>", "cy/page/index.html")
    assert [(f.kind, f.line) for f in findings.blocked] == [(kind, 3)]
    assert str(findings.blocked[0]).startswith("cy/page/index.html:3: inline " + kind)


def test_the_policy_file_and_the_nginx_line_say_the_same(tmp_path):
    text = csp.policy(csp.Findings())
    csp.write_policy(tmp_path, text)
    assert (tmp_path / "csp.txt").read_text() == text + "\n"
    assert f'add_header Content-Security-Policy "{text}" always;' in (tmp_path / "csp.nginx.conf").read_text()


def test_the_built_site_has_nothing_inline_and_its_policy_is_self_only(site):
    findings = csp.scan_site(site)
    assert findings.scripts == findings.styles == findings.blocked == []
    assert (site / "csp.txt").read_text().strip() == csp.policy(findings)


# The two scripts that must run where they stand: js-class.js in the <head>, before the first paint
# (it picks the scripted layout), and walkthrough.js before its no-JavaScript tree is parsed.
RUNS_WHERE_IT_STANDS = {"js-class.js", "walkthrough.js"}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")


def test_every_page_draws_without_waiting_for_its_scripts_which_run_in_order(site):
    # adr/0010: every other script is deferred. Deferred scripts run in document order, so Material's
    # globals and the search hold still come before Material's bundle.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        tags = SCRIPT_TAG.findall(page.read_text(encoding="utf-8"))
        sources = [(re.search(r'src="([^"]+)"', tag), tag) for tag in tags]
        files = [(src.group(1).rsplit("/", 1)[-1], tag) for src, tag in sources if src]
        blocking = [name for name, tag in files if " defer" not in tag and name not in RUNS_WHERE_IT_STANDS]
        assert blocking == [], f"{page.relative_to(site)}: these scripts hold up the page: {blocking}"
        order = [name.split(".")[0] for name, _ in files]
        if "bundle" in order:
            assert order.index("material-globals") < order.index("search-on-demand") < order.index("bundle")


def test_the_readme_shows_the_policy_the_build_writes(site):
    # The Apache and IIS snippets (not tested here) and the text quote the policy: keep them true.
    policy = (site / "csp.txt").read_text(encoding="utf-8").strip()
    assert (ROOT / "README.md").read_text(encoding="utf-8").count(policy) >= 3


def test_a_page_with_an_inline_style_stops_the_build_with_its_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "accessibility.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p style="color: red">Red</p>\n', encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert re.search(r"accessibility/index\.html:\d+: inline style attribute: 'color: red'", build.output)
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    ("languages", "building", "scans"),
    [
        (None, "en", True),  # no i18n plugin: the only build
        (["en"], "en", True),
        (["en", "cy"], "en", False),  # Welsh is built next, inside this build: it scans both
        (["en", "cy"], "cy", True),
        (["cy", "en", "fr"], "cy", False),  # the default language is skipped in the i18n loop
        (["cy", "en", "fr"], "fr", True),
    ],
)
def test_the_site_is_scanned_once_when_the_last_language_build_ends(languages, building, scans):
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "hooks" / "content_security_policy.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    i18n = languages and SimpleNamespace(
        build_languages=languages, default_language="en", current_language=building
    )
    config = SimpleNamespace(plugins={"i18n": i18n} if i18n else {})
    assert hook._last_language_build(config) is scans


# ---------------------------------------------------------------------------------------------
# Material's icons


def test_icons_are_read_from_data_uris_and_pointed_at_files():
    css = """:root{--md-admonition-icon--note:url("data:image/svg+xml;charset=utf-8,<svg xmlns='x'><path d='M1 2%25'/></svg>");--md-other:url(a.png)}"""
    found = icons.extract_icons(css)
    assert found == {"--md-admonition-icon--note": "<svg xmlns='x'><path d='M1 2%'/></svg>"}
    sheet = icons.icon_stylesheet(list(found), "../images/material-icons")
    assert (
        '--md-admonition-icon--note: url("../images/material-icons/md-admonition-icon--note.svg");' in sheet
    )


def test_the_built_site_has_every_material_icon_as_a_file(site):
    material_css = next(site.glob("assets/stylesheets/main.*.min.css")).read_text(encoding="utf-8")
    data_icons = icons.extract_icons(material_css)
    assert len(data_icons) >= 30 and material_css.count('url("data:') == len(data_icons)
    sheet = (site / icons.STYLESHEET).read_text(encoding="utf-8")
    for name, svg in data_icons.items():
        file = site / icons.ICONS_DIR / f"{name.removeprefix('--')}.svg"
        assert file.read_text(encoding="utf-8") == svg
        assert f"{name}: url(" in sheet


# ---------------------------------------------------------------------------------------------
# Valid HTML where no template override reaches


def test_autocomplete_is_dropped_from_checkboxes_only():
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    fixed, count = valid_html.drop_checkbox_autocomplete(html)
    assert count == 1
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in fixed
    assert '<input type="text" class="md-search__input" autocomplete="off">' in fixed


# ---------------------------------------------------------------------------------------------
# The site's interface strings


STRINGS = ROOT / "translation" / "interface"


def test_both_languages_have_the_same_interface_strings_and_the_welsh_is_proofed():
    english = yaml.safe_load((STRINGS / "en.yml").read_text(encoding="utf-8"))
    welsh = yaml.safe_load((STRINGS / "cy.yml").read_text(encoding="utf-8"))
    assert english.keys() == welsh.keys() and all(welsh.values())
    for key, text in welsh.items():
        assert text != english[key], key
        assert proofing.proof_text(text) == [], (key, text)


def test_a_missing_interface_string_is_named(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "interface_strings", ROOT / "hooks" / "interface_strings.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "en.yml").write_text("a: A\nb: B\n", encoding="utf-8")
    (tmp_path / "cy.yml").write_text("a: A cy\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"cy\.yml: keys differ from en\.yml: missing \['b'\]"):
        hook.load_strings("cy", tmp_path)
    assert hook.load_strings("en", tmp_path) == {"a": "A", "b": "B"}
