"""MkDocs wiring of the policy site. Every rule lives in a plain module; this only connects them.

mkdocs-static-i18n runs one full MkDocs build per language. This plugin runs after it in each
event (lower priority), so it sees the files and config of the language being built:

- on_config: on the first pass, read and check all sources, the published-text record and the
  translations (nothing is built on a mistake), then hand the other languages to child
  processes (policy_site/parallel.py); set the language of the theme for this pass.
- on_files: give the source language its own prefix (/en/...), then add the generated pages of
  this language: the document in force, its history, and one comparison per version.
- on_page_markdown / on_page_content: English text for a stale translation; comparisons.
- on_page_context: what each kind of page shows, and the language links.
- on_post_template: keep each language's 404 page in its own folder.
- on_post_build: this language's search index and version PDFs; after the last language (and
  the children's), the root chooser, the root 404, versions.json and the hosting files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import markdown as python_markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import addresses, catalogues, dates, feeds, hosting, languages, notices
from ..checks.external_requests import external_requests_in_css, external_requests_in_html
from ..checks.page_scan import ScannedPage, scan_of, scanned
from ..checks.results import FolderResults, NoResults, cached_text
from ..copies.errors import RenderError
from ..copies.print_html import css_string, page_counter_content, split_title
from ..copies.store import FolderStore, store_key
from ..problems import Problem, SourceError
from ..stores import UNUSED_DAYS, KeyedFolder
from ..search_index import reader_search_entries
from ..site_map import SitePage, language_pages
from ..checks.site import check_site, site_settings
from ..sources import SiteSources, SourcePage
from ..translation.check import check_all
from ..versions import integrity
from ..versions.anchors import anchor_aliases, with_anchor_aliases
from ..versions.comparison import Comparison, ComparisonLabels, compare, outline
from ..versions.timeline import (
    VersionState, announcement_day, in_force, is_announced, shown_version, timeline,
)
from .. import parallel
from .config import PolicySiteConfig
from ..theme import search as theme_search
from ..theme.contract import theme_problems
from ..theme.markup import theme_config, titles_in_language, valid_theme_markup
from ..theme.settings import set_language_links, set_theme_language

log = get_plugin_logger(__name__)

AFTER_I18N = -200  # mkdocs-static-i18n acts at -100; we need its per-language result


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    def __init__(self) -> None:
        self.sources: SiteSources | None = None
        self.i18n: Any = None
        self.translations: dict[str, Any] = {}
        self.build_day = None
        self.timelines: dict[str, list[VersionState]] = {}
        self.stale: set[tuple[str, str]] = set()  # (language, path) shown in English instead
        self.roles: dict[str, SitePage] = {}  # src_uri -> role, for the language being built
        self.comparisons: dict[str, Any] = {}  # src_uri -> Comparison
        self.translation_results: list[Any] = []
        self.results: Any = NoResults()  # check results, outlines and comparisons kept between builds
        self.markdown_key = ""  # the Markdown extensions and settings, as a key
        self.summaries: dict[str, dict[str, Any]] = {}
        self.derive_description = False  # no site_description in mkdocs.yml: made from site_name
        self.lunr_support: set[str] = set()
        self.env: Any = None  # the theme's Jinja environment of the language being built
        self.version_texts: dict[str, str] = {}  # src_uri -> HTML of a version's text, for its PDF
        self.rendered_texts: dict[tuple[str, str], str] = {}  # (language, path) -> HTML, this pass
        self.pdf_hashes: dict[tuple[str, str], str] = {}  # (language, path) -> SHA-256 of its PDF
        self.pdf_renderer: Any = None
        self.pdf_store: FolderStore | None = None
        self.command: str | None = None  # build, serve or gh-deploy
        self.page_scans: dict[str, ScannedPage] = {}  # page's path in the site -> its scan, as built
        self.children: list[parallel.ChildBuild] | None = None  # processes building other languages
        self.left_to_children: list[Any] = []  # their languages' settings, not built in this process
        self.children_used: tuple[set[str], set[str]] = (set(), set())  # their check results' and PDFs' keys

    # -- helpers -----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.i18n.current_language

    def gettext(self, message: str) -> str:
        return self.translations[self.language].gettext(message)

    def language_links(self, config: MkDocsConfig, address: str) -> list[dict[str, str]]:
        """One entry per language for the same page: the switcher and the hreflang links."""
        assert self.sources is not None
        return [
            {
                "lang": code,
                "name": languages.native_name(code),
                "link": addresses.absolute_url(config.site_url, addresses.in_language(address, code)),
            }
            for code in self.sources.languages
        ]

    def shown(self, language: str, path: str) -> SourcePage:
        """The text readers get for a page: the translation, or English where it is stale."""
        assert self.sources is not None
        if (language, path) in self.stale:
            return self.sources.page(self.sources.source_language, path)
        return self.sources.page(language, path)

    def is_fallback(self, language: str, site_page: SitePage) -> bool:
        """Whether that page, in that language, shows the English text instead of a translation."""
        return site_page.state is not None and (language, site_page.state.page.path) in self.stale

    def title_language(self, path: str) -> str:
        """The language of a version's title as readers see it: English where the text is."""
        assert self.sources is not None
        return self.sources.source_language if (self.language, path) in self.stale else self.language

    # -- events ------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(AFTER_I18N)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.i18n = config.plugins.get("i18n")
        if self.i18n is None or self.i18n.config.docs_structure != "folder":
            raise PluginError("policy_site needs the i18n plugin with 'docs_structure: folder'.")
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml: site_url is not set. Set it to the address the site is published at "
                "(hreflang links, feeds and the sitemap need absolute addresses)."
            )
        if self.sources is None:
            self.derive_description = not config.site_description
            self.load(config)
        # The theme's <html lang> and Material's own strings follow the language being built.
        set_theme_language(config, self.language)
        # The organisation's name is set once, as site_name; the rest follows from it.
        if not config.copyright:
            config.copyright = f"© {config.site_name}"
        if self.derive_description:
            config.site_description = f"{config.site_name}: {self.gettext('Legal documents')}"
        self.share_other_languages(config)
        return config

    def load(self, config: MkDocsConfig) -> None:
        try:
            self.build_day = dates.build_date(os.environ)
        except dates.BuildDateError as error:
            raise PluginError(str(error)) from None
        # the same checks as `policy-site check`, so that the two never disagree
        results = self.results = check_results(config)
        self.markdown_key = markdown_settings(config)  # part of the key of each outline and comparison
        processes = self.build_processes()  # texts and pairs of texts checked at once, as languages are built
        spread = lambda check, items: parallel.mapped(check, items, processes, self.used_keys, self.add_used_keys)
        sources, problems = check_site(site_settings(config), self.build_day, results=results, map_texts=spread)
        if problems:
            raise PluginError(str(SourceError(problems)))
        self.timelines = {
            name: timeline(sources.versions(sources.source_language, name), self.build_day)
            for name in sources.documents
        }
        broken = theme_problems(config.theme.dirs)
        if broken:
            raise PluginError(
                "The theme's files are not what the site expects (after a theme upgrade?):\n  - "
                + "\n  - ".join(broken) + "\nPort scripts/policy_site/theme/ and overrides/ to this theme, "
                "or install the theme's version of requirements.lock.")
        self.lunr_support = theme_search.lunr_support(config.theme.dirs)  # the theme's files, listed once per build
        for code in sources.languages:
            if not languages.has_stemmer(code, self.lunr_support):
                log.info(f"{code}: the search has no stemmer for {languages.english_name(code)}; "
                         "its search matches words as they are typed, without other word forms")
        self.translation_results = check_all(sources, localised_urls=self.config.localised_urls, results=results,
                                             map_pairs=spread)
        # a stale translation, or one that does not match, is not shown as the text of a version
        self.stale = {(r.language, r.path) for r in self.translation_results if r.status != "up to date"}
        for result in sorted(self.translation_results, key=lambda r: (r.language, r.path)):
            if result.status != "up to date":  # 'mismatched' also fails the tests; 'stale' is expected
                log.info(f"docs/{result.language}/{result.path} is {result.status}: readers get the English "
                         "text until it is updated")
        self.sources = sources
        self.translations = self.load_translations(config)
        if self.config.pdf_copies:
            self.pdf_store = pdf_store(config)
            self.pdf_renderer = pdf_renderer(config, self.pdf_store)

    def load_translations(self, config: MkDocsConfig) -> dict[str, Any]:
        assert self.sources is not None
        locales_dir = Path(config.config_file_path).parent / self.config.locales_dir
        result = {}
        for code in self.sources.languages:  # check_site made sure that each exists
            path = catalogues.catalogue_path(locales_dir, code)
            result[code] = catalogues.compiled_translations(catalogues.read_catalogue(path, code))
        return result

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.sources is not None
        # The i18n plugin writes the default language at the root; we want /en/ like the others.
        if self.language == self.i18n.default_language:
            prefix = self.language + "/"
            for file in files:
                if file.src_uri.startswith(prefix) and not file.dest_uri.startswith(prefix):
                    move(file, prefix + file.dest_uri, config)
        self.roles = {}
        self.version_texts = {}
        self.rendered_texts = {}
        # what pages show about each document, once per language rather than once per page
        self.summaries = {name: self.document_summary(name) for name in self.sources.documents}
        # documents whose title the navigation shows in English, to be marked as English there
        self.english_titled = {addresses.document(self.language, name): summary["text_lang"]
                               for name, summary in self.summaries.items() if summary["text_lang"] != self.language}
        for site_page in language_pages(self.sources, self.language, self.timelines):
            self.roles[site_page.src_uri] = site_page
            content = self.generated_markdown(site_page)
            if content is not None:
                file = File.generated(config, site_page.src_uri, content=content)
                move(file, site_page.address + "index.html", config)
                files.append(file)
            if site_page.kind == "version":
                shown = self.shown(self.language, site_page.state.page.path)
                # The text of the version as published, to save and verify against versions.json.
                copy = File.generated(config, site_page.src_uri[:-3] + ".txt", content=integrity.published_text(shown))
                move(copy, site_page.address + "text.md", config)
                # Its blocks, for comparing any two versions in the browser.
                blocks = cached_text(self.results, "outline", (shown.body, self.markdown_key), lambda: json.dumps(
                    outline(self.rendered(config, shown), without_title=True), ensure_ascii=False))
                data = File.generated(config, site_page.src_uri[:-3] + ".json", content=blocks)
                move(data, site_page.address + "outline.json", config)
                files.append(copy)
                files.append(data)
        for name in (None, *self.sources.documents):
            feed = File.generated(config, addresses.feed(self.language, name), content=feeds.atom(self.feed(config, name)))
            files.append(feed)
        files.append(File.generated(config, f"{self.language}/notices.json", content=notices.notices_json(
            self.notices(config), self.language, addresses.absolute_url(config.site_url, notices.SCHEMA_FILE))))
        return files

    def notices(self, config: MkDocsConfig) -> list[notices.Notice]:
        """This language's notices of material changes: one per feed entry that is a change."""
        assert self.sources is not None
        absolute = lambda address: addresses.absolute_url(config.site_url, address)
        found = []
        for document in self.sources.documents:
            for state in self.timelines[document]:
                if not is_announced(state, self.build_day) or state.previous is None:
                    continue
                shown = self.shown(self.language, state.page.path)
                found.append(notices.Notice(
                    id=feeds.entry_id(self.config.feed_id_prefix, document, state.effective_date, self.language),
                    document=document, language=self.language, text_language=shown.language,
                    title=shown.title, announced=announcement_day(state).isoformat(),
                    effective_date=state.effective_date.isoformat(), summary=shown.version.summary,
                    version_url=absolute(addresses.version(self.language, document, state.effective_date)),
                    changes_url=absolute(addresses.changes(self.language, document, state.effective_date)),
                    document_url=absolute(addresses.document(self.language, document)),
                    pdf_url=absolute(addresses.version_pdf(self.language, document, state.effective_date))
                    if self.config.pdf_copies else None,
                ))
        return found

    def feed(self, config: MkDocsConfig, name: str | None) -> feeds.Feed:
        """The Atom feed of this language, for one document or all of them."""
        assert self.sources is not None
        absolute = lambda address: addresses.absolute_url(config.site_url, address)
        entries = []
        for document in ([name] if name else self.sources.documents):
            for state in self.timelines[document]:
                if not is_announced(state, self.build_day):
                    continue
                shown = self.shown(self.language, state.page.path)  # title and summary with the text
                day = dates.localized_date(state.effective_date, self.language)
                effective = self.gettext("Effective date: %(date)s.") % {"date": day}
                entries.append(feeds.FeedEntry(
                    id=feeds.entry_id(self.config.feed_id_prefix, document, state.effective_date, self.language),
                    title=self.gettext("%(document)s: new version from %(date)s") % {"document": shown.title, "date": day},
                    published=announcement_day(state),
                    summary=f"{shown.version.summary} {effective}",
                    version_url=absolute(addresses.version(self.language, document, state.effective_date)),
                    changes_url=absolute(addresses.changes(self.language, document, state.effective_date))
                    if state.previous else None,
                ))
        if name:
            title = self.gettext("%(document)s: changes") % {"document": self.document_title(name)}
            page = addresses.document(self.language, name)
        else:
            title = self.gettext("%(site)s: changes to the legal documents") % {"site": config.site_name}
            page = addresses.home(self.language)
        return feeds.Feed(
            id=f"{self.config.feed_id_prefix}feed/{name + '/' if name else ''}{self.language}",
            title=title, language=self.language, self_url=absolute(addresses.feed(self.language, name)),
            page_url=absolute(page), author=config.site_author or config.site_name, entries=entries,
        )

    def feed_links(self, config: MkDocsConfig, name: str | None) -> list[dict[str, str]]:
        """Autodiscovery and subscribe-page entries: this language's feed, and the document's."""
        links = [{"title": self.gettext("%(site)s: changes to the legal documents") % {"site": config.site_name},
                  "url": addresses.absolute_url(config.site_url, addresses.feed(self.language))}]
        for document in ([name] if name else []):
            links.append({"title": self.gettext("%(document)s: changes") % {"document": self.document_title(document)},
                          "url": addresses.absolute_url(config.site_url, addresses.feed(self.language, document))})
        return links

    @staticmethod
    def render(config: MkDocsConfig, body: str) -> str:
        """HTML of Markdown with the site's extensions (links left as written)."""
        return python_markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        ).convert(body)

    def rendered(self, config: MkDocsConfig, page: SourcePage) -> str:
        """A text's HTML, rendered once per language pass: its outline.json and the comparison
        with the version after it read the same conversion."""
        key = (page.language, page.path)
        if key not in self.rendered_texts:
            self.rendered_texts[key] = self.render(config, page.body)
        return self.rendered_texts[key]

    def generated_markdown(self, site_page: SitePage) -> str | None:
        """Markdown of the pages that have no file of their own under docs/."""
        if site_page.kind == "document":
            page = self.shown(self.language, site_page.state.page.path)
            return f"---\ntitle: {json.dumps(page.title)}\n---\n{page.body}"
        if site_page.kind == "history":
            title = self.document_title(site_page.document)
            heading = self.gettext("Version history: %(document)s") % {"document": title}
            shown_language = self.title_language(shown_version(self.timelines[site_page.document]).page.path)
            if shown_language != self.language:  # the English title, marked as English inside the heading
                marked = f'<span lang="{shown_language}">{html_escape(title)}</span>'
                visible = self.gettext("Version history: %(document)s") % {"document": marked}
            else:
                visible = heading
            return f"---\ntitle: {json.dumps(heading)}\n---\n\n# {visible} {{#version-history}}\n"
        if site_page.kind == "subscribe":
            heading = self.gettext("Subscribe to changes")
            return f"---\ntitle: {json.dumps(heading)}\n---\n\n# {heading} {{#subscribe}}\n"
        if site_page.kind == "status":
            heading = self.gettext("Translation status")
            return f"---\ntitle: {json.dumps(heading)}\n---\n\n# {heading} {{#translation-status}}\n"
        if site_page.kind == "changes":
            page = self.shown(self.language, site_page.state.page.path)
            day = dates.localized_date(site_page.state.effective_date, self.language)
            heading = self.gettext("Changes in the version of %(date)s") % {"date": day}
            return f"---\ntitle: {json.dumps(heading)}\n---\n{page.body}"
        return None

    def anchor_aliases(self, path: str, html: str) -> dict[str, str]:
        """The anchors earlier versions had that this version (at `path`) replaced: English's facts."""
        english = self.sources.page(self.sources.source_language, path)
        earlier = [p.version for p in self.sources.versions(self.sources.source_language, english.document)
                   if p.effective_date <= english.effective_date]
        return anchor_aliases(earlier, re.findall(r'\sid="([^"]+)"', html))

    def document_title(self, name: str) -> str:
        """The title readers see for a document: its translation's, or English's where the
        version shown is in English."""
        return self.shown(self.language, shown_version(self.timelines[name]).page.path).title

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.install_gettext_translations(self.translations[self.language])
        env.filters["localized_date"] = lambda day: dates.localized_date(day, self.language)
        self.env = env
        return env

    @event_priority(AFTER_I18N)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        role = self.roles.get(page.file.src_uri)
        if role is not None and role.kind == "version":
            shown = self.shown(self.language, role.state.page.path)
            page.meta["title"] = shown.title  # the title of the text shown, as its H1 and the document's page
            return shown.body
        return markdown

    @event_priority(AFTER_I18N)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        role = self.roles.get(page.file.src_uri)
        if role is not None and role.kind in ("document", "version"):
            aliases = self.anchor_aliases(role.state.page.path, html)
            if aliases and page.present_anchor_ids is not None:  # MkDocs validates links against these
                page.present_anchor_ids |= set(aliases)
            html = with_anchor_aliases(html, aliases)
            if role.kind == "version":
                self.version_texts[page.file.src_uri] = html
            return html
        if role is None or role.kind != "changes":
            return html
        older = self.shown(self.language, role.state.previous.path)
        labels = ComparisonLabels(
            removed=self.gettext("Removed:"), added=self.gettext("Added:"),
            next_change=self.gettext("Next change"), previous_change=self.gettext("Previous change"),
            change=self.gettext("Change %(number)s"),
        )
        # kept between builds: the older text's Markdown and the newer's HTML make the comparison
        kept = cached_text(self.results, "comparison", (older.body, self.markdown_key, html, labels),
                           lambda: json.dumps(dataclasses.asdict(compare(
                               self.rendered(config, older), html, labels, without_title=True)), ensure_ascii=False))
        fields = json.loads(kept)
        comparison = Comparison(html=fields["html"], count=fields["count"], changes=tuple(fields["changes"]))
        self.comparisons[page.file.src_uri] = comparison
        return comparison.html

    @event_priority(AFTER_I18N)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        assert self.sources is not None
        role = self.roles.get(page.file.src_uri)
        address = role.address if role else page.url
        set_language_links(config, self.language_links(config, address))
        context["x_default_url"] = addresses.absolute_url(
            config.site_url, addresses.in_language(address, self.sources.source_language)
        )
        context["site_page"] = role
        context["page_lang"] = self.language
        context["is_home"] = role is not None and role.kind == "home"
        context["documents"] = list(self.summaries.values())
        context["status_url"] = addresses.translation_status(self.language)
        context["subscribe_url"] = addresses.subscribe(self.language)
        context["page_feeds"] = self.feed_links(config, role.document if role else None)
        if role is not None and role.kind == "subscribe":
            context["feeds"] = [self.feed_links(config, None)[0]] + [
                self.feed_links(config, name)[1] for name in self.sources.documents]
        if role is not None and role.kind == "status":
            context["translation_table"] = self.translation_table()
        if role is None or role.document is None:
            return context
        context["document"] = self.summaries[role.document]
        if role.kind in ("document", "version", "changes"):
            context["version"] = self.version_view(role.document, role.state)
        if role.kind == "changes":
            context["comparison"] = self.comparisons.get(page.file.src_uri)
            context["previous_version"] = self.version_view(role.document, self.state_of(role.document, role.state.previous))
        return context

    def translation_table(self) -> dict[str, Any]:
        """Rows of versions, columns of languages: is the translation the text readers get?"""
        assert self.sources is not None
        status = {(r.language, r.path): r.status for r in self.translation_results}
        translated = [code for code in self.sources.languages if code != self.sources.source_language]
        rows = []
        for name in self.sources.documents:
            for state in reversed(self.timelines[name]):
                view = self.version_view(name, state)
                rows.append({
                    "document": view["title"],
                    "document_lang": view["text_lang"],
                    "version": view,
                    "cells": [status[(code, state.page.path)] == "up to date" for code in translated],
                })
        return {
            "languages": [{"lang": code, "name": languages.native_name(code)} for code in translated],
            "rows": rows,
        }

    def state_of(self, name: str, page: SourcePage) -> VersionState:
        return next(s for s in self.timelines[name] if s.page.path == page.path)

    def version_view(self, name: str, state: VersionState) -> dict[str, Any]:
        """What templates show about one version, in the language being built."""
        shown = self.shown(self.language, state.page.path)  # English facts where it lags behind
        day = state.effective_date
        return {
            "state": state,
            "facts": shown.version,
            "title": shown.title,  # with its text: English where the translation lags behind
            # the language of the title, summary and text shown, for lang="…" where it is not the page's
            "text_lang": self.title_language(state.page.path),
            "status": state.status,
            "effective_date": day,
            "superseded_on": state.superseded_on,
            "url": addresses.version(self.language, name, day),
            "text_url": addresses.version(self.language, name, day) + "text.md",
            "outline_url": addresses.version(self.language, name, day) + "outline.json",
            "changes_url": addresses.changes(self.language, name, day) if state.previous else None,
            "fallback": (self.language, state.page.path) in self.stale,
            "pdf_url": addresses.version_pdf(self.language, name, day) if self.config.pdf_copies else None,
        }

    def document_summary(self, name: str) -> dict[str, Any]:
        states = self.timelines[name]
        current, shown = in_force(states), shown_version(states)
        return {
            "name": name,
            "title": self.shown(self.language, shown.page.path).title,
            "text_lang": self.title_language(shown.page.path),
            "url": addresses.document(self.language, name),
            "history_url": addresses.history(self.language, name),
            "in_force": self.version_view(name, current) if current else None,
            "first": self.version_view(name, shown),  # before the document applies: when it will
            "scheduled": [
                self.version_view(name, s) for s in states
                if s.status == "scheduled" and s is not shown and is_announced(s, self.build_day)
            ],
            "versions": [self.version_view(name, s) for s in reversed(states)],
        }

    @event_priority(AFTER_I18N)
    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        assert self.sources is not None
        if template_name == "404.html":
            # Rendered before any page of this language: point its links at the home pages.
            set_language_links(config, self.language_links(config, addresses.home(self.language)))
            context["home_url"] = addresses.absolute_url(config.site_url, addresses.home(self.language))
            context["x_default_url"] = config.site_url
            context["subscribe_url"] = addresses.subscribe(self.language)
            context["status_url"] = addresses.translation_status(self.language)
            context["page_feeds"] = self.feed_links(config, None)
        elif template_name == "sitemap.xml":
            entries = []
            for site_page in language_pages(self.sources, self.sources.source_language, self.timelines):
                # a page showing English in place of a lagging translation is not a translation
                links = [link for link in self.language_links(config, site_page.address)
                         if not self.is_fallback(link["lang"], site_page)]
                entries += [{"url": link["link"], "alternates": links} for link in links]
            context["sitemap_entries"] = entries
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html":
            output = valid_theme_markup(
                theme_config(output, addresses.site_path(config.site_url) + self.language + "/"),
                self.gettext("Search"))
            # Every language pass renders 404.html at the root, the last one winning; keep each
            # in its own folder. The root 404 is written at the end, in every language.
            target = Path(config.site_dir) / self.language / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
            self.page_scans[f"{self.language}/404.html"] = scanned(output, self.results)
        return output

    @event_priority(-50)  # after the search plugin has indexed this language, before the next pass
    def _language_search_index(self, config: MkDocsConfig) -> None:
        """A search index per language, so that a reader downloads only their language's index
        and stemmer (the theme's single index holds every language)."""
        search = theme_search.search_plugin(config.plugins)
        if search is None:
            return
        prefix = self.language + "/"
        entries = reader_search_entries(
            theme_search.entries_under(search, prefix),
            list(self.roles.values()),  # this language's pages, listed by on_files
            lambda page: self.gettext("Version of %(time)s") % {
                "time": dates.localized_date(page.state.effective_date, self.language)},
        )
        docs = [{**entry, "location": entry["location"][len(prefix):]} for entry in entries]
        support = self.lunr_support
        index = theme_search.index_json(
            search, docs, languages.search_languages(self.language, support),
            languages.search_pipeline(self.language, support, search.config.pipeline))
        target = Path(config.site_dir) / self.language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index, encoding="utf-8")

    @event_priority(AFTER_I18N)
    def _after_last_language(self, config: MkDocsConfig) -> None:
        if self.i18n.building:
            return  # another language pass is running; the last one writes the root pages
        self.wait_for_other_languages()
        site_dir = Path(config.site_dir)
        (site_dir / "search" / "search_index.json").unlink(missing_ok=True)  # replaced per language
        self.write_root_pages(config, site_dir)
        self.write_versions_json(config, site_dir)
        (site_dir / notices.SCHEMA_FILE).write_text(notices.schema_json(), encoding="utf-8")
        self.write_hosting_files(config, site_dir)
        self.prune_stores()

    @event_priority(-50)  # before the next language pass replaces this one's pages
    def _language_pdfs(self, config: MkDocsConfig) -> None:
        """The PDF of every version of this language, from its print page (overrides/pdf.html)."""
        if self.pdf_renderer is None:
            return
        assert self.sources is not None
        template = self.env.get_template("pdf.html")
        problems = []
        for src_uri, site_page in self.roles.items():
            if site_page.kind != "version":
                continue
            state, name = site_page.state, site_page.document
            view = self.version_view(name, state)
            shown = self.shown(self.language, state.page.path)
            title_html, text_html = split_title(self.version_texts[src_uri])
            page_url = addresses.absolute_url(config.site_url, view["url"])
            day = dates.localized_date(state.effective_date, self.language)
            html = template.render(
                config=config, version=view, page_lang=self.language, text_lang=view["text_lang"],
                title_html=title_html, text_html=text_html, permanent_url=page_url,
                text_sha256=integrity.text_sha256(shown),
                page_counter=page_counter_content(self.gettext("Page %(page)s of %(pages)s")),
                footer_label=css_string(f"{view['title']} · {day}"),
            )
            address = addresses.version_pdf(self.language, name, state.effective_date)
            try:
                pdf = self.pdf_renderer(html, page_url, self.language, view["text_lang"])
            except RenderError as error:
                problems.append(Problem(f"docs/{shown.language}/{shown.path}", None,
                                        f"its PDF ({address}) cannot be made: {error}.",
                                        "Fix what the message names in the text: a PDF shows only the site's own files."))
                continue
            target = Path(config.site_dir) / address
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            self.pdf_hashes[(self.language, state.page.path)] = hashlib.sha256(pdf).hexdigest()
        if problems:
            raise PluginError(str(SourceError(problems, consequence="; the build stops before the site is complete")))

    def share_other_languages(self, config: MkDocsConfig) -> None:
        """Before the first language is built, hand shares of the others to child processes
        (see parallel.py); the i18n plugin's loop then builds only this process's share."""
        if self.children is not None or self.i18n.building or self.command not in ("build", "gh-deploy"):
            return
        self.children = []
        left = [code for code in self.i18n.build_languages if code != self.language]
        processes = self.build_processes()
        if processes == 1 or not left or not parallel.can_fork():
            return
        own, *others = parallel.shares(left, processes)
        log.info(f"Building {len(left) + 1} languages in {len(others) + 1} processes")
        for share in others:
            self.children.append(parallel.start(
                share, lambda code: self.build_language_pass(config, code),
                lambda: (self.pdf_hashes, self.page_scans, self.used_keys())))
        self.left_to_children = [lang for lang in self.i18n.config.languages
                                 if any(lang.locale in share for share in others)]
        for lang in self.left_to_children:
            lang.build = False

    def build_processes(self) -> int:
        """Processes that build at once: 1 for `mkdocs serve` (its server runs threads, which a
        fork must not copy), else the setting."""
        if self.command not in ("build", "gh-deploy"):
            return 1
        try:
            return parallel.build_processes(self.config.build_processes, os.environ, parallel.cpu_count())
        except ValueError as error:
            raise PluginError(str(error)) from None

    def build_language_pass(self, config: MkDocsConfig, code: str) -> None:
        """One language's pass in a child process, as the i18n plugin's loop runs it."""
        from mkdocs import utils
        from mkdocs.commands.build import build

        self.i18n.building = True  # as in the loop: no language pass writes the root pages
        utils.clean_directory = lambda folder: folder  # the other passes' files stay
        self.i18n.current_language = code
        build(config, dirty=False)

    def used_keys(self) -> tuple[set[str], set[str]]:
        """The keys of the check results and of the PDFs this process read or wrote."""
        return (getattr(self.results, "used", set()), self.pdf_store.used if self.pdf_store else set())

    def add_used_keys(self, used: tuple[set[str], set[str]]) -> None:
        """What a child process read or wrote of the stores, kept from pruning."""
        self.children_used[0].update(used[0])
        self.children_used[1].update(used[1])

    def prune_stores(self) -> None:
        """After a build of every language, what the stores hold that it did not use, and that
        no build has used for a week, goes (stores.UNUSED_DAYS)."""
        if self.command not in ("build", "gh-deploy") or self.i18n.config.build_only_locale:
            return
        own_results, own_pdfs = self.used_keys()
        for store, used in ((self.results, own_results | self.children_used[0]),
                            (self.pdf_store, own_pdfs | self.children_used[1])):
            if isinstance(store, KeyedFolder):
                removed = store.prune(used)
                if removed:
                    log.info(f"{store.folder}: removed {removed} entries no build has used for {UNUSED_DAYS} days")

    def wait_for_other_languages(self) -> None:
        """The children's languages are built, and their PDFs' hashes known; or the build stops
        with the first child's error, once every child has ended."""
        failures = []
        for child in self.children or []:
            try:
                pdf_hashes, page_scans, used = parallel.finish(child)
                self.pdf_hashes.update(pdf_hashes)
                self.page_scans.update(page_scans)
                self.add_used_keys(used)
            except parallel.ChildBuildError as error:
                failures.append(error)
        for lang in self.left_to_children:
            lang.build = True
        self.children, self.left_to_children = None, []
        if failures:
            error = failures[0]
            raise Abort(str(error)) if error.kind == "Abort" else PluginError(str(error))

    on_post_build = CombinedEvent(_language_search_index, _language_pdfs, _after_last_language)

    @event_priority(AFTER_I18N)
    def _page_in_language(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # "base" leads the theme to this language's own search index; see theme_config.
        depth = page.url.count("/") - 1
        role = self.roles.get(page.file.src_uri)
        own = (self.sources.source_language
               if role is not None and role.kind in ("document", "version") and self.is_fallback(self.language, role)
               else None)
        output = titles_in_language(output, page.url, self.english_titled, own)
        return valid_theme_markup(theme_config(output, "../" * depth if depth else "./"), self.gettext("Search"))

    @event_priority(-1000)  # the page as it is written, after every plugin has had its say
    def _scan_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.page_scans[Path(page.file.dest_uri).as_posix()] = scanned(output, self.results)
        return output

    on_post_page = CombinedEvent(_page_in_language, _scan_page)

    def write_hosting_files(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Headers (CSP by hash of the inline scripts the templates emit), 404 rules and
        robots.txt. Every page's inline code is held to the templates and what it loads to the
        site's own origin (from its scan made as it was built); either mistake stops the build."""
        assert self.sources is not None
        path = addresses.site_path(config.site_url)
        trusted = hosting.template_scripts(
            template.read_text(encoding="utf-8")
            for folder in config.theme.dirs for template in sorted(Path(folder).rglob("*.html"))
        )
        pages = {page: page.read_text(encoding="utf-8") for page in sorted(site_dir.rglob("*.html"))}
        problems, scripts = [], []
        for page, html in pages.items():
            name = page.relative_to(site_dir).as_posix()
            shown = f"{Path(config.site_dir).name}/{name}"
            scan = scan_of(html, self.page_scans.get(name))  # scanned as built, unless it changed since
            problems += hosting.inline_code_problems(shown, scan, trusted)
            problems += [request.problem() for request in external_requests_in_html(scan, shown, config.site_url)]
            scripts += [script.value for script in scan.scripts]
        for sheet in sorted(site_dir.rglob("*.css")):
            shown = f"{Path(config.site_dir).name}/{sheet.relative_to(site_dir).as_posix()}"
            problems += [request.problem() for request in
                         external_requests_in_css(sheet.read_text(encoding="utf-8"), shown, config.site_url)]
        if problems:
            raise PluginError(str(SourceError(problems, consequence="; the build stops before the site is complete")))
        csp = hosting.content_security_policy(scripts)
        for page, html in pages.items():  # the policy in every page too: not every host sends headers
            page.write_text(hosting.with_policy_meta(html, csp), encoding="utf-8")
        headers = hosting.all_headers(csp)
        (site_dir / "_headers").write_text(hosting.netlify_headers(headers, path), encoding="utf-8")
        (site_dir / "nginx-headers.conf").write_text(hosting.nginx_headers(headers), encoding="utf-8")
        (site_dir / "_redirects").write_text(hosting.not_found_rules(self.sources.languages, path), encoding="utf-8")
        (site_dir / "robots.txt").write_text(
            hosting.robots(addresses.absolute_url(config.site_url, "sitemap.xml")), encoding="utf-8")

    def write_root_pages(self, config: MkDocsConfig, site_dir: Path) -> None:
        """The language chooser at the root, and a 404 page that speaks every language."""
        assert self.sources is not None
        env = config.theme.get_env()
        env.add_extension("jinja2.ext.i18n")
        choices = [
            {
                "lang": code,
                "name": languages.native_name(code),
                "address": addresses.home(code),
                "url": addresses.absolute_url(config.site_url, addresses.home(code)),
                "title": self.sources.page(code, "index.md").title,
                "not_found": self.translations[code].gettext("Page not found"),
            }
            for code in self.sources.languages
        ]
        context = {
            "config": config,
            "choices": choices,
            "site_path": addresses.site_path(config.site_url),
            "source_language": self.sources.source_language,
        }
        for template, target in (("root.html", "index.html"), ("root-404.html", "404.html")):
            html = env.get_template(template).render(context)
            (site_dir / target).write_text(html, encoding="utf-8")

    def write_versions_json(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Every version in every language, with its address and the hash of its text."""
        assert self.sources is not None
        documents = {}
        for name, states in self.timelines.items():
            versions = []
            for state in states:
                texts = {}
                for code in self.sources.languages:
                    page = self.sources.page(code, state.page.path)
                    shown_page = page if (code, page.path) not in self.stale else self.sources.page(
                        self.sources.source_language, page.path)
                    address = addresses.version(code, name, state.effective_date)
                    texts[code] = {
                        "address": addresses.absolute_url(config.site_url, address),
                        "text": addresses.absolute_url(config.site_url, address + "text.md"),
                        "sha256": integrity.text_sha256(shown_page),
                        "language_of_text": shown_page.language,
                        "title": page.title,
                        "summary": page.version.summary,
                    }
                    if (code, page.path) in self.pdf_hashes:
                        texts[code]["pdf"] = addresses.absolute_url(
                            config.site_url, addresses.version_pdf(code, name, state.effective_date))
                        texts[code]["pdf_sha256"] = self.pdf_hashes[(code, page.path)]
                facts = state.page.version
                versions.append({
                    "effective_date": state.effective_date.isoformat(),
                    "announced": facts.announced.isoformat() if facts.announced else None,
                    "change": facts.change,
                    "status": state.status,
                    "corrections": [{"date": c.date.isoformat(), "summary": c.summary} for c in facts.corrections],
                    "languages": texts,
                })
            documents[name] = {"address": addresses.absolute_url(config.site_url, addresses.document(
                self.sources.source_language, name)), "versions": versions}
            if name in self.config.terms_types:  # Open Terms Archive's name of the commitment
                documents[name]["terms_type"] = self.config.terms_types[name]
        data = {"built_as_of": self.build_day.isoformat(), "documents": documents}
        (site_dir / "versions.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )


def markdown_settings(config: MkDocsConfig) -> str:
    """The Markdown extensions and their settings, as part of the key of what is made from a text."""
    return repr((config.markdown_extensions, config.mdx_configs))


def check_results(config: MkDocsConfig) -> FolderResults:
    """Where the build keeps check results between runs (POLICY_SITE_CHECK_STORE overrides)."""
    folder = os.environ.get("POLICY_SITE_CHECK_STORE") or config.plugins["policy_site"].config.check_store
    return FolderResults(Path(config.config_file_path).parent / folder)


def pdf_store(config: MkDocsConfig) -> FolderStore:
    """Where the build keeps rendered PDFs between runs (POLICY_SITE_PDF_STORE overrides)."""
    folder = os.environ.get("POLICY_SITE_PDF_STORE") or config.plugins["policy_site"].config.pdf_store
    return FolderStore(Path(config.config_file_path).parent / folder)


def pdf_renderer(config: MkDocsConfig, store: FolderStore):
    """render(html, page_url, page_language, text_language) -> PDF bytes, through the store of
    rendered PDFs; or a clear stop when the libraries it needs are missing."""
    try:
        from ..copies.pdf import RENDERER, SiteFiles, render_pdf
    except OSError as error:  # WeasyPrint loads Pango when imported
        raise PluginError(
            f"PDF copies need Pango and the DejaVu fonts ({error}). Install them (Debian: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; scripts/build "
            "does it when run as root), or set pdf_copies: false under policy_site in mkdocs.yml."
        ) from None
    files = SiteFiles(config.site_url, Path(config.site_dir))

    def render(html: str, page_url: str, page_language: str, text_language: str) -> bytes:
        key = store_key(html, RENDERER)
        pdf = store.get(key)
        if pdf is None:
            pdf = render_pdf(html, page_url, files, page_language, text_language)
            store.put(key, pdf)
        return pdf

    return render


def move(file: File, dest_uri: str, config: MkDocsConfig) -> None:
    """Give a file another output path; url and abs_dest_path follow."""
    file.dest_uri = dest_uri
    file.url = dest_uri[: -len("index.html")] if dest_uri.endswith("index.html") else dest_uri
    # set explicitly: the i18n plugin's File copies carry a wrong dest_dir
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest_uri))
