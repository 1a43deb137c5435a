"""Output fit for any static host: headers, CSP by hash, sub-path deployment, robots."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, SITE_URL, assemble, run_build
from policy_site import hosting
from policy_site.checks.page_scan import scan_of, scan_page, scanned


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


def test_the_policy_allows_exactly_the_scripts_given_and_no_inline_style():
    csp = hosting.content_security_policy(["good()", "good()"])
    assert hosting.digest("good()") in csp and hosting.digest("evil()") not in csp
    assert "style-src 'self';" in csp and csp.count("'sha256-") == 1


TEMPLATE = """{# a comment with <script>commented()</script> #}
<script>scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>
{% if x %}<script>var tabs=get("__tabs")</script>{% endif %}
<script src="{{ 'a.js' | url }}"></script>"""


@pytest.mark.parametrize("script, trusted", [
    ('scope=new URL("../..",location)', True),
    ('scope=new URL("/legal/",location)', True),
    ('var tabs=get("__tabs")', True),
    ('scope=new URL("",alert(1),"",location)', False),  # a value that breaks out of its string
    ('scope=new URL("../..",location);alert(1)', False),
    ("commented()", False),
    ("alert(document.domain)", False),
])
def test_an_inline_script_is_trusted_only_as_a_template_emits_it(script, trusted):
    patterns = hosting.template_scripts([TEMPLATE])
    scan = scan_page(f"<p>x</p>\n<script>{script}</script>")
    problems = hosting.inline_code_problems("site/en/index.html", scan, patterns)
    assert (problems == []) is trusted, problems
    if not trusted:
        assert str(problems[0]).startswith("site/en/index.html:2: has an inline script that no template emits")


def test_an_attribute_written_twice_is_read_as_a_browser_reads_it_the_first():
    scan = scan_page('<img src="https://tracker.example/p.png" src="/logo.png">'
                     '<script src="/x.js" src="https://cdn.example/x.js"></script>')
    assert [found.value for found in scan.loads] == ["https://tracker.example/p.png", "/x.js"]


def test_a_page_is_tokenized_as_a_browser_tokenizes_it():
    """HTML5 tokenization (libxml2 2.14 and later): what a browser runs is found, what it only
    shows is not, and nothing hides a load in a comment's or a script's text."""
    import lxml.etree
    assert lxml.etree.LIBXML_VERSION >= (2, 14), "older libxml2 does not tokenize as HTML5 does"
    scan = scan_page('<script>if (a</b) { x("</scr" + "ipt>") }</script>\n'
                     '<textarea><script>shown()</script></textarea><title><img src="https://a.example/t"></title>\n'
                     '<!-- <script>commented()</script> --><svg><script>inSvg()</script></svg>\n'
                     '<noscript><img src="https://b.example/n.png"></noscript>')
    assert [(found.line, found.value) for found in scan.scripts] == [
        (1, 'if (a</b) { x("</scr" + "ipt>") }'), (3, "inSvg()")]
    # a browser without scripts loads what <noscript> holds
    assert [found.value for found in scan.loads] == ["https://b.example/n.png"]
    assert scan_page('<?xml version="1.0" encoding="utf-8"?><p style="x">') == scan_page('<p style="x">')


def test_inline_styles_are_never_allowed_and_named_with_their_line():
    scan = scan_page('<p>a</p>\n<style>.md-content{display:none}</style>\n<div style="color:red">b</div>'
                     '<script type="application/json">{"not": "run"}</script>')
    found = [str(p) for p in hosting.inline_code_problems("site/en/x.html", scan, [])]
    assert found[0].startswith("site/en/x.html:2: has an inline style (<style>): '.md-content{display:none}'")
    assert found[1].startswith("site/en/x.html:3: has an inline style (<div style>): 'color:red'")
    assert len(found) == 2  # a JSON script does not run: it needs no hash


INJECTING_HOOK = """
def on_post_page(output, page, config):
    return output.replace("</body>", "<script>fetch('/x?'+document.cookie)</script></body>")
"""


def test_an_inline_script_no_template_emits_stops_the_build(project_copy, tmp_path):
    # a plugin or hook that writes code into pages: its script is named, never hashed into the policy
    (project_copy / "inject.py").write_text(INJECTING_HOOK, encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - inject.py\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "out/en/privacy/index.html:" in result.stderr
    assert "has an inline script that no template emits: \"fetch('/x?'+document.cookie)\"" in result.stderr
    assert not (tmp_path / "out" / "_headers").exists()


def test_a_theme_setting_that_loads_from_another_site_stops_the_build(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "font: false" in text
    config.write_text(text.replace("font: false", "font:\n    text: Roboto"), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "makes every reader's browser contact another site: <link rel=stylesheet> loads https://fonts.googleapis.com/" in result.stderr
    assert "has an inline style (<style>)" in result.stderr  # the theme's font rule


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


def test_a_page_changed_after_its_scan_is_scanned_again():
    built = '<html><head><script>var a = 1;</script></head><body><p>Text</p></body></html>'
    known = scanned(built)
    assert [found.value for found in scan_of(built, known).scripts] == ["var a = 1;"]
    # rewritten after it was built (a plugin's post_build, a planted file): its own scan counts
    changed = built.replace("<p>Text</p>", '<p>Text</p><script>fetch("https://elsewhere.example")</script>')
    assert [found.value for found in scan_of(changed, known).scripts] == ["var a = 1;", 'fetch("https://elsewhere.example")']
    assert scan_of(changed, None) == scan_page(changed)


def test_a_page_the_same_as_in_the_last_build_is_not_read_again(tmp_path, monkeypatch):
    from policy_site.checks import page_scan
    from policy_site.checks.results import FolderResults

    store = FolderResults(tmp_path)
    page = '<html><head><script>var a = 1;</script><link rel="stylesheet" href="https://cdn.example/x.css"></head></html>'
    first = page_scan.scanned(page, store)
    assert first.scan == scan_page(page) and first.scan.loads and first.scan.scripts
    monkeypatch.setattr(page_scan, "scan_page", lambda html: (_ for _ in ()).throw(AssertionError("read again")))
    assert page_scan.scanned(page, store) == first
    with pytest.raises(AssertionError, match="read again"):
        page_scan.scanned(page.replace("var a = 1;", "var a = 2;"), store)
