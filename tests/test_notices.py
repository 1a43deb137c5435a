"""Notices of material changes: /<lang>/notices.json for products, and an e-mail per language
for the organisation's mailer (the site sends nothing and keeps no address)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from conftest import BUILD_EPOCH, LANGUAGES, SITE_URL
from policy_site import notices

NOTICE = notices.Notice(
    id="tag:example.org,2020:terms/2027-03-01/fr", document="terms", language="fr", text_language="en",
    title="Terms of use", announced="2027-01-20", effective_date="2027-03-01",
    summary="Refunds <now> within 30 days & more.", version_url="https://example.org/fr/terms/2027-03-01/",
    changes_url="https://example.org/fr/terms/2027-03-01/changes/", document_url="https://example.org/fr/terms/",
    pdf_url="https://example.org/fr/terms/2027-03-01/terms-2027-03-01-fr.pdf",
)
LABELS = notices.NoticeLabels(subject="Conditions : nouvelle version du 1 mars 2027",
                              dates="Annoncée le 20 janvier 2027, en vigueur le 1 mars 2027.",
                              read="Lire la nouvelle version", changes="Voir ce qui change",
                              pdf="PDF de cette version")


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(bytes(message), policy=email.policy.default)


def test_an_email_has_a_plain_and_an_html_part_in_its_language_and_nothing_that_tracks():
    message = parsed(notices.email(NOTICE, LABELS))
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == LABELS.subject and message["Content-Language"] == "fr"
    assert message["From"] is None and message["To"] is None  # the mailer addresses it
    text = message.get_body(("plain",)).get_content()
    assert NOTICE.summary in text and LABELS.dates in text
    assert f"Lire la nouvelle version: {NOTICE.version_url}" in text and NOTICE.changes_url in text
    html = message.get_body(("html",)).get_content()
    assert '<html lang="fr">' in html and '<p lang="en">Refunds &lt;now&gt; within 30 days &amp; more.</p>' in html
    assert "<img" not in html and "<script" not in html and "src=" not in html and "<link" not in html
    assert bytes(notices.email(NOTICE, LABELS)) == bytes(notices.email(NOTICE, LABELS))  # same bytes every run


def test_an_email_links_the_version_s_pdf_where_the_site_makes_one():
    message = parsed(notices.email(NOTICE, LABELS))
    assert f"PDF de cette version: {NOTICE.pdf_url}" in message.get_body(("plain",)).get_content()
    assert f'<a href="{NOTICE.pdf_url}" type="application/pdf">PDF de cette version</a>' in \
        message.get_body(("html",)).get_content()
    without = parsed(notices.email(dataclasses.replace(NOTICE, pdf_url=None), LABELS))
    assert "PDF" not in without.get_body(("plain",)).get_content()
    assert "PDF" not in without.get_body(("html",)).get_content()


def test_the_schema_refuses_a_notice_without_its_id_or_with_a_wrong_date():
    data = json.loads(notices.notices_json([NOTICE], "fr", "https://example.org/notices.schema.json"))
    jsonschema.validate(data, notices.NOTICES_SCHEMA)
    for broken in ({**data["notices"][0], "effective_date": "1 March 2027"},
                   {k: v for k, v in data["notices"][0].items() if k != "id"}):
        try:
            jsonschema.validate({**data, "notices": [broken]}, notices.NOTICES_SCHEMA)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"accepted {broken}")


def test_every_language_publishes_its_notices_with_the_feed_entry_ids(site: Path):
    schema = json.loads((site / notices.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == notices.NOTICES_SCHEMA
    for language in LANGUAGES:
        data = json.loads((site / language / "notices.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["language"] == language
        feed = ET.parse(site / language / "feed.xml").getroot()
        ids = [n["id"] for n in data["notices"]]
        assert ids and all(i.endswith(f"/{language}") for i in ids)
        entries = {e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")}
        assert set(ids) <= entries  # a product reading both never shows a change twice
        for notice in data["notices"]:  # the PDF it links is the one the version page links
            assert notice["pdf_url"].startswith(notice["version_url"]) and notice["pdf_url"].endswith(f"-{language}.pdf")
            assert (site / notice["pdf_url"].removeprefix(SITE_URL)).is_file(), notice["pdf_url"]
        # a first version changes nothing, so it has no notice
        assert not any(n["effective_date"] in ("2017-06-21", "2018-05-25") for n in data["notices"])


def test_an_editorial_version_has_no_notice(project_copy, tmp_path):
    from conftest import run_build

    unpublish = project_copy / "docs" / "published.yml"
    text = unpublish.read_text(encoding="utf-8")
    unpublish.write_text(text[:text.index("privacy/2027-01-01:")] + text[text.index("terms/2018-05-25:"):], encoding="utf-8")
    for language in LANGUAGES:
        path = project_copy / "docs" / language / "privacy" / "2027-01-01.md"
        path.write_text(path.read_text(encoding="utf-8").replace("change: material", "change: editorial"), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out", {"POLICY_SITE_ONLY_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "en" / "notices.json").read_text(encoding="utf-8"))
    assert [n["effective_date"] for n in data["notices"]] == ["2025-02-01", "2024-09-01"]


def test_the_notice_pack_has_one_email_per_language_of_each_change_to_come(site: Path, sample_project: Path, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "policy_site.cli", "-f", str(sample_project / "mkdocs.yml"), "notice-pack",
         "--site", str(site), "--out", str(tmp_path / "pack")],
        capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin"}, cwd=sample_project,
    )
    assert result.returncode == 0, result.stderr
    written = sorted((tmp_path / "pack").rglob("*.eml"))
    assert [p.relative_to(tmp_path / "pack").as_posix() for p in written] == sorted(
        f"privacy-2027-01-01/{language}.eml" for language in LANGUAGES)  # the one change still to come
    subjects = set()
    for path in written:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["Content-Language"] == path.stem
        subjects.add(message["Subject"])
        assert "/privacy/2027-01-01/changes/" in message.get_body(("plain",)).get_content()
        assert f"/privacy/2027-01-01/privacy-2027-01-01-{path.stem}.pdf" in message.get_body(("plain",)).get_content()
    assert len(subjects) == len(LANGUAGES)  # each in its own language


def test_each_document_is_published_under_its_open_terms_archive_type(site: Path):
    data = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert {name: doc.get("terms_type") for name, doc in data["documents"].items()} == {
        "privacy": "Privacy Policy", "terms": "Terms of Service"}


def test_an_unknown_terms_type_or_document_is_named_with_the_fix():
    from policy_site.open_data import terms_type_problems

    found = [str(p) for p in terms_type_problems({"privacy": "Privacy Policies", "cookies": "Trackers Policy"},
                                                 ["privacy", "terms"])]
    assert found[0].startswith("mkdocs.yml: terms_types names 'cookies', which is not a document of the site.")
    assert "Did you mean 'Privacy Policy'?" in found[1]
    assert terms_type_problems({"privacy": "Privacy Policy"}, ["privacy"]) == []
