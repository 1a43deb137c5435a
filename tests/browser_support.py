"""A real headless Chromium (Debian's package) looking at the site served on localhost, the way
a static host serves it: gzip, the generated security headers, and the 404 pages of the
generated `_redirects` (Netlify's rules: the French 404 page for an unknown address under /fr/)."""

from __future__ import annotations

import gzip
import http.server
import shutil
import socket
import threading
from functools import partial
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".md", ".txt")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_headers(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.strip().split(": ", 1) for line in lines)


def read_not_found_rules(site: Path) -> list[tuple[str, str]]:
    """(address prefix, page) for each `/<prefix>/*  <page>  404` line of `_redirects`."""
    rules = []
    for line in (site / "_redirects").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "404" and parts[0].endswith("*"):
            rules.append((parts[0][:-1], parts[1]))
    return rules


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like a static host: gzip when asked, headers, the 404 pages."""

    headers_to_send: dict[str, str] = {}
    not_found_rules: list[tuple[str, str]] = []

    def not_found_page(self) -> Path:
        address = self.path.split("?")[0]
        for prefix, page in self.not_found_rules:
            if address.startswith(prefix):
                return Path(self.directory) / page.lstrip("/")
        return Path(self.directory) / "404.html"

    def log_message(self, *args) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, self.not_found_page()
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = type("Host", (StaticHost,), {"headers_to_send": read_headers(site),
                                           "not_found_rules": read_not_found_rules(site)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(site)))
    server.host_handler = handler  # type: ignore[attr-defined]  # tests switch its headers off
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium_path() -> str:
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    assert found, "Debian's chromium package is needed for the browser tests (apt-get install chromium)"
    return found


# The theme's search box reads "Initializing search" until its worker has loaded the index and
# the lunr rules; those requests can come after the network first falls idle.
REMEMBER_SEARCH_STATUS = """document.addEventListener("DOMContentLoaded", () => {
    const status = document.querySelector(".md-search-result__meta");
    window.initialSearchStatus = status && status.textContent; })"""
SEARCH_READY = """() => { const status = document.querySelector(".md-search-result__meta");
    return !status || status.textContent !== window.initialSearchStatus; }"""


def first_visit(page, url: str) -> list[tuple[str, int]]:
    """Open a page in a fresh context and wait until its search is ready; return each request
    with the bytes it transferred (headers and body, gzipped as served)."""
    transferred: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: transferred.append(
        (request.url, request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"])))
    page.add_init_script(REMEMBER_SEARCH_STATUS)
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(SEARCH_READY)
    page.wait_for_load_state("networkidle")
    return transferred
