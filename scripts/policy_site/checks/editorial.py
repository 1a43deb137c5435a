"""Checks of the sources beyond their own front matter: the rules a legal editor can break
without noticing. Each returns every problem it finds, with file, line and what to do."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Collection, Mapping

from ..problems import Problem
from ..sources import SiteSources, SourcePage
from ..translation.outline import markdown_html
from ..versions.anchors import anchor_aliases, dropped_anchors
from .results import NoResults, ResultStore, cached_findings

LINK = re.compile(r"\]\(([^)\s]+)\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


ID_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sid=(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class PageId:
    value: str


def page_ids(page: SourcePage, results: ResultStore = NoResults()) -> set[str]:
    """The ids of the page's HTML, read from the shared conversion without building a tree (a
    policy of thousands of clauses is read in milliseconds); kept with the check results, as
    the conversion is what costs."""
    found = cached_findings(results, "page_ids", page.body, PageId, lambda: [
        PageId(html.unescape(double or single))
        for double, single in ID_ATTRIBUTE.findall(markdown_html(page.body))])
    return {found_id.value for found_id in found}


def version_ids(sources: SiteSources, page: SourcePage, results: ResultStore = NoResults()) -> set[str]:
    """The anchors a link to this page can use: its own, and those of earlier versions that it
    names a replacement for (the page carries them too; see versions.anchors)."""
    ids = page_ids(page, results)
    if page.document is None:
        return ids
    english = [p.version for p in sources.versions(sources.source_language, page.document)
               if p.effective_date <= page.effective_date]
    return ids | set(anchor_aliases(english, ids))


def kept_anchors(sources: SiteSources, results: ResultStore = NoResults()) -> list[Problem]:
    """Each version keeps the anchors of the version before it, or names what replaces them
    (English's facts: translations have the same anchors, which the translation check holds)."""
    problems = []
    for name in sources.documents:
        versions = sources.versions(sources.source_language, name)
        for before, page in zip(versions, versions[1:]):
            old, now = page_ids(before, results), page_ids(page, results)
            replaced = dict(page.version.replaced_anchors)
            line = page.field_line("replaced_anchors")
            dropped = dropped_anchors(old, now, replaced)
            if dropped:
                listed = ", ".join(f"#{anchor}" for anchor in dropped)
                problems.append(Problem(
                    page.source_file, None,
                    f"drops {listed} of {before.source_file}: links to {'them' if len(dropped) > 1 else 'it'} "
                    f"would break on {page.effective_date}.",
                    "Keep each anchor {#...} on the clause that continues it; if the clause is gone, name "
                    "the anchor that takes its place in the front matter:\n      replaced_anchors:\n"
                    + "".join(f"        {anchor}: <an anchor of this version>\n" for anchor in dropped).rstrip("\n"),
                ))
            for dropped_anchor, target in sorted(replaced.items()):
                if dropped_anchor in now:
                    message = f"names #{dropped_anchor} under replaced_anchors, but this version still has it."
                    fix = f"Remove '{dropped_anchor}' from replaced_anchors."
                elif dropped_anchor not in old:
                    message = f"names #{dropped_anchor} under replaced_anchors, which {before.source_file} does not have."
                    fix = "List only anchors of the version before that this version drops."
                elif target not in now:
                    message = f"leads #{dropped_anchor} to #{target} under replaced_anchors, which this version does not have."
                    fix = "Name an anchor written {#...} in this file."
                else:
                    continue
                problems.append(Problem(page.source_file, line, message, fix))
            for language in sources.languages:
                translation = sources.pages.get((language, page.path))
                if language == sources.source_language or translation is None or translation.version is None:
                    continue
                theirs = translation.version.replaced_anchors
                if theirs and theirs != page.version.replaced_anchors:
                    problems.append(Problem(
                        translation.source_file, translation.field_line("replaced_anchors"),
                        f"has replaced_anchors other than {page.source_file}'s.",
                        "Remove replaced_anchors from the translation (English's apply to every language), "
                        "or write the same lines.",
                    ))
    return problems


def link_targets(sources: SiteSources, language: str, path: str, build_day: dt.date) -> list[SourcePage]:
    """The pages a relative link leads to: a file; or, for a document's address, its version in
    force and every version to come, since the link will lead to each of them in turn (a new
    version that drops a linked anchor would break the link on its effective date)."""
    if (language, path) in sources.pages:
        return [sources.pages[(language, path)]]
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[1] == "index.md" and parts[0] in sources.documents:
        # the rule of versions.timeline.shown_version: in force, or else the first to come
        versions = sources.versions(language, parts[0])
        started = [p for p in versions if p.effective_date <= build_day]
        shown = started[-1] if started else (versions[0] if versions else None)
        return [] if shown is None else [shown, *(p for p in versions if p.effective_date > shown.effective_date)]
    return []


def missing_target(sources: SiteSources, page: SourcePage, line: int, address: str, normal: str) -> Problem:
    """A link to no page: a document that has no version yet, or a path that is no page."""
    parts = PurePosixPath(normal).parts
    if len(parts) == 2 and parts[1] == "index.md" and parts[0] in sources.documents:
        return Problem(
            page.source_file, line, f"links to {address}, the document '{parts[0]}', which has no version yet.",
            f"Import its first version (policy-site import-version {parts[0]} --effective YYYY-MM-DD en=FILE), "
            "or add the link once it exists.")
    names = ", ".join(sources.documents)
    return Problem(
        page.source_file, line, f"links to {address}, which is not a page of this site.",
        f"Link to a document as ../NAME/index.md (its version in force; NAME one of {names}) "
        "or to one version as ../NAME/YYYY-MM-DD.md.")


def links_in(body: str) -> list[tuple[int, str]]:
    """(line offset in the body, target) of every Markdown link: one search of the whole body,
    not one per line (most lines have no link)."""
    found, line, counted = [], 0, 0
    for match in LINK.finditer(body):
        line += body.count("\n", counted, match.start())
        counted = match.start()
        found.append((line, match.group(1)))
    return found


def broken_links(sources: SiteSources, build_day: dt.date, results: ResultStore = NoResults()) -> list[Problem]:
    """Links to a page or an anchor that does not exist, with the line of the link."""
    problems = []
    ids_cache: dict[tuple[str, str], set[str]] = {}
    # the pages of each language link to the same few addresses: each is worked out once
    resolved: dict[tuple[str, str, str], tuple[str, list[SourcePage]]] = {}
    for (language, path), page in sorted(sources.pages.items()):
        folder = path.rpartition("/")[0]
        for offset, target in links_in(page.body):
            if SCHEME.match(target):
                continue  # https:, mailto: ... checked elsewhere or by the reader
            address, _, anchor = target.partition("#")
            targets = [page]
            if address:
                if (language, folder, address) not in resolved:
                    normal = "/".join(_normalise((PurePosixPath(folder) / address).parts))
                    resolved[(language, folder, address)] = (
                        normal, link_targets(sources, language, normal, build_day))
                normal, targets = resolved[(language, folder, address)]
                if not targets:
                    problems.append(missing_target(sources, page, page.body_line + offset, address, normal))
                    continue
            for where in targets if anchor else []:
                key = (where.language, where.path)
                if key not in ids_cache:
                    ids_cache[key] = version_ids(sources, where, results)
                if anchor not in ids_cache[key]:
                    later = where is not targets[0]
                    problems.append(Problem(
                        page.source_file, page.body_line + offset,
                        f"links to #{anchor}, which {where.source_file} does not have"
                        + (f" (the link will lead there from {where.effective_date})." if later else "."),
                        "Use one of the anchors written {#...} in that file"
                        + (", or keep the anchor in the new version (or name the anchor that replaces "
                           "it under replaced_anchors)." if later else "."),
                    ))
    return problems


def _normalise(parts: tuple[str, ...]) -> list[str]:
    result: list[str] = []
    for part in parts:
        if part == "..":
            if result:
                result.pop()
        elif part not in (".", ""):
            result.append(part)
    return result


def notice_periods(
    sources: SiteSources, default_days: int, days_per_document: Mapping[str, int],
    imported: Collection[str] = (), build_day: dt.date | None = None,
) -> list[Problem]:
    """A material change must be announced at least N days before it takes effect, unless the
    version says why not (short_notice); checked on the English files, which translations follow.
    A version already in force on `build_day` is history: its notice was given under the rule of
    its day, and raising the notice period in mkdocs.yml must not fail it. So is a version imported
    from the organisation's earlier publications (`imported`, keys such as 'privacy/2021-03-01')."""
    problems = []
    for name in sources.documents:
        versions = sources.versions(sources.source_language, name)
        days = days_per_document.get(name, default_days)
        for page in versions[1:]:  # the first version replaces nothing: there is nothing to announce
            facts = page.version
            if facts.change != "material" or facts.short_notice or f"{name}/{facts.effective_date}" in imported:
                continue
            if build_day is not None and facts.effective_date <= build_day:
                continue
            if facts.announced is None:
                problems.append(Problem(
                    page.source_file, None, "is a material change with no announcement date.",
                    f"Add 'announced: YYYY-MM-DD', at least {days} days before {facts.effective_date}.",
                ))
            elif (facts.effective_date - facts.announced).days < days:
                given = (facts.effective_date - facts.announced).days
                problems.append(Problem(
                    page.source_file, None,
                    f"takes effect {given} days after its announcement; {name} requires {days} days' notice.",
                    f"Move effective_date to {facts.announced + dt.timedelta(days=days)} or later (and "
                    "rename the files), or add 'short_notice: <reason>' if the law or an emergency requires it.",
                ))
    return problems


def past_new_versions(
    sources: SiteSources, recorded: Mapping[str, object], build_day: dt.date
) -> list[Problem]:
    """A version not yet published whose effective date has already passed."""
    problems = []
    for name in sources.documents:
        for page in sources.versions(sources.source_language, name):
            key = f"{name}/{page.effective_date.isoformat()}"
            if key not in recorded and page.effective_date < build_day:
                problems.append(Problem(
                    page.source_file, None,
                    f"is a new version that takes effect on {page.effective_date}, which has passed.",
                    "A change cannot apply retroactively: choose an effective date after today and "
                    "rename the files of this version (policy-site new-version does both).",
                ))
    return problems


def translated_facts(sources: SiteSources) -> list[Problem]:
    """A translation says the same of its version as English: when it was announced and whether
    it changes meaning (a French 'editorial' for an English 'material' would drop the French
    feed entry). These facts are English's to set; a translation repeats them."""
    problems = []
    for (language, path), page in sorted(sources.pages.items()):
        english = sources.pages.get((sources.source_language, path))
        if language == sources.source_language or english is None or page.version is None or english.version is None:
            continue
        for field, ours, theirs in (("announced", english.version.announced, page.version.announced),
                                    ("change", english.version.change, page.version.change)):
            if ours != theirs:
                problems.append(Problem(
                    page.source_file, page.field_line(field),
                    f"says {field}: {theirs if theirs is not None else '(nothing)'}, where {english.source_file} "
                    f"says {ours if ours is not None else '(nothing)'}.",
                    f"Write the same '{field}:' as English: a version's facts are the same in every language."))
    return problems


def correction_dates(sources: SiteSources, today: dt.date) -> list[Problem]:
    """A correction is made to a published text: not before the version was announced (or took
    effect), nor after today (a date in 2099 would sort above every real correction)."""
    problems = []
    for page in sorted(sources.pages.values(), key=lambda p: p.source_file):
        if page.version is None:
            continue
        announced = page.version.announced or page.version.effective_date
        earliest = min(announced, page.version.effective_date)
        for correction in page.version.corrections:
            if correction.date < earliest or correction.date > today:
                problems.append(Problem(
                    page.source_file, page.field_line("corrections"),
                    f"has a correction dated {correction.date}, outside the life of this text "
                    f"({earliest} to today, {today}).",
                    "Date the correction the day it is made: today, or a day between the version's publication "
                    "and today."))
    return problems
