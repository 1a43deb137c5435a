"""`scripts/build serve`: MkDocs keeps this project's plugin from one rebuild to the next, so each
rebuild must read the sources again; a preview that kept the first build's texts would show an
editor none of their edits."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from conftest import BUILD_EPOCH, CHECK_STORE, DOCUMENTS, LANGUAGES, SOURCE_LANGUAGE
from policy_site.reload_timing import clause_line

# Two builds in one process with a save between them, as `mkdocs serve` rebuilds after a save:
# one plugin object (MkDocs' plugin cache), a configuration read again for each build.
SERVE_AND_SAVE = """
import subprocess
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

saved, old, new, site = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
first = load_config("mkdocs.yml", site_dir=site, strict=True)
first.plugins.on_startup(command="serve", dirty=False)
build(first, serve_url="http://127.0.0.1:8000/")
saved.write_text(saved.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
if sys.argv[5:] == ["record"]:  # an editor's correction of a published text, recorded
    subprocess.run([sys.executable, "-m", "policy_site.cli", "record"], check=True, capture_output=True)
build(load_config("mkdocs.yml", site_dir=site, strict=True), serve_url="http://127.0.0.1:8000/")
"""
BUILD_ONCE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
"""


def test_a_rebuild_of_the_preview_shows_what_was_saved_since_the_last(project_copy, tmp_path):
    home = project_copy / "docs" / SOURCE_LANGUAGE / "index.md"
    text = home.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    old_title = title_line.split(":", 1)[1].strip().strip('"')
    new_title = old_title + " (saved again)"
    site = tmp_path / "preview"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "POLICY_SITE_CHECK_STORE": str(CHECK_STORE), "POLICY_SITE_ONLY_LANGUAGE": SOURCE_LANGUAGE}
    done = subprocess.run([sys.executable, "-c", SERVE_AND_SAVE, str(home), old_title, new_title, str(site)],
                          cwd=project_copy, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert new_title in home.read_text(encoding="utf-8")
    # the language chooser at the root is made from the sources the plugin read
    chooser = (site / "index.html").read_text(encoding="utf-8")
    assert new_title in chooser and f">{old_title}<" not in chooser
    assert new_title in (site / SOURCE_LANGUAGE / "index.html").read_text(encoding="utf-8")


def same_sites(first, rebuilt) -> list[str]:
    """The files of `first` that `rebuilt` lacks or writes otherwise (and what it has more)."""
    written = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    also = {p.relative_to(rebuilt).as_posix() for p in rebuilt.rglob("*") if p.is_file()}
    return sorted((written ^ also) | {name for name in written & also
                                      if (first / name).read_bytes() != (rebuilt / name).read_bytes()})


def rebuilt_and_first(project, tmp_path, language, saved, old, new, *extra):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "POLICY_SITE_CHECK_STORE": str(CHECK_STORE), "POLICY_SITE_ONLY_LANGUAGE": language or ""}
    if language is None:  # every language, as `scripts/build serve` previews by default
        env.pop("POLICY_SITE_ONLY_LANGUAGE")
    rebuilt, first = tmp_path / "rebuilt", tmp_path / "first"
    done = subprocess.run([sys.executable, "-c", SERVE_AND_SAVE, str(saved), old, new, str(rebuilt), *extra],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert new in saved.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", BUILD_ONCE, str(first)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return rebuilt, first


@pytest.mark.parametrize("language", [SOURCE_LANGUAGE, next(code for code in LANGUAGES if code != SOURCE_LANGUAGE), None])
def test_a_rebuild_after_a_correction_is_the_site_a_first_build_of_the_corrected_sources_makes(
        project_copy, tmp_path, language):
    """A rebuild reuses what the last one made of the pages a save left alone (their Markdown's
    conversion, their template's output): what it writes must be, byte for byte, what a first
    build writes. A correction of the English text also makes its translations lag behind."""
    document = DOCUMENTS[0]
    text = sorted((project_copy / "docs" / SOURCE_LANGUAGE / document).glob("*.md"))[-1]  # its latest version
    original = text.read_text(encoding="utf-8")
    clause = original.split("\n")[clause_line(original)]
    corrected = clause.rstrip() + " Corrected."
    day = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone.utc).date().isoformat()
    entry = f"  - date: {day}\n    summary: Clause wording.\n"
    facts_end = original.index("\n---", 3) + 1
    text.write_text(original.replace("\ncorrections:\n", "\ncorrections:\n" + entry, 1) if "\ncorrections:\n" in original[:facts_end]
                    else original[:facts_end] + "corrections:\n" + entry + original[facts_end:], encoding="utf-8")
    rebuilt, first = rebuilt_and_first(project_copy, tmp_path, language, text, clause, corrected, "record")
    assert same_sites(first, rebuilt) == []
    if language == SOURCE_LANGUAGE:
        page = rebuilt / language / document / text.stem / "index.html"
        assert " Corrected." in page.read_text(encoding="utf-8")


def test_a_rebuild_after_a_template_is_saved_is_the_site_a_first_build_makes(project_copy, tmp_path):
    template = project_copy / "overrides" / "partials" / "version-facts.html"
    old = '<div class="policy-facts">'
    rebuilt, first = rebuilt_and_first(project_copy, tmp_path, SOURCE_LANGUAGE, template, old,
                                       '<div class="policy-facts" data-saved="again">')
    assert same_sites(first, rebuilt) == []
    assert 'data-saved="again"' in (rebuilt / SOURCE_LANGUAGE / DOCUMENTS[0] / "index.html").read_text(encoding="utf-8")
