"""Find everything in built HTML and CSS that would make a browser contact another origin.

Plain outgoing links (<a href>) are fine: the reader chooses to follow them. What loads by itself
is not: scripts, styles, fonts, images, frames, media, preloads, CSS url() and @import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

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
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""")


@dataclass(frozen=True)
class ExternalRequest:
    file: str
    what: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what} loads {self.url}"


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


def srcset_urls(value: str) -> list[str]:
    return [item.strip().split(" ")[0] for item in value.split(",") if item.strip()]


def external_requests_in_html(html: str, file: str, own_origin: str) -> list[ExternalRequest]:
    soup = BeautifulSoup(html, "html.parser")
    found: list[ExternalRequest] = []

    def check(what: str, url: str) -> None:
        if is_other_origin(url, own_origin):
            found.append(ExternalRequest(file, what, url))

    for link in soup.find_all("link"):
        rels = {r.lower() for r in (link.get("rel") or [])}
        if rels & LOADING_LINK_RELS and link.get("href"):
            check(f"<link rel={' '.join(sorted(rels))}>", link["href"])
    for tag, attributes in LOADING_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                urls = srcset_urls(value) if attribute == "srcset" else [value]
                for url in urls:
                    check(f"<{tag} {attribute}>", url)
    for style in soup.find_all("style"):
        for url in css_urls(style.get_text()):
            check("<style>", url)
    for element in soup.find_all(style=True):
        for url in css_urls(element["style"]):
            check(f"<{element.name} style>", url)
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        content = meta.get("content", "")
        if "url=" in content.lower():
            check("<meta refresh>", content.split("=", 1)[1])
    return found


def external_requests_in_css(css: str, file: str, own_origin: str) -> list[ExternalRequest]:
    return [
        ExternalRequest(file, "CSS url()/@import", url)
        for url in css_urls(css)
        if is_other_origin(url, own_origin)
    ]
