"""What spans languages: which text each page shows, its alternates, the sitemap, versions.json
and the language chooser. The fallback rule (English where a translation lags) is decided here
once; every page, feed and file asks this model."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .. import addresses, languages
from ..site_map import SitePage, language_pages
from ..sources import SiteSources, SourcePage
from ..versions import integrity
from ..versions.timeline import VersionState, timeline

if TYPE_CHECKING:
    from .language import LanguageSite

UP_TO_DATE = "up to date"  # translation_status of a translation readers get


@dataclass(frozen=True)
class PublishingSettings:
    """What mkdocs.yml says about publishing, as the model needs it."""

    site_url: str
    site_name: str
    feed_id_prefix: str
    site_author: str | None = None
    pdf_copies: bool = False
    terms_types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteModel:
    sources: SiteSources
    build_day: dt.date
    settings: PublishingSettings
    timelines: dict[str, list[VersionState]]
    # (language, path) -> 'up to date', 'stale' or 'mismatched', for every translated text
    translation_status: dict[tuple[str, str], str]
    translations: dict[str, Any]  # language -> its gettext catalogue (Babel Translations)
    _languages: dict[str, LanguageSite] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def fallbacks(self) -> frozenset[tuple[str, str]]:
        """(language, path) of the texts readers get in English: a translation that lags behind
        or does not match is not shown as the text of a version."""
        return frozenset(key for key, status in self.translation_status.items() if status != UP_TO_DATE)

    def is_fallback(self, language: str, path: str) -> bool:
        return (language, path) in self.fallbacks

    def shown(self, language: str, path: str) -> SourcePage:
        """The text readers get for a page: the translation, or English where it lags."""
        if self.is_fallback(language, path):
            return self.sources.page(self.sources.source_language, path)
        return self.sources.page(language, path)

    def text_language(self, language: str, path: str) -> str:
        """The language of the text (title, summary, body) a page in `language` shows."""
        return self.shown(language, path).language

    def absolute(self, address: str) -> str:
        return addresses.absolute_url(self.settings.site_url, address)

    def alternates(self, address: str) -> list[dict[str, str]]:
        """One entry per language for the same page: the switcher and the hreflang links."""
        return [
            {"lang": code, "name": languages.native_name(code),
             "link": self.absolute(addresses.in_language(address, code))}
            for code in self.sources.languages
        ]

    def language(self, code: str) -> LanguageSite:
        """One language's pages and template data (made once per language)."""
        from .language import LanguageSite  # it builds on this module

        if code not in self._languages:
            self._languages[code] = LanguageSite(self, code)
        return self._languages[code]

    def page_is_fallback(self, language: str, site_page: SitePage) -> bool:
        """Whether that page, in that language, shows the English text instead of a translation."""
        return site_page.state is not None and self.is_fallback(language, site_page.state.page.path)

    def sitemap_entries(self) -> list[dict[str, Any]]:
        """Every page in every language with its alternates; a page showing English in place of
        a lagging translation is not a translation, so it is neither an entry nor an alternate."""
        entries = []
        for site_page in language_pages(self.sources, self.sources.source_language, self.timelines):
            links = [link for link in self.alternates(site_page.address)
                     if not self.page_is_fallback(link["lang"], site_page)]
            entries += [{"url": link["link"], "alternates": links} for link in links]
        return entries

    def versions_data(self, pdf_hashes: dict[tuple[str, str], str]) -> dict[str, Any]:
        """versions.json: every version in every language, its address, the hash of its text
        and, given (language, path) -> SHA-256 of the PDFs made, its PDF."""
        documents = {}
        for name, states in self.timelines.items():
            versions = []
            for state in states:
                texts = {}
                for code in self.sources.languages:
                    page = self.sources.page(code, state.page.path)
                    shown = self.shown(code, page.path)
                    address = addresses.version(code, name, state.effective_date)
                    texts[code] = {
                        "address": self.absolute(address),
                        "text": self.absolute(address + "text.md"),
                        "sha256": integrity.text_sha256(shown),
                        "language_of_text": shown.language,
                        "title": page.title,
                        "summary": page.version.summary,
                    }
                    if (code, page.path) in pdf_hashes:
                        texts[code]["pdf"] = self.absolute(addresses.version_pdf(code, name, state.effective_date))
                        texts[code]["pdf_sha256"] = pdf_hashes[(code, page.path)]
                facts = state.page.version
                versions.append({
                    "effective_date": state.effective_date.isoformat(),
                    "announced": facts.announced.isoformat() if facts.announced else None,
                    "change": facts.change,
                    "status": state.status,
                    "corrections": [{"date": c.date.isoformat(), "summary": c.summary} for c in facts.corrections],
                    "languages": texts,
                })
            documents[name] = {"address": self.absolute(addresses.document(self.sources.source_language, name)),
                               "versions": versions}
            if name in self.settings.terms_types:  # Open Terms Archive's name of the commitment
                documents[name]["terms_type"] = self.settings.terms_types[name]
        return {"built_as_of": self.build_day.isoformat(), "documents": documents}

    def versions_json(self, pdf_hashes: dict[tuple[str, str], str]) -> str:
        return json.dumps(self.versions_data(pdf_hashes), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def language_choices(self) -> list[dict[str, str]]:
        """The root page's chooser and the root 404: each language's home, in its own words."""
        return [
            {
                "lang": code,
                "name": languages.native_name(code),
                "address": addresses.home(code),
                "url": self.absolute(addresses.home(code)),
                "title": self.sources.page(code, "index.md").title,
                "not_found": self.translations[code].gettext("Page not found"),
            }
            for code in self.sources.languages
        ]


def site_model(
    sources: SiteSources, build_day: dt.date, settings: PublishingSettings,
    translation_status: dict[tuple[str, str], str], translations: dict[str, Any],
) -> SiteModel:
    """The model of a site whose sources were checked, built on `build_day`."""
    timelines = {name: timeline(sources.versions(sources.source_language, name), build_day)
                 for name in sources.documents}
    return SiteModel(sources, build_day, settings, timelines, dict(translation_status), translations)
