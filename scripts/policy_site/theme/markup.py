"""Corrections to the theme's markup: valid HTML (Nu Html Checker), a named search dialog, the
theme's settings (each language's own search index, searched with stemming), and `lang` on
titles and contents shown in another language. Each piece of the theme's markup matched here is
named once, and contract.py checks that the theme's templates still have it."""

from __future__ import annotations

import json
import posixpath
import re
from html import escape

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def valid_theme_markup(html: str, search_label: str) -> str:
    """`autocomplete` is not allowed on checkboxes; a label must not point at a control the page
    does not have (the table of contents of a page outside the navigation); a dialog needs a
    name for screen readers."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{escape(search_label)}">')
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


CONFIG_SCRIPT_START = '<script id="__config" type="application/json">'
CONFIG_SCRIPT = re.compile("(" + re.escape(CONFIG_SCRIPT_START) + ")(.*?)(</script>)", re.S)
STEMMED_SEARCH_WORKER = "stemmed-search.js"  # overrides/assets/javascripts/workers/


def theme_config(html: str, base: str) -> str:
    """The page with the theme's settings changed: "base" (where the theme finds the search
    index) set to the page's language root, and the search worker wrapped by ours, which stems
    query terms before the theme's prefix search (see stemmed-search.js)."""
    def replace(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = base
        folder, theme_worker = posixpath.split(settings["search"])
        if not theme_worker.startswith(STEMMED_SEARCH_WORKER):  # not wrapped already
            settings["search"] = f"{folder}/{STEMMED_SEARCH_WORKER}?theme={theme_worker}"
        return match.group(1) + json.dumps(settings) + match.group(3)
    return CONFIG_SCRIPT.sub(replace, html, count=1)


# A link of the theme's navigation or footer, up to the element that holds the linked page's title.
TITLED_LINK = re.compile(
    r'(<a href="(?P<href>[^"]*)" class="md-(?:nav|footer)__link[^"]*"[^>]*>(?:(?!</a>).)*?<(?:span|div) class="md-ellipsis")>', re.S)


# Where the theme shows the page's own title: the header, and the navigation's entry for the page.
OWN_TITLE_STARTS = (
    ("partials/header.html", '<div class="md-header__topic" data-md-component="header-topic">'),
    ("partials/nav-item.html", '<label class="md-nav__link md-nav__link--active" for="__toc">'),
)
OWN_TITLE = re.compile(
    "((?:" + "|".join(re.escape(start) for _, start in OWN_TITLE_STARTS) + ")"
    r'(?:(?!</label>|</div>).)*?<span class="md-ellipsis")>', re.S)


# The theme's table of contents: the headings of the text shown.
TOC_LIST_START = '<ul class="md-nav__list" data-md-component="toc"'
TOC_LIST = re.compile("(" + re.escape(TOC_LIST_START) + ")")


def titles_in_language(html: str, page_url: str, languages: dict[str, str], own_language: str | None = None) -> str:
    """The page with `lang` on the navigation's and footer's titles of pages whose title is in
    another language than the page ({address: language}, addresses as 'fr/terms/'), and on its
    own title in the header and navigation, and its table of contents, when its text is in
    another language (own_language)."""
    if own_language:
        html = OWN_TITLE.sub(lambda match: match.group(1) + f' lang="{own_language}">', html)
        html = TOC_LIST.sub(lambda match: match.group(1) + f' lang="{own_language}"', html, count=1)
    if not languages:
        return html
    folder = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)  # 'fr/cookies'

    def mark(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match.group("href"))) + "/"
        language = languages.get(target)
        return match.group(1) + (f' lang="{language}">' if language else ">")
    return TITLED_LINK.sub(mark, html)
