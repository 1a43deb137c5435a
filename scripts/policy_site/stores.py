"""Files kept between builds under the hash of what made them (rendered PDFs, check results):
one file per key in a folder, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

# Entries a complete build did not use are kept this long (another branch, or another site
# sharing the folder, may still need them), then deleted: the folder stays the size of what
# recent builds use instead of growing with every edit.
UNUSED_DAYS = 7


class KeyedFolder:
    """`folder/<first two hex digits>/<key><suffix>`; CI keeps the folder between runs."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder, self.suffix = folder, suffix
        self.used: set[str] = set()  # keys read or written by this process

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        self.used.add(key)
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def write(self, key: str, data: bytes) -> None:
        self.used.add(key)
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # written whole, then renamed: two builds sharing the folder, or a build stopped midway,
        # never leave half a file under a key
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)

    def prune(self, used: set[str], unused_days: float = UNUSED_DAYS, now: float | None = None) -> int:
        """Delete the entries not in `used` (what a complete build read or wrote) that are older
        than `unused_days`, and any file a stopped write left; returns how many went."""
        limit = (time.time() if now is None else now) - unused_days * 86400
        removed = 0
        for path in self.folder.glob(f"??/*{self.suffix}") if self.folder.is_dir() else ():
            if path.name[: -len(self.suffix)] not in used and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.folder.glob("??/*.part") if self.folder.is_dir() else ():
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
