"""Check results kept between builds, so that a rebuild checks again only what changed.

The allow-list of each text and the translation check of each pair of texts are pure functions
of their inputs (frozen dataclasses, whose repr holds every field) and of this package's code.
A result is stored under the SHA-256 of both: an edited text, a changed setting or a new version
of the rules gives another key, so a stored result is never wrong, only unused. The build keeps
them in .cache/checks/ (`check_store`), as the PDFs in .cache/pdf/.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import weakref
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Protocol, Sequence, TypeVar

from ..stores import PackedFolder

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent.parent  # scripts/policy_site


class ResultStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, value: str) -> None: ...
    def save(self) -> None: ...  # what was put, kept for other processes and the next build


class NoResults:
    """Check everything every time (policy-site check, the tests of the rules)."""

    def get(self, key: str) -> str | None:
        return None

    def put(self, key: str, value: str) -> None:
        pass

    def save(self) -> None:
        pass


class FolderResults(PackedFolder):
    """Results as JSON texts, in the packs of a folder (stores.PackedFolder)."""

    def get(self, key: str) -> str | None:
        kept = self.read(key)
        try:
            return None if kept is None else kept.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, value: str) -> None:
        self.write(key, value.encode("utf-8"))


class RememberedFolderResults(FolderResults):
    """A folder of results that also keeps in memory what it read or wrote: `mkdocs serve`
    rebuilds after every save in one process, and decoding 6,000 results again each time was
    a tenth of a rebuild. (A full build reads each result once: it uses the plain folder.)"""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.memory: dict[str, str] = {}
        self.findings: dict[str, tuple] = {}  # key -> its findings as read (frozen dataclasses)

    def get(self, key: str) -> str | None:
        if key in self.memory:
            self.used.add(key)
            return self.memory[key]
        kept = super().get(key)
        if kept is not None:
            self.memory[key] = kept
        return kept

    def put(self, key: str, value: str) -> None:
        super().put(key, value)
        self.memory[key] = value


# Libraries whose upgrade can change a finding (Markdown's HTML, the language model, number names).
RULE_LIBRARIES = ("markdown", "beautifulsoup4", "py3langid", "num2words", "babel", "pyyaml")


@lru_cache(maxsize=1)
def code_version() -> str:
    """The SHA-256 of every module of the package and the versions of the libraries the rules
    use: new rules, or an upgraded library, never reuse old results."""
    digest = hashlib.sha256()
    for module in sorted(PACKAGE.rglob("*.py")):
        digest.update(module.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + module.read_bytes())
    for name in RULE_LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent\n".encode("utf-8"))
    return digest.hexdigest()


def result_key(check: str, inputs: object) -> str:
    if type(inputs) is str:  # a text's body: the same string's key is made once
        return _key_of_text(check, inputs)
    return _key(check, inputs_text(inputs))


@lru_cache(maxsize=16384)
def _key_of_text(check: str, text: str) -> str:
    return _key(check, repr(text))


def _key(check: str, inputs_as_text: str) -> str:
    return hashlib.sha256(f"{code_version()}\n{check}\n{inputs_as_text}".encode("utf-8")).hexdigest()


_texts_of_objects: dict[int, tuple[weakref.ref, str]] = {}


def inputs_text(value: object) -> str:
    """repr(value), with the repr of each frozen dataclass in it (a text, with its body) made
    once per object: `serve` asks again after each save for the results of thousands of
    unchanged texts (sources.read_page gives an unchanged file the same object)."""
    kind = type(value)
    if kind is tuple:
        parts = [inputs_text(item) for item in value]  # type: ignore[union-attr]
        return f"({parts[0]},)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
    if kind is list:
        return "[" + ", ".join(inputs_text(item) for item in value) + "]"  # type: ignore[union-attr]
    if kind is dict:
        return "{" + ", ".join(f"{inputs_text(k)}: {inputs_text(v)}" for k, v in value.items()) + "}"  # type: ignore[union-attr]
    if dataclasses.is_dataclass(value) and kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        known = _texts_of_objects.get(id(value))
        if known is not None and known[0]() is value:
            return known[1]
        text = repr(value)
        key = id(value)
        _texts_of_objects[key] = (weakref.ref(value, lambda _, key=key: _texts_of_objects.pop(key, None)), text)
        return text
    return repr(value)


def cached_findings(store: ResultStore, check: str, inputs: object, kind: type[T],
                    compute: Callable[[], Sequence[T]]) -> list[T]:
    """The findings (dataclasses of `kind`) of `compute()`, from the store when it has them."""
    key = result_key(check, inputs)
    decoded = store.findings if isinstance(store, RememberedFolderResults) else {}  # `serve`: decoded once
    if key in decoded:
        store.used.add(key)  # type: ignore[attr-defined]
        return list(decoded[key])
    kept = store.get(key)
    found = None
    if kept is not None:
        try:
            found = [kind(**fields) for fields in json.loads(kept)]
        except (ValueError, TypeError):
            pass  # a damaged file: checked again, and replaced
    if found is None:
        found = list(compute())
        store.put(key, json.dumps([dataclasses.asdict(finding) for finding in found], ensure_ascii=False))
    decoded[key] = tuple(found)
    return found


def cached_text(store: ResultStore, check: str, inputs: object, compute: Callable[[], str]) -> str:
    """A text made by `compute()` (a version's outline, a comparison), from the store when it
    has it: the same inputs and code always make the same text."""
    key = result_key(check, inputs)
    kept = store.get(key)
    if kept is None:
        kept = compute()
        store.put(key, kept)
    return kept
