"""The pull request summary: which documents, versions and languages a branch changes."""

from __future__ import annotations

import subprocess
import sys

from conftest import epoch


def git(project, *args):
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                          cwd=project, check=True, capture_output=True, text=True)


def test_the_summary_names_the_new_version_and_the_translations_it_needs(project_copy):
    git(project_copy, "init", "-q", "-b", "main")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "published")
    git(project_copy, "checkout", "-qb", "amendment")
    cli = [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml")]
    created = subprocess.run([*cli, "new-version", "terms", "--effective", "2027-06-01", "--announced", "2027-04-01"],
                             cwd=project_copy, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    english = project_copy / "docs/en/terms/2027-06-01.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        'summary: "TODO: say in one or two sentences what this version changes."', "summary: Longer refunds.").replace(
        "within 14 days of payment", "within 30 days of payment"), encoding="utf-8")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "amendment")
    result = subprocess.run([*cli, "changes", "--base", "main"], cwd=project_copy, capture_output=True, text=True,
                            env={"SOURCE_DATE_EPOCH": epoch("2027-04-02"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| terms/2027-06-01.md"))
    assert "new version, in force from 2027-06-01" in row
    assert "en (added)" in row and "fr (added)" in row
    assert "fr (stale)" in row and "tr (stale)" in row
