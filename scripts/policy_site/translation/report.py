"""The translation report for people: a table of every translation's status, then the findings.

The whole report goes to a file (the pull request's artifact); the job summary, which GitHub
refuses above 1 MiB, gets the table and only the first findings of each file.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from .check import TranslationResult

FIRST_FINDINGS = 3  # per file, in the job summary
SUMMARY_LIMIT = 200_000  # characters: far below GitHub's 1 MiB for a job summary


def status_table(results: Sequence[TranslationResult], languages: Sequence[str], paths: Sequence[str]) -> str:
    """Markdown table, language x page, for a terminal or a CI job summary."""
    by_key = {(r.language, r.path): r for r in results}
    lines = ["| language | " + " | ".join(paths) + " |", "|---|" + "---|" * len(paths)]
    for language in languages:
        cells = []
        for path in paths:
            result = by_key[(language, path)]
            cells.append({
                "up to date": "up to date",
                "stale": "stale",
                "mismatched": f"**mismatched** ({len(result.mismatches)})",
            }[result.status])
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def full_report(results: Sequence[TranslationResult], languages: Sequence[str], paths: Sequence[str]) -> str:
    table = status_table(results, languages, paths)
    details = "\n\n".join(r.report() for r in results if r.status != "up to date")
    return table + ("\n\n## Details\n\n```\n" + details + "\n```\n" if details else "\n")


def bounded_summary(results: Sequence[TranslationResult], languages: Sequence[str], paths: Sequence[str],
                    first: int = FIRST_FINDINGS, limit: int = SUMMARY_LIMIT) -> str:
    """The table, counts, and each file's first findings, never longer than `limit`."""
    lagging = [r for r in results if r.status != "up to date"]
    mismatched = sum(1 for r in lagging if r.status == "mismatched")
    head = (status_table(results, languages, paths) + f"\n\n{mismatched} mismatched, {len(lagging) - mismatched} "
            f"stale, {len(results) - len(lagging)} up to date. The whole report is the job's artifact.\n")
    parts: list[str] = []
    used = len(head) + 100
    for result in lagging:
        shown = first_of(result, first)
        text = shown.report() + (f"\n... and {len(result.mismatches) - first} more findings in this file"
                                 if len(result.mismatches) > first else "")
        if used + len(text) > limit:
            parts.append(f"... and {len(lagging) - len(parts)} more files: see the artifact")
            break
        parts.append(text)
        used += len(text) + 2
    return head + ("\n## First findings\n\n```\n" + "\n\n".join(parts) + "\n```\n" if parts else "")


def first_of(result: TranslationResult, first: int) -> TranslationResult:
    """The result with only its first findings, and the start of the English changes."""
    return dataclasses.replace(result, mismatches=result.mismatches[:first],
                               english_changes=result.english_changes[:2000])
