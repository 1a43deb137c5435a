"""Command line for editors and translators.

  policy-site check                             every mistake in the sources, in one run
  policy-site translations [--markdown FILE]   status of every translation, with reasons
  policy-site pin LANGUAGE PAGE                 record that a translation matches today's English
  policy-site record                            record published texts after a correction
  policy-site export LANGUAGE PAGE -o FILE.po   a version's translation work, for a PO editor
  policy-site import LANGUAGE PAGE FILE.po      the translated PO back into Markdown, checked
  policy-site changes --base REF                what a branch changes, for a pull request summary
  policy-site new-version DOCUMENT --effective YYYY-MM-DD [--announced YYYY-MM-DD]
  policy-site init --organisation NAME --site-url URL --languages en,de,... --documents a,b,...
  policy-site import-version DOCUMENT --effective YYYY-MM-DD [--announced ...] en=FILE de=FILE ...
  policy-site add-language CODE / remove-language CODE
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po, write_po
from mkdocs.config import load_config

from . import catalogues, dates, notices, parallel, pull_request
from .checks import editorial
from .checks import allowed_content
from .checks.site import check_site, site_settings
from .front_matter import split_front_matter, written
from .problems import Problem, SourceError
from .sources import SiteSources, SourcePage, load_sources, read_sources
from .translation import handoff, report
from .translation.check import check_all, check_translation, pinned_english
from .translation.pin import fingerprint, with_pin
from .versions import integrity
from .versions import new as versions_new
from .adoption import start
from .versions import importing


@dataclass(frozen=True)
class Project:
    """mkdocs.yml's settings and the sources, read once per command."""

    docs_dir: Path
    sources: SiteSources
    localised_urls: dict[str, Any]


def open_project(config_file: str) -> Project | None:
    """The project, or None after printing every problem of its sources."""
    config = load_config(config_file)
    settings = site_settings(config)
    try:
        sources = load_sources(settings.docs_dir, settings.languages, settings.source_language, settings.documents)
    except SourceError as error:
        print(error, file=sys.stderr)
        return None
    return Project(settings.docs_dir, sources, config.plugins["policy_site"].config.localised_urls)


def spread(check: Any, items: list) -> list:
    """The checks of many texts over the machine's cores, as the build does them."""
    try:
        count = parallel.build_processes(0, os.environ, parallel.cpu_count())
    except ValueError:
        count = 1  # the build says what is wrong with the setting; a check is only slower
    return parallel.mapped(check, items, count)


def check(args: argparse.Namespace) -> int:
    """Every mistake in the sources, in one run, each with its file, line and fix."""
    try:
        day = dates.build_date(os.environ)
    except dates.BuildDateError as error:
        print(error, file=sys.stderr)
        return 2
    settings = site_settings(load_config(args.config_file))
    base = None
    if args.base:
        try:
            base = (args.base, integrity.record_at(settings.docs_dir, args.base))
        except integrity.RecordError as error:
            print(error, file=sys.stderr)
            return 2
    _, problems = check_site(settings, day, base, map_texts=spread)
    if problems:
        print(SourceError(problems, consequence=""), file=sys.stderr)
        return 1
    print(f"No problems found in the sources (as of {day}).")
    return 0


def translations(args: argparse.Namespace) -> int:
    project = open_project(args.config_file)
    if project is None:
        return 2
    sources = project.sources
    results = check_all(sources, project.docs_dir, project.localised_urls, map_pairs=spread)
    languages = [code for code in sources.languages if code != sources.source_language]
    text = report.full_report(results, languages, sources.paths())
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    if args.summary:
        Path(args.summary).write_text(report.bounded_summary(results, languages, sources.paths()), encoding="utf-8")
    return 1 if any(r.status == "mismatched" for r in results) else 0


def pin(args: argparse.Namespace) -> int:
    """Record that a translation is up to date with today's English text, once it matches."""
    project = open_project(args.config_file)
    if project is None:
        return 2
    sources = project.sources
    path = args.page if args.page.endswith(".md") else args.page + ".md"
    if (args.language, path) not in sources.pages or args.language == sources.source_language:
        print(f"docs/{args.language}/{path} is not a translation of this site.", file=sys.stderr)
        return 2
    result = check_translation(sources, args.language, path, localised_urls=project.localised_urls)
    if result.mismatches:
        print(result.report(), file=sys.stderr)
        print(f"Not pinned: fix the mismatches above in docs/{args.language}/{path} first.", file=sys.stderr)
        return 1
    file = project.docs_dir / args.language / path
    file.write_text(with_pin(file.read_text(encoding="utf-8"), fingerprint(
        sources.page(sources.source_language, path))), encoding="utf-8")
    print(f"docs/{args.language}/{path}: translated_from set to today's English text.")
    return 0


def record(args: argparse.Namespace) -> int:
    """Rewrite docs/published.yml from the texts as they are now (after a recorded correction)."""
    project = open_project(args.config_file)
    if project is None:
        return 2
    sources, docs_dir = project.sources, project.docs_dir
    path = docs_dir / integrity.RECORD_FILE
    try:
        previous = integrity.read_record(path)
        day = dates.build_date(os.environ)
    except (integrity.RecordError, dates.BuildDateError) as error:
        print(f"{error} {integrity.RECORD_FIX}" if isinstance(error, integrity.RecordError) else error, file=sys.stderr)
        return 2
    problems = integrity.integrity_problems(sources, previous, docs_dir)
    problems += editorial.past_new_versions(sources, previous, day)
    if problems:
        print(SourceError(problems), file=sys.stderr)
        return 1
    current = integrity.current_record(sources, previous)
    integrity.write_record(path, current)
    changed = sorted(
        f"{key} {lang}" for key, langs in current.items() for lang, entry in langs.items()
        if previous.get(key, {}).get(lang) != entry
    )
    print(f"{path}: {len(changed)} text(s) recorded" + (":\n  " + "\n  ".join(changed) if changed else "."))
    return 0


def notice_pack(args: argparse.Namespace) -> int:
    """The e-mails of the announced material changes, per language, from a built site's notices:
    of the versions new since BASE, or else of those still to take effect."""
    config = load_config(args.config_file)
    settings = site_settings(config)
    site = Path(args.site)
    try:
        day = dates.build_date(os.environ)
        recorded = integrity.record_at(settings.docs_dir, args.base) if args.base else None
    except (dates.BuildDateError, integrity.RecordError) as error:
        print(error, file=sys.stderr)
        return 2
    written = []
    for language in settings.languages:
        published = site / language / "notices.json"
        if not published.is_file():
            print(f"{published} is missing: build the site first (scripts/build --site-dir {site}).", file=sys.stderr)
            return 2
        catalogue = catalogues.catalogue_path(settings.locales_dir, language)
        gettext = catalogues.compiled_translations(catalogues.read_catalogue(catalogue, language)).gettext
        for notice in notices.read_notices(published.read_text(encoding="utf-8")):
            key = f"{notice.document}/{notice.effective_date}"
            if (key in recorded) if recorded is not None else notice.effective_date <= day.isoformat():
                continue
            effective = dates.localized_date(dt.date.fromisoformat(notice.effective_date), language)
            labels = notices.NoticeLabels(
                subject=gettext("%(document)s: new version from %(date)s") % {"document": notice.title, "date": effective},
                dates=gettext("Announced on %(announced)s, takes effect on %(time)s.") % {
                    "announced": dates.localized_date(dt.date.fromisoformat(notice.announced), language), "time": effective},
                read=gettext("Read the new version"), changes=gettext("See what changes"),
                pdf=gettext("PDF of this version"),
            )
            target = Path(args.out) / f"{notice.document}-{notice.effective_date}" / f"{language}.eml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes(notices.email(notice, labels)))
            written.append(target)
    if not written:
        print("No announced material change to notify" + (f" since {args.base}." if args.base else " that is still to take effect."))
        return 0
    print(f"{len(written)} e-mail(s) written under {args.out}/, one per language and change; hand them to "
          "your mailer (see the README), with your own sender and recipients.")
    return 0


def new_version(args: argparse.Namespace) -> int:
    """Start a new version of a document in every language, from the latest version's text."""
    days = {}
    for option in ("effective", "announced"):
        value = getattr(args, option)
        try:
            days[option] = dt.date.fromisoformat(value) if value else dt.date.today()
        except ValueError:
            print(f"--{option} {value!r} is not a date: write it as YYYY-MM-DD.", file=sys.stderr)
            return 2
    project = open_project(args.config_file)
    if project is None:
        return 2
    sources = project.sources
    if args.document not in sources.documents:
        print(f"'{args.document}' is not a document; documents: {', '.join(sources.documents)}.", file=sys.stderr)
        return 2
    effective = days["effective"]
    try:
        created = versions_new.start_version(
            project.docs_dir, sources, args.document, effective, days["announced"],
        )
    except versions_new.NewVersionError as error:
        print(error, file=sys.stderr)
        return 1
    english = created[0]
    print(f"Created {len(created)} files for the version of {effective}:")
    for path in created:
        print(f"  {path}")
    print(
        "\nNext:\n"
        f"  1. Edit {english}: change the text, and replace the summary.\n"
        "  2. Check and preview: policy-site check, then scripts/build serve.\n"
        "  3. Hand it to translators: policy-site translations shows what changed; each translation\n"
        f"     is edited (or exported with policy-site export) and marked done with\n"
        f"     policy-site pin LANGUAGE {args.document}/{effective}. Until then readers of that\n"
        "     language get the English text under a notice.\n"
        "  4. Before merging: policy-site record, and commit docs/published.yml with the version.\n"
        "See EDITING.md for each step."
    )
    return 0


def handoff_files(project: Project, language: str, page: str) -> tuple[str, Path, Path] | None:
    path = page if page.endswith(".md") else page + ".md"
    sources = project.sources
    if language == sources.source_language or (language, path) not in sources.pages:
        print(f"docs/{language}/{path} is not a translation of this site.", file=sys.stderr)
        return None
    files = (project.docs_dir / sources.source_language / path, project.docs_dir / language / path)
    english, translation = (split_front_matter(f.read_text(encoding="utf-8"), str(f)) for f in files)
    return path, files[1], english, translation


def export(args: argparse.Namespace) -> int:
    """Write what a translator has to do on one version as a PO file."""
    project = open_project(args.config_file)
    found = project and handoff_files(project, args.language, args.page)
    if not found:
        return 2
    path, _, english, translation = found
    result = check_translation(project.sources, args.language, path, localised_urls=project.localised_urls)
    pin = project.sources.page(args.language, path).translated_from
    previous = pinned_english(project.sources, project.docs_dir, path, pin) if result.is_stale and pin else None
    catalogue = handoff.export_catalogue(
        args.language, english.fields, english.body, translation.fields, translation.body,
        up_to_date=not result.is_stale, previous_english=previous,
    )
    with open(args.output, "wb") as handle:
        write_po(handle, catalogue, width=0, include_previous=True)
    todo = sum(1 for m in catalogue if m.id and (m.fuzzy or not m.string))
    print(f"{args.output}: {len(catalogue)} messages, {todo} to translate or review (fuzzy or empty).")
    return 0


def import_po(args: argparse.Namespace) -> int:
    """Put a translated PO file back into the Markdown, check it, and pin it if it matches."""
    project = open_project(args.config_file)
    found = project and handoff_files(project, args.language, args.page)
    if not found:
        return 2
    path, translation_file, english, current = found
    with open(args.file, "rb") as handle:
        catalogue = read_po(handle, locale=args.language)
    try:
        body, fields = handoff.import_catalogue(english.body, catalogue)
    except handoff.HandoffError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    front = dict(english.fields)
    front.update({k: v for k, v in current.fields.items() if k in ("title", "summary", "short_notice")})
    front.update(fields)
    front.pop("corrections", None)
    front.pop("translated_from", None)
    shown = f"docs/{args.language}/{path}"
    refused = allowed_content.content_problems(SourcePage(args.language, path, str(front.get("title", "")), body, 1))
    for field in ("summary", "short_notice"):
        refused += allowed_content.field_problems(shown, field, front.get(field))
    if refused:  # the same allow-list as check and the build, before anything is written
        print("\n".join(f"{args.file} ({p})" for p in refused) + "\nNothing was written.", file=sys.stderr)
        return 1
    translation_file.write_text(written(front, body), encoding="utf-8")
    print(f"{shown}: written from {args.file}.")
    return pin(argparse.Namespace(config_file=args.config_file, language=args.language, page=path))


def changes(args: argparse.Namespace) -> int:
    """A summary of what the branch changes since BASE, for the pull request's job summary."""
    project = open_project(args.config_file)
    if project is None:
        return 2
    listed = subprocess.run(
        ["git", "diff", "--name-status", "--no-renames", f"{args.base}...HEAD", "--", "docs"],
        capture_output=True, text=True,
    )
    if listed.returncode != 0:
        print(f"git could not compare with {args.base}: {listed.stderr.strip()}", file=sys.stderr)
        return 2
    pairs = [tuple(line.split("\t", 1)) for line in listed.stdout.splitlines() if "\t" in line]
    results = check_all(project.sources, project.docs_dir, project.localised_urls, map_pairs=spread)
    print(pull_request.summary(pairs, project.sources, results), end="")
    return 0


def uncommitted(paths: list[Path], cwd: Path) -> str:
    """What git shows as changed or new under those paths ('' outside a git work tree)."""
    listed = subprocess.run(["git", "status", "--porcelain", "--", *map(str, paths)], cwd=cwd,
                            capture_output=True, text=True)
    return listed.stdout.strip() if listed.returncode == 0 else ""


def init(args: argparse.Namespace) -> int:
    """Turn the sample into a new organisation's site: settings, home pages, an empty record."""
    try:
        adoption = start.parse_adoption(args.organisation, args.site_url, args.languages, args.documents)
    except start.AdoptionError as error:
        print(error, file=sys.stderr)
        return 2
    config_file = Path(args.config_file).resolve()
    project = config_file.parent
    config = load_config(str(config_file))
    docs_dir = Path(config.docs_dir)
    changed = uncommitted([config_file, docs_dir], project)
    if changed and not args.force:
        print("init replaces mkdocs.yml's settings and everything in docs/, and these have changes not "
              f"committed:\n{changed}\nCommit or stash them first (or pass --force to lose them).", file=sys.stderr)
        return 1
    today = dates.build_date(os.environ)
    try:
        text = start.adopted_settings(config_file.read_text(encoding="utf-8"), adoption, today)
    except start.settings_file.SettingsLayoutError as error:
        print(f"{config_file.name}: {error}", file=sys.stderr)
        return 1
    locales_dir = project / config.plugins["policy_site"].config.locales_dir
    config_file.write_text(text, encoding="utf-8")
    todo = start.write_content(docs_dir, locales_dir, adoption)
    print(f"{adoption.organisation}: {config_file.name} set (name, address, feed ids, languages "
          f"{start.plain_languages(adoption.languages)}, documents {', '.join(adoption.documents)});\n"
          f"docs/ now holds a home page per language and an empty docs/published.yml.")
    print("\nNext:")
    for line in todo:
        print(f"  - {line}")
    for name in adoption.documents:
        print(f"  - import each version of {name}: policy-site import-version {name} --effective YYYY-MM-DD "
              f"en=FILE [de=FILE ...]")
    print("  - then: policy-site check, scripts/build serve, and commit. See README, 'Start your own site'.")
    return 0


def import_version(args: argparse.Namespace) -> int:
    """A version of a document from plain Markdown files, one per language, checked as a whole:
    nothing is written unless every file can be imported."""
    problems: list = []
    days = {}
    for option in ("effective", "announced"):
        value = getattr(args, option)
        days[option] = dt.date.fromisoformat(value) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        if value and days[option] is None:
            print(f"--{option} {value!r} is not a date: write it as YYYY-MM-DD.", file=sys.stderr)
            return 2
    if days["announced"] and days["announced"] > days["effective"]:
        print(f"--announced {days['announced']} is after --effective {days['effective']}.", file=sys.stderr)
        return 2
    # other mistakes in the sources (a document not imported yet) are for `policy-site check`
    config = load_config(args.config_file)
    settings = site_settings(config)
    read_all = lambda: read_sources(settings.docs_dir, settings.languages, settings.source_language, settings.documents)[0]
    project = Project(settings.docs_dir, read_all(), config.plugins["policy_site"].config.localised_urls)
    sources, docs_dir = project.sources, project.docs_dir
    english_code = sources.source_language
    if args.document not in sources.documents:
        print(f"'{args.document}' is not a document of mkdocs.yml (documents: {', '.join(sources.documents)}); "
              "add it there (policy_site documents and nav) first.", file=sys.stderr)
        return 2
    files: dict[str, Path] = {}
    for pair in args.files:
        code, _, name = pair.partition("=")
        if not name or code not in sources.languages:
            print(f"{pair!r}: write LANGUAGE=FILE with LANGUAGE one of {', '.join(sources.languages)}.", file=sys.stderr)
            return 2
        files[code] = Path(name)
    if english_code not in files:
        print(f"{english_code}=FILE is missing: every version starts from its English text.", file=sys.stderr)
        return 2
    key = f"{args.document}/{days['effective'].isoformat()}"
    if (docs_dir / english_code / f"{key}.md").exists():
        print(f"docs/{english_code}/{key}.md already exists: a version is imported once (a fix to its "
              "text is a correction).", file=sys.stderr)
        return 1
    read: dict[str, importing.ImportedText] = {}
    for code, path in files.items():
        if not path.is_file():
            problems.append(Problem(str(path), None, "does not exist.", "Give the path of the file to import."))
            continue
        text, found = importing.imported_text(path.read_bytes(), str(path), english=code == english_code,
                                              summary=args.summary if code == english_code else None)
        problems += found
        if text is not None:
            read[code] = text
    if english_code in read:
        problems += importing.structure_differences(read, english_code)
    if problems:
        print(SourceError(problems, consequence="; nothing was imported"), file=sys.stderr)
        return 1
    anchors = importing.english_anchors(read[english_code].items)
    facts = {"document": args.document, "effective_date": days["effective"].isoformat(),
             "announced": days["announced"].isoformat() if days["announced"] else None, "change": args.change}
    written: list[Path] = []
    for code in sources.languages:
        target = docs_dir / code / f"{key}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(importing.version_text(facts, read.get(code, read[english_code]), anchors), encoding="utf-8")
        written.append(target)
    # each translation given is checked against its English text, then pinned; nothing stays half-imported
    imported = read_all()
    english = imported.page(english_code, f"{key}.md")
    reports = []
    for code in files:
        if code == english_code:
            continue
        result = check_translation(imported, code, f"{key}.md", localised_urls=project.localised_urls)
        if result.mismatches:
            reports.append(result.report())
        else:
            target = docs_dir / code / f"{key}.md"
            target.write_text(with_pin(target.read_text(encoding="utf-8"), fingerprint(english)), encoding="utf-8")
    if reports:
        for target in written:
            target.unlink()
        print("\n\n".join(reports) + "\n\nNothing was imported: fix these translations, or leave them out "
              "(readers then get the English text until they are translated).", file=sys.stderr)
        return 1
    record_path = docs_dir / integrity.RECORD_FILE
    try:
        record = integrity.read_record(record_path)
    except integrity.RecordError as error:
        for target in written:
            target.unlink()
        print(f"{error} {integrity.RECORD_FIX} Nothing was imported.", file=sys.stderr)
        return 2
    today = dates.build_date(os.environ)
    final = read_all()
    record.update({k: {code: dataclasses.replace(entry, imported=today.isoformat()) for code, entry in v.items()}
                   for k, v in integrity.current_record(final).items() if k == key})
    integrity.write_record(record_path, record)
    missing = [code for code in sources.languages if code not in files]
    print(f"Imported {args.document} of {days['effective']} in {', '.join(sorted(files))}; recorded in "
          f"docs/published.yml as imported on {today}.")
    if missing:
        print(f"Not yet translated, shown in English under a notice until translated and pinned: "
              f"{', '.join(f'docs/{code}/{key}.md' for code in missing)}.")
    return 0


def add_language(args: argparse.Namespace) -> int:
    """A new language: mkdocs.yml, an interface catalogue to translate, and every page copied
    from English (shown in English, under a notice, until translated and pinned)."""
    code = args.language
    if not start.languages.is_known_language(code):
        print(f"'{code}' is not a language code; use an ISO 639-1 code such as 'pl'.", file=sys.stderr)
        return 2
    config_file = Path(args.config_file).resolve()
    config = load_config(str(config_file))
    locales_dir = config_file.parent / config.plugins["policy_site"].config.locales_dir
    config_file.write_text(start.with_language_added(config_file.read_text(encoding="utf-8"), code), encoding="utf-8")
    catalogue = start.catalogues.catalogue_path(locales_dir, code)
    if not catalogue.exists():
        start.new_catalogue(locales_dir, code)
        print(f"{catalogue.relative_to(config_file.parent)}: written; translate its empty entries (a PO editor "
              "such as Poedit or Weblate reads it).")
    created = start.copy_english(Path(config.docs_dir), code)
    print(f"mkdocs.yml: {code} ({start.languages.english_name(code)}) added; {len(created)} pages copied from "
          f"English into docs/{code}/: translate each, then `policy-site pin {code} PAGE`.")
    return 0


def remove_language(args: argparse.Namespace) -> int:
    code = args.language
    config_file = Path(args.config_file).resolve()
    config = load_config(str(config_file))
    if code == config.plugins["policy_site"].config.source_language:
        print("English is the source of truth and cannot be removed.", file=sys.stderr)
        return 2
    config_file.write_text(start.with_language_removed(config_file.read_text(encoding="utf-8"), code), encoding="utf-8")
    print(f"mkdocs.yml: {code} removed. Its pages stay in docs/{code}/ and docs/published.yml keeps their "
          f"record, but they are no longer built: its addresses (/{code}/...) stop working. Redirect them "
          "on your host, or add the language back.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policy-site", description=__doc__)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="report every mistake in the sources at once")
    checking.add_argument("--base", metavar="BRANCH",
                          help="also hold published texts to that branch's record (a pull request's base)")
    checking.set_defaults(run=check)
    reporting = commands.add_parser("translations", help="compare every translation with English")
    reporting.add_argument("--markdown", metavar="FILE", help="also write the report as Markdown")
    reporting.add_argument("--summary", metavar="FILE",
                           help="also write a short report (the table and each file's first findings) for a CI job summary")
    reporting.set_defaults(run=translations)
    pinning = commands.add_parser("pin", help="mark a translation as made from today's English text")
    pinning.add_argument("language")
    pinning.add_argument("page", help="privacy, terms or index")
    pinning.set_defaults(run=pin)
    recording = commands.add_parser("record", help="record the published texts in docs/published.yml")
    recording.set_defaults(run=record)
    exporting = commands.add_parser("export", help="write a version's translation work as a PO file")
    exporting.add_argument("language")
    exporting.add_argument("page", help="e.g. terms/2027-06-01")
    exporting.add_argument("-o", "--output", required=True, help="the .po file to write")
    exporting.set_defaults(run=export)
    importing = commands.add_parser("import", help="put a translated PO file back into the Markdown")
    importing.add_argument("language")
    importing.add_argument("page", help="e.g. terms/2027-06-01")
    importing.add_argument("file", help="the translated .po file")
    importing.set_defaults(run=import_po)
    comparing = commands.add_parser("changes", help="what this branch changes, as Markdown")
    comparing.add_argument("--base", required=True, help="the branch or commit to compare with")
    comparing.set_defaults(run=changes)
    packing = commands.add_parser("notice-pack", help="write the e-mails of announced material changes")
    packing.add_argument("--site", default="site", help="the built site (its <lang>/notices.json)")
    packing.add_argument("--out", required=True, help="the folder to write <document>-<date>/<lang>.eml into")
    packing.add_argument("--base", metavar="BRANCH", help="only the versions that branch has not recorded")
    packing.set_defaults(run=notice_pack)

    starting = commands.add_parser("new-version", help="start a new version of a document")
    starting.add_argument("document", help="privacy or terms")
    starting.add_argument("--effective", required=True, help="the date it takes effect, YYYY-MM-DD")
    starting.add_argument("--announced", help="the date it is announced (default: today)")
    starting.set_defaults(run=new_version)
    adopting = commands.add_parser("init", help="turn the sample into your organisation's site")
    adopting.add_argument("--organisation", required=True, help="the name readers see, e.g. 'Acme Cloud GmbH'")
    adopting.add_argument("--site-url", required=True, help="where the site is published, e.g. https://legal.acme.example/")
    adopting.add_argument("--languages", required=True, help="comma-separated codes, English included: en,de,fr")
    adopting.add_argument("--documents", required=True, help="comma-separated names: privacy,terms,cookies")
    adopting.add_argument("--force", action="store_true", help="even if mkdocs.yml or docs/ have uncommitted changes")
    adopting.set_defaults(run=init)
    importing_ = commands.add_parser("import-version", help="import a version from plain Markdown files")
    importing_.add_argument("document")
    importing_.add_argument("--effective", required=True, help="the date it took or takes effect, YYYY-MM-DD")
    importing_.add_argument("--announced", help="the date it was announced, YYYY-MM-DD")
    importing_.add_argument("--change", choices=("material", "editorial"), default="material")
    importing_.add_argument("--summary", help="what this version changed, in English, if its file does not say")
    importing_.add_argument("files", nargs="+", metavar="LANGUAGE=FILE")
    importing_.set_defaults(run=import_version)
    adding = commands.add_parser("add-language", help="add a language: catalogue, settings, pages to translate")
    adding.add_argument("language")
    adding.set_defaults(run=add_language)
    removing = commands.add_parser("remove-language", help="stop building a language")
    removing.add_argument("language")
    removing.set_defaults(run=remove_language)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
