"""Atom 1.0 feeds of changes (RFC 4287), written with an XML library, never by concatenation.

Entry ids are permanent tag: URIs (RFC 4151) made of the document, the version and the language,
and every date comes from the versions themselves, so a rebuild on another day, or a move to
another host, never makes a reader's feed reader announce a change twice.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Sequence

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    published: dt.date  # when readers were told: the announcement, else the effective date
    summary: str  # plain text, in the feed's language
    version_url: str
    changes_url: str | None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    language: str
    self_url: str
    page_url: str  # the page the feed is about
    author: str
    entries: Sequence[FeedEntry]


def entry_id(prefix: str, document: str, effective_date: dt.date, language: str) -> str:
    """'tag:lettermoss.example,2017:privacy/2024-09-01/fr': one id per version and language."""
    return f"{prefix}{document}/{effective_date.isoformat()}/{language}"


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(feed: Feed) -> bytes:
    """The feed as UTF-8 XML; entries newest first; the feed's `updated` is its newest entry."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})

    def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        if text is not None:
            element.text = text
        return element

    entries = sorted(feed.entries, key=lambda e: (e.published, e.id), reverse=True)
    add(root, "id", feed.id)
    add(root, "title", feed.title)
    updated = max((e.published for e in entries), default=dt.date(1970, 1, 1))
    add(root, "updated", timestamp(updated))
    author = add(root, "author")
    add(author, "name", feed.author)
    add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    add(root, "link", rel="alternate", type="text/html", href=feed.page_url)
    for entry in entries:
        element = add(root, "entry")
        add(element, "id", entry.id)
        add(element, "title", entry.title)
        add(element, "published", timestamp(entry.published))
        add(element, "updated", timestamp(entry.published))
        add(element, "link", rel="alternate", type="text/html", href=entry.version_url)
        if entry.changes_url:
            add(element, "link", rel="related", type="text/html", href=entry.changes_url)
        add(element, "summary", entry.summary)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
