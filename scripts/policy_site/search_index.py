"""What a language's search index holds. A reader searching "backups" should land on the text in
force; every version repeats most of it, and each comparison repeats two versions. So the text
in force comes first, other versions follow under their date, and no text is indexed twice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .site_map import SitePage

# lunr multiplies a document's score by its boost: below 1, a version not in force ranks after
# the text in force for the same words.
OTHER_VERSION_BOOST = 0.5

SearchEntry = dict[str, Any]  # the theme's: location ("fr/privacy/#data-retention"), title, text


def reader_search_entries(
    entries: Sequence[SearchEntry], pages: Sequence[SitePage], version_label: Callable[[SitePage], str]
) -> list[SearchEntry]:
    """The entries of one language, without comparisons and without the permanent page of the
    version in force (the document's own page has the same text); another version's title
    gains its label ("Privacy policy – Version of June 21, 2017") and its entries rank lower."""
    by_address = {page.address: page for page in pages}
    in_force = {page.document: page.state.effective_date for page in pages
                if page.kind == "document" and page.state is not None}
    kept = []
    for entry in entries:
        address, _, anchor = entry["location"].partition("#")
        page = by_address.get(address)
        if page is not None and page.kind == "changes":
            continue
        if page is not None and page.kind == "version" and page.state is not None:
            if page.state.effective_date == in_force.get(page.document):
                continue
            entry = {**entry, "boost": OTHER_VERSION_BOOST}
            if not anchor:
                entry["title"] = f"{entry['title']} – {version_label(page)}"
        kept.append(entry)
    return kept


def entries_by_text_language(
    entries: Sequence[SearchEntry], pages: Sequence[SitePage], page_language: str,
    text_language: Callable[[SitePage], str | None],
) -> dict[str, list[SearchEntry]]:
    """One language's entries, grouped by the language of the text they hold: a page showing
    English in place of its lagging translation (`text_language` of it is English; None is the
    page's language) is indexed with English's stemmer and stop words, not the page language's."""
    by_address = {page.address: page for page in pages}
    grouped: dict[str, list[SearchEntry]] = {page_language: []}
    for entry in entries:
        page = by_address.get(entry["location"].partition("#")[0])
        language = (text_language(page) if page is not None else None) or page_language
        grouped.setdefault(language, []).append(entry)
    return grouped
