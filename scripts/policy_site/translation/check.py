"""One entry point for the test suite, the command line and (later) the site's status page."""

from __future__ import annotations

from dataclasses import dataclass

from ..sources import SiteSources
from .compare import Mismatch, compare
from .outline import outline


@dataclass(frozen=True)
class TranslationResult:
    language: str
    path: str
    mismatches: tuple[Mismatch, ...]

    @property
    def status(self) -> str:
        return "matches English" if not self.mismatches else "mismatched"

    def report(self) -> str:
        head = f"docs/{self.language}/{self.path} against docs/en/{self.path}: {self.status}"
        return "\n".join([head, *(str(m) for m in self.mismatches)])


def check_translation(sources: SiteSources, language: str, path: str) -> TranslationResult:
    english = sources.page(sources.source_language, path)
    translation = sources.page(language, path)
    return TranslationResult(
        language, path, tuple(compare(outline(english.body), outline(translation.body)))
    )


def check_all(sources: SiteSources) -> list[TranslationResult]:
    return [
        check_translation(sources, language, path)
        for language in sources.languages if language != sources.source_language
        for path in sources.paths()
    ]
