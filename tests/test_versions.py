"""Versions: which is in force on a day, history, comparisons, permanent addresses, integrity."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DOCUMENTS, LANGUAGES, SAMPLE, SITE_URL, SOURCE_LANGUAGE, epoch, run_build
from policy_site.site_map import language_pages
from policy_site.sources import load_sources
from policy_site.versions import integrity
from policy_site.versions.comparison import compare
from policy_site.versions.timeline import IN_FORCE, SCHEDULED, SUPERSEDED, in_force, shown_version, timeline

SOURCES = load_sources(SAMPLE / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
PRIVACY = SOURCES.versions(SOURCE_LANGUAGE, "privacy")


def statuses(day: str) -> list[str]:
    return [state.status for state in timeline(PRIVACY, dt.date.fromisoformat(day))]


def test_the_version_in_force_follows_the_day():
    assert statuses("2017-06-21") == [IN_FORCE, SCHEDULED, SCHEDULED]
    assert statuses("2024-08-31") == [IN_FORCE, SCHEDULED, SCHEDULED]
    assert statuses("2024-09-01") == [SUPERSEDED, IN_FORCE, SCHEDULED]
    assert statuses("2027-01-01") == [SUPERSEDED, SUPERSEDED, IN_FORCE]


def test_a_superseded_version_knows_when_it_stopped_applying():
    first, second, _ = timeline(PRIVACY, dt.date(2027, 6, 1))
    assert first.superseded_on == dt.date(2024, 9, 1) and second.superseded_on == dt.date(2027, 1, 1)
    assert second.previous is first.page


def test_before_the_first_version_every_version_is_scheduled_and_the_first_is_shown():
    states = timeline(PRIVACY, PRIVACY[0].effective_date - dt.timedelta(days=1))
    assert [state.status for state in states] == [SCHEDULED] * len(PRIVACY)
    assert in_force(states) is None and shown_version(states).page is PRIVACY[0]
    later = timeline(PRIVACY, PRIVACY[0].effective_date)
    assert shown_version(later) is in_force(later) and in_force(later).page is PRIVACY[0]


def test_a_build_before_a_document_exists_says_when_it_takes_effect(sample_project, tmp_path):
    """As of a day when one document applies and another does not yet: links to the second
    still work, its address says when it will apply, and the home page lists it so."""
    first_days = {name: SOURCES.versions(SOURCE_LANGUAGE, name)[0].effective_date for name in DOCUMENTS}
    early, late = sorted(DOCUMENTS, key=first_days.get)[0], sorted(DOCUMENTS, key=first_days.get)[-1]
    assert first_days[early] < first_days[late], "the fixture needs two documents starting on different days"
    day = first_days[late] - dt.timedelta(days=1)
    site = built_as_of(sample_project, tmp_path, day.isoformat())
    page = status_of(site, f"fr/{late}")
    assert page.select_one(".policy-status--scheduled time")["datetime"] == first_days[late].isoformat()
    assert not page.select(".policy-announcement")  # it does not announce itself as a new version
    home = status_of(site, "fr")
    listed = [li for li in home.select(".policy-documents li") if li.a["href"].rstrip("/").endswith(late)]
    assert listed and listed[0].select_one("time")["datetime"] == first_days[late].isoformat()


def test_removing_or_renaming_a_published_version_is_refused(project_copy):
    from policy_site.checks.site import check_site
    from policy_site.checks.site import site_settings
    from mkdocs.config import load_config

    english = PRIVACY[0]
    gone = project_copy / "docs" / "fr" / english.path
    gone.rename(gone.with_name("1999-01-01.md"))
    for language in ("de", SOURCE_LANGUAGE):
        (project_copy / "docs" / language / english.path).unlink()
    _, problems = check_site(site_settings(load_config(str(project_copy / "mkdocs.yml"))), dt.date(2026, 12, 15))
    removed = [p for p in problems if "its file is gone" in p.message]
    assert sorted(p.path for p in removed) == sorted(
        f"docs/{language}/{english.path}" for language in ("de", "fr", SOURCE_LANGUAGE))
    assert all("git checkout -- " + p.path in p.fix for p in removed)


# -- the site as of different days -----------------------------------------------------------------


def built_as_of(project: Path, tmp_path: Path, day: str) -> Path:
    site = tmp_path / day
    result = run_build(project, site, {"SOURCE_DATE_EPOCH": epoch(day), "POLICY_SITE_ONLY_LANGUAGE": "fr"})
    assert result.returncode == 0, result.stderr
    return site


def status_of(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("day, in_force, announced", [
    ("2020-01-01", "2017-06-21", None),
    ("2026-12-15", "2024-09-01", "2027-01-01"),
    ("2027-01-02", "2027-01-01", None),
])
def test_building_as_of_a_day_puts_the_right_version_in_force(sample_project, tmp_path, day, in_force, announced):
    site = built_as_of(sample_project, tmp_path, day)
    page = status_of(site, "fr/privacy")
    assert page.select_one(".policy-status time")["datetime"] == in_force
    notice = page.select_one(".policy-announcement")
    if announced is None:
        assert notice is None
    else:
        links = [a["href"] for a in notice.find_all("a")]
        assert links == [f"{announced}/", f"{announced}/changes/"]
        assert notice.find("time")["datetime"] == announced
    # the in-force text is the text of that version
    version = status_of(site, f"fr/privacy/{in_force}")
    assert page.select_one("article #privacy-policy") is not None
    assert [li["id"] for li in page.select("article li[id]")] == [li["id"] for li in version.select("article li[id]")]


# -- the full site, built once -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_history_page_lists_every_version_newest_first(pages, language, document):
    history = pages[f"{language}/{document}/history/index.html"]
    dates = [row.find("time")["datetime"] for row in history.select(".policy-history table tbody tr")]
    expected = sorted((p.effective_date.isoformat() for p in SOURCES.versions(language, document)), reverse=True)
    assert dates == expected
    for row in history.select(".policy-history table tbody tr")[:-1]:
        assert row.find("a", href=lambda h: h and h.endswith("/changes/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_version_has_its_permanent_address_and_verifiable_text(site, language):
    listing = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    for document, data in listing["documents"].items():
        for version in data["versions"]:
            entry = version["languages"][language]
            address = entry["address"][len(SITE_URL):]
            assert address == f"{language}/{document}/{version['effective_date']}/"
            assert (site / address / "index.html").is_file()
            text = (site / entry["text"][len(SITE_URL):]).read_bytes()
            assert hashlib.sha256(text).hexdigest() == entry["sha256"]


def test_superseded_and_scheduled_versions_say_so(pages):
    old = pages["fr/privacy/2017-06-21/index.html"].select_one(".policy-status--superseded")
    assert old.find("time")["datetime"] == "2024-09-01"
    assert old.find("a")["href"] == "../"
    upcoming = pages["de/privacy/2027-01-01/index.html"].select_one(".policy-status--scheduled")
    assert [t["datetime"] for t in upcoming.find_all("time")] == ["2026-11-20", "2027-01-01"]


def marked(page: BeautifulSoup) -> dict[str, list[tuple[str, str]]]:
    """{block id: [('del'|'ins', text)]} for every block of a comparison page with a change."""
    found: dict[str, list[tuple[str, str]]] = {}
    for tag in page.select("article del, article ins"):
        block = tag.find_parent(["li", "p", "h1", "h2", "h3"])
        hidden = tag.select_one(".visually-hidden")
        text = tag.get_text()[len(hidden.get_text()):] if hidden else tag.get_text()
        found.setdefault(block.get("id") or block.get_text()[:20], []).append((tag.name, text))
    return found


@pytest.mark.parametrize("language", ["en", "fr", "ru", "tr"])
def test_the_comparison_marks_exactly_the_words_that_changed(pages, language):
    page = pages[f"{language}/privacy/2027-01-01/changes/index.html"]
    changes = marked(page)
    assert set(changes) == {"website-analytics", "backups", "backup-erasure"}
    assert changes["backups"] == [("del", "45"), ("ins", "30")]
    assert changes["backup-erasure"] == [("del", "45"), ("ins", "30")]
    assert page.select_one(".policy-changes strong").get_text()[0] == "3"
    assert [a["href"] for a in page.select(".policy-changes a")] == ["#change-1", "#change-2", "#change-3"]
    for number in (1, 2, 3):
        assert page.find(id=f"change-{number}") is not None


def test_an_added_section_is_marked_as_added_with_its_numbering(pages):
    page = pages["en/privacy/2024-09-01/changes/index.html"]
    added = [element.get("id") for element in page.select("article .change-added")]
    assert added == ["your-rights", "rights-list", "exercising-rights", "complaint"]
    assert page.select_one("#notice-of-changes.change-modified") is not None
    assert page.select_one(".policy-changes strong").get_text().startswith("5")


# -- comparison, unit ------------------------------------------------------------------------------


def test_word_level_changes_and_removed_clauses():
    old = '<h2 id="s">1. Retention</h2><ol><li id="a">We keep data for 45 days.</li><li id="b">Gone clause.</li><li id="c">Same.</li></ol>'
    new = '<h2 id="s">1. Retention</h2><ol><li id="a">We keep data for 30 days.</li><li id="c">Same.</li><li id="d">New clause.</li></ol>'
    result = compare(old, new)
    soup = BeautifulSoup(result.html, "html.parser")
    assert result.count == 3
    assert [t.get_text() for t in soup.select("#a del, #a ins")] == ["Removed: 45", "Added: 30"]
    removed = soup.select_one("li.change-removed")
    assert removed.find_next_sibling("li")["id"] == "c" and "Gone clause." in removed.get_text()
    assert soup.select_one("#d.change-added ins") is not None
    assert soup.select_one("#c").get_text() == "Same."


def test_identical_versions_have_no_changes():
    html = '<h2 id="s">1. A</h2><ol><li id="a">Text.</li></ol>'
    assert compare(html, html).count == 0


def test_generated_pages_grow_linearly_with_versions():
    """Each version adds its page and one comparison: no page per pair of versions."""
    import dataclasses

    base = PRIVACY[0]
    counts = []
    for n in range(1, 8):
        versions = [
            dataclasses.replace(base, path=f"privacy/{2000 + i}-01-01.md", version=dataclasses.replace(
                base.version, effective_date=dt.date(2000 + i, 1, 1)))
            for i in range(n)
        ]
        states = timeline(versions, dt.date(2100, 1, 1))
        pages = [p for p in language_pages(SOURCES, "en", {"privacy": states, "terms": states}) if p.document == "privacy"]
        counts.append(len(pages))
    steps = {b - a for a, b in zip(counts, counts[1:])}
    assert steps == {2}, counts


# -- integrity ---------------------------------------------------------------------------------------


def test_the_committed_record_matches_the_texts():
    recorded = integrity.read_record(SAMPLE / "docs" / integrity.RECORD_FILE)
    assert recorded == integrity.current_record(SOURCES, recorded), "run `policy-site record` and commit docs/published.yml"


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=project, check=True, capture_output=True)


def test_changing_a_published_text_fails_with_the_diff(project_copy):
    git(project_copy, "init", "-q")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "published")
    path = project_copy / "docs" / "en" / "privacy" / "2017-06-21.md"
    path.write_text(path.read_text(encoding="utf-8").replace("for 45 days", "for 46 days"), encoding="utf-8")
    result = run_build(project_copy, project_copy / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/en/privacy/2017-06-21.md: is a published version and its text changed without a trace" in output
    assert "-1. We keep backups of deleted messages and documents for 45 days" in output
    assert "+1. We keep backups of deleted messages and documents for 46 days" in output


def test_an_editorial_correction_is_allowed_and_shown_in_the_history(project_copy, tmp_path):
    path = project_copy / "docs" / "en" / "privacy" / "2017-06-21.md"
    text = path.read_text(encoding="utf-8").replace("for good.", "for ever.").replace(
        "summary: First published version.\n",
        "summary: First published version.\ncorrections:\n  - date: 2017-07-01\n    summary: Wording of clause 7.2.\n")
    path.write_text(text, encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    history = (tmp_path / "out" / "en" / "privacy" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Wording of clause 7.2." in history


def test_new_version_command_starts_every_language_and_marks_translations(project_copy, tmp_path):
    command = [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"),
               "new-version", "terms", "--effective", "2027-06-01", "--announced", "2027-04-01"]
    result = subprocess.run(command, cwd=project_copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Created 10 files for the version of 2027-06-01" in result.stdout
    assert "Next:" in result.stdout and "policy-site record" in result.stdout
    for language in LANGUAGES:
        created = project_copy / "docs" / language / "terms" / "2027-06-01.md"
        text = created.read_text(encoding="utf-8")
        assert "effective_date: 2027-06-01\nannounced: 2027-04-01\n" in text
        assert "corrections" not in text
        assert ("translated_from" in text) is (language != "en")  # kept: the report can show the diff
    # the build refuses the placeholder summary until the editor writes one
    failed = run_build(project_copy, tmp_path / "out")
    assert "docs/en/terms/2027-06-01.md: still has the placeholder summary." in failed.stdout + failed.stderr
    english = project_copy / "docs" / "en" / "terms" / "2027-06-01.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        'summary: "TODO: say in one or two sentences what this version changes."', "summary: Clarifies clause 1.2."),
        encoding="utf-8")
    # published (and recorded) while it is announced, it comes into force by itself on its date
    announced = run_build(project_copy, tmp_path / "announced", {"SOURCE_DATE_EPOCH": epoch("2027-05-15")})
    assert announced.returncode == 0, announced.stderr
    recorded = subprocess.run([*command[:5], "record"], cwd=project_copy, capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": epoch("2027-05-15")})
    assert recorded.returncode == 0, recorded.stderr
    assert "terms/2027-06-01 en" in recorded.stdout
    built = run_build(project_copy, tmp_path / "out", {"SOURCE_DATE_EPOCH": epoch("2027-07-01")})
    assert built.returncode == 0, built.stderr
    french = BeautifulSoup((tmp_path / "out" / "fr" / "terms" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert french.select_one(".policy-fallback") is not None
    assert french.select_one("div[lang=en] #terms-of-use") is not None
    assert french.html["lang"] == "fr"
    status = BeautifulSoup((tmp_path / "out" / "fr" / "translations" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {row.th.find("time")["datetime"]: row for row in status.select(".policy-translation-status tbody tr")}
    assert [cell.get_text(strip=True) for cell in rows["2027-06-01"].find_all("td")] == [
        "En cours de mise à jour (le texte anglais s’applique)"] * 9
    assert {cell.get_text(strip=True) for cell in rows["2025-02-01"].find_all("td")} == {"À jour"}


def test_a_new_version_must_come_after_the_latest(project_copy):
    command = [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"),
               "new-version", "privacy", "--effective", "2026-01-01"]
    result = subprocess.run(command, cwd=project_copy, capture_output=True, text=True)
    assert result.returncode == 1
    assert "must take effect later than that" in result.stderr


def test_the_sitemap_never_presents_english_as_a_translation(project_copy, tmp_path):
    import xml.etree.ElementTree as ET

    english = project_copy / "docs" / "en" / "terms" / "2025-02-01.md"
    english.write_text(english.read_text(encoding="utf-8").replace("1000 messages", "300 messages"), encoding="utf-8")
    record = subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "record"],
                            cwd=project_copy, capture_output=True, text=True)
    assert record.returncode == 1  # a published text changed: the record refuses it ...
    text = english.read_text(encoding="utf-8").replace(
        "summary: Free accounts", "corrections:\n  - date: 2025-03-01\n    summary: Corrected the limit.\nsummary: Free accounts")
    english.write_text(text, encoding="utf-8")  # ... until it is recorded as a correction
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(tmp_path / "out" / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert f"{SITE_URL}en/terms/2025-02-01/" in locations
    assert f"{SITE_URL}fr/terms/2025-02-01/" not in locations  # stale: English shown
    assert f"{SITE_URL}fr/terms/2018-05-25/" in locations
    entry = next(u for u in root.findall("s:url", ns) if u.find("s:loc", ns).text.endswith("/en/terms/2025-02-01/"))
    assert [link.get("hreflang") for link in entry.findall("x:link", ns)] == ["en"]


def test_which_versions_readers_are_told_of():
    from policy_site.versions.timeline import announcement_day, is_announced

    states = timeline(PRIVACY, dt.date(2026, 12, 15))
    assert [announcement_day(s).isoformat() for s in states] == ["2017-06-21", "2024-07-15", "2026-11-20"]
    assert [is_announced(s, dt.date(2026, 11, 19)) for s in states] == [True, True, False]
    assert [is_announced(s, dt.date(2026, 11, 20)) for s in states] == [True, True, True]


def test_a_table_row_with_an_anchor_is_compared_as_a_clause():
    def table(*rows):
        body = "".join(f'<tr id="{anchor}"><td>{name}</td><td>{days}</td></tr>' for anchor, name, days in rows)
        return f'<h2 id="s">Kept</h2><table><thead><tr><th>Data</th><th>Days</th></tr></thead><tbody>{body}</tbody></table>'

    old = table(("account", "Account", "30"), ("gone", "Backups", "90"), ("logs", "Logs", "14"))
    new = table(("new", "Invoices", "3650"), ("account", "Account", "30"), ("logs", "Logs", "7"))
    result = compare(old, new)
    soup = BeautifulSoup(result.html, "html.parser")
    # the added row, the removed row and one changed cell; the unchanged row is not touched
    assert result.count == 4
    assert [cell.get_text() for cell in soup.select("#new td ins")] == ["Added: Invoices", "Added: 3650"]
    removed = soup.select_one("tr.change-removed")
    assert [cell.get_text() for cell in removed.find_all("td")] == ["Removed: Backups", "Removed: 90"]
    assert removed.find_next_sibling("tr")["id"] == "logs"
    assert soup.select_one("#account").get_text() == "Account30"
    assert [t.get_text() for t in soup.select("#logs del, #logs ins")] == ["Removed: 14", "Added: 7"]


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project / "mkdocs.yml"), *args],
                          cwd=project, capture_output=True, text=True)


def test_a_translation_changed_with_only_a_new_pin_is_refused(project_copy):
    """English gets a comma fixed, with its correction; the French text turns 'we do not sell'
    into 'we sell' in the same change and is pinned and recorded. The new pin is no trace: the
    French text needs a correction of its own."""
    git(project_copy, "init", "-q")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "published")
    english = project_copy / "docs/en/privacy/2017-06-21.md"
    english.write_text(english.read_text(encoding="utf-8").replace("sell, trade or", "sell, trade, or").replace(
        "summary: First published version.\n",
        "summary: First published version.\ncorrections:\n  - date: 2017-07-01\n    summary: A comma in clause 3.1.\n"),
        encoding="utf-8")
    french = project_copy / "docs/fr/privacy/2017-06-21.md"
    french.write_text(french.read_text(encoding="utf-8").replace(
        "Nous ne vendons ni ne donnons à des tiers", "Nous vendons et donnons à des tiers"), encoding="utf-8")
    for language in LANGUAGES:
        if language != SOURCE_LANGUAGE:
            cli(project_copy, "pin", language, "privacy/2017-06-21")
    found = cli(project_copy, "check")
    assert found.returncode != 0
    assert "docs/fr/privacy/2017-06-21.md: is a published version and its text changed without a trace" in found.stdout + found.stderr
    assert "+2. Nous vendons et donnons à des tiers" in found.stdout + found.stderr
    assert "docs/de/privacy/2017-06-21.md: is a published version" not in found.stdout + found.stderr


def test_a_text_shown_in_english_is_english_from_title_to_contents_with_its_facts_under_the_title(lagging_site):
    from conftest import DOCUMENTS, LAGGING_DATE, LANGUAGES, SOURCE_LANGUAGE

    document = DOCUMENTS[0]
    english = BeautifulSoup((lagging_site / SOURCE_LANGUAGE / document / LAGGING_DATE / "index.html")
                            .read_text(encoding="utf-8"), "html.parser")
    english_title = english.find("h1").get_text(strip=True)
    for language in (code for code in LANGUAGES if code != SOURCE_LANGUAGE):
        for address in (f"{document}/{LAGGING_DATE}", document):  # the version, and the document in force
            page = BeautifulSoup((lagging_site / language / address / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            assert page.html["lang"] == language
            assert page.title["lang"] == SOURCE_LANGUAGE and page.title.get_text().startswith(english_title + " –")
            heading = page.find("h1")
            assert heading.get_text(strip=True) == english_title and heading.find_parent(lang=True)["lang"] == SOURCE_LANGUAGE
            facts = page.select_one(".policy-facts")
            assert facts.find_previous("h1") is heading  # right under the title, as on every page
            assert facts.find_parent(lang=True)["lang"] == language
            contents = page.select_one('[data-md-component="toc"]')
            assert contents is not None and contents["lang"] == SOURCE_LANGUAGE, (language, address)
            assert [a.get_text(strip=True) for a in contents.select("a")][:1] == \
                [a.get_text(strip=True) for a in english.select('[data-md-component="toc"] a')][:1]
