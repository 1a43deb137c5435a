"""Corrections to the theme's markup: valid HTML (Nu Html Checker) and a named search dialog."""

from __future__ import annotations

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
