"""Editing mkdocs.yml in place, line by line, so that its comments and layout survive (a YAML
round trip would drop them). Each function changes one setting and fails, naming the setting,
where mkdocs.yml does not have the layout the project ships with."""

from __future__ import annotations

import json
import re
from typing import Sequence


class SettingsLayoutError(ValueError):
    pass


def set_top_level(text: str, key: str, value: str | None) -> str:
    """`key: value` at the top level; None removes the line."""
    pattern = re.compile(rf"(?m)^{re.escape(key)}:.*\n")
    if not pattern.search(text):
        if value is None:
            return text
        raise SettingsLayoutError(f"mkdocs.yml has no top-level '{key}:' line; add one, then run this again.")
    line = "" if value is None else f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    return pattern.sub(lambda _: line, text, count=1)


def set_nested(text: str, key: str, value: str) -> str:
    """The first indented `key: ...` line (a plugin setting), keeping its indentation."""
    pattern = re.compile(rf"(?m)^(\s+){re.escape(key)}:.*$")
    if not pattern.search(text):
        raise SettingsLayoutError(f"mkdocs.yml has no '{key}:' setting under plugins; add it, then run this again.")
    return pattern.sub(lambda m: f"{m.group(1)}{key}: {value}", text, count=1)


def replace_list(text: str, header: str, items: Sequence[str]) -> str:
    """The `- item` lines right under the line `header` (matched without its indentation)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == header), None)
    if start is None:
        raise SettingsLayoutError(f"mkdocs.yml has no '{header}' list; add it, then run this again.")
    following = lines[start + 1] if start + 1 < len(lines) else ""
    indent = re.match(r" *", following).group(0) if following.lstrip().startswith("- ") else None
    end = start + 1
    while indent is not None and end < len(lines) and re.match(rf"{indent}- ", lines[end]):
        end += 1  # only the items of this list, at its own indentation
    if indent is None:
        indent = re.match(r" *", lines[start]).group(0) + "  "
    return "\n".join([*lines[: start + 1], *(f"{indent}- {item}" for item in items), *lines[end:]])


def languages_list(codes: Sequence[str], source_language: str) -> list[str]:
    """The i18n plugin's entries (its 'name' is required but shown nowhere)."""
    return [
        f"{{locale: {code}, default: true, name: {code}}}" if code == source_language else f"{{locale: {code}, name: {code}}}"
        for code in codes
    ]


def with_languages(text: str, codes: Sequence[str], source_language: str) -> str:
    return replace_list(text, "languages:", languages_list(codes, source_language))


def with_documents(text: str, documents: Sequence[str]) -> str:
    text = set_nested(text, "documents", "[" + ", ".join(documents) + "]")
    if re.search(r"(?m)^\s+terms_types:", text):  # the sample's types say nothing of the new documents
        text = set_nested(text, "terms_types", "{}")
    return replace_list(text, "nav:", ["index.md", *(f"{name}/index.md" for name in documents)])
