"""Every check of the sources in one run: what the build runs first, and `policy-site check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from ..sources import SiteSources, read_sources
from ..versions import integrity
from . import editorial


@dataclass(frozen=True)
class SiteSettings:
    """What mkdocs.yml says about the sources."""

    docs_dir: Path
    languages: tuple[str, ...]
    source_language: str
    documents: tuple[str, ...]
    notice_days: int = 30
    notice_days_per_document: dict[str, int] = field(default_factory=dict)


def check_site(settings: SiteSettings, build_day: dt.date) -> tuple[SiteSources, list[Problem]]:
    """The sources that could be read, and every problem found in them."""
    sources, problems = read_sources(
        settings.docs_dir, settings.languages, settings.source_language, settings.documents
    )
    for page in sources.pages.values():
        problems += editorial.unsafe_html(page)
    problems += editorial.broken_links(sources, build_day)
    problems += editorial.notice_periods(sources, settings.notice_days, settings.notice_days_per_document)
    record = integrity.read_record(settings.docs_dir / integrity.RECORD_FILE)
    problems += editorial.past_new_versions(sources, record, build_day)
    problems += integrity.integrity_problems(sources, record, settings.docs_dir)
    return sources, sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
