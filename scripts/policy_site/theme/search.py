"""What the site takes from the theme's search: its plugin's entries and settings, the lunr
languages it ships, and the layout of the index file its worker reads."""

from __future__ import annotations

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
