"""One entry point for the test suite, the command line and (later) the site's status page."""

from __future__ import annotations

from dataclasses import dataclass

from ..sources import SiteSources
from .compare import Mismatch, compare
from .outline import outline
from .pin import fingerprint


@dataclass(frozen=True)
class TranslationResult:
    language: str
    path: str
    mismatches: tuple[Mismatch, ...]
    pinned: str | None  # the English fingerprint the translation says it was made from
    current: str  # the fingerprint of today's English text

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
        return "\n".join([head, *(str(m) for m in self.mismatches)])


def check_translation(sources: SiteSources, language: str, path: str) -> TranslationResult:
    english = sources.page(sources.source_language, path)
    translation = sources.page(language, path)
    return TranslationResult(
        language, path,
        tuple(compare(outline(english.body), outline(translation.body), language, sources.languages)),
        pinned=translation.translated_from, current=fingerprint(english),
    )


def check_all(sources: SiteSources) -> list[TranslationResult]:
    return [
        check_translation(sources, language, path)
        for language in sources.languages if language != sources.source_language
        for path in sources.paths()
    ]
