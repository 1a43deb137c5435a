"""One entry point for the test suite, the command line and the site (notices, status page)."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..checks.results import NoResults, ResultStore, cached_findings
from ..front_matter import split_front_matter
from ..parallel import in_order
from ..problems import Problem
from ..sources import SiteSources, SourcePage
from ..versions.integrity import earlier_file
from .carried_over import carried_over
from .compare import Mismatch, compare, compare_blocks
from .outline import Block, Outline, block, outline
from .pin import digest, fingerprint, translated_text


@dataclass(frozen=True)
class TranslationResult:
    language: str
    path: str
    mismatches: tuple[Mismatch, ...]
    pinned: str | None  # the English fingerprint the translation says it was made from
    current: str  # the fingerprint of today's English text
    english_changes: str = ""  # for a stale translation: the English diff since its pin

    @property
    def is_stale(self) -> bool:
        return self.pinned != self.current

    @property
    def status(self) -> str:
        """'mismatched' fails the tests; 'stale' is a warning (English may be published first)."""
        if self.mismatches and not self.is_stale:
            return "mismatched"
        if self.is_stale:
            return "stale"
        return "up to date"

    @property
    def reason(self) -> str:
        if self.pinned is None:
            return "no translated_from field: record which English text this translates"
        if self.is_stale:
            return f"translated from English {self.pinned}, English is now {self.current}"
        return ""

    def report(self) -> str:
        head = f"docs/{self.language}/{self.path} against docs/en/{self.path}: {self.status}"
        if self.reason:
            head += f" ({self.reason})"
        lines = [head]
        if self.english_changes:
            lines += ["English changes since the translated text:", self.english_changes.rstrip("\n")]
        return "\n".join([*lines, *(str(m) for m in self.mismatches)])


LocalisedUrls = Mapping[str, Mapping[str, str]]  # English URL -> {language: reviewed local URL}


def with_english_urls(translated: Outline, language: str, localised_urls: LocalisedUrls) -> Outline:
    """The translation's outline with each reviewed local URL put back to its English original,
    so that only an URL on the reviewed list may differ from English."""
    back = {urls[language]: english for english, urls in localised_urls.items() if language in urls}
    if not back:
        return translated
    return Outline(tuple(
        dataclasses.replace(block, links=tuple(back.get(link, link) for link in block.links))
        for block in translated.blocks
    ))


def check_translation(
    sources: SiteSources, language: str, path: str, docs_dir: Path | None = None,
    localised_urls: LocalisedUrls | None = None, results: ResultStore = NoResults(),
) -> TranslationResult:
    """The translation against the English text of the same page; with docs_dir, a stale one
    also gets the English diff since its pin (from git history). `results` keeps the findings
    of each pair of texts between runs."""
    english = sources.page(sources.source_language, path)
    translation = sources.page(language, path)
    current = fingerprint(english)
    changes = ""
    if docs_dir is not None and translation.translated_from and translation.translated_from != current:
        changes = english_diff(sources, docs_dir, path, translation.translated_from)
    earlier = earlier_version(sources, language, path)
    inputs = (english, translation, tuple(sources.languages), sources.source_language, localised_urls or {}, earlier)
    mismatches = cached_findings(results, "translation", inputs, Mismatch, lambda: translation_mismatches(
        english, translation, sources.languages, sources.source_language, localised_urls or {}, earlier))
    return TranslationResult(language, path, tuple(mismatches), pinned=translation.translated_from,
                             current=current, english_changes=changes)


def earlier_version(sources: SiteSources, language: str, path: str) -> tuple[SourcePage, SourcePage] | None:
    """The version before this one of the same document, in English and in the language: what
    the translation may have been carried over from."""
    english = sources.page(sources.source_language, path)
    if english.document is None:
        return None
    translated = {page.path for page in sources.versions(language, english.document)}
    earlier = [page for page in sources.versions(sources.source_language, english.document)
               if page.effective_date < english.effective_date and page.path in translated]
    return (earlier[-1], sources.page(language, earlier[-1].path)) if earlier else None


def translation_mismatches(
    english: SourcePage, translation: SourcePage, languages: Sequence[str], source_language: str = "en",
    localised_urls: LocalisedUrls | None = None, earlier: tuple[SourcePage, SourcePage] | None = None,
) -> list[Mismatch]:
    """Every finding of one translation against its English text; with the earlier version of
    both, also the clauses English changed that the translation carried over unchanged."""
    language = translation.language
    ours = outline(english.body)
    theirs = with_english_urls(outline(translation.body), language, localised_urls or {})
    found = (compare_facts(english, translation, language, languages, source_language)
             + compare(ours, theirs, language, languages, source_language))
    if earlier is not None:
        earlier_english, earlier_translation = earlier
        found += carried_over(
            outline(earlier_english.body), with_english_urls(outline(earlier_translation.body), language, localised_urls or {}),
            ours, theirs, str(earlier_english.effective_date))
    return found


def compare_facts(english: SourcePage, translation: SourcePage, language: str, languages: Sequence[str],
                  source_language: str = "en") -> list[Mismatch]:
    """The title and the summary, which lists, feeds and history pages show: checked by the
    rules of a clause (numbers, e-mail addresses, text left in English)."""
    facts = [("title (front matter)", english.title, translation.title)]
    if english.version is not None and translation.version is not None:
        facts.append(("summary (front matter)", english.version.summary, translation.version.summary))
    def fact(label: str, text: object) -> Block:
        # the title is a heading: the rules of headings apply (a title may translate a name)
        return block("h1" if label.startswith("title") else "fact", label, None, " ".join(str(text or "").split()))

    documents = (" ".join(b.text for b in outline(english.body).blocks),
                 " ".join(b.text for b in outline(translation.body).blocks))
    problems: list[Mismatch] = []
    for label, ours, theirs in facts:
        problems += compare_blocks(fact(label, ours), fact(label, theirs), language, languages, source_language,
                                   documents)
    return problems


def pinned_english(sources: SiteSources, docs_dir: Path, path: str, pin: str) -> tuple[dict, str] | None:
    """The English (front matter fields, body) a translation was made from: found in the English
    file's history, or, for a new version, among the versions before it."""
    found = earlier_file(docs_dir / sources.source_language / path, pin, digest)
    if found is not None:
        front = split_front_matter(found, path)
        if not isinstance(front, Problem):
            return front.fields, front.body
    english = sources.page(sources.source_language, path)
    for other in sources.versions(sources.source_language, english.document) if english.document else []:
        if fingerprint(other) == pin:
            return {"title": other.title, "summary": other.version.summary}, other.body
    return None


def english_diff(sources: SiteSources, docs_dir: Path, path: str, pin: str) -> str:
    """What changed in English since the text a translation was made from."""
    english = sources.page(sources.source_language, path)
    pinned = pinned_english(sources, docs_dir, path, pin)
    if pinned is None:
        return "(the English text of that pin is not in this repository or its history)\n"
    before = translated_text(*pinned)
    now = translated_text({"title": english.title, "summary": english.version.summary if english.version else ""}, english.body)
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), now.splitlines(keepends=True), f"English {pin}", "English now", n=1,
    ))


def translation_pairs(sources: SiteSources) -> list[tuple[str, str]]:
    """(language, path) of every translation, in the order the check reports them."""
    return [(language, path) for language in sources.languages if language != sources.source_language
            for path in sources.paths()]


def check_all(
    sources: SiteSources, docs_dir: Path | None = None, localised_urls: LocalisedUrls | None = None,
    results: ResultStore = NoResults(), map_pairs: Callable[..., list] = in_order,
) -> list[TranslationResult]:
    """Every translation checked; `map_pairs(check, pairs)` may spread the pairs over processes."""
    return map_pairs(lambda pair: check_translation(sources, *pair, docs_dir, localised_urls, results),
                     translation_pairs(sources))
