"""Reading and writing the YAML front matter of a Markdown file, with line numbers for every mistake."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Mapping

import yaml

from .problems import Problem

FENCE = "---"


class FieldLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: '2017-13-45' must reach the date check as text,
    not crash the reader, and every date is then parsed by one rule (iso_date). Anchors and
    aliases are refused: front matter never needs them, and a few lines of them expand to
    gigabytes (an alias bomb)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors (&name) and aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def duplicate_field(node: Any) -> tuple[str, int, int] | None:
    """(name, first line, second line) of a field written twice, at any depth (YAML would keep
    the last without a word)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                return name, seen[name], key.start_mark.line + 2
            seen[name] = key.start_mark.line + 2
            found = duplicate_field(value)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = duplicate_field(item)
            if found:
                return found
    return None


FieldLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml's parser (1,010 front matters in 0.07 s against 0.56 s), for front matter that has no '&' or '*' (so no
# anchor or alias can hide in it); anything else, and any mistake, goes through FieldLoader,
# whose messages say what is wrong.
FastFieldLoader: Any = None
if hasattr(yaml, "CSafeLoader"):
    class FastFieldLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = FieldLoader.yaml_implicit_resolvers


def field_loader(raw: str) -> Any:
    if FastFieldLoader is not None and "&" not in raw and "*" not in raw:
        return FastFieldLoader(raw)
    return FieldLoader(raw)


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, Any]
    lines: dict[str, int]  # field name -> line number in the file, for messages
    body: str
    body_line: int  # line number of the first body line


def composed_fields(raw: str, loader: Any) -> tuple[Any, Any]:
    """The node tree (for lines and a field written twice) and the values, parsed once; the
    values are a Problem (without its path) for a field written twice."""
    try:
        node = loader.get_single_node()
        twice = duplicate_field(node)
        if twice:
            name, first, second = twice
            return node, Problem("", second, f"front matter has the field '{name}' twice (lines {first} and {second}); "
                                 "YAML would keep only the last.", f"Keep one '{name}:' line.")
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def split_front_matter(text: str, path: str) -> FrontMatter | Problem:
    """Separate the front matter from the body, or say exactly what is wrong with it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Problem(
            path, 1, "has no front matter.",
            "Start the file with a line '---', the fields (title: ...), and another '---'.",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        return Problem(
            path, 1, "front matter is not closed.",
            "Add a line '---' after the last field of the front matter.",
        )
    raw = "\n".join(lines[1:end])
    try:
        try:
            node, fields = composed_fields(raw, field_loader(raw))
        except yaml.YAMLError:  # said again in the words of the reader every message is tested with
            node, fields = composed_fields(raw, FieldLoader(raw))
    except yaml.YAMLError as error:
        # where the faulty construct starts (an unclosed '['), else where the parser gave up
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return Problem(
            path, line, f"front matter is not valid YAML ({reason}).",
            "Write each field as 'name: value' on its own line; quote values that contain ': '.",
        )
    if isinstance(fields, Problem):
        return Problem(path, fields.line, fields.message, fields.fix)
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        return Problem(
            path, 2, "front matter is not a list of 'name: value' fields.",
            "Write each field as 'name: value' on its own line.",
        )
    field_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            field_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return FrontMatter(
        fields=fields, lines=field_lines, body="\n".join(lines[end + 1 :]), body_line=end + 2
    )


def iso_date(value: Any) -> dt.date | None:
    """A date written as ISO 8601 (YYYY-MM-DD), or None if the value is not one."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


# Fields readers read: written as quoted strings whatever they hold (a colon, a quote, a '#').
TEXT_FIELDS = ("title", "summary", "short_notice")


def written(fields: Mapping[str, Any], body: str) -> str:
    """A Markdown file: its front matter (in the order given; a None left out), then its body.
    Texts are JSON strings, which are YAML strings, quotes and all; dates are ISO dates; other
    values (names, kinds, fingerprints) are written as they are."""
    lines = []
    for key, value in fields.items():
        if value is None:
            continue
        if key in TEXT_FIELDS:
            value = json.dumps(str(value), ensure_ascii=False)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        lines.append(f"{key}: {value}\n")
    return f"{FENCE}\n{''.join(lines)}{FENCE}\n{body}"


def with_title(title: str, body: str) -> str:
    """A generated page's Markdown: its title, then its body."""
    return written({"title": title}, body)
