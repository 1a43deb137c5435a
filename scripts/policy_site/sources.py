"""The site's sources: every Markdown file of every language, read and checked in one pass.

A file lives at `docs/<language>/<path>.md`. Files named after a configured document
(`privacy.md`, `terms.md`) are policy documents and carry `document`, `title` and
`effective_date`; other pages (the home page) carry a `title`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from .front_matter import FrontMatter, iso_date, split_front_matter
from .problems import Problem, SourceError

LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class SourcePage:
    """One Markdown file of one language."""

    language: str
    path: str  # relative to the language folder, '/'-separated: 'privacy.md'
    title: str
    document: str | None  # the document it is a text of, for policy documents
    effective_date: dt.date | None
    body: str
    body_line: int
    translated_from: str | None = None  # fingerprint of the English text it translates

    @property
    def source_file(self) -> str:
        return f"docs/{self.language}/{self.path}"


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

    def policy_documents(self, language: str) -> list[SourcePage]:
        """The policy documents of one language, in the configured order."""
        return [self.pages[(language, f"{name}.md")] for name in self.documents]


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing encodings and line endings that break diffs."""
    data = path.read_bytes()
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(
            shown, 1, "starts with a byte-order mark.",
            "Save the file as UTF-8 without BOM (your editor's 'UTF-8' rather than 'UTF-8 with BOM').",
        ))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(
            shown, line, "is not valid UTF-8.", "Save the file with the UTF-8 encoding.",
        ))
        return None, problems
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(
            shown, line, "has Windows (CRLF) line endings.",
            "Save it with Unix (LF) line endings; `git config core.autocrlf input` keeps them so.",
        ))
    return text, problems


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
    stem = PurePosixPath(path).stem
    document = fields.get("document")
    effective_date = None
    if stem in documents or document is not None:
        if document != stem:
            problems.append(Problem(
                shown, front.lines.get("document", 2),
                f"says 'document: {document}' but the file is the text of '{stem}'.",
                f"Write 'document: {stem}' in the front matter.",
            ))
        if stem not in documents:
            problems.append(Problem(
                shown, front.lines.get("document", 2), f"'{stem}' is not a known document.",
                f"Use one of {', '.join(documents)}, or add '{stem}' to the documents of the "
                "policy_site plugin in mkdocs.yml.",
            ))
        raw_date = fields.get("effective_date")
        effective_date = iso_date(raw_date)
        if raw_date is None:
            problems.append(Problem(
                shown, 2, "has no effective_date.",
                "Add 'effective_date: YYYY-MM-DD', the day this text takes effect.",
            ))
        elif effective_date is None:
            problems.append(Problem(
                shown, front.lines.get("effective_date", 2),
                f"effective_date '{raw_date}' is not a date.",
                "Write it as YYYY-MM-DD, for example 2017-06-21.",
            ))
    if problems:
        return None, problems
    return SourcePage(
        language=language, path=path, title=title.strip(), document=document if stem in documents else None,
        effective_date=effective_date, body=front.body, body_line=front.body_line,
        translated_from=str(fields["translated_from"]) if fields.get("translated_from") else None,
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
        if (source_language, f"{name}.md") not in present:
            problems.append(Problem(
                f"docs/{source_language}/{name}.md", None,
                f"is missing: '{name}' is a configured document but has no {source_language} text.",
                f"Write docs/{source_language}/{name}.md, or remove '{name}' from the documents "
                "in mkdocs.yml.",
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
    problems: list[Problem] = []
    pages: dict[tuple[str, str], SourcePage] = {}
    broken: set[tuple[str, str]] = set()
    for file in sorted(docs_dir.rglob("*.md")):
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
        front = split_front_matter(text.replace("\r\n", "\n"), shown)
        if isinstance(front, Problem):
            problems.append(front)
            broken.add((top, rest))
            continue
        page, page_problems = check_page(top, rest, front, documents, shown)
        problems.extend(page_problems)
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
    problems.extend(check_completeness(pages, languages, source_language, documents, broken))
    if problems:
        raise SourceError(problems)
    return SiteSources(
        languages=tuple(languages), source_language=source_language,
        documents=tuple(documents), pages=pages,
    )

