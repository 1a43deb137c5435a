"""MkDocs wiring of the policy site. Every rule lives in a plain module; this only connects them.

mkdocs-static-i18n runs one full MkDocs build per language. This plugin runs after it in each
event (lower priority), so it sees the files and config of the language being built:

- on_config: on the first pass of each build (each of `serve`'s rebuilds too), read and check
  all sources, the published-text record and the translations (nothing is built on a mistake)
  into the site model (policy_site/site_model/), then hand the other languages to child
  processes (policy_site/parallel.py); set the language of the theme for this pass.
- on_files: leave the other languages' files out before the i18n plugin reads them; give the
  source language its own prefix (/en/...), then add the model's generated pages of this
  language: the document in force, its history, and one comparison per version.
- on_page_markdown / on_page_content: the text the model shows (English for a stale
  translation); comparisons and outlines, from the rendering of the versions' own pages; a
  page's conversion taken from an earlier build when its inputs are the same
  (kept_renderings.py).
- on_page_context: the model's data for each page, and the language links; in `serve`, a page
  whose template gets what it got in the last rebuild is written as it was (kept_pages.py).
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
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import addresses, catalogues, dates, feeds, hosting, languages, notices, parallel
from ..checks.external_requests import external_requests_in_css, external_requests_in_html
from ..checks.page_scan import ScannedPage, scan_of, scanned
from ..checks.results import FolderResults, NoResults, RememberedFolderResults, cached_text
from ..checks.site import check_site, site_settings
from ..copies.errors import RenderError
from ..copies.store import FolderStore, store_key
from ..problems import Problem, SourceError
from ..rendered import one_level_deeper
from ..search_index import entries_by_text_language, reader_search_entries
from ..site_model.language import LanguageSite
from ..site_model.model import PublishingSettings, SiteModel, site_model
from ..stores import UNUSED_DAYS, KeyedFolder, PackedFolder
from ..theme import search as theme_search
from ..theme.contract import theme_problems
from ..theme.markup import theme_config, titles_in_language, valid_theme_markup
from ..theme.settings import set_language_links, set_theme_language
from ..translation.check import check_all
from ..versions.anchors import anchor_aliases, with_anchor_aliases
from ..versions.comparison import Comparison, compare, outline
from .config import PolicySiteConfig
from .kept_pages import KeptPages, TemplateCode
from .kept_renderings import KeptRenderings

log = get_plugin_logger(__name__)

AFTER_I18N = -200  # mkdocs-static-i18n acts at -100; we need its per-language result
SITEMAP = "template:sitemap.xml"  # its kept output's name among the pages' (no source is named so)


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    def __init__(self) -> None:
        self.model: SiteModel | None = None  # the site as readers get it, made once per build
        self.i18n: Any = None
        self.comparisons: dict[str, Any] = {}  # src_uri -> Comparison
        self.results: Any = NoResults()  # check results, outlines and comparisons kept between builds
        self.markdown_key = ""  # the Markdown extensions and settings, as a key
        self.conversion_settings = ""
        self.template_inputs: list[str] = []
        self.sitemap: tuple[list[dict[str, Any]], str | None] | None = None  # its entries and their key, per build
        self.derive_description = False  # no site_description in mkdocs.yml: made from site_name
        self.lunr_support: set[str] = set()
        self.env: Any = None  # the theme's Jinja environment of the language being built
        self.version_texts: dict[str, str] = {}  # src_uri -> HTML of a version's text, for its PDF
        self.version_renderings: dict[str, tuple[str, Any]] = {}  # src_uri -> a version page's HTML and TOC
        self.outline_files: dict[str, File] = {}  # a version page's src_uri -> its outline.json, this pass
        self.pdf_hashes: dict[tuple[str, str], str] = {}  # (language, path) -> SHA-256 of its PDF
        self.pdf_renderer: Any = None
        self.pdf_store: FolderStore | None = None
        self.command: str | None = None  # build, serve or gh-deploy
        self.page_scans: dict[str, ScannedPage] = {}  # page's path in the site -> its scan, as built
        self.children: list[parallel.ChildBuild] | None = None  # processes building other languages
        self.left_to_children: list[Any] = []  # their languages' settings, not built in this process
        self.children_used: tuple[set[str], set[str]] = (set(), set())  # their check results' and PDFs' keys
        self.kept_renderings = KeptRenderings()  # each page's conversion, kept from earlier builds
        self.kept_pages = KeptPages()  # `serve`: the last rebuild's template output of each page
        self.template_code = TemplateCode()  # the templates as the last language pass or rebuild compiled them
        self.kept_entries = theme_search.KeptEntries()  # `serve`: the search entries of each page

    # -- helpers -----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.i18n.current_language  # the one place the language being built is read

    @property
    def site(self) -> LanguageSite:
        """The model's view of the language being built."""
        assert self.model is not None
        return self.model.language(self.language)

    # -- events ------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_build_error(self, *, error: Exception) -> None:
        self.results.save()  # what was checked and made before the mistake: the next build reuses it

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
        if not self.i18n.building:  # a build starts (MkDocs keeps this plugin across `serve`'s rebuilds)
            # At each pass the i18n plugin links every file to its other languages' files (each
            # file x each language) for its language switcher and sitemap; this plugin makes both
            # from the model (set_language_links, overrides/sitemap.xml), so that work is skipped.
            # Outputs are the same without it; if i18n renames the method, it is only done again.
            self.i18n.reconfigure_files_alternates = lambda *args, **kwargs: None
            self.start_build()
            self.derive_description = not config.site_description
            self.load(config)
        # The theme's <html lang> and Material's own strings follow the language being built.
        set_theme_language(config, self.language)
        # The organisation's name is set once, as site_name; the rest follows from it.
        if not config.copyright:
            config.copyright = f"© {config.site_name}"
        if self.derive_description:
            config.site_description = f"{config.site_name}: {self.site.gettext('Legal documents')}"
        self.share_other_languages(config)
        search = theme_search.search_plugin(config.plugins)
        if self.command == "serve" and search is not None:
            self.kept_entries.wrap(search)  # the theme's plugin made its index afresh for this pass
        return config

    def start_build(self) -> None:
        """Forget what the last build made: `mkdocs serve` rebuilds with this same plugin object
        after each save, and each rebuild reads the sources again."""
        self.model = None
        self.comparisons, self.pdf_hashes, self.page_scans = {}, {}, {}
        self.children, self.left_to_children, self.children_used = None, [], (set(), set())
        self.kept_pages.start_build()
        self.kept_entries.start_build()
        self.sitemap = None

    def load(self, config: MkDocsConfig) -> None:
        try:
            build_day = dates.build_date(os.environ)
        except dates.BuildDateError as error:
            raise PluginError(str(error)) from None
        # the same checks as `policy-site check`, so that the two never disagree
        results = self.results = check_results(config, self.results if self.command == "serve" else None)
        self.kept_renderings.start_build(results, remember=self.command == "serve")
        self.markdown_key = markdown_settings(config)  # part of the key of each outline and comparison
        # what a page's conversion depends on besides its Markdown, address and the site's files
        self.conversion_settings = repr((self.markdown_key, config.use_directory_urls, config.validation))
        # the files whose saving changes what templates make: mkdocs.yml, catalogues, overrides
        self.template_inputs = [config.config_file_path,
                                str(Path(config.config_file_path).parent / self.config.locales_dir),
                                *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        processes = self.build_processes()  # texts and pairs of texts checked at once, as languages are built
        spread = lambda check, items: parallel.mapped(check, items, processes, self.results_saved, self.add_used_keys)
        sources, problems = check_site(site_settings(config), build_day, results=results, map_texts=spread)
        if problems:
            raise PluginError(str(SourceError(problems)))
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
        translation_results = check_all(sources, localised_urls=self.config.localised_urls, results=results,
                                        map_pairs=spread)
        for result in sorted(translation_results, key=lambda r: (r.language, r.path)):
            if result.status != "up to date":  # 'mismatched' also fails the tests; 'stale' is expected
                log.info(f"docs/{result.language}/{result.path} is {result.status}: readers get the English "
                         "text until it is updated")
        results.save()  # the checks' results kept, though the build stops later
        self.model = site_model(sources, build_day, publishing_settings(config),
                                {(r.language, r.path): r.status for r in translation_results},
                                load_translations(config, sources.languages))
        if self.config.pdf_copies:
            self.pdf_store = pdf_store(config)
            self.pdf_renderer = pdf_renderer(config, self.pdf_store)

    @event_priority(-90)  # before the i18n plugin sorts the files by language (at -100)
    def _languages_built(self, files: Files, config: MkDocsConfig) -> Files:
        """The files of this pass's language and of the default one (the fallback). The i18n
        plugin would read every other language's files at each pass only to leave them out, or
        to link them as alternates, which this plugin sets itself (set_language_links, the
        sitemap): 2,000 files a pass on a site of 10 documents x 20 versions. Files outside the
        language folders that the site leaves out (exclude_docs: docs/published.yml) go too: the
        i18n plugin keeps them in the default language's pass and in a one-language build, not in
        another language's pass, and a page's conversion depends on every file it is given (a
        one-language preview could not reuse the conversions of a full build)."""
        codes = {language.locale for language in self.i18n.config.languages}
        others = codes - {self.language, self.i18n.default_language}
        return Files([file for file in files if (folder := file.src_uri.split("/", 1)[0]) not in others
                      and (folder in codes or not file.inclusion.is_excluded())])

    @event_priority(AFTER_I18N)
    def _files_of_the_site(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.site
        # The i18n plugin writes the default language at the root; we want /en/ like the others.
        if self.language == self.i18n.default_language:
            prefix = self.language + "/"
            for file in files:
                if file.src_uri.startswith(prefix) and not file.dest_uri.startswith(prefix):
                    move(file, prefix + file.dest_uri, config)
        self.version_texts = {}
        self.version_renderings = {}
        self.outline_files = {}
        for site_page in site.pages:
            content = site.generated_markdown(site_page)
            if content is not None:
                file = File.generated(config, site_page.src_uri, content=content)
                move(file, site_page.address + "index.html", config)
                files.append(file)
            if site_page.kind == "version":
                copy = File.generated(config, site_page.src_uri[:-3] + ".txt", content=site.published_text(site_page))
                move(copy, site_page.address + "text.md", config)
                # Its blocks, for comparing any two versions in the browser: made from the
                # version page's rendering, once it is rendered (pages before files are copied).
                data = File.generated(config, site_page.src_uri[:-3] + ".json", content="")
                move(data, site_page.address + "outline.json", config)
                self.outline_files[site_page.src_uri] = data
                files.append(copy)
                files.append(data)
        for name in (None, *site.sources.documents):
            files.append(File.generated(config, addresses.feed(self.language, name), content=feeds.atom(site.feed(name))))
        files.append(File.generated(config, f"{self.language}/notices.json", content=site.notices_json()))
        return files

    on_files = CombinedEvent(_languages_built, _files_of_the_site)

    def rendering_of(self, version_page: Any, for_page: str) -> tuple[str, Any]:
        """A version page's HTML and table of contents as MkDocs rendered them this pass (the
        generated pages come after the files of docs/, so every version is rendered first)."""
        rendering = self.version_renderings.get(version_page.src_uri)
        if rendering is None:
            raise PluginError(f"{for_page}: the page of its version was not rendered before it; "
                              "a plugin changed the order of the pages, or excluded a version "
                              "(see on_page_content in policy_site).")
        return rendering

    def anchor_aliases(self, path: str, html: str) -> dict[str, str]:
        """The anchors earlier versions had that this version (at `path`) replaced: English's facts."""
        sources = self.site.sources
        english = sources.page(sources.source_language, path)
        earlier = [p.version for p in sources.versions(sources.source_language, english.document)
                   if p.effective_date <= english.effective_date]
        return anchor_aliases(earlier, re.findall(r'\sid="([^"]+)"', html))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        unmade = [uri for uri, file in self.outline_files.items() if not file.content_string]
        if unmade:  # every version page is rendered before the files are copied
            raise PluginError(f"{unmade[0]}: the page of this version was not rendered, so its outline.json "
                              "cannot be made; a plugin or exclude_docs left it out (see on_files in policy_site).")
        language = self.language
        env.install_gettext_translations(self.model.translations[language])
        env.filters["localized_date"] = lambda day: dates.localized_date(day, language)
        env.bytecode_cache = self.template_code  # compiled once, not again for each language
        self.env = env
        return env

    @event_priority(AFTER_I18N)
    def _page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        role = self.site.page_of_source.get(page.file.src_uri)
        if role is not None and role.kind == "version":
            shown = self.site.text_of(role)
            page.meta["title"] = shown.title  # the title of the text shown, as its H1 and the document's page
            return shown.body
        if role is not None and role.kind == "changes":
            theme_search.excluded_from_search(page.meta)  # it repeats two versions (search_index.py)
        return markdown

    @event_priority(-10000)  # the Markdown as every plugin left it, just before its conversion
    def _markdown_to_convert(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.kept_renderings.markdown_to_convert(markdown, page, files, self.conversion_settings)

    on_page_markdown = CombinedEvent(_page_markdown, _markdown_to_convert)

    @event_priority(10000)  # the conversion as MkDocs made it, before any plugin changes it
    def _converted(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.kept_renderings.converted(html, page, files)

    @event_priority(AFTER_I18N)
    def _page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self.site
        role = site.page_of_source.get(page.file.src_uri)
        if role is not None and role.kind in ("document", "version"):
            aliases = self.anchor_aliases(role.state.page.path, html)
            if aliases and page.present_anchor_ids is not None:  # MkDocs validates links against these
                page.present_anchor_ids |= set(aliases)
            if role.kind == "version":
                self.version_renderings[page.file.src_uri] = (html, page.toc)
                shown, rendered = site.text_of(role), html
                self.outline_files[page.file.src_uri].content_string = cached_text(
                    self.results, "outline", (shown.body, self.markdown_key),
                    lambda: json.dumps(outline(rendered, without_title=True), ensure_ascii=False))
            html = with_anchor_aliases(html, aliases)
            if role.kind == "version":
                self.version_texts[page.file.src_uri] = html
            return html
        if role is None or role.kind != "changes":
            return html
        # The newer text as its version page rendered it, read from one folder below it; the
        # older, as its own page did (only its blocks' text is read).
        rendering = self.rendering_of(site.version_page(role), page.file.src_uri)
        html, page.toc = one_level_deeper(rendering[0]), rendering[1]
        older_page = site.version_pages[role.state.previous.path]
        older = site.text_of(older_page)
        labels = site.comparison_labels()
        # kept between builds: the older text's Markdown and the newer's HTML make the comparison
        kept = cached_text(self.results, "comparison", (older.body, self.markdown_key, html, labels),
                           lambda: json.dumps(dataclasses.asdict(compare(
                               self.rendering_of(older_page, page.file.src_uri)[0], html, labels,
                               without_title=True)), ensure_ascii=False))
        fields = json.loads(kept)
        comparison = Comparison(html=fields["html"], count=fields["count"], changes=tuple(fields["changes"]))
        self.comparisons[page.file.src_uri] = comparison
        return comparison.html

    on_page_content = CombinedEvent(_converted, _page_content)

    @event_priority(AFTER_I18N)
    def _page_context(self, context, page: Page, config: MkDocsConfig, nav):
        site = self.site
        role = site.page_of_source.get(page.file.src_uri)
        address = role.address if role else page.url
        set_language_links(config, self.model.alternates(address))
        context.update(site.page_context(role, address))
        if role is not None and role.kind == "changes":
            context["comparison"] = self.comparisons.get(page.file.src_uri)
        return context

    @event_priority(-10000)  # the context as every plugin left it
    def _kept_output(self, context, page: Page, config: MkDocsConfig, nav):
        """`serve`: the page as the last rebuild's template made it, when it gets what it got then
        (kept_pages.py; overrides/main.html writes `kept_page_output` as it is)."""
        if self.command != "serve" or page.meta.get("template", "main.html") != "main.html":
            return context
        key = self.kept_pages.key(context, page, config, nav, self.template_inputs)
        if key is not None:
            output = self.kept_pages.kept_output(page, key)
            if output is not None:
                context["kept_page_output"] = output
        return context

    on_page_context = CombinedEvent(_page_context, _kept_output)

    @event_priority(AFTER_I18N)
    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        if template_name == "404.html":
            # Rendered before any page of this language: point its links at the home pages.
            set_language_links(config, self.model.alternates(addresses.home(self.language)))
            context.update(self.site.not_found_context())
        elif template_name == "sitemap.xml":
            # the same at every language pass (it spans them all), and at a rebuild while its
            # entries are the same: its entries and their key worked out, and it made, once
            if self.sitemap is None:
                entries = self.model.sitemap_entries()
                self.sitemap = (entries, self.kept_pages.sitemap_key(entries, self.template_inputs))
            context["sitemap_entries"], key = self.sitemap
            output = None if key is None else self.kept_pages.kept(SITEMAP, key)
            if output is not None:
                context["kept_sitemap"] = output
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml":
            self.kept_pages.made(SITEMAP, output)
        if template_name == "404.html":
            output = valid_theme_markup(
                theme_config(output, addresses.site_path(config.site_url) + self.language + "/"),
                self.site.gettext("Search"))
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
        site, prefix, support = self.site, self.language + "/", self.lunr_support
        entries = reader_search_entries(theme_search.entries_under(search, prefix), site.pages, site.version_label)
        by_language = entries_by_text_language(entries, site.pages, self.language, site.own_text_language)

        def part(code: str) -> theme_search.IndexPart:  # addresses relative to the language's root
            docs = [{**entry, "location": entry["location"][len(prefix):]} for entry in by_language[code]]
            return theme_search.IndexPart(docs, languages.search_languages(code, support),
                                          languages.search_pipeline(code, support, search.config.pipeline))

        index = theme_search.index_json(search, part(self.language),
                                        [part(code) for code in sorted(by_language) if code != self.language])
        target = Path(config.site_dir) / self.language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index, encoding="utf-8")

    @event_priority(AFTER_I18N)
    def _after_last_language(self, config: MkDocsConfig) -> None:
        if self.i18n.building:
            return  # another language pass is running; the last one writes the root pages
        self.wait_for_other_languages()
        if self.command == "serve":
            log.debug(f"kept from the last rebuild: {self.kept_renderings.reused} conversions, "
                      f"{self.kept_pages.reused} template outputs"
                      + (f" (rendered again: {', '.join(sorted(self.kept_pages.unreadable))} not digested)"
                         if self.kept_pages.unreadable else ""))
        site_dir = Path(config.site_dir)
        (site_dir / "search" / "search_index.json").unlink(missing_ok=True)  # replaced per language
        self.write_root_pages(config, site_dir)
        self.write_versions_json(config, site_dir)
        (site_dir / notices.SCHEMA_FILE).write_text(notices.schema_json(), encoding="utf-8")
        self.write_hosting_files(config, site_dir)
        self.results.save()
        self.prune_stores()

    @event_priority(-50)  # before the next language pass replaces this one's pages
    def _language_pdfs(self, config: MkDocsConfig) -> None:
        """The PDF of every version of this language, from its print page (overrides/pdf.html)."""
        if self.pdf_renderer is None:
            return
        site = self.site
        template = self.env.get_template("pdf.html")
        problems = []
        for site_page in site.pages:
            if site_page.kind != "version":
                continue
            state, name = site_page.state, site_page.document
            shown = site.text_of(site_page)
            context = site.print_context(site_page, self.version_texts[site_page.src_uri])
            html = template.render(config=config, **context)
            address = addresses.version_pdf(self.language, name, state.effective_date)
            try:
                pdf = self.pdf_renderer(html, context["permanent_url"], self.language, context["text_lang"])
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
                lambda: (self.pdf_hashes, self.page_scans, self.results_saved())))
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

    def results_saved(self) -> tuple[set[str], set[str]]:
        """At the end of a child process's work: what it made of the check results saved for the
        others (and the next build); the keys it used, for the parent to keep them from pruning."""
        self.results.save()
        return self.used_keys()

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
            if isinstance(store, (KeyedFolder, PackedFolder)):
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
        site = self.site
        role = site.page_of_source.get(page.file.src_uri)
        own = site.own_text_language(role) if role is not None else None
        output = titles_in_language(output, page.url, site.english_titled, own)
        return valid_theme_markup(theme_config(output, "../" * depth if depth else "./"), site.gettext("Search"))

    @event_priority(-1000)  # the page as it is written, after every plugin has had its say
    def _scan_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.page_scans[Path(page.file.dest_uri).as_posix()] = scanned(output, self.results)
        return output

    @event_priority(10000)  # the template's output, before any plugin changes it
    def _template_output(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.command == "serve":
            self.kept_pages.rendered(page, output)
        return output

    on_post_page = CombinedEvent(_template_output, _page_in_language, _scan_page)

    def write_hosting_files(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Headers (CSP by hash of the inline scripts the templates emit), 404 rules and
        robots.txt. Every page's inline code is held to the templates and what it loads to the
        site's own origin (from its scan made as it was built); either mistake stops the build."""
        path = addresses.site_path(config.site_url)
        trusted = hosting.template_scripts(
            template.read_text(encoding="utf-8")
            for folder in config.theme.dirs for template in sorted(Path(folder).rglob("*.html"))
        )
        built = files_ending(site_dir, ".html", ".css")
        pages = {page: page.read_text(encoding="utf-8") for page in built if page.name.endswith(".html")}
        problems, scripts = [], []
        for page, html in pages.items():
            name = page.relative_to(site_dir).as_posix()
            shown = f"{Path(config.site_dir).name}/{name}"
            scan = scan_of(html, self.page_scans.get(name))  # scanned as built, unless it changed since
            problems += hosting.inline_code_problems(shown, scan, trusted)
            problems += [request.problem() for request in external_requests_in_html(scan, shown, config.site_url)]
            scripts += [script.value for script in scan.scripts]
        for sheet in (path for path in built if path.name.endswith(".css")):
            shown = f"{Path(config.site_dir).name}/{sheet.relative_to(site_dir).as_posix()}"
            problems += [request.problem() for request in
                         external_requests_in_css(sheet.read_text(encoding="utf-8"), shown, config.site_url)]
        if problems:
            raise PluginError(str(SourceError(problems, consequence="; the build stops before the site is complete")))
        csp = hosting.content_security_policy(scripts)
        for page, html in pages.items():  # the policy in every page too: not every host sends headers
            written_over(page, hosting.with_policy_meta(html, csp))
        headers = hosting.all_headers(csp)
        (site_dir / "_headers").write_text(hosting.netlify_headers(headers, path), encoding="utf-8")
        (site_dir / "nginx-headers.conf").write_text(hosting.nginx_headers(headers), encoding="utf-8")
        (site_dir / "_redirects").write_text(hosting.not_found_rules(self.model.sources.languages, path), encoding="utf-8")
        (site_dir / "robots.txt").write_text(
            hosting.robots(addresses.absolute_url(config.site_url, "sitemap.xml")), encoding="utf-8")

    def write_root_pages(self, config: MkDocsConfig, site_dir: Path) -> None:
        """The language chooser at the root, and a 404 page that speaks every language."""
        env = config.theme.get_env()
        env.add_extension("jinja2.ext.i18n")
        context = {
            "config": config,
            "choices": self.model.language_choices(),
            "site_path": addresses.site_path(config.site_url),
            "source_language": self.model.sources.source_language,
        }
        for template, target in (("root.html", "index.html"), ("root-404.html", "404.html")):
            html = env.get_template(template).render(context)
            (site_dir / target).write_text(html, encoding="utf-8")

    def write_versions_json(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Every version in every language, with its address and the hash of its text (and PDF)."""
        (site_dir / "versions.json").write_text(self.model.versions_json(self.pdf_hashes), encoding="utf-8")


def publishing_settings(config: MkDocsConfig) -> PublishingSettings:
    """What mkdocs.yml says about publishing, for the site model."""
    policy = config.plugins["policy_site"].config
    return PublishingSettings(
        site_url=config.site_url, site_name=config.site_name, feed_id_prefix=policy.feed_id_prefix,
        site_author=config.site_author, pdf_copies=policy.pdf_copies, terms_types=dict(policy.terms_types))


def load_translations(config: MkDocsConfig, codes: tuple[str, ...]) -> dict[str, Any]:
    """Each language's catalogue of interface strings (check_site made sure that each exists)."""
    locales_dir = Path(config.config_file_path).parent / config.plugins["policy_site"].config.locales_dir
    return {code: catalogues.compiled_translations(catalogues.read_catalogue(catalogues.catalogue_path(locales_dir, code), code))
            for code in codes}


def files_ending(folder: Path, *suffixes: str) -> list[Path]:
    """The files under `folder` whose names end with one of `suffixes`, sorted (os.walk, once:
    Path.rglob opened each of a 10 x 20 site's 4,000 folders twice, and the site was walked
    once for its pages and again for its stylesheets)."""
    return sorted(Path(root, name) for root, _, names in os.walk(folder) for name in names if name.endswith(suffixes))


def written_over(path: Path, text: str) -> None:
    """A file's text replaced in place, cut only where the new text ends: a page that only
    gains its CSP meta is never emptied first (truncating each of 4,000 pages and writing it
    again took twice as long)."""
    with path.open("r+b") as file:
        file.write(text.encode("utf-8"))
        file.truncate()


def markdown_settings(config: MkDocsConfig) -> str:
    """The Markdown extensions and their settings, as part of the key of what is made from a text."""
    return repr((config.markdown_extensions, config.mdx_configs))


def check_results(config: MkDocsConfig, kept: Any = None) -> FolderResults:
    """Where the build keeps check results between runs (POLICY_SITE_CHECK_STORE overrides).
    Given the results of `serve`'s last rebuild (`kept`), the same results, remembered in memory,
    while they are of the same folder."""
    folder = os.environ.get("POLICY_SITE_CHECK_STORE") or config.plugins["policy_site"].config.check_store
    path = Path(config.config_file_path).parent / folder
    if kept is None:
        return FolderResults(path)
    if isinstance(kept, RememberedFolderResults) and kept.folder == path:
        return kept
    return RememberedFolderResults(path)


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
