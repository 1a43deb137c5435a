"""Where rendered PDFs are kept between builds. A published version never changes, and its
PDF is a function of its print page's HTML, so a PDF is stored under the hash of that HTML (and
of the renderer) and rendered again only when one of them changes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol


class PdfStore(Protocol):
    def get(self, key: str) -> bytes | None: ...
    def put(self, key: str, pdf: bytes) -> None: ...


def store_key(html: str, renderer: str) -> str:
    return hashlib.sha256(f"{renderer}\n{html}".encode("utf-8")).hexdigest()


class FolderStore:
    """One file per PDF in a folder (CI keeps the folder between runs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        try:
            pdf = self.path(key).read_bytes()
        except OSError:
            return None
        # a file cut short (a build stopped while writing) is rendered again, never published
        return pdf if pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") else None

    def put(self, key: str, pdf: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # written whole, then renamed: two builds sharing the folder never see half a file
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        os.replace(temporary, target)


class NoStore:
    """Render every time (a test that must see the renderer itself at work)."""

    def get(self, key: str) -> bytes | None:
        return None

    def put(self, key: str, pdf: bytes) -> None:
        pass
