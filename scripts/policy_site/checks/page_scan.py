"""One pass over a built page: what it runs inline, what it styles inline, and what it makes the
browser load by itself. The build reads every page once, with lxml's HTML parser (libxml2's
HTML5 tokenizer: four times faster than the standard library's on our pages, and with the same
findings on all 4,142 pages of a 10 x 20 site), and both the CSP and the zero-third-party check
use what it found. A finding's line is the one where its start tag ends. Each page is scanned
as it is built, in the process that builds its language (ScannedPage), and read again at the
end only if it changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import lxml.etree

from .results import NoResults, ResultStore, cached_text

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

# <link rel=...> values that make the browser fetch or connect on its own.
LOADING_LINK_RELS = {
    "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
    "icon", "shortcut", "apple-touch-icon", "manifest", "prerender",
}
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
    "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"],
    "track": ["src"], "embed": ["src"], "object": ["data"], "input": ["src"],
    "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
}


@dataclass(frozen=True)
class Found:
    line: int
    what: str  # "<img src>", "<style>", ...
    value: str  # the address, or the inline code


@dataclass
class PageScan:
    scripts: list[Found] = field(default_factory=list)  # inline scripts that run
    styles: list[Found] = field(default_factory=list)  # <style> elements and style= attributes
    loads: list[Found] = field(default_factory=list)  # addresses fetched without a click


def srcset_urls(value: str) -> list[str]:
    return [item.strip().split(" ")[0] for item in value.split(",") if item.strip()]


# libxml2's HTML tokenizer (2.14 and later, which lxml 6 ships) follows HTML5 tokenization, as
# browsers do: script and style text, comments, RCDATA (title, textarea), the first of two
# attributes written twice. huge_tree: no page is cut short for its size.
PARSER = lxml.etree.HTMLParser(encoding="utf-8", huge_tree=True, default_doctype=False)


def scan_page(html: str) -> PageScan:
    scan = PageScan()
    # bytes: a page may declare its encoding, which lxml refuses in a str
    root = lxml.etree.fromstring(html.encode("utf-8"), PARSER) if html.strip() else None
    for element in root.iter(tag=lxml.etree.Element) if root is not None else ():
        tag, values, line = element.tag, element.attrib, element.sourceline or 0
        if tag == "link":
            rels = {rel.lower() for rel in values.get("rel", "").split()}
            if rels & LOADING_LINK_RELS and values.get("href"):
                scan.loads.append(Found(line, f"<link rel={' '.join(sorted(rels))}>", values["href"]))
        for attribute in LOADING_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            for url in (srcset_urls(value) if attribute == "srcset" else [value]) if value else ():
                scan.loads.append(Found(line, f"<{tag} {attribute}>", url))
        if "style" in values:
            scan.styles.append(Found(line, f"<{tag} style>", values["style"]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            content = values.get("content", "")
            if "url=" in content.lower():
                scan.loads.append(Found(line, "<meta refresh>", content.split("=", 1)[1]))
        if tag == "script" and "src" not in values and values.get("type", "").lower() in EXECUTABLE_TYPES:
            scan.scripts.append(Found(line, "<script>", element.text or ""))
        elif tag == "style":
            scan.styles.append(Found(line, "<style>", element.text or ""))
    return scan


@dataclass(frozen=True)
class ScannedPage:
    """A page's scan, made where the page was built, with the digest of the text it read."""

    sha256: str
    scan: PageScan


def scanned(html: str, results: ResultStore = NoResults()) -> ScannedPage:
    """The page's scan, kept with the check results under the page's digest: a page that
    is the same as in the last build is not read again."""
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    kept = json.loads(cached_text(results, "page_scan", digest, lambda: stored(scan_page(html))))
    return ScannedPage(digest, PageScan(*([Found(*found) for found in kept[part]] for part in PARTS)))


PARTS = ("scripts", "styles", "loads")  # PageScan's fields, in order


def stored(scan: PageScan) -> str:
    """A scan as the store keeps it: each finding as [line, what, value] (dataclasses.asdict,
    which copies every value deeply, took a third of the time of scanning the page)."""
    return json.dumps({part: [[found.line, found.what, found.value] for found in getattr(scan, part)]
                       for part in PARTS}, ensure_ascii=False)


def scan_of(html: str, known: ScannedPage | None) -> PageScan:
    """The scan of the page as it is now: the one made when it was built, if the page has not
    changed since (a plugin may rewrite pages after they are built), else a new one."""
    if known is not None and known.sha256 == hashlib.sha256(html.encode("utf-8")).hexdigest():
        return known.scan
    return scan_page(html)
