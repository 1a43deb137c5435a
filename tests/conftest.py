"""Shared fixtures: the site is built once per test session and read by many tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_EPOCH = "1797336000"  # 2026-12-15: a fixed build date, so results do not depend on today;
# on that day the privacy policy of 2024-09-01 is in force and the one of 2027-01-01 announced.


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def plugin_config(name: str) -> dict:
    for entry in mkdocs_config()["plugins"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
    raise KeyError(name)


LANGUAGES = [lang["locale"] for lang in plugin_config("i18n")["languages"]]
DOCUMENTS = plugin_config("policy_site")["documents"]
SOURCE_LANGUAGE = plugin_config("policy_site")["source_language"]
SITE_URL = mkdocs_config()["site_url"]


def run_build(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("POLICY_SITE_ONLY_LANGUAGE", None)
    env.pop("GIT_DIR", None)
    env.update(extra_env or {})
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once with the strict settings of the real build."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
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
    """A throw-away copy of the project's sources, to plant mistakes in."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("docs", "locales", "overrides"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


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

    sources = load_sources(ROOT / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    day = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone.utc).date()
    timelines = {name: timeline(sources.versions(SOURCE_LANGUAGE, name), day) for name in DOCUMENTS}
    return language_pages(sources, language, timelines)
