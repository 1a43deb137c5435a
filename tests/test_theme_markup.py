"""The theme's settings on every page: each language's own search index, searched with stemming."""

from __future__ import annotations

import json
import re

import pytest
from conftest import LANGUAGES
from policy_site.theme.markup import theme_config

THEME_WORKER = "../../assets/javascripts/workers/search.a7633da7.min.js"
PAGE = ('<html><body><script id="__config" type="application/json">'
        + json.dumps({"base": "../..", "search": THEME_WORKER, "features": []}) + "</script></body></html>")


def settings(html: str) -> dict:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no theme settings on the page"
    return json.loads(found.group(1))


def test_the_theme_finds_the_search_index_of_the_pages_language():
    assert settings(theme_config(PAGE, "../"))["base"] == "../"


def test_the_theme_search_worker_is_wrapped_by_the_stemming_one():
    changed = settings(theme_config(PAGE, "../"))
    assert changed["search"] == "../../assets/javascripts/workers/stemmed-search.js?theme=search.a7633da7.min.js"
    assert changed["features"] == []


def test_the_search_worker_is_wrapped_once():
    once = theme_config(PAGE, "../")
    assert theme_config(once, "../") == once


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_built_page_uses_the_stemming_search_worker(site, language):
    page = (site / language / "privacy" / "index.html").read_text(encoding="utf-8")
    worker, theme = settings(page)["search"].split("?theme=")
    assert worker == "../../assets/javascripts/workers/stemmed-search.js"
    assert (site / "assets" / "javascripts" / "workers" / theme).is_file()
    assert (site / "assets" / "javascripts" / "workers" / "stemmed-search.js").is_file()


def test_titles_shown_in_another_language_are_marked_in_the_navigation_and_footer():
    from policy_site.theme.markup import titles_in_language

    page = ('<div class="md-header__topic" data-md-component="header-topic">\n  <span class="md-ellipsis">T</span></div>'
            '<a href="../terms/" class="md-nav__link">\n  <span class="md-ellipsis">\n    Terms\n  </span></a>'
            '<a href="../privacy/" class="md-nav__link"><span class="md-ellipsis">Confidentialité</span></a>'
            '<a href="../terms/" class="md-footer__link md-footer__link--next" aria-label="Suivant">'
            '<div class="md-footer__title"><div class="md-ellipsis">Terms</div></div></a>')
    marked = titles_in_language(page, "fr/cookies/", {"fr/terms/": "en"})
    assert marked.count('class="md-ellipsis" lang="en"') == 2
    assert '<span class="md-ellipsis">Confidentialité</span>' in marked and '<span class="md-ellipsis">T</span>' in marked
    own = titles_in_language(page, "fr/cookies/", {}, own_language="en")
    assert '<span class="md-ellipsis" lang="en">T</span>' in own
