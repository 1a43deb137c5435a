"""The built site, read from one strict build of the real configuration."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import DOCUMENTS, LANGUAGES, ROOT, SITE_URL, SOURCE_LANGUAGE, site_pages
from policy_site.languages import native_name

# Every page, as its address without the language prefix: '', 'privacy/', 'privacy/history/' ...
PAGE_PATHS = [page.address.partition("/")[2] for page in site_pages(SOURCE_LANGUAGE)]
VERSION_PATHS = [page.address.partition("/")[2] for page in site_pages(SOURCE_LANGUAGE) if page.kind == "version"]


def page(pages, language: str, path: str):
    return pages[f"{language}/{path}index.html"]


def resolve(site: Path, url: str) -> Path | None:
    """The built file an absolute URL of this site points to, or None if it is elsewhere."""
    if not url.startswith(SITE_URL):
        return None
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
    target = site / path
    return target / "index.html" if url.endswith("/") else target


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_exists_in_every_language_with_its_lang(pages, language, path):
    soup = page(pages, language, path)
    assert soup.html["lang"] == language
    assert soup.title and soup.title.get_text(strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_language_switcher_keeps_the_reader_on_the_same_document(site, pages, language, path):
    soup = page(pages, language, path)
    links = soup.select(".md-select__list a")
    assert [a.get_text(strip=True) for a in links] == [native_name(code) for code in LANGUAGES]
    for a in links:
        assert a["href"] == f"{SITE_URL}{a['hreflang']}/{path}"
        target = resolve(site, a["href"])
        assert target is not None and target.is_file(), a["href"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_head_alternates_are_absolute_and_include_x_default(site, pages, language, path):
    soup = page(pages, language, path)
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate") if link.get("hreflang")
    }
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert alternates["x-default"] == f"{SITE_URL}{SOURCE_LANGUAGE}/{path}"
    for code in LANGUAGES:
        assert alternates[code] == f"{SITE_URL}{code}/{path}"
        assert resolve(site, alternates[code]).is_file()


@pytest.mark.parametrize("path", VERSION_PATHS)
@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_anchor_ids_are_the_same_in_every_language(pages, path, language):
    def ids(code):
        article = page(pages, code, path).select_one("article")
        return [element["id"] for element in article.find_all(id=True)]

    assert ids(language) == ids(SOURCE_LANGUAGE)
    assert len(ids(language)) > 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_effective_dates_are_localised_and_marked_up(pages, language):
    for document in DOCUMENTS:
        time = page(pages, language, f"{document}/").select_one(".policy-status time")
        assert time is not None and len(time["datetime"]) == 10
    home = page(pages, language, "")
    listed = home.select(".policy-documents li")
    assert len(listed) == len(DOCUMENTS)
    for item in listed:
        assert item.find("time")["datetime"]
        assert item.find("a")["href"].rstrip("/").split("/")[-1] in DOCUMENTS


def test_french_and_russian_dates_read_naturally(pages):
    assert page(pages, "fr", "privacy/").select_one(".policy-status").get_text(" ", strip=True) == (
        "En vigueur depuis le 1er septembre 2024"
    )
    assert "1 сентября 2024" in page(pages, "ru", "privacy/").select_one(".policy-status").get_text()
    assert "21 June 2017" not in page(pages, "ru", "privacy/2017-06-21/").get_text()


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_no_english_left_on_translated_pages(pages, language, path):
    """Any interface string that is also on the English page, apart from names, is a leftover.

    The documents' own text is compared clause by clause by the translation check; here the
    Markdown body is left out and everything around it (header, footer, dates, lists) compared.
    """
    def strings(soup):
        body = soup.body
        return {
            text.strip() for text in body.find_all(string=True)
            if text.parent.name not in ("script", "style") and len(text.strip()) > 3
            and text.find_parent(class_="md-nav--secondary") is None  # the document's own headings
            and (text.find_parent("article") is None
                 or text.find_parent(class_=["policy-facts", "policy-documents", "policy-history",
                                             "change-marker", "change-links"]) is not None)
        }

    from policy_site import catalogues

    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(ROOT / "locales", language), language)
    # a word the translator kept on purpose ("Version" in French and German) is not a leftover
    same_on_purpose = {m.string for m in catalogue if m.id and m.string == m.id}
    allowed = {native_name(code) for code in LANGUAGES} | {"Lettermoss", "© Lettermoss SA"} | same_on_purpose
    leftovers = strings(page(pages, language, path)) & strings(page(pages, SOURCE_LANGUAGE, path))
    assert leftovers - allowed == set()


def test_root_lists_all_ten_languages_without_javascript(site, pages):
    root = pages["index.html"]
    links = root.select("ul.languages a")
    assert [a["hreflang"] for a in links] == LANGUAGES
    for a in links:
        assert a.find(class_="name").get_text() == native_name(a["hreflang"])
        assert (site / a["href"] / "index.html").is_file()
        assert a.parent["lang"] == a["hreflang"]
    alternates = {l["hreflang"]: l["href"] for l in root.find_all("link", rel="alternate")}
    assert set(alternates) == {*LANGUAGES, "x-default"}
    script = root.find("script")
    assert script["data-languages"].split() == LANGUAGES
    assert (site / urlsplit(urljoin(SITE_URL, script["src"])).path.lstrip("/")).is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404_page(pages, language):
    soup = pages[f"{language}/404.html"]
    assert soup.html["lang"] == language
    home = soup.select_one("article a")["href"]
    assert home == f"{SITE_URL}{language}/"


def test_root_404_speaks_every_language(pages):
    soup = pages["404.html"]
    items = soup.select("ul.languages li")
    assert [li["lang"] for li in items] == LANGUAGES
    # absolute paths: the host serves this page at any unknown address
    assert all(li.a["href"].startswith("/") for li in items)
    texts = {li["lang"]: li.find(class_="name").get_text() for li in items}
    assert texts["fr"] == "Page introuvable" and texts["en"] == "Page not found"


def test_sitemap_lists_every_page_with_its_alternates(site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    entries = sitemap.findall("s:url", ns)
    assert len(entries) == len(LANGUAGES) * len(PAGE_PATHS)
    for entry in entries:
        assert resolve(site, entry.find("s:loc", ns).text).is_file()
        alternates = entry.findall("x:link", ns)
        assert sorted(link.get("hreflang") for link in alternates) == sorted(LANGUAGES)
        assert all(resolve(site, link.get("href")).is_file() for link in alternates)


def test_same_sources_and_build_date_give_the_same_bytes(site, tmp_path, sample_project):
    from conftest import run_build

    again = tmp_path / "again"
    assert run_build(sample_project, again).returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_every_page_names_the_sites_own_icon(site, pages):
    """Without one, browsers ask for /favicon.ico and get the 404 page; the theme's own PNG
    would show the theme's logo, not ours."""
    for name, soup in pages.items():
        icons = soup.find_all("link", rel="icon")
        assert len(icons) == 1, name
        path = urlsplit(urljoin(urljoin(SITE_URL, name), icons[0]["href"])).path
        assert path == "/assets/images/favicon.svg", name
    assert (site / "assets" / "images" / "favicon.svg").is_file()


def test_no_sentence_ends_in_a_doubled_full_stop(pages):
    """A date that ends in an abbreviation ("1 января 2027 г.") closes a sentence by itself: a
    template that adds its own full stop after it would print "г..". Ellipses are left alone."""
    doubled = {name: re.findall(r"\S{0,20}\w\.\.(?!\.)", soup.get_text()) for name, soup in pages.items()}
    assert {name: found for name, found in doubled.items() if found} == {}
