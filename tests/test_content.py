"""Checks of the organisation's own content: whatever docs/ holds, with the settings of the
repository's mkdocs.yml (organisation, address, languages and documents are read from it, never
assumed). The generator's own tests run on tests/sample_site/ instead."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT, run_build
from policy_site import catalogues, dates
from policy_site.checks.site import check_site
from policy_site.checks.site import site_settings
from policy_site.sources import load_sources
from policy_site.translation.check import check_all
from policy_site.versions import integrity

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SETTINGS = site_settings(CONFIG)
TODAY = dates.build_date(os.environ)


def test_the_content_has_no_problem_today():
    _, problems = check_site(SETTINGS, TODAY)
    assert not problems, "\n".join(map(str, problems))


def test_no_translation_claims_to_be_up_to_date_without_matching():
    sources = load_sources(SETTINGS.docs_dir, SETTINGS.languages, SETTINGS.source_language, SETTINGS.documents)
    mismatched = [r.report() for r in check_all(sources, localised_urls=CONFIG.plugins["policy_site"].config.localised_urls)
                  if r.status == "mismatched"]
    assert not mismatched, "\n\n".join(mismatched)


def test_the_record_of_published_texts_is_committed():
    sources = load_sources(SETTINGS.docs_dir, SETTINGS.languages, SETTINGS.source_language, SETTINGS.documents)
    recorded = integrity.read_record(SETTINGS.docs_dir / integrity.RECORD_FILE)
    current = integrity.current_record(sources, recorded)
    assert {k: v for k, v in recorded.items() if k in current} == current, \
        "run `policy-site record` and commit docs/published.yml"


@pytest.mark.parametrize("language", SETTINGS.languages)
def test_every_language_has_its_interface_catalogue(language):
    path = catalogues.catalogue_path(ROOT / CONFIG.plugins["policy_site"].config.locales_dir, language)
    assert path.is_file(), f"{path}: missing; see README, 'Add or remove a language'"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The organisation's site, built strict as of today (or SOURCE_DATE_EPOCH)."""
    site_dir = tmp_path_factory.mktemp("real-site")
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(dt.datetime.now(dt.timezone.utc).timestamp()))
    result = run_build(ROOT, site_dir, {"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def test_the_site_builds_with_every_language_and_document(real_site):
    for language in SETTINGS.languages:
        assert (real_site / language / "index.html").is_file()
        for document in SETTINGS.documents:
            assert (real_site / language / document / "index.html").is_file(), (language, document)


def test_every_page_names_the_organisation_and_its_address(real_site):
    home = (real_site / SETTINGS.source_language / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>[^<]*{re.escape(CONFIG.site_name)}</title>", home)
    assert f'href="{CONFIG.site_url}{SETTINGS.source_language}/"' in home
