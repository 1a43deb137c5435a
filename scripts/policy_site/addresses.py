"""The URL scheme: where every page of every language lives, and its absolute address.

Every language, English included, lives under its own prefix (`/en/privacy/`, `/fr/privacy/`);
the site root is a language chooser. Addresses never depend on the build order, and once
published they never change: a version keeps its address for good.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from urllib.parse import urlsplit


def page_address(language: str, source_path: str) -> str:
    """Address relative to the site root of a Markdown file of one language.

    `source_path` is relative to the language folder: 'privacy.md' -> 'fr/privacy/',
    'index.md' -> 'fr/'.
    """
    path = PurePosixPath(source_path)
    parts = list(path.parent.parts) if str(path.parent) != "." else []
    if path.stem not in ("index", "README"):
        parts.append(path.stem)
    return "/".join([language, *parts]) + "/"


def home(language: str) -> str:
    return f"{language}/"


def document(language: str, name: str) -> str:
    """The document in force: 'fr/privacy/'."""
    return f"{language}/{name}/"


def version(language: str, name: str, effective_date: dt.date) -> str:
    """A version's permanent address: 'fr/privacy/2017-06-21/'."""
    return f"{language}/{name}/{effective_date.isoformat()}/"


def version_pdf(language: str, name: str, effective_date: dt.date) -> str:
    """A version's PDF, beside its page; the file name says what it is once saved elsewhere:
    'fr/privacy/2017-06-21/privacy-2017-06-21-fr.pdf'."""
    day = effective_date.isoformat()
    return f"{version(language, name, effective_date)}{name}-{day}-{language}.pdf"


def history(language: str, name: str) -> str:
    return f"{language}/{name}/history/"


def changes(language: str, name: str, effective_date: dt.date) -> str:
    """The comparison of a version with the one before it: 'fr/privacy/2024-09-01/changes/'."""
    return f"{language}/{name}/{effective_date.isoformat()}/changes/"


def translation_status(language: str) -> str:
    return f"{language}/translations/"


def subscribe(language: str) -> str:
    return f"{language}/subscribe/"


def feed(language: str, name: str | None = None) -> str:
    """The Atom feed of a language ('fr/feed.xml') or of one of its documents ('fr/privacy/feed.xml')."""
    return f"{language}/{name}/feed.xml" if name else f"{language}/feed.xml"


def in_language(address: str, language: str) -> str:
    """The same page in another language: every language has the same pages."""
    return f"{language}/{address.partition('/')[2]}"


def absolute_url(site_url: str, address: str) -> str:
    """Absolute URL of a root-relative address, correct under a sub-path deployment."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + address.lstrip("/")


def site_path(site_url: str) -> str:
    """The path part of site_url, always ending with '/': '/legal/' for https://x.org/legal."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"
