"""Translator handoff: a version's text as a gettext PO catalogue, and back into Markdown.

Each heading, clause and paragraph is one message, and a table one message per cell,
identified (msgctxt) by its anchor, so the structure, anchors, list markers and table rules
never pass through a translation tool: only sentences do. When a
translation is stale, the messages whose English changed since its pin are marked fuzzy with the
previous English text, which PO editors (Poedit, Weblate, Lokalize) show as a diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from ..versions.importing import FENCE, TABLE_DELIMITER, raw_cells

HEADING = re.compile(r"^(?P<marks>#{1,6}) (?P<text>.*?)(?P<anchor> \{#[\w-]+\})?$")
# What a line keeps around its text: its indentation and list marker ("1. ", "- ", "    ").
PREFIX = re.compile(r"^(?P<prefix>\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?)(?P<text>.*)$")
ANCHOR_LINE = re.compile(r"^\s+\{#(?P<id>[\w-]+)\}$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
CELL_ANCHOR = re.compile(r"\s*\{#(?P<id>[\w-]+)\}\s*$")
FRONT_FIELDS = ("title", "summary", "short_notice")


@dataclass(frozen=True)
class Segment:
    """One message: a heading, a clause's line, a paragraph or a table cell, without markup."""

    key: str  # the anchor (a cell: 'anchor/cell-2'), or 'paragraph-N' / 'table-N/row-M/cell-K'
    text: str
    line: int  # index of the line in the body
    cell: int | None = None  # for a table cell, its index in the row


class HandoffError(ValueError):
    pass


def segments(body: str) -> list[Segment]:
    """The translatable text of a version's body, in order: each heading, each line of a clause
    or paragraph, each table cell. Anchors, list markers, table rules and code are no messages."""
    lines = body.split("\n")
    found: list[Segment] = []
    paragraphs = tables = rows = 0
    in_fence = in_table = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or ANCHOR_LINE.match(line):
            in_table = in_table and bool(line.strip())
            continue
        heading = HEADING.match(line)
        if heading:
            anchor = heading.group("anchor")
            key = anchor.strip()[2:-1] if anchor else f"heading-{index}"
            found.append(Segment(key, heading.group("text"), index))
            continue
        if TABLE_ROW.match(line):
            if TABLE_DELIMITER.match(line):
                continue
            if not in_table:
                tables, rows, in_table = tables + 1, 0, True
            rows += 1
            cells = raw_cells(line)
            anchor = next((m.group("id") for m in map(CELL_ANCHOR.search, cells) if m), None)
            row_key = anchor or f"table-{tables}/row-{rows}"
            for number, cell in enumerate(cells):
                text = CELL_ANCHOR.sub("", cell).strip()
                if text:
                    found.append(Segment(f"{row_key}/cell-{number + 1}", text, index, number))
            continue
        in_table = False
        anchor_line = ANCHOR_LINE.match(following)
        text = PREFIX.match(line).group("text")
        if anchor_line:
            found.append(Segment(anchor_line.group("id"), text, index))
        else:
            paragraphs += 1
            found.append(Segment(f"paragraph-{paragraphs}", text, index))
    return found


def with_cell(line: str, number: int, text: str) -> str:
    """The row with one cell's text replaced, its spacing and anchor kept."""
    cells = raw_cells(line)
    old = cells[number]
    anchor = CELL_ANCHOR.search(old)
    cells[number] = f" {text}{' ' + anchor.group(0).strip() if anchor else ''} "
    start = line[: len(line) - len(line.lstrip())]
    return f"{start}|{'|'.join(cells)}|"


def export_catalogue(
    language: str,
    english_fields: dict[str, str],
    english_body: str,
    translated_fields: dict[str, str],
    translated_body: str,
    up_to_date: bool,
    previous_english: tuple[dict[str, str], str] | None,
) -> Catalog:
    """What a translator has to do, as PO: every message with the current translation; the
    ones whose English changed since the pin fuzzy, with the previous English as a hint."""
    catalogue = Catalog(locale=language, domain="policy", fuzzy=False)
    translated = {s.key: s.text for s in segments(translated_body)}
    translated.update({f"front-{k}": v for k, v in translated_fields.items() if k in FRONT_FIELDS and v})
    previous: dict[str, str] | None = None
    if previous_english is not None:
        previous = {s.key: s.text for s in segments(previous_english[1])}
        previous.update({f"front-{k}": v for k, v in previous_english[0].items() if k in FRONT_FIELDS and v})
    messages = [(f"front-{k}", english_fields[k]) for k in FRONT_FIELDS if english_fields.get(k)]
    messages += [(s.key, s.text) for s in segments(english_body)]
    for key, english in messages:
        current = translated.get(key, "")
        if up_to_date:
            catalogue.add(english, current, context=key)
        elif previous is not None and previous.get(key) == english:
            catalogue.add(english, current, context=key)  # unchanged since the pin: still right
        else:
            flags = ("fuzzy",) if current else ()
            old = (previous or {}).get(key)
            catalogue.add(english, current, context=key, flags=flags,
                          previous_id=old if old is not None else ())
    return catalogue


def import_catalogue(english_body: str, catalogue: Catalog) -> tuple[str, dict[str, str]]:
    """The translated body, laid out exactly like the English one, and the translated front
    matter fields; refuses a catalogue with untranslated or fuzzy messages."""
    by_key = {message.context: message for message in catalogue if message.id}
    missing = sorted(
        key for key, message in by_key.items() if not message.string or message.fuzzy
    )
    english_segments = segments(english_body)
    absent = [s.key for s in english_segments if s.key not in by_key]
    if missing or absent:
        raise HandoffError(
            "the catalogue is not finished: "
            + ", ".join([*(f"{k} (untranslated or fuzzy)" for k in missing), *(f"{k} (missing)" for k in absent)])
            + ". Translate every message and clear the fuzzy marks, then import again."
        )
    lines = english_body.split("\n")
    for segment in english_segments:
        text = by_key[segment.key].string
        line = lines[segment.line]
        heading = HEADING.match(line)
        if segment.cell is not None:
            lines[segment.line] = with_cell(line, segment.cell, text)
        elif heading:
            lines[segment.line] = f"{heading.group('marks')} {text}{heading.group('anchor') or ''}"
        else:
            lines[segment.line] = PREFIX.match(line).group("prefix") + text
    fields = {key[len("front-"):]: m.string for key, m in by_key.items() if key.startswith("front-")}
    return "\n".join(lines), fields
