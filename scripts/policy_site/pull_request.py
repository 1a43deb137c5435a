"""What a pull request changes, in words a reviewer can act on: which documents and versions,
which languages changed, and which translations now need work."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .sources import SiteSources
from .translation.check import TranslationResult

STATUS = {"A": "added", "M": "changed", "D": "deleted", "R": "renamed"}


def summary(changes: Iterable[tuple[str, str]], sources: SiteSources, results: Iterable[TranslationResult]) -> str:
    """Markdown for a CI job summary; `changes` are (git status letter, path) pairs."""
    touched: dict[str, dict[str, str]] = defaultdict(dict)  # 'terms/2027-01-15.md' -> {language: status}
    other: list[str] = []
    for status, path in changes:
        parts = path.split("/")
        if len(parts) >= 3 and parts[0] == "docs" and parts[1] in sources.languages:
            touched["/".join(parts[2:])][parts[1]] = STATUS.get(status[:1], status)
        else:
            other.append(f"{path} ({STATUS.get(status[:1], status)})")
    by_page = defaultdict(list)
    for result in results:
        if result.status != "up to date":
            by_page[result.path].append(f"{result.language} ({result.status})")
    lines = ["## What this pull request changes", ""]
    if not touched:
        lines.append("No document text changes.")
    else:
        lines += ["| page | what | languages changed | translations that need work |", "|---|---|---|---|"]
        for path, languages in sorted(touched.items()):
            english = languages.get(sources.source_language)
            page = sources.pages.get((sources.source_language, path))
            if english == "added" and page is not None and page.version:
                what = f"new version, in force from {page.effective_date}"
            elif english == "changed" and page is not None and page.version:
                what = "published text edited (corrections: " + str(len(page.version.corrections)) + ")"
            elif english:
                what = f"English {english}"
            else:
                what = "translations only"
            changed = ", ".join(f"{code} ({state})" for code, state in sorted(languages.items()))
            lines.append(f"| {path} | {what} | {changed} | {', '.join(by_page.get(path, [])) or 'none'} |")
    if other:
        lines += ["", "Other files: " + ", ".join(other)]
    return "\n".join(lines) + "\n"
