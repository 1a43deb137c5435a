"""Where rendered PDFs are kept between builds. A published version never changes, and its
PDF is a function of its print page's HTML, so a PDF is stored under the hash of that HTML (and
of the renderer) and rendered again only when one of them changes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from ..stores import KeyedFolder


class PdfStore(Protocol):
    def get(self, key: str) -> bytes | None: ...
    def put(self, key: str, pdf: bytes) -> None: ...


def store_key(html: str, renderer: str) -> str:
    return hashlib.sha256(f"{renderer}\n{html}".encode("utf-8")).hexdigest()


class FolderStore(KeyedFolder):
    """One file per PDF in a folder (CI keeps the folder between runs)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, ".pdf")

    def get(self, key: str) -> bytes | None:
        pdf = self.read(key)
        # a file cut short (a build stopped while writing) is rendered again, never published
        return pdf if pdf is not None and pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") else None

    def put(self, key: str, pdf: bytes) -> None:
        self.write(key, pdf)


class NoStore:
    """Render every time (a test that must see the renderer itself at work)."""

    def get(self, key: str) -> bytes | None:
        return None

    def put(self, key: str, pdf: bytes) -> None:
        pass
