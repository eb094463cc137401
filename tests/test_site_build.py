"""The whole site builds with `mkdocs build --strict`, in both languages, with no warnings."""

from support.html import html_pages


def test_strict_build_succeeds_without_warnings(site_build):
    assert site_build.returncode == 0, site_build.output[-4000:]
    assert "WARNING" not in site_build.output, site_build.output


def test_both_languages_are_built(site):
    english = [p for p in html_pages(site) if p.relative_to(site).parts[0] != "cy"]
    welsh = [p for p in html_pages(site) if p.relative_to(site).parts[0] == "cy"]
    assert (site / "index.html").exists() and (site / "cy" / "index.html").exists()
    assert len(welsh) == len(english) - len([p for p in english if p.relative_to(site).parts[0] == "search"])


def test_every_welsh_page_in_the_nav_has_a_welsh_title(site):
    # The Welsh home page must say it is the Welsh site, in Welsh.
    html = (site / "cy" / "index.html").read_text(encoding="utf-8")
    assert "Canllawiau polisi cyfryngau cymdeithasol" in html
