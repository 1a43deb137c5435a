"""`mkdocs serve` converts every page's Markdown again after each save, though an editor changed
one text. A page whose Markdown, address and site files are those of the last rebuild gets that
rebuild's HTML, table of contents and anchors instead of a new conversion.

The conversion is a pure function of those inputs: the extensions a site may use are the closed
list of translation/outline.EXTENSIONS (checks/site.markdown_problems), and none of them reads
another file. A rendering that logged a warning (a link to no page) is never kept, so that each
rebuild says it again. Only pages titled in their front matter are kept: the title of the others
comes from the conversion itself.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Rendering:
    markdown: str
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents, read-only once made
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: link as written}


def files_digest(files: Files, settings: str) -> str:
    """Every file's source and address, and the conversion's settings: what a page's links are
    resolved against."""
    digest = hashlib.sha256(settings.encode("utf-8"))
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
    """The last rebuild's renderings, and this rebuild's as its pages are converted."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, Rendering]] = {}  # src_uri -> (key, rendering)
        self.current: dict[str, tuple[str, Rendering]] = {}
        self.pending: dict[str, str] = {}  # src_uri -> key, of a page being converted
        self.reused: dict[str, Rendering] = {}  # src_uri -> the last rebuild's rendering, this rebuild
        self.digest: tuple[Files | None, str] = (None, "")
        self.warnings: _Warnings | None = None

    def start_build(self) -> None:
        self.last = {**self.last, **self.current}  # a rebuild stopped midway still kept what it made
        self.current, self.pending, self.reused, self.digest = {}, {}, {}, (None, "")
        self._stop_listening()

    def markdown_to_convert(self, markdown: str, page: Page, files: Files, settings: str) -> str:
        """The Markdown MkDocs converts: nothing, when the last rebuild's rendering is reused."""
        self._stop_listening()
        if "title" not in page.meta:
            return markdown
        if self.digest[0] is not files:  # once per rebuild: every page's links see the same files
            self.digest = (files, files_digest(files, settings))
        src_uri = page.file.src_uri
        key = rendering_key(markdown, src_uri, page.url, self.digest[1])
        kept = self.last.get(src_uri)
        if kept is not None and kept[0] == key:
            self.reused[src_uri] = kept[1]
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
        rendering = self.reused.get(src_uri)
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
            self.current[src_uri] = (key, Rendering(
                markdown=page.markdown or "", content=html, toc=page.toc,
                anchor_ids=None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
                links_to_anchors=None if links is None else {f.src_uri: dict(l) for f, l in links.items()}))
        return html

    def _stop_listening(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
