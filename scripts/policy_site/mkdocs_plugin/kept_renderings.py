"""A page whose Markdown, address and site files are those of an earlier build gets that build's
HTML, table of contents and anchors instead of a new conversion: from memory between the
rebuilds of `mkdocs serve` (which converts every page again after each save, though an editor
changed one text), and from the check results' store between builds (`check_store`), as the
outlines and comparisons are.

The conversion is a pure function of those inputs: the extensions a site may use are the closed
list of translation/outline.EXTENSIONS (checks/site.markdown_problems), and none of them reads
another file. A rendering that logged a warning (a link to no page) is never kept, so that each
rebuild says it again. Only pages titled in their front matter are kept: the title of the others
comes from the conversion itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

import mkdocs
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..checks.results import NoResults, ResultStore, result_key


# Characters of Markdown from which a conversion is stored between builds: a page that is only
# a title (a comparison, a history) converts faster than a store entry is written.
STORED_FROM = 1000


@dataclass(frozen=True)
class Rendering:
    markdown: str
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents, read-only once made
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: link as written}


def toc_tokens(toc: Any) -> list[dict[str, Any]]:
    """A table of contents as the tokens MkDocs makes it from (mkdocs.structure.toc.get_toc)."""
    return [{"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)} for a in toc]


def stored(rendering: Rendering) -> str:
    """Its entry in the store, without its Markdown: the key holds that."""
    return json.dumps({"content": rendering.content,
                       "toc": toc_tokens(rendering.toc),
                       "anchor_ids": None if rendering.anchor_ids is None else sorted(rendering.anchor_ids),
                       "links": rendering.links_to_anchors}, ensure_ascii=False)


def from_store(text: str, markdown: str) -> Rendering | None:
    try:
        fields = json.loads(text)
        anchors = fields["anchor_ids"]
        return Rendering(markdown=markdown, content=fields["content"], toc=get_toc(fields["toc"]),
                         anchor_ids=None if anchors is None else frozenset(anchors),
                         links_to_anchors=fields["links"])
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry: converted again, and replaced


def files_digest(files: Files, settings: str) -> str:
    """Every file's source and address, and the conversion's settings: what a page's links are
    resolved against."""
    digest = hashlib.sha256(f"mkdocs {mkdocs.__version__}\0{settings}".encode("utf-8"))
    for file in files:
        digest.update(f"\0{file.src_uri}\0{file.dest_uri}\0{file.url}".encode("utf-8"))
    return digest.hexdigest()


def rendering_key(markdown: str, src_uri: str, url: str, site_files: str) -> str:
    return hashlib.sha256(f"{site_files}\0{src_uri}\0{url}\0{markdown}".encode("utf-8")).hexdigest()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class KeptRenderings:
    """The last rebuild's renderings, and this rebuild's as its pages are converted; with a store,
    every build's."""

    def __init__(self) -> None:
        self.store: ResultStore = NoResults()
        self.remember = False  # in memory too: `serve`, whose rebuilds share this object
        self.last: dict[str, tuple[str, Rendering]] = {}  # src_uri -> (key, rendering)
        self.current: dict[str, tuple[str, Rendering]] = {}
        self.pending: dict[str, str] = {}  # src_uri -> key, of a page being converted
        self.restoring: dict[str, Rendering] = {}  # src_uri -> an earlier rendering, until it is put back
        self.reused = 0
        self.digest: tuple[Files | None, str, str] = (None, "", "")  # files, settings -> their digest
        self.warnings: _Warnings | None = None

    def start_build(self, store: ResultStore, remember: bool) -> None:
        self.last = {**self.last, **self.current} if remember else {}  # a rebuild stopped midway kept what it made
        self.current, self.pending, self.restoring, self.reused, self.digest = {}, {}, {}, 0, (None, "", "")
        self.store, self.remember = store, remember
        self._stop_listening()

    def markdown_to_convert(self, markdown: str, page: Page, files: Files, settings: str) -> str:
        """The Markdown MkDocs converts: nothing, when an earlier build's rendering is reused."""
        self._stop_listening()
        if "title" not in page.meta:
            return markdown
        if self.digest[0] is not files or self.digest[1] != settings:  # once per build: every page sees the same
            self.digest = (files, settings, files_digest(files, settings))
        src_uri = page.file.src_uri
        key = rendering_key(markdown, src_uri, page.url, self.digest[2])
        kept = self.last.get(src_uri)
        if kept is None or kept[0] != key:
            text = self.store.get(result_key("rendering", key))
            rendering = None if text is None else from_store(text, markdown)
            kept = None if rendering is None else (key, rendering)
        if kept is not None:
            self.restoring[src_uri] = kept[1]
            self.reused += 1
            if self.remember:
                self.current[src_uri] = kept
            return ""
        self.pending[src_uri] = key
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        return markdown

    def converted(self, html: str, page: Page, files: Files) -> str:
        """Right after the conversion: the reused rendering put back in place, or this one kept
        (unless it logged a warning)."""
        src_uri = page.file.src_uri
        rendering = self.restoring.pop(src_uri, None)
        if rendering is not None:
            page.markdown = rendering.markdown
            page.toc = rendering.toc
            page.present_anchor_ids = None if rendering.anchor_ids is None else set(rendering.anchor_ids)
            if rendering.links_to_anchors is not None:
                page.links_to_anchors = {target: dict(links) for uri, links in rendering.links_to_anchors.items()
                                         if (target := files.get_file_from_path(uri)) is not None}
            return rendering.content
        key = self.pending.pop(src_uri, None)
        warned = self.warnings is not None and self.warnings.count > 0
        self._stop_listening()
        if key is not None and not warned:
            links = page.links_to_anchors
            made = Rendering(
                markdown=page.markdown or "", content=html, toc=page.toc,
                anchor_ids=None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
                links_to_anchors=None if links is None else {f.src_uri: dict(l) for f, l in links.items()})
            if len(made.markdown) >= STORED_FROM:
                self.store.put(result_key("rendering", key), stored(made))
            if self.remember:
                self.current[src_uri] = (key, made)
        return html

    def _stop_listening(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
