"""Starting a new version of a document: the same text in every language, ready to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..sources import PLACEHOLDER_SUMMARY, SiteSources


class NewVersionError(ValueError):
    pass


def new_front_matter(text: str, effective: dt.date, announced: dt.date | None) -> str:
    """The latest version's file with the new version's facts: dates, a summary to write, no
    corrections. A translation keeps its pin: its English text has changed (the summary at
    least), so it shows as needing an update, with the English changes to make."""
    head, fence, body = text.partition("\n---\n")
    lines = []
    skipping = False
    for line in head.split("\n"):
        key = line.split(":", 1)[0] if line and not line.startswith((" ", "-")) else None
        if key is not None:
            skipping = key in ("corrections", "announced", "short_notice")
        if skipping:
            continue
        if key == "effective_date":
            lines.append(f"effective_date: {effective.isoformat()}")
            if announced is not None:
                lines.append(f"announced: {announced.isoformat()}")
        elif key == "summary":
            lines.append(f'summary: "{PLACEHOLDER_SUMMARY}"')
        else:
            lines.append(line)
    return "\n".join(lines) + fence + body


def start_version(
    docs_dir: Path, sources: SiteSources, document: str, effective: dt.date, announced: dt.date | None
) -> list[str]:
    """Create docs/<language>/<document>/<effective>.md in every language; return their paths,
    English first."""
    latest = sources.versions(sources.source_language, document)[-1]
    if effective <= latest.effective_date:
        raise NewVersionError(
            f"The latest version of {document} takes effect on {latest.effective_date}; a new version "
            f"must take effect later than that (got {effective})."
        )
    if announced is not None and announced > effective:
        raise NewVersionError(f"--announced {announced} is after --effective {effective}.")
    created = []
    for language in [sources.source_language, *[l for l in sources.languages if l != sources.source_language]]:
        source = docs_dir / language / latest.path
        target = docs_dir / language / document / f"{effective.isoformat()}.md"
        if target.exists():
            raise NewVersionError(f"{target} already exists.")
        text = new_front_matter(source.read_text(encoding="utf-8"), effective, announced)
        target.write_text(text, encoding="utf-8")
        created.append(f"docs/{language}/{document}/{effective.isoformat()}.md")
    return created

