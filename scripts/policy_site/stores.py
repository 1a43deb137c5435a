"""Files kept between builds under the hash of what made them (rendered PDFs, check results):
one file per key in a folder, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class KeyedFolder:
    """`folder/<first two hex digits>/<key><suffix>`; CI keeps the folder between runs."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder, self.suffix = folder, suffix

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def write(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # written whole, then renamed: two builds sharing the folder, or a build stopped midway,
        # never leave half a file under a key
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
