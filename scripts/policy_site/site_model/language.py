"""One language of the site: its pages, and what the templates of each page get. The language is
this object's, never read from a plugin's state; every text shown comes from the model's one
fallback rule."""

from __future__ import annotations

from functools import cached_property
from html import escape as html_escape
from typing import Any

from .. import addresses, dates, feeds, languages, notices
from ..copies.print_html import css_string, page_counter_content, split_title
from ..front_matter import with_title
from ..site_map import SitePage, language_pages
from ..sources import SourcePage
from ..versions import integrity
from ..versions.comparison import ComparisonLabels
from ..versions.timeline import VersionState, announcement_day, in_force, is_announced, shown_version
from .model import UP_TO_DATE, SiteModel


class LanguageSite:
    def __init__(self, model: SiteModel, language: str) -> None:
        self.model = model
        self.language = language
        self.sources = model.sources

    def gettext(self, message: str) -> str:
        return self.model.translations[self.language].gettext(message)

    # -- pages -------------------------------------------------------------------------------

    @cached_property
    def pages(self) -> list[SitePage]:
        """Every page of this language, in a stable order (site_map.language_pages)."""
        return language_pages(self.sources, self.language, self.model.timelines)

    @cached_property
    def page_of_source(self) -> dict[str, SitePage]:
        """src_uri (the Markdown file rendered for a page, real or generated) -> its page."""
        return {page.src_uri: page for page in self.pages}

    @cached_property
    def version_pages(self) -> dict[str, SitePage]:
        """The path of a version's text -> the page of that version."""
        return {page.state.page.path: page for page in self.pages if page.kind == "version"}

    def version_page(self, site_page: SitePage) -> SitePage:
        """The page of the version a document or changes page shows."""
        return self.version_pages[site_page.state.page.path]

    def shown(self, path: str) -> SourcePage:
        return self.model.shown(self.language, path)

    def text_language(self, path: str) -> str:
        return self.model.text_language(self.language, path)

    def is_fallback(self, site_page: SitePage) -> bool:
        return self.model.page_is_fallback(self.language, site_page)

    def text_of(self, site_page: SitePage) -> SourcePage | None:
        """The text a document, version or changes page shows; None for other pages."""
        return self.shown(site_page.state.page.path) if site_page.state is not None else None

    def own_text_language(self, site_page: SitePage) -> str | None:
        """The language of the text of a document or version page shown in English in place of
        its translation (its title, headings and table of contents are in it); else None."""
        if site_page.kind in ("document", "version") and self.is_fallback(site_page):
            return self.sources.source_language
        return None

    def generated_markdown(self, site_page: SitePage) -> str | None:
        """Markdown of the pages that have no file of their own under docs/."""
        if site_page.kind == "document":
            page = self.text_of(site_page)
            return with_title(page.title, page.body)
        if site_page.kind == "history":
            title = self.document_title(site_page.document)
            heading = self.gettext("Version history: %(document)s") % {"document": title}
            shown_language = self.text_language(shown_version(self.model.timelines[site_page.document]).page.path)
            if shown_language != self.language:  # the English title, marked as English inside the heading
                marked = f'<span lang="{shown_language}">{html_escape(title)}</span>'
                visible = self.gettext("Version history: %(document)s") % {"document": marked}
            else:
                visible = heading
            return with_title(heading, f"\n# {visible} {{#version-history}}\n")
        if site_page.kind == "subscribe":
            heading = self.gettext("Subscribe to changes")
            return with_title(heading, f"\n# {heading} {{#subscribe}}\n")
        if site_page.kind == "status":
            heading = self.gettext("Translation status")
            return with_title(heading, f"\n# {heading} {{#translation-status}}\n")
        if site_page.kind == "changes":  # its text is the version's, rendered once for both pages
            day = dates.localized_date(site_page.state.effective_date, self.language)
            heading = self.gettext("Changes in the version of %(date)s") % {"date": day}
            return with_title(heading, "")
        return None

    # -- what templates show -----------------------------------------------------------------

    def version_view(self, name: str, state: VersionState) -> dict[str, Any]:
        """What templates show about one version, in this language."""
        shown = self.shown(state.page.path)  # English facts where it lags behind
        day = state.effective_date
        return {  # view data only: a page's template gets nothing it does not show (mkdocs_plugin/kept_pages.py)
            "facts": shown.version,
            "title": shown.title,  # with its text: English where the translation lags behind
            # the language of the title, summary and text shown, for lang="…" where it is not the page's
            "text_lang": shown.language,
            "status": state.status,
            "effective_date": day,
            "superseded_on": state.superseded_on,
            "url": addresses.version(self.language, name, day),
            "text_url": addresses.version(self.language, name, day) + "text.md",
            "outline_url": addresses.version(self.language, name, day) + "outline.json",
            "changes_url": addresses.changes(self.language, name, day) if state.previous else None,
            "fallback": self.model.is_fallback(self.language, state.page.path),
            "pdf_url": addresses.version_pdf(self.language, name, day) if self.model.settings.pdf_copies else None,
        }

    def document_summary(self, name: str) -> dict[str, Any]:
        states = self.model.timelines[name]
        current, shown = in_force(states), shown_version(states)
        return {
            "name": name,
            "title": self.shown(shown.page.path).title,
            "text_lang": self.text_language(shown.page.path),
            "url": addresses.document(self.language, name),
            "history_url": addresses.history(self.language, name),
            "in_force": self.version_view(name, current) if current else None,
            "first": self.version_view(name, shown),  # before the document applies: when it will
            "scheduled": [
                self.version_view(name, s) for s in states
                if s.status == "scheduled" and s is not shown and is_announced(s, self.model.build_day)
            ],
            "versions": [self.version_view(name, s) for s in reversed(states)],
        }

    @cached_property
    def summaries(self) -> dict[str, dict[str, Any]]:
        """What pages show about each document, made once per language rather than once per page."""
        return {name: self.document_summary(name) for name in self.sources.documents}

    @cached_property
    def english_titled(self) -> dict[str, str]:
        """Document address -> the language of its title, where the navigation shows it in
        another language than the page's (to be marked there)."""
        return {addresses.document(self.language, name): summary["text_lang"]
                for name, summary in self.summaries.items() if summary["text_lang"] != self.language}

    def document_title(self, name: str) -> str:
        """A document's title as readers see it: its translation's, or English's where the
        version shown is in English."""
        return self.shown(shown_version(self.model.timelines[name]).page.path).title

    def previous_state(self, name: str, state: VersionState) -> VersionState:
        return next(s for s in self.model.timelines[name] if s.page.path == state.previous.path)

    def translation_table(self) -> dict[str, Any]:
        """Rows of versions, columns of languages: is the translation the text readers get?"""
        translated = [code for code in self.sources.languages if code != self.sources.source_language]
        rows = []
        for name in self.sources.documents:
            for state in reversed(self.model.timelines[name]):
                view = self.version_view(name, state)
                rows.append({
                    "document": view["title"],
                    "document_lang": view["text_lang"],
                    "version": view,
                    "cells": [self.model.translation_status[(code, state.page.path)] == UP_TO_DATE
                              for code in translated],
                })
        return {
            "languages": [{"lang": code, "name": languages.native_name(code)} for code in translated],
            "rows": rows,
        }

    def feed_links(self, name: str | None) -> list[dict[str, str]]:
        """Autodiscovery and subscribe-page entries: this language's feed, and the document's."""
        site_name = self.model.settings.site_name
        links = [{"title": self.gettext("%(site)s: changes to the legal documents") % {"site": site_name},
                  "url": self.model.absolute(addresses.feed(self.language))}]
        for document in ([name] if name else []):
            links.append({"title": self.gettext("%(document)s: changes") % {"document": self.document_title(document)},
                          "url": self.model.absolute(addresses.feed(self.language, document))})
        return links

    def page_context(self, site_page: SitePage | None, address: str) -> dict[str, Any]:
        """What the templates of a page get (a page of the theme's own has no SitePage); the
        comparison of a changes page is added by the renderer, which makes it."""
        context: dict[str, Any] = {
            "x_default_url": self.model.absolute(addresses.in_language(address, self.sources.source_language)),
            "page_kind": site_page.kind if site_page else "",
            "page_lang": self.language,
            "is_home": site_page is not None and site_page.kind == "home",
            "documents": list(self.summaries.values()),
            "status_url": addresses.translation_status(self.language),
            "subscribe_url": addresses.subscribe(self.language),
            "page_feeds": self.feed_links(site_page.document if site_page else None),
        }
        if site_page is not None and site_page.kind == "subscribe":
            context["feeds"] = [self.feed_links(None)[0]] + [
                self.feed_links(name)[1] for name in self.sources.documents]
        if site_page is not None and site_page.kind == "status":
            context["translation_table"] = self.translation_table()
        if site_page is None or site_page.document is None:
            return context
        context["document"] = self.summaries[site_page.document]
        if site_page.kind in ("document", "version", "changes"):
            context["version"] = self.version_view(site_page.document, site_page.state)
        if site_page.kind == "changes":
            context["previous_version"] = self.version_view(
                site_page.document, self.previous_state(site_page.document, site_page.state))
        return context

    def not_found_context(self) -> dict[str, Any]:
        """What this language's 404 page gets: its links lead to the language's home."""
        return {
            "home_url": self.model.absolute(addresses.home(self.language)),
            "x_default_url": self.model.settings.site_url,
            "subscribe_url": addresses.subscribe(self.language),
            "status_url": addresses.translation_status(self.language),
            "page_feeds": self.feed_links(None),
        }

    def comparison_labels(self) -> ComparisonLabels:
        return ComparisonLabels(
            removed=self.gettext("Removed:"), added=self.gettext("Added:"),
            next_change=self.gettext("Next change"), previous_change=self.gettext("Previous change"),
            change=self.gettext("Change %(number)s"),
        )

    def version_label(self, site_page: SitePage) -> str:
        """"Version of June 21, 2017": how search results name a version not in force."""
        return self.gettext("Version of %(time)s") % {
            "time": dates.localized_date(site_page.state.effective_date, self.language)}

    def print_context(self, site_page: SitePage, text_html: str) -> dict[str, Any]:
        """What a version's print page (overrides/pdf.html) gets, given its text's HTML."""
        state, name = site_page.state, site_page.document
        view = self.version_view(name, state)
        title_html, body_html = split_title(text_html)
        day = dates.localized_date(state.effective_date, self.language)
        return {
            "version": view, "page_lang": self.language, "text_lang": view["text_lang"],
            "title_html": title_html, "text_html": body_html,
            "permanent_url": self.model.absolute(view["url"]),
            "text_sha256": integrity.text_sha256(self.shown(state.page.path)),
            "page_counter": page_counter_content(self.gettext("Page %(page)s of %(pages)s")),
            "footer_label": css_string(f"{view['title']} · {day}"),
        }

    # -- feeds and notices -------------------------------------------------------------------

    def announced(self) -> list[tuple[str, VersionState]]:
        """(document, version) of every version announced by the build day, document by document."""
        return [(document, state) for document in self.sources.documents for state in self.model.timelines[document]
                if is_announced(state, self.model.build_day)]

    def feed(self, name: str | None) -> feeds.Feed:
        """The Atom feed of this language, for one document or all of them."""
        absolute, prefix = self.model.absolute, self.model.settings.feed_id_prefix
        entries = []
        for document, state in self.announced():
            if name and document != name:
                continue
            shown = self.shown(state.page.path)  # title and summary with the text
            day = dates.localized_date(state.effective_date, self.language)
            effective = self.gettext("Effective date: %(date)s.") % {"date": day}
            entries.append(feeds.FeedEntry(
                id=feeds.entry_id(prefix, document, state.effective_date, self.language),
                title=self.gettext("%(document)s: new version from %(date)s") % {"document": shown.title, "date": day},
                published=announcement_day(state),
                summary=f"{shown.version.summary} {effective}",
                version_url=absolute(addresses.version(self.language, document, state.effective_date)),
                changes_url=absolute(addresses.changes(self.language, document, state.effective_date))
                if state.previous else None,
            ))
        settings = self.model.settings
        if name:
            title = self.gettext("%(document)s: changes") % {"document": self.document_title(name)}
            page = addresses.document(self.language, name)
        else:
            title = self.gettext("%(site)s: changes to the legal documents") % {"site": settings.site_name}
            page = addresses.home(self.language)
        return feeds.Feed(
            id=f"{prefix}feed/{name + '/' if name else ''}{self.language}",
            title=title, language=self.language, self_url=absolute(addresses.feed(self.language, name)),
            page_url=absolute(page), author=settings.site_author or settings.site_name, entries=entries,
        )

    def notices(self) -> list[notices.Notice]:
        """This language's notices of material changes: one per feed entry that is a change."""
        absolute, prefix = self.model.absolute, self.model.settings.feed_id_prefix
        found = []
        for document, state in self.announced():
            if state.previous is None:
                continue
            shown = self.shown(state.page.path)
            day = state.effective_date
            found.append(notices.Notice(
                id=feeds.entry_id(prefix, document, day, self.language),
                document=document, language=self.language, text_language=shown.language,
                title=shown.title, announced=announcement_day(state).isoformat(),
                effective_date=day.isoformat(), summary=shown.version.summary,
                version_url=absolute(addresses.version(self.language, document, day)),
                changes_url=absolute(addresses.changes(self.language, document, day)),
                document_url=absolute(addresses.document(self.language, document)),
                pdf_url=absolute(addresses.version_pdf(self.language, document, day))
                if self.model.settings.pdf_copies else None,
            ))
        return found

    def notices_json(self) -> str:
        return notices.notices_json(self.notices(), self.language, self.model.absolute(notices.SCHEMA_FILE))

    def published_text(self, site_page: SitePage) -> str:
        """A version page's text.md: the text as published, to save and verify against versions.json."""
        return integrity.published_text(self.text_of(site_page))
