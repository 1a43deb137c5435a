"""The adoption scenario, end to end, on a temporary copy of the repository: another organisation
runs `policy-site init`, imports its past versions from plain Markdown (a table, a loose list, a
byte-order mark, CR LF line endings, no anchors), schedules a new document's first version with
an announcement, and then `check`, strict builds (today, and before two of its documents
existed) and the content tests all pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SAMPLE, epoch, run_build

TODAY = epoch("2026-12-15")  # every command runs as of this day, so the scenario never ages
ORGANISATION = "Acme Cloud GmbH"
SITE_URL = "https://legal.acme.example/"


def crlf_with_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


# What an organisation has before it adopts the generator: exports of its published texts.
PRIVACY_2021_EN = """# Privacy Policy

Acme Cloud GmbH runs the service.

## What we collect

We collect:

- your e-mail address,

- the times you sign in.

## How long we keep it

| Data | Kept for |
|---|---|
| Account | 30 days after closing |
| Logs | 14 days |

## Contact

Write to privacy@acme.example.
"""
PRIVACY_2021_DE = """---
summary: Erste veröffentlichte Fassung.
---
# Datenschutzerklärung

Die Acme Cloud GmbH betreibt den Dienst.

## Welche Daten wir erheben

Wir erheben:

- Ihre E-Mail-Adresse,

- die Zeitpunkte Ihrer Anmeldung.

## Wie lange wir sie speichern

| Daten | Aufbewahrung |
|---|---|
| Konto | 30 Tage nach der Schließung |
| Protokolle | 14 Tage |

## Kontakt

Schreiben Sie an privacy@acme.example.
"""
PRIVACY_2023_EN = PRIVACY_2021_EN.replace("- the times you sign in.", "- the times you sign in,\n\n- the country you sign in from.").replace("| 14 days |", "| 7 days |")
PRIVACY_2023_FR = """---
summary: Nous conservons les journaux 7 jours au lieu de 14 et enregistrons le pays de connexion.
---
# Politique de confidentialité

Acme Cloud GmbH exploite le service.

## Ce que nous collectons

Nous collectons :

- votre adresse électronique,

- les heures de vos connexions,

- le pays depuis lequel vous vous connectez.

## Combien de temps nous les conservons

| Données | Durée de conservation |
|---|---|
| Compte | 30 jours après sa clôture |
| Journaux | 7 jours |

## Contact

Écrivez à privacy@acme.example.
"""
TERMS_2022_EN = """# Terms of Use

These terms apply to the Acme Cloud service.

## Your account

1. You keep your password secret.

2. You tell us at once if someone else uses your account.

## Ending the contract

Either party may end the contract with 30 days' notice. Our [privacy policy](../privacy/index.md) applies.
"""
COOKIES_2027_EN = """---
title: Cookie Policy
---
# Cookie Policy

We use only the cookies the service needs.

## Cookies we set

| Cookie | Purpose | Lifetime |
|---|---|---|
| session | keeps you signed in | until you sign out |
| lang | remembers your language | 1 year |

## Your choices

You can delete cookies in your browser at any time. Our [terms](../terms/index.md) apply.
"""


def policy_site(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "policy_site.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def repository_copy(target: Path) -> Path:
    """What a newcomer clones: the sample as the site's content, the templates, the catalogues
    and the content tests, committed in git (init refuses to run over uncommitted changes)."""
    target.mkdir(parents=True)
    shutil.copytree(SAMPLE / "docs", target / "docs")
    shutil.copy(SAMPLE / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("locales", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(SAMPLE, target / "tests" / "sample_site")
    for name in ("conftest.py", "test_content.py"):
        shutil.copy(ROOT / "tests" / name, target / "tests" / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the sample"]):
        subprocess.run(git + command, cwd=target, check=True, capture_output=True)
    return target


@pytest.fixture(scope="session")
def adopted(tmp_path_factory) -> dict:
    """The scenario played once: the project, each command's output, and the inputs' folder."""
    base = tmp_path_factory.mktemp("adoption")
    project = repository_copy(base / "acme")
    old = base / "old"
    old.mkdir()
    inputs = {
        "privacy-2021-en.md": crlf_with_bom(PRIVACY_2021_EN),
        "privacy-2021-de.md": crlf_with_bom(PRIVACY_2021_DE),
        "privacy-2023-en.md": PRIVACY_2023_EN.encode("utf-8"),
        "privacy-2023-fr.md": crlf_with_bom(PRIVACY_2023_FR),
        "terms-2022-en.md": crlf_with_bom(TERMS_2022_EN),
        "cookies-2027-en.md": COOKIES_2027_EN.encode("utf-8"),
    }
    for name, data in inputs.items():
        (old / name).write_bytes(data)
    steps = [
        ("init", "--organisation", ORGANISATION, "--site-url", SITE_URL,
         "--languages", "en,de,fr,es", "--documents", "privacy,terms,cookies"),
        ("import-version", "privacy", "--effective", "2021-03-01", "--summary", "First published version.",
         f"en={old / 'privacy-2021-en.md'}", f"de={old / 'privacy-2021-de.md'}"),
        ("import-version", "privacy", "--effective", "2023-06-15", "--announced", "2023-05-15",
         "--summary", "Logs are kept 7 days instead of 14, and we record the country you sign in from.",
         f"en={old / 'privacy-2023-en.md'}", f"fr={old / 'privacy-2023-fr.md'}"),
        ("import-version", "terms", "--effective", "2022-01-10", "--summary", "First published version.",
         f"en={old / 'terms-2022-en.md'}"),
        ("import-version", "cookies", "--effective", "2027-02-01", "--announced", "2026-12-01",
         "--summary", "Our first cookie policy.", f"en={old / 'cookies-2027-en.md'}"),
    ]
    outputs = []
    for step in steps:
        result = policy_site(project, *step)
        assert result.returncode == 0, f"{' '.join(step[:2])} failed:\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)
    return {"project": project, "outputs": outputs, "old": old}


@pytest.fixture(scope="session")
def adopted_site(adopted, tmp_path_factory) -> dict[str, BeautifulSoup]:
    site_dir = tmp_path_factory.mktemp("adopted-site")
    result = run_build(adopted["project"], site_dir, {"SOURCE_DATE_EPOCH": TODAY})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    pages = {path.relative_to(site_dir).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             for path in site_dir.rglob("*.html")}
    pages["site_dir"] = site_dir
    return pages


def test_init_says_what_comes_next(adopted):
    said = adopted["outputs"][0]
    assert said.startswith(f"{ORGANISATION}: mkdocs.yml set")
    for name in ("privacy", "terms", "cookies"):
        assert f"policy-site import-version {name} --effective" in said


def test_imports_write_clean_files_with_the_same_anchors_in_every_language(adopted):
    docs = adopted["project"] / "docs"
    german = (docs / "de" / "privacy" / "2021-03-01.md").read_bytes()
    assert not german.startswith(b"\xef\xbb\xbf") and b"\r" not in german
    ids = {code: re.findall(r"\{#([\w-]+)\}", (docs / code / "privacy" / "2021-03-01.md").read_text(encoding="utf-8"))
           for code in ("en", "de", "fr", "es")}
    assert ids["en"] == ids["de"] == ids["fr"] == ids["es"]
    assert "how-long-we-keep-it-account" in ids["en"] and "what-we-collect-2" in ids["en"]
    assert "Not yet translated" in adopted["outputs"][3] and "docs/de/terms/2022-01-10.md" in adopted["outputs"][3]


def test_the_check_finds_no_problem(adopted):
    result = policy_site(adopted["project"], "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found" in result.stdout


def test_nothing_of_the_sample_organisation_is_built(adopted_site, adopted):
    sample_name = re.search(r"^site_name:\s*(.+)$", (SAMPLE / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    site_dir = adopted_site["site_dir"]
    leftovers = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                 if path.is_file() and path.suffix in (".html", ".xml", ".json", ".md")
                 and sample_name.strip() in path.read_text(encoding="utf-8", errors="replace")]
    assert leftovers == []
    home = adopted_site["de/index.html"]
    assert home.title.get_text().endswith(ORGANISATION)
    assert f"© {ORGANISATION}" in home.select_one(".md-copyright").get_text()


def test_a_scheduled_first_version_is_announced_and_linked(adopted_site):
    cookies = adopted_site["en/cookies/index.html"]
    assert "takes effect" in cookies.select_one("article").get_text().lower()
    home = adopted_site["en/index.html"]
    listed = [li for li in home.select(".policy-documents li") if "Cookie Policy" in li.get_text()]
    assert listed and "Takes effect on" in listed[0].get_text()
    feed = (adopted_site["site_dir"] / "en" / "feed.xml").read_text(encoding="utf-8")
    assert "Cookie Policy" in feed
    links = adopted_site["en/cookies/2027-02-01/index.html"].select("article a[href*='terms']")
    assert links and links[0]["href"].startswith("../../terms/")


def test_real_markdown_renders_as_clauses(adopted_site):
    page = adopted_site["de/privacy/2021-03-01/index.html"]
    assert page.select_one("tr#how-long-we-keep-it-logs") is not None
    assert page.select_one("li#what-we-collect-2") is not None
    changes = adopted_site["en/privacy/2023-06-15/changes/index.html"]
    assert [t.get_text() for t in changes.select("#how-long-we-keep-it-logs del, #how-long-we-keep-it-logs ins")] \
        == ["Removed: 14", "Added: 7"]


def test_titles_shown_in_english_are_marked_english(adopted_site):
    page = adopted_site["fr/cookies/index.html"]
    untranslated = [element for element in page.find_all(string=re.compile("Terms of Use|Cookie Policy"))
                    if element.parent.name != "title"]
    assert untranslated
    for text in untranslated:
        assert text.find_parent(attrs={"lang": "en"}) is not None, text.parent
    home = adopted_site["de/index.html"]
    assert home.select_one(".policy-documents a[lang='en']").get_text() == "Privacy Policy"  # 2023 is English


def test_the_site_builds_before_two_of_its_documents_existed(adopted, tmp_path):
    result = run_build(adopted["project"], tmp_path / "site", {"SOURCE_DATE_EPOCH": epoch("2021-06-01")})
    assert result.returncode == 0, result.stdout + result.stderr
    terms = BeautifulSoup((tmp_path / "site" / "en" / "terms" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Takes effect on January 10, 2022." in terms.select_one("article").get_text()


def test_a_translation_with_another_structure_is_refused_whole(adopted):
    project, old = adopted["project"], adopted["old"]
    (old / "broken-de.md").write_bytes(crlf_with_bom(PRIVACY_2021_DE.replace("| Protokolle | 14 Tage |\n", "")))
    result = policy_site(project, "import-version", "privacy", "--effective", "2025-01-01", "--summary", "x",
                         f"en={old / 'privacy-2021-en.md'}", f"de={old / 'broken-de.md'}")
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr and "broken-de.md" in result.stderr
    # the German file's line counts its front matter: Kontakt is on line 22 of broken-de.md
    assert ("broken-de.md:22: has a heading 'Kontakt' (h2) where " f"{old / 'privacy-2021-en.md'}:18 has a table row 'Logs'."
            in result.stderr)
    assert not list((project / "docs").rglob("2025-01-01.md"))


def test_the_content_tests_pass_on_the_adopted_site(adopted):
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py"],
                            cwd=adopted["project"], env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and "skipped" not in result.stdout
