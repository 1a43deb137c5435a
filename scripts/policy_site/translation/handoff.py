"""Translator handoff: a version's text as a gettext PO catalogue, and back into Markdown.

Each heading, clause and paragraph is one message, identified (msgctxt) by its anchor, so the
structure, anchors and links never pass through a translation tool: only sentences do. When a
translation is stale, the messages whose English changed since its pin are marked fuzzy with the
previous English text, which PO editors (Poedit, Weblate, Lokalize) show as a diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog

HEADING = re.compile(r"^(?P<marks>#{1,6}) (?P<text>.*?)(?P<anchor> \{#[\w-]+\})?$")
CLAUSE = re.compile(r"^(?P<number>\d+)\. (?P<text>.*)$")
ANCHOR_LINE = re.compile(r"^\s+\{#(?P<id>[\w-]+)\}$")
FRONT_FIELDS = ("title", "summary", "short_notice")


@dataclass(frozen=True)
class Segment:
    key: str  # the anchor, or 'paragraph-N' for a paragraph without one
    text: str
    line: int  # index of the line in the body


class HandoffError(ValueError):
    pass


def segments(body: str) -> list[Segment]:
    """The translatable lines of a version's body, in order."""
    lines = body.split("\n")
    found, paragraphs = [], 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = HEADING.match(line)
        clause = CLAUSE.match(line)
        if heading:
            anchor = heading.group("anchor")
            key = anchor.strip()[2:-1] if anchor else f"heading-{index}"
            found.append(Segment(key, heading.group("text"), index))
        elif clause and ANCHOR_LINE.match(following):
            found.append(Segment(ANCHOR_LINE.match(following).group("id"), clause.group("text"), index))
        elif line.strip() and not ANCHOR_LINE.match(line):
            paragraphs += 1
            found.append(Segment(f"paragraph-{paragraphs}", line, index))
    return found


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
        heading, clause = HEADING.match(line), CLAUSE.match(line)
        if heading:
            lines[segment.line] = f"{heading.group('marks')} {text}{heading.group('anchor') or ''}"
        elif clause and not segment.key.startswith("paragraph-"):
            lines[segment.line] = f"{clause.group('number')}. {text}"
        else:
            lines[segment.line] = text
    fields = {key[len("front-"):]: m.string for key, m in by_key.items() if key.startswith("front-")}
    return "\n".join(lines), fields
