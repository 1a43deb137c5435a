"""What the site takes from the theme's search: its plugin's entries and settings, the lunr
languages it ships, and the layout of the index file its worker reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

SEARCH_PLUGIN = "material/search"
LUNR_RULES = Path("assets") / "javascripts" / "lunr" / "min"  # lunr.<code>.min.js, one a language


def lunr_support(theme_dirs: Iterable[str]) -> set[str]:
    """The languages the theme ships lunr rules for."""
    return {path.name.split(".")[1] for folder in theme_dirs for path in (Path(folder) / LUNR_RULES).glob("lunr.*.min.js")}


def search_plugin(plugins: Any) -> Any | None:
    """The theme's search plugin, if the site has it turned on."""
    search = plugins.get(SEARCH_PLUGIN)
    return search if search is not None and search.config.enabled else None


def excluded_from_search(meta: dict[str, Any]) -> None:
    """A page's front matter telling the theme's search not to index it (its plugin reads
    meta.search.exclude)."""
    meta["search"] = {**(meta.get("search") or {}), "exclude": True}


def entries_under(search: Any, prefix: str) -> list[dict[str, Any]]:
    """The entries the plugin has indexed so far for addresses under `prefix` ('fr/')."""
    return [entry for entry in search.search_index.entries if entry["location"].startswith(prefix)]


# The key of the index's config under which the indexes of texts in other languages travel: the
# theme's page hands the worker only the index's config and docs (see stemmed-search.js).
OTHER_LANGUAGES = "texts_in_other_languages"


@dataclass(frozen=True)
class IndexPart:
    """Search entries of one language, with the lunr languages and pipeline that stem them."""

    docs: list[dict[str, Any]]
    lunr_languages: list[str]
    pipeline: list[str]


def index_json(search: Any, main: IndexPart, others: Sequence[IndexPart] = ()) -> str:
    """A search index as the theme's worker reads it, with the plugin's separator and fields;
    the entries of texts in other languages ride in its config, each with its own stemming."""
    def config(part: IndexPart) -> dict[str, Any]:
        return {"lang": part.lunr_languages, "separator": search.config.separator, "pipeline": part.pipeline,
                "fields": search.config.fields}

    index = {"config": config(main), "docs": main.docs}
    if others:
        index["config"][OTHER_LANGUAGES] = [{"config": config(part), "docs": part.docs} for part in others]
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False, default=str)


class KeptEntries:
    """`serve`: the entries the theme's search made of each page in the last rebuild, given again
    to a page whose address, HTML, headings and facts are the same (the theme's plugin parses
    every page's HTML at each rebuild: a tenth of one). Its index's `add_entry_from_context(page)`
    is the one method wrapped; without it, nothing is."""

    def __init__(self) -> None:
        self.last: dict[str, list[dict[str, Any]]] = {}
        self.current: dict[str, list[dict[str, Any]]] = {}

    def start_build(self) -> None:
        self.last = {**self.last, **self.current}
        self.current = {}

    def wrap(self, search: Any) -> None:
        index = getattr(search, "search_index", None)
        make = getattr(index, "add_entry_from_context", None)
        if make is None or not isinstance(getattr(index, "entries", None), list):
            return
        settings = repr(getattr(index, "config", None))

        def add_entry_from_context(page: Any) -> None:
            key = entries_key(page, settings)
            kept = self.last.get(key)
            if kept is None:
                start = len(index.entries)
                make(page)
                kept = [dict(entry) for entry in index.entries[start:]]
            else:
                index.entries.extend(dict(entry) for entry in kept)
            self.current[key] = kept

        index.add_entry_from_context = add_entry_from_context


def entries_key(page: Any, settings: str) -> str:
    """Everything the theme's plugin reads of a page to index it."""
    def toc(items: Any) -> str:
        return ",".join(f"{a.title!r}:{a.id}:{a.url}:{a.level}:[{toc(a.children)}]" for a in items)
    return hashlib.sha256("\0".join([settings, page.url, repr(page.title), repr(page.meta), toc(page.toc),
                                     page.content or ""]).encode("utf-8")).hexdigest()
