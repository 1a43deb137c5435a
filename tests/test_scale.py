"""The synthetic site of `scripts/benchmark --scale`: what it grows, and that it builds."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from conftest import LANGUAGES, ROOT, SAMPLE, epoch, run_build
from policy_site.scale import grow_project, stock_material_project, version_dates, with_facts, without_pdf_copies

VERSION = """---
document: privacy
title: Privacy policy
effective_date: 2024-09-01
announced: 2024-07-15
change: editorial
summary: Adds section 12.
corrections:
  - date: 2026-11-29
    summary: Clause 1.4.
translated_from: e4fda13ac74f
---

# Privacy policy {#privacy-policy}
"""


def test_versions_are_a_season_apart():
    days = version_dates(5)
    assert len(days) == 5 and len(set(days)) == 5
    assert {(b - a).days for a, b in zip(days, days[1:])} == {91}


def test_a_grown_version_gets_its_document_and_dates_and_loses_its_corrections():
    later = with_facts(VERSION, "privacy-2", dt.date(2005, 3, 1), first=False)
    assert "document: privacy-2\n" in later and "effective_date: 2005-03-01\nannounced: 2005-01-30\n" in later
    assert "corrections" not in later and "2026-11-29" not in later
    assert "change: material" in later and "translated_from: e4fda13ac74f" in later
    assert later.endswith("# Privacy policy {#privacy-policy}\n")
    first = with_facts(VERSION, "privacy-2", dt.date(2004, 1, 1), first=True)
    assert "announced" not in first


def test_a_grown_project_has_every_version_of_every_document_in_every_language(tmp_path):
    names = grow_project(SAMPLE, tmp_path / "grown", 3, 4, templates=ROOT)
    config = (tmp_path / "grown" / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^ +documents: \[" + re.escape(", ".join(names)) + r"\]$", config)
    assert len(names) == 3 and len(set(names)) == 3
    for language in LANGUAGES:
        for name in names:
            assert len(list((tmp_path / "grown" / "docs" / language / name).glob("*.md"))) == 4, (language, name)
    assert (tmp_path / "grown" / "overrides").is_dir() and (tmp_path / "grown" / "locales").is_dir()


def test_pdf_copies_are_turned_off_whether_or_not_the_setting_is_written():
    assert without_pdf_copies("plugins:\n  - policy_site:\n      pdf_copies: true\n") == \
        "plugins:\n  - policy_site:\n      pdf_copies: false\n"
    assert without_pdf_copies("plugins:\n  - policy_site:\n      documents: [a]\n") == \
        "plugins:\n  - policy_site:\n      pdf_copies: false\n      documents: [a]\n"


def test_stock_material_gets_as_many_pages_without_our_markup(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(VERSION + "\n## 1. Data {#data}\n", encoding="utf-8")
    stock_material_project([page], tmp_path / "stock", 7)
    written = sorted((tmp_path / "stock" / "docs").glob("*.md"))
    assert len(written) == 7
    config = (tmp_path / "stock" / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("  - page-") == 7 and "not_in_nav" in config  # a short navigation, as ours
    assert "{#" not in written[0].read_text(encoding="utf-8") and "effective_date" not in written[0].read_text(encoding="utf-8")


def test_a_grown_site_builds(tmp_path):
    grown = tmp_path / "grown"
    grow_project(SAMPLE, grown, 3, 3, templates=ROOT)
    recorded = subprocess.run([sys.executable, "-m", "policy_site.cli", "record"], cwd=grown,
                              capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": epoch("2000-01-01"), "PATH": "/usr/bin:/bin"})
    assert recorded.returncode == 0, recorded.stderr
    config = grown / "mkdocs.yml"
    config.write_text(without_pdf_copies(config.read_text(encoding="utf-8")), encoding="utf-8")
    built = run_build(grown, tmp_path / "out", {"SOURCE_DATE_EPOCH": epoch("2026-12-01"), "POLICY_SITE_ONLY_LANGUAGE": "en"})
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out" / "en").glob("*/20*/index.html"))) == 9
