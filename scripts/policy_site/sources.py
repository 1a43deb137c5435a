"""The site's sources: every Markdown file of every language, read and checked in one pass.

`docs/<language>/index.md` is a language's home page. `docs/<language>/<document>/<date>.md` is
one version of a policy document, named after its effective date (`privacy/2017-06-21.md`), with
its facts in the front matter:

    document: privacy            # which document (a folder name listed in mkdocs.yml)
    title: Privacy policy        # in the file's language
    effective_date: 2024-09-01   # the same as the file name
    announced: 2024-07-15        # optional: when the change was announced
    change: material             # material, or editorial (a change that does not alter meaning)
    summary: Adds section 12 ... # what changed, in the file's language
    corrections:                 # optional: editorial corrections made after publication
      - date: 2024-09-10
        summary: Fixed a typo in clause 7.1.
    short_notice: ...            # optional: why a material change has less notice than required
    replaced_anchors:            # optional: anchors of the version before that this one dropped,
      sharing: disclosure        #   each with the anchor that takes its place (links keep working)
    translated_from: 3f5a...     # translations only: which English text they translate

A version's file has no other field: a misspelt one (`sumary:`) is named, never ignored.

Any other Markdown file under a language folder is a plain page with a title.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Sequence

from .front_matter import FrontMatter, iso_date, split_front_matter
from .problems import Problem, SourceError

LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")
CHANGE_KINDS = ("material", "editorial")
# What `policy-site new-version` writes as the summary, for the editor to replace.
PLACEHOLDER_SUMMARY = "TODO: say in one or two sentences what this version changes."


@dataclass(frozen=True)
class Correction:
    """An editorial correction of a published text: meaning unchanged, not a new version."""

    date: dt.date
    summary: str


@dataclass(frozen=True)
class VersionFacts:
    """What the front matter of a version says about it."""

    document: str
    effective_date: dt.date
    announced: dt.date | None
    change: str
    summary: str
    corrections: tuple[Correction, ...] = ()
    short_notice: str | None = None  # why this change takes effect sooner than the notice period
    replaced_anchors: tuple[tuple[str, str], ...] = ()  # (dropped anchor, the anchor taking its place)


@dataclass(frozen=True)
class SourcePage:
    """One Markdown file of one language."""

    language: str
    path: str  # relative to the language folder, '/'-separated: 'privacy/2017-06-21.md'
    title: str
    body: str
    body_line: int
    version: VersionFacts | None = None  # for a version of a policy document
    translated_from: str | None = None  # fingerprint of the English text it translates
    field_lines: tuple[tuple[str, int], ...] = ()  # front matter field -> its line, for messages

    def field_line(self, field: str) -> int:
        return dict(self.field_lines).get(field, 1)

    @property
    def source_file(self) -> str:
        return f"docs/{self.language}/{self.path}"

    @property
    def document(self) -> str | None:
        return self.version.document if self.version else None

    @property
    def effective_date(self) -> dt.date | None:
        return self.version.effective_date if self.version else None


@dataclass(frozen=True)
class SiteSources:
    """Every page in every language, known to be complete and well-formed."""

    languages: tuple[str, ...]
    source_language: str
    documents: tuple[str, ...]
    pages: dict[tuple[str, str], SourcePage]

    def page(self, language: str, path: str) -> SourcePage:
        return self.pages[(language, path)]

    def paths(self) -> list[str]:
        """Every page path, in the order of the source language's files."""
        return sorted(path for (language, path) in self.pages if language == self.source_language)

    def versions(self, language: str, document: str) -> list[SourcePage]:
        """Every version of a document in one language, oldest first."""
        return list(self.versions_by_document.get((language, document), ()))

    @cached_property
    def versions_by_document(self) -> dict[tuple[str, str | None], tuple[SourcePage, ...]]:
        """(language, document) -> its versions, oldest first: indexed once, as every page of a
        site asks for its document's versions (a scan of all pages each time grew quadratically)."""
        found: dict[tuple[str, str | None], list[SourcePage]] = {}
        for (language, _), page in self.pages.items():
            found.setdefault((language, page.document), []).append(page)
        return {key: tuple(sorted(pages, key=lambda page: page.effective_date))
                for key, pages in found.items() if key[1] is not None}


def utf8_text(data: bytes, shown: str, fix: str) -> tuple[str | None, list[Problem]]:
    """The bytes as UTF-8 text, or the line where they stop being UTF-8."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "is not valid UTF-8.", fix)]


# Far beyond any policy (the longest we know is under 200 kB and 3,000 lines), and short of what
# makes a build take minutes: a text of 100,000 lines took 10 minutes to build in ten languages.
LARGEST_TEXT = 1_000_000  # bytes
LONGEST_TEXT = 10_000  # lines


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing encodings and line endings that break diffs, and texts
    beyond the stated limits (before anything is done with them)."""
    size = path.stat().st_size
    if size > LARGEST_TEXT:
        return None, [Problem(shown, None, f"has {size:,} bytes; a text may have at most {LARGEST_TEXT:,}.",
                              "Split the document, or check that the file is the text you meant.")]
    data = path.read_bytes()
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if lines > LONGEST_TEXT:
        return None, [Problem(shown, LONGEST_TEXT + 1, f"has {lines:,} lines; a text may have at most {LONGEST_TEXT:,}.",
                              "Split the document, or check that the file is the text you meant.")]
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(
            shown, 1, "starts with a byte-order mark.",
            "Save the file as UTF-8 without BOM (your editor's 'UTF-8' rather than 'UTF-8 with BOM').",
        ))
        data = data[3:]
    text, invalid = utf8_text(data, shown, "Save the file with the UTF-8 encoding.")
    if text is None:
        return None, problems + invalid
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(
            shown, line, "has Windows (CRLF) line endings.",
            "Save it with Unix (LF) line endings; `git config core.autocrlf input` keeps them so.",
        ))
    return text, problems


def version_path(path: str, documents: Sequence[str]) -> tuple[str, str] | None:
    """('privacy', '2017-06-21') for 'privacy/2017-06-21.md' when 'privacy' is a document."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] in documents:
        return parts[0], PurePosixPath(parts[1]).stem
    return None


def check_date_field(
    fields: dict[str, Any], name: str, front: FrontMatter, shown: str, required: bool
) -> tuple[dt.date | None, list[Problem]]:
    raw = fields.get(name)
    if raw is None:
        if not required:
            return None, []
        return None, [Problem(shown, 2, f"has no {name}.", f"Add '{name}: YYYY-MM-DD' to the front matter.")]
    day = iso_date(raw)
    if day is None:
        return None, [Problem(shown, front.lines.get(name, 2), f"{name} '{raw}' is not a date.",
                              "Write it as YYYY-MM-DD, for example 2017-06-21.")]
    return day, []


def check_corrections(raw: Any, front: FrontMatter, shown: str) -> tuple[tuple[Correction, ...], list[Problem]]:
    line = front.lines.get("corrections", 2)
    fix = "Write corrections as a list of entries with 'date: YYYY-MM-DD' and 'summary: ...'."
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [Problem(shown, line, "corrections is not a list.", fix)]
    corrections, problems = [], []
    for number, entry in enumerate(raw, start=1):
        day = iso_date(entry.get("date")) if isinstance(entry, dict) else None
        summary = entry.get("summary") if isinstance(entry, dict) else None
        if day is None or not isinstance(summary, str) or not summary.strip():
            problems.append(Problem(shown, line, f"correction {number} needs a date and a summary.", fix))
        else:
            corrections.append(Correction(day, summary.strip()))
    return tuple(corrections), problems


def check_version(
    fields: dict[str, Any], front: FrontMatter, shown: str, document: str, stem: str
) -> tuple[VersionFacts | None, list[Problem]]:
    """The facts of one version, each field checked."""
    problems: list[Problem] = []
    if fields.get("document") != document:
        problems.append(Problem(
            shown, front.lines.get("document", 2),
            f"says 'document: {fields.get('document')}' but the file is a version of '{document}'.",
            f"Write 'document: {document}' in the front matter.",
        ))
    effective_date, found = check_date_field(fields, "effective_date", front, shown, required=True)
    problems += found
    if effective_date is not None and effective_date.isoformat() != stem:
        problems.append(Problem(
            shown, front.lines.get("effective_date", 2),
            f"effective_date {effective_date} differs from the file name {stem}.md.",
            f"Name the file {document}/{effective_date}.md, or correct the date.",
        ))
    announced, found = check_date_field(fields, "announced", front, shown, required=False)
    problems += found
    if announced and effective_date and announced > effective_date:
        problems.append(Problem(
            shown, front.lines.get("announced", 2),
            f"announced {announced} is after effective_date {effective_date}.",
            "A change must be announced before it takes effect: correct one of the dates.",
        ))
    change = fields.get("change")
    if change not in CHANGE_KINDS:
        problems.append(Problem(
            shown, front.lines.get("change", 2),
            f"change is {change!r}." if change is not None else "has no change field.",
            "Write 'change: material' for a change of meaning, or 'change: editorial'.",
        ))
    summary = fields.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        problems.append(Problem(
            shown, front.lines.get("summary", 2), "has no summary.",
            "Add 'summary: ...', one or two sentences on what this version changes, in this language.",
        ))
    corrections, found = check_corrections(fields.get("corrections"), front, shown)
    problems += found
    short_notice = fields.get("short_notice")
    if short_notice is not None and (not isinstance(short_notice, str) or not short_notice.strip()):
        problems.append(Problem(
            shown, front.lines.get("short_notice", 2), "short_notice gives no reason.",
            "Write why this change cannot wait for the notice period, or remove short_notice.",
        ))
    replaced, found = check_replaced_anchors(fields.get("replaced_anchors"), front, shown)
    problems += found + unknown_fields(fields, front, shown)
    if problems:
        return None, problems
    return VersionFacts(
        document, effective_date, announced, change, summary.strip(), corrections,
        short_notice.strip() if short_notice else None, replaced,
    ), []


VERSION_FIELDS = ("document", "title", "effective_date", "announced", "change", "summary", "corrections",
                  "short_notice", "replaced_anchors", "translated_from")
ANCHOR_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def unknown_fields(fields: dict[str, Any], front: FrontMatter, shown: str) -> list[Problem]:
    """A field no rule reads: most often a misspelt one, whose value would be silently lost."""
    problems = []
    for name in fields:
        if name in VERSION_FIELDS:
            continue
        close = difflib.get_close_matches(str(name), VERSION_FIELDS, n=1)
        problems.append(Problem(
            shown, front.lines.get(name, 2), f"has a field '{name}' that a version does not have.",
            (f"Did you mean '{close[0]}'? " if close else "")
            + f"A version's fields are {', '.join(VERSION_FIELDS)}.",
        ))
    return problems


def check_replaced_anchors(
    raw: Any, front: FrontMatter, shown: str
) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    line = front.lines.get("replaced_anchors", 2)
    fix = ("Write replaced_anchors as lines 'old-anchor: new-anchor', each the anchor the version "
           "before had and the anchor of this version that takes its place.")
    if raw is None:
        return (), []
    if not isinstance(raw, dict):
        return (), [Problem(shown, line, "replaced_anchors is not a list of 'old: new' lines.", fix)]
    pairs, problems = [], []
    for old, new in raw.items():
        if not (isinstance(old, str) and isinstance(new, str) and ANCHOR_NAME.fullmatch(old) and ANCHOR_NAME.fullmatch(new)):
            problems.append(Problem(shown, line, f"replaced_anchors has '{old}: {new}', which is not two anchors.",
                                    fix + " An anchor is lower-case letters, digits and hyphens."))
        else:
            pairs.append((old, new))
    return tuple(pairs), problems


def check_page(
    language: str, path: str, front: FrontMatter, documents: Sequence[str], shown: str
) -> tuple[SourcePage | None, list[Problem]]:
    """Check the fields of one page's front matter."""
    problems: list[Problem] = []
    fields = front.fields
    title = fields.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(
            shown, front.lines.get("title", 2), "has no title.",
            "Add a line 'title: ...' with the page's title in this language to the front matter.",
        ))
    version = None
    place = version_path(path, documents)
    if place is not None:
        version, found = check_version(fields, front, shown, *place)
        problems += found
    elif fields.get("document") is not None or PurePosixPath(path).parts[0] in documents:
        problems.append(Problem(
            shown, None, "is not where a version of a document belongs.",
            f"A version is docs/{language}/<document>/<effective date>.md, with <document> one of "
            f"{', '.join(documents)}.",
        ))
    if problems:
        return None, problems
    pin = fields.get("translated_from")
    return SourcePage(
        language=language, path=path, title=title.strip(), body=front.body,
        body_line=front.body_line, version=version, translated_from=str(pin) if pin else None,
        field_lines=tuple(front.lines.items()),
    ), []


def check_completeness(
    pages: dict[tuple[str, str], SourcePage],
    languages: Sequence[str],
    source_language: str,
    documents: Sequence[str],
    broken: set[tuple[str, str]],
) -> list[Problem]:
    """Every language has every page English has, no more, and the same version of each."""
    problems: list[Problem] = []
    present = set(pages) | broken
    source_paths = {path for (language, path) in present if language == source_language}
    for name in documents:
        if not any(path.startswith(f"{name}/") for path in source_paths):
            problems.append(Problem(
                f"docs/{source_language}/{name}/", None,
                f"is missing: '{name}' is a configured document but has no {source_language} version.",
                f"Import its first version (policy-site import-version {name} --effective YYYY-MM-DD "
                f"{source_language}=FILE), or remove '{name}' from the documents in mkdocs.yml.",
            ))
    for language in languages:
        if language == source_language:
            continue
        own = {path for (lang, path) in present if lang == language}
        if not own:
            continue
        for path in sorted(source_paths - own):
            problems.append(Problem(
                f"docs/{language}/{path}", None, f"is missing: docs/{source_language}/{path} has no "
                f"{language} translation.",
                f"Copy docs/{source_language}/{path} to docs/{language}/{path} and translate it.",
            ))
        for path in sorted(own - source_paths):
            problems.append(Problem(
                f"docs/{language}/{path}", None,
                f"has no {source_language} original (docs/{source_language}/{path} does not exist).",
                f"Write the {source_language} text first, or move or delete this file.",
            ))
        for path in sorted(own & source_paths):
            original, translation = pages.get((source_language, path)), pages.get((language, path))
            if original is None or translation is None:
                continue
            if original.effective_date != translation.effective_date:
                problems.append(Problem(
                    translation.source_file, None,
                    f"translates the version of {translation.effective_date}, but "
                    f"{original.source_file} is the version of {original.effective_date}.",
                    "Translate the current English text and copy its effective_date.",
                ))
    return problems


def load_sources(
    docs_dir: Path,
    languages: Sequence[str],
    source_language: str,
    documents: Sequence[str],
) -> SiteSources:
    """Read and check every Markdown file under docs_dir; raise SourceError listing all problems."""
    sources, problems = read_sources(docs_dir, languages, source_language, documents)
    if problems:
        raise SourceError(problems)
    return sources


@lru_cache(maxsize=16384)  # `serve` reads every file again after each save: the unchanged are not parsed again
def read_page(language: str, path: str, text: str, documents: tuple[str, ...], shown: str
              ) -> tuple[SourcePage | None, str | None, tuple[Problem, ...]]:
    """One file's page (None if it cannot be one), the effective date its front matter declares
    (a version's, as written), and its problems. SourcePage and Problem are frozen: a page read
    twice is the same object, which later checks may key on."""
    front = split_front_matter(text.replace("\r\n", "\n"), shown)
    if isinstance(front, Problem):
        return None, None, (front,)
    declared = str(front.fields.get("effective_date")) if version_path(path, documents) is not None else None
    page, problems = check_page(language, path, front, documents, shown)
    return page, declared, tuple(problems)


def read_sources(
    docs_dir: Path,
    languages: Sequence[str],
    source_language: str,
    documents: Sequence[str],
) -> tuple[SiteSources, list[Problem]]:
    """Every file that could be read, and every problem found: later checks still run on the
    readable files, so that one run reports every mistake."""
    problems: list[Problem] = []
    pages: dict[tuple[str, str], SourcePage] = {}
    broken: set[tuple[str, str]] = set()
    declared: dict[tuple[str, str, str], list[str]] = {}  # (language, document, date) -> files
    for file in sorted(docs_dir.rglob("*.md")):
        if file.is_symlink() or not file.is_file():
            continue  # a link or a folder named like a text: checks.files names it
        relative = file.relative_to(docs_dir).as_posix()
        shown = f"docs/{relative}"
        top, _, rest = relative.partition("/")
        if not rest:
            problems.append(Problem(
                shown, None, "is outside a language folder.",
                f"Move it into a language folder such as docs/{source_language}/ "
                f"(languages: {', '.join(languages)}).",
            ))
            continue
        if top not in languages:
            what = "an unknown language" if LANGUAGE_FOLDER.match(top) else "not a language folder"
            problems.append(Problem(
                shown, None, f"is in docs/{top}/, {what}.",
                f"Use one of {', '.join(languages)}, or add '{top}' to the languages of the i18n "
                "plugin in mkdocs.yml.",
            ))
            continue
        text, read_problems = read_text(file, shown)
        problems.extend(read_problems)
        if text is None:
            broken.add((top, rest))
            continue
        page, declared_day, page_problems = read_page(top, rest, text, tuple(documents), shown)
        problems.extend(page_problems)
        if declared_day is not None:
            declared.setdefault((top, version_path(rest, documents)[0], declared_day), []).append(shown)
        if page is None:
            broken.add((top, rest))
        else:
            pages[(top, rest)] = page
    for language in languages:
        if not any(lang == language for (lang, _) in set(pages) | broken):
            problems.append(Problem(
                f"docs/{language}/", None, f"has no content, but '{language}' is a configured language.",
                f"Translate the files of docs/{source_language}/ into docs/{language}/, or remove "
                f"'{language}' from the languages in mkdocs.yml.",
            ))
    for (_, document, day), files in sorted(declared.items()):
        for shown in files[1:] if len(files) > 1 else []:
            problems.append(Problem(
                shown, None, f"has effective_date {day}, like {files[0]}: two versions of {document} "
                "cannot take effect on the same day.",
                "Give each version its own effective date (and name the file after it); a fix that "
                "does not change the meaning is a correction of the existing version.",
            ))
    problems.extend(check_completeness(pages, languages, source_language, documents, broken))
    for (language, _), page in sorted(pages.items()):
        if language == source_language and page.version and page.version.summary == PLACEHOLDER_SUMMARY:
            problems.append(Problem(
                page.source_file, None, "still has the placeholder summary.",
                "Replace the summary with one or two sentences on what this version changes.",
            ))
    return SiteSources(
        languages=tuple(languages), source_language=source_language,
        documents=tuple(documents), pages=pages,
    ), problems

