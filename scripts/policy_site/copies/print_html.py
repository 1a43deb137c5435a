"""The pieces of a version's print page (overrides/pdf.html) that are rules, not layout."""

from __future__ import annotations

import re

TITLE = re.compile(r"<h1\b.*?</h1>", re.S)
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def split_title(html: str) -> tuple[str, str]:
    """The version's H1 and the rest of its HTML, so that its facts go right under the title.
    A version without an H1 (the sources check refuses one) gets no title here."""
    found = TITLE.search(html)
    if found is None:
        return "", html
    return found.group(0), html[: found.start()] + html[found.end():]


def css_string(text: str) -> str:
    """Text as a CSS string literal, for `content:` in a page margin."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def page_counter_content(label: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as the CSS `content` of a page margin, with
    the page counters where the translation puts the placeholders."""
    parts: list[str] = []
    position = 0
    for found in PLACEHOLDER.finditer(label):
        if found.start() > position:
            parts.append(css_string(label[position:found.start()]))
        parts.append(f"counter({found.group(1)})")
        position = found.end()
    if position < len(label):
        parts.append(css_string(label[position:]))
    return " ".join(parts)

