"""What each language's search index holds: the text in force first, other versions under their
date, no comparison and no text twice; stemmed, in the language's own lunr rules."""

from __future__ import annotations

import json

import pytest
from conftest import DOCUMENTS, LANGUAGES, SOURCE_LANGUAGE, site_pages
from policy_site.search_index import OTHER_VERSION_BOOST, reader_search_entries


def entry(location: str, title: str) -> dict:
    return {"location": location, "title": title, "text": "…"}


ENTRIES = [
    entry("en/privacy/", "Privacy policy"),
    entry("en/privacy/#data-retention", "Data retention"),
    entry("en/privacy/2017-06-21/", "Privacy policy"),
    entry("en/privacy/2017-06-21/#data-retention", "Data retention"),
    entry("en/privacy/2024-09-01/", "Privacy policy"),  # in force on the tests' build date
    entry("en/privacy/2024-09-01/#data-retention", "Data retention"),
    entry("en/privacy/2027-01-01/", "Privacy policy"),  # announced
    entry("en/privacy/2027-01-01/changes/", "Changes in the version of January 1, 2027"),
    entry("en/privacy/history/", "Version history: Privacy policy"),
]


@pytest.fixture(scope="module")
def kept() -> dict[str, dict]:
    entries = reader_search_entries(ENTRIES, site_pages("en"), lambda page: f"Version of {page.state.effective_date}")
    return {e["location"]: e for e in entries}


def test_the_text_in_force_is_indexed_once_under_the_documents_address(kept):
    assert "en/privacy/" in kept and "en/privacy/#data-retention" in kept
    assert not any(location.startswith("en/privacy/2024-09-01/") for location in kept)
    assert "boost" not in kept["en/privacy/"]


def test_comparisons_are_not_indexed(kept):
    assert not any("/changes/" in location for location in kept)


def test_other_versions_are_titled_with_their_date_and_rank_lower(kept):
    assert kept["en/privacy/2017-06-21/"]["title"] == "Privacy policy – Version of 2017-06-21"
    assert kept["en/privacy/2027-01-01/"]["title"] == "Privacy policy – Version of 2027-01-01"
    assert kept["en/privacy/2017-06-21/#data-retention"]["title"] == "Data retention"  # sections keep theirs
    assert {kept[location]["boost"] for location in kept if "/2017-06-21/" in location or "/2027-01-01/" in location} \
        == {OTHER_VERSION_BOOST}


def test_pages_that_are_not_versions_are_kept_as_they_are(kept):
    assert kept["en/privacy/history/"] == entry("en/privacy/history/", "Version history: Privacy policy")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_stemmed_index_of_its_own_pages(site, language):
    index = json.loads((site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "stemmer" in index["config"]["pipeline"]
    assert language in index["config"]["lang"]
    locations = [doc["location"] for doc in index["docs"]]
    assert "privacy/" in locations and "terms/" in locations  # relative to the language's root
    assert not any("/changes/" in location for location in locations)
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["privacy/2017-06-21/"] != titles["privacy/"]
    assert titles["privacy/2017-06-21/"].startswith(titles["privacy/"] + " – ")


def test_a_page_showing_a_text_in_another_language_is_indexed_with_that_language():
    from policy_site.search_index import entries_by_text_language

    language = next(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
    pages = site_pages(language)
    lagging = {page.address for page in pages if page.kind == "document"}  # say: every document shows English
    entries = [entry(page.address, page.kind) for page in pages] + [entry(page.address + "#a-clause", "clause")
                                                                     for page in pages if page.kind == "document"]
    grouped = entries_by_text_language(entries, pages, language,
                                       lambda page: SOURCE_LANGUAGE if page.address in lagging else None)
    assert set(grouped) == {language, SOURCE_LANGUAGE}
    assert {e["location"].partition("#")[0] for e in grouped[SOURCE_LANGUAGE]} == lagging
    assert len(grouped[SOURCE_LANGUAGE]) == 2 * len(lagging)
    assert not {e["location"].partition("#")[0] for e in grouped[language]} & lagging
    assert len(grouped[language]) + len(grouped[SOURCE_LANGUAGE]) == len(entries)
    # an entry of no known page stays in the page's language; nothing lagging, one group
    elsewhere = entry(f"{language}/elsewhere/", "x")
    assert entries_by_text_language([elsewhere], pages, language, lambda page: None) == {language: [elsewhere]}


def test_an_index_carries_the_texts_in_other_languages_with_their_own_stemming():
    from types import SimpleNamespace

    from policy_site.theme.search import OTHER_LANGUAGES, IndexPart, index_json

    search = SimpleNamespace(config=SimpleNamespace(separator="[\\s]+", fields={"title": {"boost": 1000}}))
    french = IndexPart([entry("terms/", "Conditions")], ["fr"], ["stemmer"])
    english = IndexPart([entry("privacy/", "Privacy policy")], ["en"], ["trimmer", "stemmer"])
    alone = json.loads(index_json(search, french))
    assert OTHER_LANGUAGES not in alone["config"] and alone["docs"] == french.docs
    both = json.loads(index_json(search, french, [english]))
    assert both["docs"] == french.docs and both["config"]["lang"] == ["fr"]
    [other] = both["config"][OTHER_LANGUAGES]
    assert other["docs"] == english.docs
    assert other["config"] == {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["trimmer", "stemmer"],
                               "fields": {"title": {"boost": 1000}}}


def test_a_lagging_page_s_entries_are_in_english_s_part_of_its_language_s_index(lagging_site):
    from policy_site.theme.search import OTHER_LANGUAGES

    for language in [code for code in LANGUAGES if code != SOURCE_LANGUAGE]:
        index = json.loads((lagging_site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        [english] = index["config"][OTHER_LANGUAGES]
        assert english["config"]["lang"] == [SOURCE_LANGUAGE] and "stemmer" in english["config"]["pipeline"]
        assert {doc["location"].partition("#")[0] for doc in english["docs"]} == {f"{DOCUMENTS[0]}/"}
        assert not [doc for doc in index["docs"] if doc["location"].partition("#")[0] == f"{DOCUMENTS[0]}/"]


def test_serve_indexes_again_only_a_page_whose_html_headings_or_facts_changed():
    from types import SimpleNamespace

    from policy_site.theme.search import KeptEntries

    parsed = []

    class Index:  # the theme's: one entry per page, made by parsing its HTML
        def __init__(self):
            self.entries, self.config = [], {"lang": ["en"]}

        def add_entry_from_context(self, page):
            parsed.append(page.url)
            self.entries.append({"location": page.url, "title": page.title, "text": page.content})

    def rebuild(kept, pages):
        kept.start_build()
        search = SimpleNamespace(search_index=Index())
        kept.wrap(search)
        for page in pages:
            search.search_index.add_entry_from_context(page)
        return search.search_index.entries

    page = lambda url, content, title="A": SimpleNamespace(url=url, title=title, meta={"title": title}, toc=[], content=content)
    kept = KeptEntries()
    first = rebuild(kept, [page("en/a/", "<p>one</p>"), page("en/b/", "<p>two</p>")])
    assert rebuild(kept, [page("en/a/", "<p>one</p>"), page("en/b/", "<p>two</p>")]) == first
    assert parsed == ["en/a/", "en/b/"]  # the second rebuild parsed nothing
    again = rebuild(kept, [page("en/a/", "<p>one, edited</p>"), page("en/b/", "<p>two</p>", title="B")])
    assert parsed[2:] == ["en/a/", "en/b/"] and again[0]["text"] == "<p>one, edited</p>" and again[1]["title"] == "B"
