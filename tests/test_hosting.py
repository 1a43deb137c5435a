"""Output fit for any static host: headers, CSP by hash, sub-path deployment, robots."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, SITE_URL, assemble, run_build
from policy_site import hosting


def policy(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    return dict(line.strip().split(": ", 1) for line in lines[1:])


def test_headers_are_strict(site):
    headers = policy(site)
    csp = dict(part.split(" ", 1) for part in headers["Content-Security-Policy"].split("; "))
    assert csp["default-src"] == "'self'"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in headers["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert not re.search(r"https?://", headers["Content-Security-Policy"])
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]


def test_every_inline_script_of_every_page_is_allowed_by_its_hash(site):
    allowed = set(policy(site)["Content-Security-Policy"].split("script-src ")[1].split(";")[0].split())
    pages = list(site.rglob("*.html"))
    inline = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("src") or script.get("type") == "application/json":
                continue
            inline += 1
            assert hosting.digest(script.string or "") in allowed, page
    assert inline >= 3 * len(LANGUAGES)


def test_a_changed_inline_script_would_be_refused():
    csp = hosting.content_security_policy(["<script>good()</script>"])
    assert hosting.digest("good()") in csp and hosting.digest("evil()") not in csp
    assert hosting.digest("x") not in hosting.content_security_policy(['<script type="application/json">x</script>'])


def test_the_nginx_snippet_and_404_rules(site):
    nginx = (site / "nginx-headers.conf").read_text(encoding="utf-8")
    assert 'add_header Content-Security-Policy "default-src \'self\';' in nginx
    rules = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert rules == [f"/{code}/*  /{code}/404.html  404" for code in LANGUAGES]
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


SUB_PATH_URL = "https://example.org/legal/"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    """The whole site built for https://example.org/legal/."""
    project = assemble(tmp_path_factory.mktemp("subpath") / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(f"site_url: {SITE_URL}", f"site_url: {SUB_PATH_URL}"), encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def references(soup: BeautifulSoup) -> list[str]:
    found = [tag.get(attribute) for tag in soup.find_all(True) for attribute in ("href", "src")
             if tag.get(attribute)]
    return [ref for ref in found if not ref.startswith(("#", "mailto:", "data:"))]


def test_every_internal_reference_resolves_under_a_sub_path(sub_path_site):
    site = sub_path_site
    checked = 0
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        page_url = urljoin(SUB_PATH_URL, relative)
        for ref in references(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")):
            url = urljoin(page_url, ref)
            parts = urlsplit(url)
            if parts.netloc != "example.org":
                assert not ref.startswith("/") or ref.startswith("/legal/"), (relative, ref)
                continue
            assert parts.path.startswith("/legal/"), (relative, ref)
            target = site / parts.path[len("/legal/"):]
            if parts.path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), (relative, ref)
            checked += 1
    assert checked > 5000


def test_feeds_sitemap_and_robots_follow_the_sub_path(sub_path_site):
    feed = (sub_path_site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{SUB_PATH_URL}en/feed.xml"' in feed
    assert "https://example.org/en/" not in feed
    assert f"Sitemap: {SUB_PATH_URL}sitemap.xml" in (sub_path_site / "robots.txt").read_text(encoding="utf-8")
    assert (sub_path_site / "_headers").read_text(encoding="utf-8").startswith("/legal/*")
    root = (sub_path_site / "index.html").read_text(encoding="utf-8")
    assert 'src="/legal/assets/javascripts/language-choice.js"' in root


def test_every_page_states_the_policy_itself_for_hosts_without_headers(site):
    """GitHub Pages ignores _headers: the same policy (less frame-ancestors, which a <meta>
    cannot set) is at the top of every page's <head> (after the character set), before any
    script runs."""
    expected = hosting.meta_policy(policy(site)["Content-Security-Policy"])
    assert "frame-ancestors" not in expected and "script-src 'self' 'sha256-" in expected
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        first = [tag for tag in head.find_all(True) if not tag.get("charset")][0]
        assert (first.name, first.get("http-equiv"), first.get("content")) == (
            "meta", "Content-Security-Policy", expected), page
    assert len(pages) > 50
