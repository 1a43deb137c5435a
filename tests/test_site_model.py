"""The site model (policy_site/site_model/), read without MkDocs: which text each page shows, and
what its templates, feeds, notices, sitemap and versions.json say, when a translation lags."""

from __future__ import annotations

import re
from posixpath import normpath

import pytest

from conftest import BUILD_EPOCH, DOCUMENTS, LANGUAGES, ROOT, SAMPLE, SITE_URL, SOURCE_LANGUAGE
from policy_site import catalogues, dates, front_matter
from policy_site.site_model.model import PublishingSettings, site_model
from policy_site.sources import read_sources
from policy_site.versions import integrity
from policy_site.versions.timeline import is_announced

LAGGING = next(code for code in LANGUAGES if code != SOURCE_LANGUAGE)  # one translation that lags
OTHER = [code for code in LANGUAGES if code not in (SOURCE_LANGUAGE, LAGGING)]


@pytest.fixture(scope="module")
def sources():
    found, problems = read_sources(SAMPLE / "docs", tuple(LANGUAGES), SOURCE_LANGUAGE, tuple(DOCUMENTS))
    assert not problems
    return found


@pytest.fixture(scope="module")
def translations():
    return {code: catalogues.compiled_translations(catalogues.read_catalogue(
        catalogues.catalogue_path(ROOT / "locales", code), code)) for code in LANGUAGES}


def model_with(sources, translations, lagging: set[tuple[str, str]]):
    status = {(code, path): ("stale" if (code, path) in lagging else "up to date")
              for code in LANGUAGES if code != SOURCE_LANGUAGE for path in sources.paths()}
    settings = PublishingSettings(site_url=SITE_URL, site_name="Example Org", feed_id_prefix="tag:example.org,2026:",
                                  pdf_copies=True)
    return site_model(sources, dates.build_date({"SOURCE_DATE_EPOCH": BUILD_EPOCH}), settings, status, translations)


@pytest.fixture(scope="module")
def lagging_version(sources, translations):
    """The model, with the newest announced change of the first document lagging in one language."""
    build_day = dates.build_date({"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    model = model_with(sources, translations, set())
    state = [s for s in model.timelines[DOCUMENTS[0]] if s.previous is not None and is_announced(s, build_day)][-1]
    return model_with(sources, translations, {(LAGGING, state.page.path)}), state


def test_a_lagging_translation_shows_the_english_text_in_that_language_only(lagging_version, sources):
    model, state = lagging_version
    path = state.page.path
    assert model.shown(LAGGING, path) == sources.page(SOURCE_LANGUAGE, path)
    assert model.text_language(LAGGING, path) == SOURCE_LANGUAGE
    for code in OTHER:
        assert model.shown(code, path) == sources.page(code, path)
    view = model.language(LAGGING).version_view(DOCUMENTS[0], state)
    assert view["fallback"] and view["text_lang"] == SOURCE_LANGUAGE
    assert view["title"] == sources.page(SOURCE_LANGUAGE, path).title
    assert view["url"].startswith(f"{LAGGING}/")  # the page stays in its language; only the text is English
    assert not model.language(OTHER[0]).version_view(DOCUMENTS[0], state)["fallback"]


def test_the_pages_of_a_lagging_text_are_marked_as_english(lagging_version):
    model, state = lagging_version
    site = model.language(LAGGING)
    version_page = next(p for p in site.pages if p.kind == "version" and p.state == state)
    assert site.is_fallback(version_page)
    assert site.own_text_language(version_page) == SOURCE_LANGUAGE
    in_sync = next(p for p in site.pages if p.kind == "version" and p.state != state)
    assert site.own_text_language(in_sync) is None
    assert all(site.own_text_language(p) is None for p in site.pages if p.kind in ("home", "history", "changes"))
    # its changes page compares the English text, as rendered once for its version's page
    changes = next(p for p in site.pages if p.kind == "changes" and p.state == state)
    assert site.text_of(changes) == model.shown(LAGGING, state.page.path)
    assert site.version_page(changes) == version_page
    assert site.generated_markdown(changes).endswith("---\n")  # a title, and no text to render again


def test_the_sitemap_never_offers_a_lagging_page_as_a_translation(lagging_version):
    model, state = lagging_version
    lagging_address = f"{LAGGING}/{DOCUMENTS[0]}/{state.effective_date.isoformat()}/"
    urls = [entry["url"] for entry in model.sitemap_entries()]
    alternates = [link["link"] for entry in model.sitemap_entries() for link in entry["alternates"]]
    assert not [url for url in urls + alternates if url.endswith(lagging_address)]
    english_address = f"{SOURCE_LANGUAGE}/{DOCUMENTS[0]}/{state.effective_date.isoformat()}/"
    assert [url for url in urls if url.endswith(english_address)]
    assert len(urls) == len(set(urls))


def test_versions_json_names_the_language_of_each_text_and_hashes_what_readers_get(lagging_version, sources):
    model, state = lagging_version
    data = model.versions_data({(LAGGING, state.page.path): "ab" * 32})
    entry = next(v for v in data["documents"][DOCUMENTS[0]]["versions"]
                 if v["effective_date"] == state.effective_date.isoformat())
    lagging = entry["languages"][LAGGING]
    assert lagging["language_of_text"] == SOURCE_LANGUAGE
    assert lagging["sha256"] == integrity.text_sha256(sources.page(SOURCE_LANGUAGE, state.page.path))
    assert lagging["pdf_sha256"] == "ab" * 32 and lagging["pdf"].endswith(".pdf")
    assert all("pdf" not in entry["languages"][code] for code in OTHER)
    for code in OTHER:
        assert entry["languages"][code]["language_of_text"] == code
        assert entry["languages"][code]["sha256"] == integrity.text_sha256(sources.page(code, state.page.path))
    assert data["built_as_of"] == model.build_day.isoformat()


def test_feeds_and_notices_give_the_english_title_and_summary_of_a_lagging_text(lagging_version, sources):
    model, state = lagging_version
    english = sources.page(SOURCE_LANGUAGE, state.page.path)
    site = model.language(LAGGING)
    entry = next(e for e in site.feed(DOCUMENTS[0]).entries if state.effective_date.isoformat() in e.version_url)
    assert english.title in entry.title and entry.summary.startswith(english.version.summary)
    notice = next(n for n in site.notices() if n.effective_date == state.effective_date.isoformat())
    assert notice.text_language == SOURCE_LANGUAGE and notice.title == english.title
    assert notice.language == LAGGING and f"/{LAGGING}/" in notice.version_url
    other = model.language(OTHER[0])
    in_sync = next(n for n in other.notices() if n.effective_date == state.effective_date.isoformat())
    assert in_sync.text_language == OTHER[0]
    assert in_sync.title == sources.page(OTHER[0], state.page.path).title


def test_the_template_data_of_a_changes_page(lagging_version):
    model, state = lagging_version
    site = model.language(OTHER[0])
    changes = next(p for p in site.pages if p.kind == "changes" and p.state == state)
    context = site.page_context(changes, changes.address)
    assert context["version"]["effective_date"] == state.effective_date
    assert context["previous_version"]["effective_date"] == state.previous.effective_date
    assert context["document"]["name"] == DOCUMENTS[0]
    assert context["page_lang"] == OTHER[0] and not context["is_home"]
    assert context["x_default_url"].endswith(changes.address.replace(f"{OTHER[0]}/", f"{SOURCE_LANGUAGE}/", 1))
    home = next(p for p in site.pages if p.kind == "home")
    assert site.page_context(home, home.address)["is_home"]
    assert "version" not in site.page_context(home, home.address)


def test_the_status_table_shows_which_translation_readers_get(lagging_version):
    model, state = lagging_version
    table = model.language(SOURCE_LANGUAGE).translation_table()
    columns = [column["lang"] for column in table["languages"]]
    assert SOURCE_LANGUAGE not in columns
    row = next(r for r in table["rows"] if r["version"]["url"] == model.language(SOURCE_LANGUAGE).version_view(
        state.page.document, state)["url"])
    assert [cell for code, cell in zip(columns, row["cells"]) if code == LAGGING] == [False]
    assert all(cell for code, cell in zip(columns, row["cells"]) if code != LAGGING)


def test_a_generated_page_reads_back_with_its_title_whatever_it_holds():
    for title in ['Privacy: "what we keep"', "Conditions d’utilisation — 2026", "Back\\slash: # not a comment"]:
        read = front_matter.split_front_matter(front_matter.with_title(title, "\n# Heading\n"), "generated.md")
        assert isinstance(read, front_matter.FrontMatter), read
        assert read.fields["title"] == title and read.body.strip() == "# Heading"


def test_the_language_chooser_names_each_home_in_its_own_language(lagging_version, sources):
    model, _ = lagging_version
    choices = model.language_choices()
    assert [choice["lang"] for choice in choices] == list(LANGUAGES)
    for choice in choices:
        assert choice["title"] == sources.page(choice["lang"], "index.md").title
        assert choice["url"] == SITE_URL.rstrip("/") + "/" + choice["address"]


def test_front_matter_is_written_so_that_it_reads_back_as_written():
    import datetime as dt

    fields = {"document": "privacy", "title": 'Terms: "the service" # 1', "effective_date": dt.date(2030, 1, 2),
              "announced": None, "change": "material", "summary": "Ändert: Abschnitt 3 – «Daten»"}
    text = front_matter.written(fields, "\n# Terms\n")
    read = front_matter.split_front_matter(text, "written.md")
    assert isinstance(read, front_matter.FrontMatter), read
    assert "announced" not in read.fields  # a missing fact is left out, not written as "None"
    assert read.fields == {**{k: v for k, v in fields.items() if v is not None}, "effective_date": "2030-01-02"}
    assert list(read.fields) == [k for k, v in fields.items() if v is not None]  # in the order given
    assert read.body.strip() == "# Terms"


def test_a_rendering_read_from_one_folder_below_keeps_every_link_leading_where_it_led():
    from policy_site.rendered import one_level_deeper

    html = ('<p><a href="../../terms/#use">terms</a> <a href="../2017-06-21/">older</a> <a href="./">this</a> '
            '<a href="#clause">clause</a> <a href="https://example.org/a">out</a> <a href="/fr/">root</a> '
            '<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;a@example.org">mail</a> <img alt="" src="logo.png"></p>')
    moved = one_level_deeper(html)
    version, changes = "/fr/privacy/2024-09-01/", "/fr/privacy/2024-09-01/changes/"
    before = re.findall(r'(?:href|src)="([^"]*)"', html)
    after = re.findall(r'(?:href|src)="([^"]*)"', moved)
    for old, new in zip(before, after):
        if old.startswith(("#", "https:", "/", "&#")):
            assert new == old
        else:  # the same address, resolved from each page
            assert normpath(changes + new) == normpath(version + old), (old, new)
    assert moved.count("../") == html.count("../") + 4
