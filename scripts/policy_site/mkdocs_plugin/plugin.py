"""MkDocs wiring of the policy site. Every rule lives in a plain module; this only connects them.

mkdocs-static-i18n runs one full MkDocs build per language. This plugin runs after it in each
event (lower priority), so it sees the files and config of the language being built:

- on_config: on the first pass, read and check all sources (nothing is built on a mistake);
  set the language of the theme for this pass.
- on_files: give the source language its own prefix (/en/...) so the root is free for the
  language chooser.
- on_env: install this language's interface strings and the date filter.
- on_page_context: per page, language links (switcher and absolute hreflang alternates).
- on_post_build: after the last language, write the root chooser and the 404 pages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import addresses, catalogues, dates, languages
from ..problems import SourceError
from ..sources import SiteSources, load_sources
from .config import PolicySiteConfig

log = get_plugin_logger(__name__)

AFTER_I18N = -200  # mkdocs-static-i18n acts at -100; we need its per-language result


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    def __init__(self) -> None:
        self.sources: SiteSources | None = None
        self.i18n: Any = None
        self.translations: dict[str, Any] = {}

    # -- helpers -----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.i18n.current_language

    def language_links(self, config: MkDocsConfig, path: str) -> list[dict[str, str]]:
        """One entry per language for the page at `path`: the switcher and the hreflang links."""
        assert self.sources is not None
        return [
            {
                "lang": code,
                "name": languages.native_name(code),
                "link": addresses.absolute_url(config.site_url, addresses.page_address(code, path)),
            }
            for code in self.sources.languages
        ]

    # -- events ------------------------------------------------------------------------------

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
            try:
                dates.build_date(os.environ)  # refuse a malformed SOURCE_DATE_EPOCH up front
            except dates.BuildDateError as error:
                raise PluginError(str(error)) from None
            all_languages = [lang.locale for lang in self.i18n.config.languages]
            unknown = [code for code in all_languages if not languages.is_known_language(code)]
            if unknown:
                raise PluginError(
                    f"mkdocs.yml: unknown language code(s) {', '.join(unknown)} in the i18n "
                    "plugin's languages; use ISO 639-1 codes such as 'fr'."
                )
            try:
                self.sources = load_sources(
                    Path(config.docs_dir), all_languages,
                    self.config.source_language, self.config.documents,
                )
            except SourceError as error:
                raise PluginError(str(error)) from None
            self.translations = self.load_translations(config)
        # The theme's <html lang> and Material's own strings follow the language being built.
        config.theme["language"] = self.language
        return config

    def load_translations(self, config: MkDocsConfig) -> dict[str, Any]:
        assert self.sources is not None
        locales_dir = Path(config.config_file_path).parent / self.config.locales_dir
        result = {}
        for code in self.sources.languages:
            path = catalogues.catalogue_path(locales_dir, code)
            if not path.exists():
                raise PluginError(
                    f"{path.relative_to(locales_dir.parent)}: no interface catalogue for '{code}'. "
                    f"Create it with `pybabel init -i locales/messages.pot -d locales -l {code}`."
                )
            result[code] = catalogues.compiled_translations(catalogues.read_catalogue(path, code))
        return result

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # The i18n plugin writes the default language at the root; we want /en/ like the others.
        if self.language == self.i18n.default_language:
            prefix = self.language + "/"
            for file in files:
                if file.src_uri.startswith(prefix) and not file.dest_uri.startswith(prefix):
                    file.dest_uri = prefix + file.dest_uri
                    file.url = prefix + ("" if file.url in (".", "./") else file.url)
                    # set explicitly: the i18n plugin's File copies carry a wrong dest_dir
                    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.install_gettext_translations(self.translations[self.language])
        env.filters["localized_date"] = lambda day: dates.localized_date(day, self.language)
        return env

    @event_priority(AFTER_I18N)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        assert self.sources is not None
        path = page.file.src_uri.partition("/")[2]
        source_page = self.sources.pages.get((self.language, path))
        links = self.language_links(config, path)
        # Material draws its language switcher and <head> alternates from extra.alternate.
        config.extra["alternate"] = links
        context["x_default_url"] = addresses.absolute_url(
            config.site_url, addresses.page_address(self.sources.source_language, path)
        )
        context["source_page"] = source_page
        context["is_home"] = path == "index.md"
        context["policy_documents"] = [
            {"page": doc, "url": addresses.page_address(self.language, doc.path)}
            for doc in self.sources.policy_documents(self.language)
        ]
        return context

    @event_priority(AFTER_I18N)
    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        assert self.sources is not None
        if template_name == "404.html":
            # Rendered before any page of this language: point its links at the home pages.
            config.extra["alternate"] = self.language_links(config, "index.md")
            home = addresses.page_address(self.language, "index.md")
            context["home_url"] = addresses.absolute_url(config.site_url, home)
            context["x_default_url"] = config.site_url
        elif template_name == "sitemap.xml":
            context["sitemap_entries"] = [
                {"url": link["link"], "alternates": links}
                for path in self.sources.paths()
                for links in [self.language_links(config, path)]
                for link in links
            ]
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html":
            # Every language pass renders 404.html at the root, the last one winning; keep each
            # in its own folder. The root 404 is written at the end, in every language.
            target = Path(config.site_dir) / self.language / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
        return output

    @event_priority(AFTER_I18N)
    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.i18n.building:
            return  # another language pass is running; the last one writes the root pages
        self.write_root_pages(config, site_dir)

    def write_root_pages(self, config: MkDocsConfig, site_dir: Path) -> None:
        """The language chooser at the root, and a 404 page that speaks every language."""
        assert self.sources is not None
        env = config.theme.get_env()
        env.add_extension("jinja2.ext.i18n")
        choices = [
            {
                "lang": code,
                "name": languages.native_name(code),
                "address": addresses.page_address(code, "index.md"),
                "url": addresses.absolute_url(config.site_url, addresses.page_address(code, "index.md")),
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
