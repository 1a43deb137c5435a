"""The URL scheme: where every page of every language lives, and its absolute address.

Every language, English included, lives under its own prefix (`/en/privacy/`, `/fr/privacy/`);
the site root is a language chooser. Addresses never depend on the build order.
"""

from __future__ import annotations

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


def absolute_url(site_url: str, address: str) -> str:
    """Absolute URL of a root-relative address, correct under a sub-path deployment."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + address.lstrip("/")


def site_path(site_url: str) -> str:
    """The path part of site_url, always ending with '/': '/legal/' for https://x.org/legal."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"
