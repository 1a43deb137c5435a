"""A synthetic site at real scale, for `scripts/benchmark --scale D V`: D documents of V versions
in every language, grown from a project's own versions, and a stock Material project of as many
pages in one language to measure against.

The texts are the project's own: the document's versions in order, each repeated for a run of
versions, so that every translation stays up to date and no anchor is dropped; only names and
dates are new. Versions are dated a season
apart from 2004 on and recorded as published, as a site with a long history would be.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

FIRST_DAY = dt.date(2004, 1, 1)
SPACING = dt.timedelta(days=91)
NOTICE = dt.timedelta(days=30)
PROJECT_PARTS = ("locales", "overrides")
NAVIGATION = 10  # pages in the stock site's navigation


def version_dates(count: int) -> list[dt.date]:
    """Effective dates of `count` versions, a season apart."""
    return [FIRST_DAY + n * SPACING for n in range(count)]


def scaled_name(base: str, copy: int) -> str:
    """The first copy of a document keeps its name (links between documents still resolve)."""
    return base if copy == 0 else f"{base}-{copy + 1}"


def with_facts(text: str, document: str, effective: dt.date, first: bool) -> str:
    """A version's file with its document, its dates and, for a first version, no change to announce;
    corrections go (they were dated for other versions)."""
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"(?m)^corrections:\n(?:[ -].*\n?)*", "", front + "\n").rstrip("\n")
    front = re.sub(r"(?m)^document: .*$", f"document: {document}", front)
    front = re.sub(r"(?m)^effective_date: .*$", f"effective_date: {effective.isoformat()}", front)
    front = re.sub(r"(?m)^announced: .*\n?", "", front)
    if not first:
        front = front.replace(f"\neffective_date: {effective.isoformat()}",
                              f"\neffective_date: {effective.isoformat()}\nannounced: {(effective - NOTICE).isoformat()}")
    front = re.sub(r"(?m)^change: .*$", "change: material", front)
    return front + "\n---\n" + body


def without_pdf_copies(config: str) -> str:
    """mkdocs.yml's text with pdf_copies: false under policy_site."""
    if re.search(r"(?m)^ +pdf_copies:", config):
        return re.sub(r"(?m)^( +pdf_copies:).*$", r"\1 false", config, count=1)
    if "  - policy_site:\n" not in config:
        raise ValueError("mkdocs.yml has no '  - policy_site:' plugin entry with settings")
    return config.replace("  - policy_site:\n", "  - policy_site:\n      pdf_copies: false\n", 1)


def grow_project(project: Path, target: Path, documents: int, versions: int,
                 templates: Path | None = None) -> list[str]:
    """A copy of `project` in `target` with `documents` documents of `versions` versions each, in
    all its languages, with the locales/ and overrides/ of `templates` (the project's own by
    default); returns the documents' names. Record it (policy-site record) before building."""
    docs = project / "docs"
    languages = sorted(p.name for p in docs.iterdir() if p.is_dir())
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.search(r"(?m)^ +documents: \[(.*)\]$", config)
    if listed is None:
        raise ValueError(f"{project / 'mkdocs.yml'}: no 'documents: [...]' line under policy_site")
    bases = [name.strip() for name in listed.group(1).split(",")]
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        shutil.copytree((templates or project) / part, target / part)
    names, days = [], version_dates(versions)
    for copy in range(documents):
        base = bases[copy % len(bases)]
        name = scaled_name(base, copy // len(bases))
        names.append(name)
        for language in languages:
            sources = sorted((docs / language / base).glob("*.md"))
            for number, day in enumerate(days):
                # in order, each repeated for a run of versions: anchors are never dropped
                text = sources[number * len(sources) // versions].read_text(encoding="utf-8")
                out = target / "docs" / language / name / f"{day.isoformat()}.md"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(with_facts(text, name, day, number == 0), encoding="utf-8")
    for language in languages:
        for page in (docs / language).glob("*.md"):
            shutil.copy(page, target / "docs" / language / page.name)
    config = config.replace(listed.group(0), listed.group(0).replace(listed.group(1), ", ".join(names)))
    config = re.sub(r"(?m)^( +terms_types: ).*$", r"\1{}", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return names


def stock_material_project(source_pages: list[Path], target: Path, pages: int) -> None:
    """A plain Material site of `pages` pages in one language, from the Markdown of `source_pages`
    (front matter and attribute lists removed, which stock Markdown would print)."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    for number in range(pages):
        text = source_pages[number % len(source_pages)].read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        body = re.sub(r"\s*\{#[^}]*\}", "", body)
        (docs / f"page-{number:05d}.md").write_text(body, encoding="utf-8")
    # Like ours, the navigation lists a few pages, not every version: a navigation of thousands
    # of links on every page would measure the navigation, not the build.
    nav = "".join(f"  - page-{number:05d}.md\n" for number in range(min(pages, NAVIGATION)))
    (target / "mkdocs.yml").write_text(
        "site_name: Stock Material\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\nnav:\n{nav}not_in_nav: |\n  /page-*.md\n", encoding="utf-8")
