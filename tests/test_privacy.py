"""No request leaves the site's own origin: what the built files would make a browser load."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITE_URL, mkdocs_config
from policy_site.checks.external_requests import (
    external_requests_in_css,
    external_requests_in_html,
)


def test_no_html_or_css_file_loads_anything_from_another_origin(site: Path):
    found = []
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            found += external_requests_in_html(path.read_text(encoding="utf-8"), name, SITE_URL)
        elif path.suffix == ".css":
            found += external_requests_in_css(path.read_text(encoding="utf-8"), name, SITE_URL)
    assert [str(item) for item in found] == []


def test_our_own_scripts_name_no_other_origin(site: Path):
    ours = Path(__file__).resolve().parent.parent / "overrides"
    for script in ours.rglob("*.js"):
        assert "http" not in script.read_text(encoding="utf-8"), script


def test_the_dormant_third_party_paths_of_the_theme_stay_off():
    """Material's bundle can call the GitHub API (repo_url), Google Fonts (theme.font),
    unpkg for Mermaid diagrams and polyfills: none of these switches may be on."""
    config = mkdocs_config()
    assert config["theme"].get("font") is False
    assert "repo_url" not in config
    assert not config.get("extra", {}).get("polyfills")
    assert not config.get("extra", {}).get("analytics")
    assert "pymdownx.superfences" not in str(config.get("markdown_extensions"))


@pytest.mark.parametrize(
    "html, loads",
    [
        ('<script src="https://cdn.example.net/x.js"></script>', True),
        ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', True),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', True),
        ('<img srcset="/a.png 1x, https://img.example.net/b.png 2x">', True),
        ('<div style="background:url(https://t.example.net/p.gif)"></div>', True),
        ("<style>@import 'https://x.example.net/a.css';</style>", True),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', True),
        ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', True),
        ('<svg><image href="https://t.example.net/p.png"/></svg>', True),
        ('<link rel="Preload Stylesheet" href="https://cdn.example.net/a.css">', True),
        ('<a href="https://en.wikipedia.org/wiki/HTTP_cookie">cookies</a>', False),
        ('<script src="/assets/x.js"></script><img src="data:image/png;base64,AAAA">', False),
        ('<link rel="alternate" hreflang="fr" href="https://other.example/fr/">', False),
    ],
)
def test_the_scanner_tells_loading_from_linking(html, loads):
    assert bool(external_requests_in_html(html, "t.html", SITE_URL)) is loads


def test_the_scanner_reads_css_urls_and_imports():
    css = "@import url(https://a.example/x.css); .a{background:url('/ok.png')} @font-face{src:url(https://f.example/f.woff2)}"
    assert [r.url for r in external_requests_in_css(css, "t.css", SITE_URL)] == [
        "https://a.example/x.css", "https://f.example/f.woff2",
    ]
