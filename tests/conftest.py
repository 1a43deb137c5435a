"""Shared fixtures: the site is built once per test session and read by many tests.

The generator's tests run on their own fixture site, tests/sample_site/ (the sample content, with
its own mkdocs.yml), put together with the project's templates and catalogues in a temporary
folder: they never depend on what docs/ holds. The checks of the organisation's own content
(tests/test_content.py) read docs/ and mkdocs.yml instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "sample_site"  # the fixture site: docs/ and mkdocs.yml
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_EPOCH = "1797336000"  # 2026-12-15: a fixed build date, so results do not depend on today;
# on that day the privacy policy of 2024-09-01 is in force and the one of 2027-01-01 announced.


def mkdocs_config(project: Path = SAMPLE) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def plugin_config(name: str, project: Path = SAMPLE) -> dict:
    for entry in mkdocs_config(project)["plugins"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
    raise KeyError(name)


LANGUAGES = [lang["locale"] for lang in plugin_config("i18n")["languages"]]
DOCUMENTS = plugin_config("policy_site")["documents"]
SOURCE_LANGUAGE = plugin_config("policy_site")["source_language"]
SITE_URL = mkdocs_config()["site_url"]


# One store of rendered PDFs for the whole session, empty at its start: the first build renders
# every PDF (as a cold build does), the others reuse what is the same.
PDF_STORE = Path(tempfile.mkdtemp(prefix="policy-site-pdf-store-"))
# Likewise check results: a planted mistake is another text, so it is always checked anew.
CHECK_STORE = Path(tempfile.mkdtemp(prefix="policy-site-check-store-"))


def run_build(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None):
    # three processes whatever the machine's cores: every build test takes the parallel path
    # (sources checked and languages built in children); tests/test_parallel_build.py the other
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "POLICY_SITE_PDF_STORE": str(PDF_STORE), "POLICY_SITE_CHECK_STORE": str(CHECK_STORE),
           "POLICY_SITE_BUILD_PROCESSES": "3"}
    env.pop("POLICY_SITE_ONLY_LANGUAGE", None)
    env.pop("GIT_DIR", None)
    env.update(extra_env or {})
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def assemble(target: Path, content: Path = SAMPLE) -> Path:
    """A project in `target`: the content's docs/ and mkdocs.yml with this project's templates
    and interface catalogues."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content / "docs", target / "docs")
    shutil.copy(content / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("locales", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> Path:
    """The fixture site, assembled once; tests only read it (plant mistakes in project_copy)."""
    return assemble(tmp_path_factory.mktemp("sample") / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory, sample_project) -> Path:
    """The whole fixture site, built once with the strict settings of the real build."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(sample_project, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


LAGGING_DATE = "2099-06-01"


@pytest.fixture(scope="session")
def lagging_site(tmp_path_factory) -> Path:
    """The fixture site with a new version of its first document in force before any of its
    translations is done (new-version, recorded while announced, built after its date): every
    translation of it shows the English text with a notice."""
    project = assemble(tmp_path_factory.mktemp("lagging") / "project")
    document, command = DOCUMENTS[0], [sys.executable, "-m", "policy_site.cli", "-f", str(project / "mkdocs.yml")]
    started = subprocess.run([*command, "new-version", document, "--effective", LAGGING_DATE, "--announced", "2099-04-01"],
                             cwd=project, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    english = project / "docs" / SOURCE_LANGUAGE / document / f"{LAGGING_DATE}.md"
    english.write_text(re.sub(r'summary: "TODO:[^"]*"', "summary: Clarifies the first clause.",
                              english.read_text(encoding="utf-8")), encoding="utf-8")
    recorded = subprocess.run([*command, "record"], cwd=project, capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": epoch("2099-05-15")})
    assert recorded.returncode == 0, recorded.stderr
    site_dir = tmp_path_factory.mktemp("lagging-site")
    built = run_build(project, site_dir, {"SOURCE_DATE_EPOCH": epoch("2099-07-01")})
    assert built.returncode == 0, built.stderr
    return site_dir


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built HTML page, parsed once: {'fr/privacy/index.html': soup}."""
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the fixture site, to plant mistakes in."""
    return assemble(tmp_path / "project")


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for midday UTC of an ISO date."""
    import datetime as dt

    moment = dt.datetime.fromisoformat(day + "T12:00:00+00:00")
    return str(int(moment.timestamp()))


def site_pages(language: str):
    """Every page the site has in one language, as of the fixed build date."""
    import datetime as dt

    from policy_site.site_map import language_pages
    from policy_site.sources import load_sources
    from policy_site.versions.timeline import timeline

    sources = load_sources(SAMPLE / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    day = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone.utc).date()
    timelines = {name: timeline(sources.versions(SOURCE_LANGUAGE, name), day) for name in DOCUMENTS}
    return language_pages(sources, language, timelines)


# The tiers a reader can run apart: `unit` (rules, no site built: scripts/test --fast),
# `build` (a fixture site or a copy of it, built or checked), `browser` (headless Chromium).
PROJECT_FIXTURES = {"site", "pages", "sample_project", "project_copy", "lagging_site", "sub_path_site", "host", "real_site",
                    "adopted", "adopted_site"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser") or item.module.__name__ == "test_browser":
            item.add_marker(pytest.mark.browser)
        elif item.get_closest_marker("build") or PROJECT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)
