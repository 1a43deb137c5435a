"""Every check of the sources in one run: what the build runs first, and `policy-site check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .. import catalogues, languages, open_data
from ..parallel import in_order
from ..problems import Problem
from ..sources import SiteSources, read_sources
from ..versions import integrity
from ..translation import outline
from . import allowed_content, editorial, files
from .results import NoResults, ResultStore, cached_findings


@dataclass(frozen=True)
class SiteSettings:
    """What mkdocs.yml says about the sources."""

    docs_dir: Path
    languages: tuple[str, ...]
    source_language: str
    documents: tuple[str, ...]
    notice_days: int = 30
    notice_days_per_document: dict[str, int] = field(default_factory=dict)
    locales_dir: Path | None = None  # the interface catalogues; None: not checked
    overrides_dir: Path | None = None  # the templates (the theme's custom_dir); None: not checked
    terms_types: dict[str, str] = field(default_factory=dict)  # document -> Open Terms Archive type
    markdown_extensions: tuple[str, ...] | None = None  # what the pages are rendered with; None: not checked


def markdown_problems(settings: SiteSettings) -> list[Problem]:
    """An extension the pages are rendered with that the checks do not render with: the site
    would publish HTML that neither the allow-list nor the translation check has seen."""
    unread = [name for name in settings.markdown_extensions or () if name not in outline.EXTENSIONS]
    return [Problem(
        "mkdocs.yml", None, f"markdown_extensions lists {name}, which the checks do not render with: "
        "the site would publish what no check has read.",
        f"Remove {name} from markdown_extensions; to support it, add it to EXTENSIONS in "
        "scripts/policy_site/translation/outline.py and the HTML it makes to checks/allowed_content.py, with tests.",
    ) for name in unread]


def language_problems(settings: SiteSettings) -> list[Problem]:
    """Languages the site cannot localise: a code CLDR does not know, or no interface catalogue."""
    problems = []
    for code in settings.languages:
        if not languages.is_known_language(code):
            problems.append(Problem(
                "mkdocs.yml", None, f"'{code}' in the i18n plugin's languages is not a language code.",
                "Use an ISO 639-1 code such as 'fr' (or a CLDR code such as 'pt_BR').",
            ))
        elif settings.locales_dir is not None and not catalogues.catalogue_path(settings.locales_dir, code).is_file():
            problems.append(Problem(
                catalogues.catalogue_path(settings.locales_dir, code).relative_to(settings.locales_dir.parent).as_posix(),
                None, f"is missing: '{code}' has no interface catalogue, so its pages would have no words.",
                f"Run `policy-site add-language {code}`, then translate the empty entries of that file.",
            ))
    return problems


def site_settings(config: Any) -> SiteSettings:
    """What a loaded mkdocs.yml (MkDocs' config object) says about the sources, for the build
    and for `policy-site` alike."""
    policy = config.plugins["policy_site"].config
    return SiteSettings(
        docs_dir=Path(config.docs_dir),
        languages=tuple(lang.locale for lang in config.plugins["i18n"].config.languages),
        source_language=policy.source_language,
        documents=tuple(policy.documents),
        notice_days=policy.notice_days,
        notice_days_per_document=dict(policy.notice_days_per_document),
        locales_dir=Path(config.config_file_path).parent / policy.locales_dir,
        overrides_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
        terms_types=dict(policy.terms_types),
        markdown_extensions=tuple(config.markdown_extensions),
    )


def check_site(
    settings: SiteSettings, build_day: dt.date, base: tuple[str, integrity.Record] | None = None,
    results: ResultStore = NoResults(), map_texts: Callable[..., list] = in_order,
) -> tuple[SiteSources, list[Problem]]:
    """The sources that could be read, and every problem found in them. With `base` (a branch's
    name and its record: a pull request's base), published texts are also held to that record, so
    that a pull request cannot publish a change by rewriting docs/published.yml. `results` keeps
    each text's allow-list findings and anchors between runs; `map_texts(check, texts)` may
    spread the texts' allow-list check over processes."""
    sources, problems = read_sources(
        settings.docs_dir, settings.languages, settings.source_language, settings.documents
    )
    problems += markdown_problems(settings)
    problems += language_problems(settings) + open_data.terms_type_problems(settings.terms_types, settings.documents)
    problems += files.docs_problems(settings.docs_dir) + files.link_problems(settings.docs_dir, "docs")
    for folder in (settings.locales_dir, settings.overrides_dir):
        if folder is not None and folder.is_dir():
            problems += files.link_problems(folder, folder.name)
    for found in map_texts(lambda page: cached_findings(results, "allowed_content", page, Problem,
                                                        lambda: allowed_content.content_problems(page)),
                           list(sources.pages.values())):
        problems += found
    problems += editorial.broken_links(sources, build_day, results) + editorial.kept_anchors(sources, results)
    # a build may be dated in the past (SOURCE_DATE_EPOCH, a preview as of a day): a correction
    # is then judged by the calendar, not by that day
    problems += editorial.translated_facts(sources) + editorial.correction_dates(
        sources, max(build_day, dt.date.today()))
    try:
        record = integrity.read_record(settings.docs_dir / integrity.RECORD_FILE)
    except integrity.RecordError as error:
        # nothing can be held to a record that cannot be read: that one problem says it all
        problems.append(Problem(error.path or integrity.RECORD_FILE, None, error.reason + ".", integrity.RECORD_FIX))
        return sources, sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
    imported = {key for key, texts in record.items() if any(text.imported for text in texts.values())}
    problems += editorial.notice_periods(sources, settings.notice_days, settings.notice_days_per_document, imported,
                                        build_day)
    problems += editorial.past_new_versions(sources, record, build_day)
    problems += integrity.integrity_problems(sources, record, settings.docs_dir)
    if base is not None:
        name, recorded = base
        problems += integrity.dropped_records(record, recorded, name)
        problems += integrity.integrity_problems(sources, recorded, settings.docs_dir)
        problems += editorial.past_new_versions(sources, recorded, build_day)
    return sources, sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
