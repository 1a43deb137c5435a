"""`mkdocs serve` renders every page's template again after each save, though an editor changed
one text. A page whose template would get exactly what it got in the last rebuild is written as
that rebuild's template wrote it (overrides/main.html hands it over: `kept_page_output`). So is
the sitemap, whose template reads only its entries (overrides/sitemap.xml: `kept_sitemap`), and
in every build: each language pass would render the same one again.

"Exactly what it got": a digest of everything a template can read — the page (its address,
title, facts, HTML and table of contents), the navigation and every page's title, the whole
configuration (its `extra` as plugins set it for this page: the language links), each value
plugins added to the context (the site model's data for this page), the theme's and the site's templates and the interface
catalogues. A value the digest cannot read (an object of unknown kind) makes the page rendered
again, never reused: an unknown input is taken to have changed. The values plugins add are read
once per rebuild (the site model's data is made once and never changed): a plugin that changed
in place, between two pages, a value it had put in the context would defeat this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

# what MkDocs itself puts in a page's context, digested on its own
MKDOCS_CONTEXT = ("nav", "pages", "page", "config", "base_url", "extra_css", "extra_javascript",
                  "mkdocs_version", "build_date_utc")
SKIPPED_CONFIG = ("plugins",)  # plugin objects: what they add to a page is in its context
# What plugins set anew for each page: the language links (the i18n plugin's, then ours). The
# rest of the configuration is read once per rebuild.
PER_PAGE_CONFIG = ("extra",)


class Unreadable(Exception):
    """A value of a kind the digest does not know: the page is rendered again."""


class Digest:
    """Digests of values. With `settled`, each container is read once per rebuild: the site
    model's data, made once and shared between pages. Without, only strings and frozen
    dataclasses are: the configuration, which plugins change from page to page."""

    def __init__(self, settled: bool = False) -> None:
        self.settled = settled
        self.of_object: dict[int, str] = {}
        self.alive: list[Any] = []  # the objects digested: their ids stay theirs for the rebuild

    def __call__(self, value: Any) -> str:
        if value is None or isinstance(value, (bool, int, float, dt.date)):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, str):
            if len(value) < 200:
                return "str:" + repr(value)  # quoted: no text can pass for two
            return self._remembered(value, lambda: "str#" + hashlib.sha256(value.encode("utf-8")).hexdigest())
        if isinstance(value, (list, tuple, set, frozenset)):
            items = lambda: f"{type(value).__name__}[" + ",".join(
                sorted(map(self, value)) if isinstance(value, (set, frozenset)) else map(self, value)) + "]"
            return self._remembered(value, items) if self.settled or isinstance(value, (tuple, frozenset)) else items()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = lambda: type(value).__qualname__ + "(" + ",".join(
                f"{field.name}={self(getattr(value, field.name))}" for field in dataclasses.fields(value)) + ")"
            return self._remembered(value, fields) if self.settled or type(value).__dataclass_params__.frozen else fields()
        if isinstance(value, Mapping):
            items = lambda: type(value).__qualname__ + "{" + ",".join(
                f"{self(key)}:{self(item)}" for key, item in value.items()) + "}"
            return self._remembered(value, items) if self.settled else items()
        shown = repr(value)
        if " at 0x" in shown or shown.startswith("<"):  # no repr of its own: its state unknown
            raise Unreadable(type(value).__qualname__)
        return f"{type(value).__qualname__}:{shown}"

    def _remembered(self, value: Any, make) -> str:
        known = self.of_object.get(id(value))
        if known is None:
            known = self.of_object[id(value)] = hashlib.sha256(make().encode("utf-8")).hexdigest()
            self.alive.append(value)
        return known


def navigation_digest(nav: Navigation, digest: Digest) -> str:
    """The navigation's items, their titles and addresses (the active one follows from the page)."""
    def item(entry: Any) -> str:
        if isinstance(entry, Section):
            return f"section:{digest(entry.title)}[{','.join(item(child) for child in entry.children)}]"
        if isinstance(entry, Link):
            return f"link:{digest(entry.title)}:{digest(entry.url)}"
        return f"page:{digest(entry.title)}:{digest(entry.url)}"
    return hashlib.sha256(",".join(item(entry) for entry in nav.items).encode("utf-8")).hexdigest()


def page_digest(page: Page, digest: Digest) -> str:
    def toc(items: Any) -> str:
        return ",".join(f"{digest(a.title)}:{digest(a.id)}:{a.level}:[{toc(a.children)}]" for a in items)
    parts = [digest(page.file.src_uri), digest(page.url), digest(page.title), digest(page.meta), digest(page.content),
             toc(page.toc), digest(page.canonical_url), digest(page.edit_url), digest(page.is_homepage),
             digest(page.parent.title if page.parent else None),
             *(digest(p.url if p else None) for p in (page.previous_page, page.next_page))]
    return "|".join(parts)


def folder_digest(folders: list[str]) -> str:
    """Every file under the folders, by name, size and time: a template or catalogue saved
    during `serve`."""
    state = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                stat = path.stat()
                state.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8"))
    return state.hexdigest()


@lru_cache(maxsize=8)
def templates_show_build_time(dirs: tuple[str, ...]) -> bool:
    """Whether a template prints MkDocs' build time (none of Material's nor ours does): without
    SOURCE_DATE_EPOCH it changes at each rebuild, and so would every page."""
    return any("build_date_utc" in path.read_text(encoding="utf-8", errors="replace")
               for folder in dirs for path in Path(folder).rglob("*.html"))


class KeptPages:
    """The last rebuild's template output of each page, under the digest of what it was made of."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, str]] = {}  # src_uri (or template's name) -> (key, output)
        self.current: dict[str, tuple[str, str]] = {}
        self.pending: dict[str, str] = {}  # src_uri -> key, of a page being rendered
        self.digest, self.settled = Digest(), Digest(settled=True)
        self.site_inputs: str | None = None
        self.templates: str | None = None  # the digest of the templates' files, once per rebuild
        self.reused = 0
        self.unreadable: set[str] = set()  # the kinds of value that made a page be rendered again

    def start_build(self) -> None:
        self.last = {**self.last, **self.current}
        self.current, self.pending, self.digest, self.site_inputs, self.reused = {}, {}, Digest(), None, 0
        self.templates = None
        self.settled = Digest(settled=True)
        self.unreadable = set()

    def key(self, context: Mapping[str, Any], page: Page, config: Any, nav: Navigation,
            watched_folders: list[str]) -> str | None:
        """The digest of what the page's template gets; None if some of it cannot be read."""
        digest = self.digest
        try:
            if self.site_inputs is None:  # once per rebuild
                shown_time = templates_show_build_time(tuple(config.theme.dirs))
                self.site_inputs = "|".join([
                    navigation_digest(nav, digest), self.template_files(watched_folders),
                    digest([(f.url, f.page.title if f.page else None) for f in context.get("pages", ())]),
                    str(context.get("mkdocs_version")),
                    digest({k: v for k, v in config.items() if k not in SKIPPED_CONFIG + PER_PAGE_CONFIG}),
                    digest(str(context.get("build_date_utc"))) if shown_time else ""])
            parts = [self.site_inputs, page_digest(page, digest),
                     digest({k: config.get(k) for k in PER_PAGE_CONFIG}),
                     digest(context.get("base_url")), digest([str(v) for v in context.get("extra_css", ())]),
                     digest([str(v) for v in context.get("extra_javascript", ())])]
            # what plugins added: the site model's data, which no page changes
            parts += [f"{name}={self.settled(value)}" for name, value in context.items() if name not in MKDOCS_CONTEXT]
        except Unreadable as unreadable:
            self.unreadable.add(str(unreadable))
            return None
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def kept_output(self, page: Page, key: str) -> str | None:
        """The output the last rebuild's template made of these very inputs, if it made one."""
        return self.kept(page.file.src_uri, key)

    def rendered(self, page: Page, output: str) -> None:
        """The template's output of a page rendered in this rebuild, kept for the next."""
        self.made(page.file.src_uri, output)

    def sitemap_key(self, entries: list[dict[str, Any]], watched_folders: list[str]) -> str | None:
        """The digest of what overrides/sitemap.xml reads: the entries, and the templates."""
        try:
            shown = json.dumps(entries, ensure_ascii=False)  # plain data: JSON is the fast repr
        except TypeError as unreadable:
            self.unreadable.add(str(unreadable))
            return None
        return hashlib.sha256(f"{self.template_files(watched_folders)}\n{shown}".encode("utf-8")).hexdigest()

    def template_files(self, watched_folders: list[str]) -> str:
        if self.templates is None:
            self.templates = folder_digest(watched_folders)
        return self.templates

    def kept(self, name: str, key: str) -> str | None:
        """By the name of the page (its source) or of the template: the output of `key` made by
        an earlier language pass of this build, or else by the last rebuild."""
        for kept in (self.current.get(name), self.last.get(name)):  # a name two passes share
            if kept is not None and kept[0] == key:
                self.current[name] = kept
                self.reused += 1
                return kept[1]
        self.pending[name] = key
        return None

    def made(self, name: str, output: str) -> None:
        key = self.pending.pop(name, None)
        if key is not None:
            self.current[name] = (key, output)


class TemplateCode(jinja2.BytecodeCache):
    """The templates compiled by the last language pass or rebuild (MkDocs makes a new Jinja
    environment for each): Jinja reuses one only while its template's source is the same."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
