"""Two corrections to the theme's markup, so that every page is valid HTML (Nu Html Checker)."""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_theme_markup(html: str) -> str:
    """`autocomplete` is not allowed on checkboxes; a label must not point at a control the page
    does not have (the table of contents of a page outside the navigation)."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html
