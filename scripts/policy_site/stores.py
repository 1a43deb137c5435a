"""Files kept between builds under the hash of what made them, written whole or not at all:
one file per key for rendered PDFs (KeyedFolder), a few packs of many entries for check
results (PackedFolder)."""

from __future__ import annotations

import json
import mmap
import os
import secrets
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


PACK_SUFFIX = ".pack"
PACK_MAGIC = b"policy-site pack 1\n"
MERGED_FROM = 32  # packs a process saves alongside before it merges them into one


@dataclass(frozen=True)
class _Entry:
    data: Any  # the mmap of its pack (or bytes)
    start: int
    end: int
    written: float  # when it was written (a merge writes the entries a build used anew)


def pack_bytes(entries: dict[str, tuple[bytes, float]]) -> bytes:
    """A pack: a header, the index {key: [start, length, written]} as JSON, then the entries."""
    index, offset, parts = {}, 0, []
    for key, (data, written) in entries.items():
        index[key] = [offset, len(data), written]
        offset += len(data)
        parts.append(data)
    header = json.dumps(index, separators=(",", ":")).encode("utf-8")
    return PACK_MAGIC + len(header).to_bytes(8, "big") + header + b"".join(parts)


def read_pack(data: Any) -> dict[str, _Entry]:
    """A pack's entries (pointing into `data`); ValueError if it is not a whole pack."""
    if data[: len(PACK_MAGIC)] != PACK_MAGIC:
        raise ValueError("not a pack")
    start = len(PACK_MAGIC) + 8
    length = int.from_bytes(data[len(PACK_MAGIC):start], "big")
    base = start + length
    index = json.loads(bytes(data[start:base]).decode("utf-8"))
    entries = {}
    for key, (offset, size, written) in index.items():
        if base + offset + size > len(data):
            raise ValueError("cut short")
        entries[key] = _Entry(data, base + offset, base + offset + size, written)
    return entries


class PackedFolder:
    """Many small entries (check results: 10,000 of them on a site of 10 documents x 20 versions)
    in a few files of `folder`, `<time>-<process>-<random>.pack`, each written whole then renamed.
    One file per entry made a build from nothing create 10,000 files, and every build open them
    one by one. What a process writes is kept in memory and saved as one new pack (`save`); a
    process forked from it saves only what it wrote itself. Readers map the packs that exist when
    they first read; a complete build's `prune` merges them into one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()  # keys read or written by this process
        self.pending: dict[str, bytes] = {}  # written, not saved yet
        self._entries: dict[str, _Entry] | None = None  # of the packs read, once first needed
        self._packs: list[Path] = []  # the packs those entries are in
        reference = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (store := reference()) is not None and store.pending.clear())

    def read(self, key: str) -> bytes | None:
        self.used.add(key)
        if key in self.pending:
            return self.pending[key]
        entry = self._known().get(key)
        return None if entry is None else self._data(entry)

    def write(self, key: str, data: bytes) -> None:
        self.used.add(key)
        self.pending[key] = data

    def save(self) -> None:
        """What this process wrote, as one new pack (or, past MERGED_FROM packs, merged with
        every pack it knows into one)."""
        if not self.pending:
            return
        now = time.time()
        known = self._known()
        if len(self._packs) + 1 >= MERGED_FROM:
            self._merge({**{key: (self._data(entry), entry.written) for key, entry in known.items()},
                         **{key: (data, now) for key, data in self.pending.items()}}, list(self._packs))
        else:
            path = self._write({key: (data, now) for key, data in self.pending.items()})
            self._add(path)
        self.pending = {}

    def prune(self, used: set[str], unused_days: float = UNUSED_DAYS, now: float | None = None) -> int:
        """After a complete build: the entries not in `used` written more than `unused_days` ago
        go, the packs then merged into one (the used entries written anew); returns how many
        went. With nothing to drop, packs are merged only past MERGED_FROM (rewriting 27 MB at
        the end of each build was a quarter of a second). Files a stopped write left, and entries
        of the one-file-per-entry layout of earlier versions (`??/<key>.json`), go once as old."""
        self.save()
        now = time.time() if now is None else now
        limit = now - unused_days * 86400
        packs = sorted(self.folder.glob(f"*{PACK_SUFFIX}")) if self.folder.is_dir() else []
        entries: dict[str, _Entry] = {}
        for path in packs:  # children's and other builds' packs too, saved since the first read
            for key, entry in self._mapped(path).items():
                if key not in entries or entries[key].written < entry.written:
                    entries[key] = entry
        dropped = [key for key, entry in entries.items() if key not in used and entry.written < limit]
        removed = len(dropped)
        if removed or len(packs) >= MERGED_FROM:
            for key in dropped:
                del entries[key]
            self._merge({key: (self._data(entry), now if key in used else entry.written)
                         for key, entry in entries.items()}, packs)
        if self.folder.is_dir():
            for path in [*self.folder.glob("*.part"), *self.folder.glob("??/*.json"), *self.folder.glob("??/*.part")]:
                if path.stat().st_mtime < limit:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def _known(self) -> dict[str, _Entry]:
        if self._entries is None:
            self._entries = {}
            for path in sorted(self.folder.glob(f"*{PACK_SUFFIX}")) if self.folder.is_dir() else []:
                self._add(path)
        return self._entries

    def _add(self, path: Path) -> None:
        self._known().update(self._mapped(path))
        self._packs.append(path)

    @staticmethod
    def _mapped(path: Path) -> dict[str, _Entry]:
        """A pack's entries, read from a map of the file; none if it is gone or damaged."""
        try:
            with path.open("rb") as file:
                data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            return read_pack(data)
        except (OSError, ValueError, TypeError, UnicodeDecodeError):
            return {}  # gone (another build merged it), empty or cut short: what it held is made again

    @staticmethod
    def _data(entry: _Entry) -> bytes:
        return bytes(entry.data[entry.start:entry.end])

    def _write(self, entries: dict[str, tuple[bytes, float]]) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}{PACK_SUFFIX}"
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(pack_bytes(entries))
        target = self.folder / name
        os.replace(temporary, target)
        return target

    def _merge(self, entries: dict[str, tuple[bytes, float]], packs: list[Path]) -> None:
        """`entries` as one pack, in place of `packs` (which a reader that mapped them keeps
        reading: a file is deleted only once no one has it open)."""
        merged = self._write(entries)
        for path in packs:
            path.unlink(missing_ok=True)
        self._entries, self._packs = {}, []
        self._add(merged)
