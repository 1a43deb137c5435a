"""Bad input stops the real build with the file and what to do, and publishes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import LANGUAGES, SOURCE_LANGUAGE, run_build


def build_fails(project: Path) -> str:
    site_dir = project / "published"
    site_dir.mkdir()
    (site_dir / "keep.html").write_text("the previous site", encoding="utf-8")
    result = run_build(project, site_dir)
    assert result.returncode != 0
    # nothing half-built: the previous output is untouched
    assert [p.name for p in site_dir.iterdir()] == ["keep.html"]
    return result.stdout + result.stderr


def test_invalid_front_matter_names_file_and_line(project_copy):
    path = project_copy / "docs" / "de" / "terms" / "2018-05-25.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    output = build_fails(project_copy)
    assert "docs/de/terms/2018-05-25.md:3: front matter is not valid YAML" in output


def test_document_missing_in_one_language_and_stray_file(project_copy):
    (project_copy / "docs" / "sv" / "privacy" / "2024-09-01.md").unlink()
    (project_copy / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    output = build_fails(project_copy)
    assert "docs/sv/privacy/2024-09-01.md: is missing: docs/en/privacy/2024-09-01.md has no sv translation." in output
    assert "docs/notes.md: is outside a language folder." in output
    assert "docs/sv/privacy/2024-09-01.md: is a published version, recorded in docs/published.yml, and its file is gone" in output
    assert "3 problems in the sources; nothing was built" in output


def test_language_configured_without_content(project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        - {locale: tr, name: tr}\n", "        - {locale: tr, name: tr}\n        - {locale: pl, name: pl}\n"),
        encoding="utf-8")
    output = build_fails(project_copy)
    assert "docs/pl/: has no content, but 'pl' is a configured language." in output


def test_broken_link_fails_the_strict_build(project_copy):
    path = project_copy / "docs" / "it" / "index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[Privacy](privaci/index.md)\n", encoding="utf-8")
    result = run_build(project_copy, project_copy / "out")
    assert result.returncode != 0
    assert "privaci/index.md" in result.stdout + result.stderr


def test_check_results_kept_from_a_build_never_hide_a_mistake_planted_after_it(project_copy, tmp_path):
    store = {"POLICY_SITE_CHECK_STORE": str(tmp_path / "checks"), "POLICY_SITE_ONLY_LANGUAGE": "en"}
    first = run_build(project_copy, tmp_path / "first", store)
    assert first.returncode == 0, first.stderr
    kept = set((tmp_path / "checks").glob("*.pack"))
    assert kept  # the results were kept
    language = next(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
    path = sorted((project_copy / "docs" / language).glob("*/*.md"))[0]  # a translated version
    path.write_text(path.read_text(encoding="utf-8").replace("\n# ", "\n<script>alert(1)</script>\n\n# ", 1), encoding="utf-8")
    store["POLICY_SITE_BUILD_PROCESSES"] = "1"  # checked in this process, which then stops
    second = run_build(project_copy, tmp_path / "second", store)
    assert second.returncode == 1
    assert path.relative_to(project_copy).as_posix() in second.stderr and "<script>" in second.stderr
    assert set((tmp_path / "checks").glob("*.pack")) > kept  # what the failed build checked is kept too
