"""Find everything in built HTML and CSS that would make a browser contact another origin.

Plain outgoing links (<a href>) are fine: the reader chooses to follow them. What loads by itself
is not: scripts, styles, fonts, images, frames, media, preloads, CSS url() and @import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from ..problems import Problem
from .page_scan import PageScan, scan_page

CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""")


@dataclass(frozen=True)
class ExternalRequest:
    file: str
    what: str
    url: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}: {self.what} loads {self.url}"

    def problem(self) -> Problem:
        return Problem(
            self.file, self.line, f"makes every reader's browser contact another site: {self.what} loads {self.url}.",
            "The site promises readers that nothing loads from elsewhere: copy the file into the site "
            "(overrides/assets/) and point to it there, or turn off the theme setting that adds it.",
        )


@lru_cache(maxsize=4096)  # the same few addresses on each of thousands of pages
def is_other_origin(url: str, own_origin: str) -> bool:
    """True when the URL, resolved against the site, is on another scheme/host/port."""
    url = url.strip()
    if not url or url.startswith(("data:", "#", "blob:")):
        return False
    parts = urlsplit(urljoin(own_origin, url))
    own = urlsplit(own_origin)
    return (parts.scheme, parts.netloc) != (own.scheme, own.netloc)


def css_urls(css: str) -> list[str]:
    return [m.group("url") or m.group("imp") for m in CSS_URL.finditer(css)]


def external_requests_in_html(html: str | PageScan, file: str, own_origin: str) -> list[ExternalRequest]:
    """What the page (or its scan, where the build has one) loads from another origin."""
    scan = scan_page(html) if isinstance(html, str) else html
    found = [ExternalRequest(file, item.what, item.value, item.line) for item in scan.loads]
    found += [ExternalRequest(file, item.what, url, item.line) for item in scan.styles for url in css_urls(item.value)]
    return [request for request in found if is_other_origin(request.url, own_origin)]


def external_requests_in_css(css: str, file: str, own_origin: str) -> list[ExternalRequest]:
    return [
        ExternalRequest(file, "CSS url()/@import", url)
        for url in css_urls(css)
        if is_other_origin(url, own_origin)
    ]
