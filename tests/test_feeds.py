"""Change-notification feeds: valid Atom, one per language and per document, permanent ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from conftest import DOCUMENTS, LANGUAGES, SITE_URL, epoch, plugin_config, run_build

FEED_ID_PREFIX = plugin_config("policy_site")["feed_id_prefix"]
from policy_site import feeds

FEEDS = [(language, document) for language in LANGUAGES for document in (None, *DOCUMENTS)]


def feed_path(site: Path, language: str, document: str | None) -> Path:
    return site / language / (f"{document}/feed.xml" if document else "feed.xml")


def parse(path: Path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("language, document", FEEDS)
def test_every_feed_is_valid_atom_with_its_required_elements(site, language, document):
    parsed = parse(feed_path(site, language, document))
    assert parsed.version == "atom10"
    feed = parsed.feed
    assert feed.id.startswith(FEED_ID_PREFIX + "feed/")
    assert feed.title and feed.updated and feed.author
    assert feed.language == language
    rels = {link.rel: link.href for link in feed.links}
    assert rels["self"] == SITE_URL + (f"{language}/{document}/feed.xml" if document else f"{language}/feed.xml")
    assert rels["alternate"].startswith(SITE_URL + language + "/")
    for entry in parsed.entries:
        assert entry.id.startswith(FEED_ID_PREFIX) and entry.id.endswith("/" + language)
        assert entry.title and entry.updated and entry.published and entry.summary
        assert any(link.rel == "alternate" for link in entry.links)


@pytest.mark.parametrize("language", LANGUAGES)
def test_entries_are_the_announced_versions(site, language):
    """As of the test build date, every version is announced, the scheduled one included."""
    everything = parse(feed_path(site, language, None))
    ids = [entry.id for entry in everything.entries]
    assert ids == [
        f"{FEED_ID_PREFIX}{doc}/{day}/{language}"
        for doc, day in [("privacy", "2027-01-01"), ("terms", "2025-02-01"), ("privacy", "2024-09-01"),
                         ("terms", "2018-05-25"), ("privacy", "2017-06-21")]
    ]
    privacy = parse(feed_path(site, language, "privacy"))
    assert [entry.id.split(":")[-1] for entry in privacy.entries] == [
        "privacy/2027-01-01/" + language, "privacy/2024-09-01/" + language, "privacy/2017-06-21/" + language]
    # the scheduled entry is dated from its announcement and says when it takes effect
    scheduled = privacy.entries[0]
    assert scheduled.published.startswith("2026-11-20")
    links = {link.rel: link.href for link in scheduled.links}
    assert links["alternate"] == f"{SITE_URL}{language}/privacy/2027-01-01/"
    assert links["related"] == f"{SITE_URL}{language}/privacy/2027-01-01/changes/"


def test_feed_text_is_in_the_feed_language(site):
    french = parse(feed_path(site, "fr", "privacy")).entries[0]
    assert french.title.startswith("Politique de confidentialité") and "1er janvier 2027" in french.title
    assert "30\u00a0jours au lieu de 45" in french.summary
    russian = parse(feed_path(site, "ru", None))
    assert "января 2027" in russian.entries[0].title


def test_every_link_in_every_feed_resolves(site):
    for language, document in FEEDS:
        parsed = parse(feed_path(site, language, document))
        hrefs = [link.href for link in parsed.feed.links]
        hrefs += [link.href for entry in parsed.entries for link in entry.links]
        for href in hrefs:
            assert href.startswith(SITE_URL), href
            target = site / href[len(SITE_URL):]
            assert (target / "index.html" if href.endswith("/") else target).is_file(), href


def test_every_page_announces_the_feeds_of_its_own_language(site, pages):
    for name, soup in pages.items():
        links = soup.find_all("link", rel="alternate", type="application/atom+xml")
        if name in ("index.html", "404.html"):
            continue  # the language chooser and the all-language 404 belong to no language
        language = name.split("/")[0]
        assert links, name
        for link in links:
            assert link["href"].startswith(f"{SITE_URL}{language}/"), (name, link["href"])
            assert (site / link["href"][len(SITE_URL):]).is_file()
        if name.startswith(f"{language}/privacy/"):
            assert f"{SITE_URL}{language}/privacy/feed.xml" in [link["href"] for link in links]


def test_every_page_links_to_the_subscribe_page(pages):
    for name, soup in pages.items():
        if name in ("index.html", "404.html"):
            continue
        link = soup.select_one("a.policy-subscribe")
        assert link is not None, name


def test_a_scheduled_version_is_announced_from_its_announcement_day_and_feeds_do_not_change(tmp_path, sample_project):
    def privacy_feed(day: str) -> bytes:
        site = tmp_path / day
        result = run_build(sample_project, site, {"SOURCE_DATE_EPOCH": epoch(day), "POLICY_SITE_ONLY_LANGUAGE": "fr"})
        assert result.returncode == 0, result.stderr
        return feed_path(site, "fr", "privacy").read_bytes()

    before, on_the_day, later = privacy_feed("2026-11-19"), privacy_feed("2026-11-20"), privacy_feed("2026-12-31")
    assert len(feedparser.parse(before).entries) == 2
    assert len(feedparser.parse(on_the_day).entries) == 3
    # building on another day with no new version gives the same bytes: nobody is notified twice
    assert later == on_the_day


def test_hostile_text_still_makes_a_valid_feed():
    hostile = 'Fish & chips <script>alert("x")</script> — Привет, İstanbul ıi 🎉 ]]> \'quoted\''
    feed = feeds.Feed(
        id="tag:example.org,2017:feed/x", title=hostile, language="tr", self_url="https://example.org/tr/feed.xml",
        page_url="https://example.org/tr/", author="A & B",
        entries=[feeds.FeedEntry(id="tag:example.org,2017:x/2020-01-01/tr", title=hostile,
                                 published=dt.date(2020, 1, 1), summary=hostile,
                                 version_url="https://example.org/tr/x/?a=1&b=2", changes_url=None)],
    )
    parsed = feedparser.parse(feeds.atom(feed))
    assert not parsed.bozo
    assert parsed.feed.title == hostile
    # plain text in, the same plain text out: escaped by the XML writer, nothing lost
    assert parsed.entries[0].title == hostile and parsed.entries[0].summary == hostile
    assert parsed.entries[0].title_detail.type == "text/plain"
    assert parsed.entries[0].link == "https://example.org/tr/x/?a=1&b=2"
