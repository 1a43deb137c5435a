"""Importing a version from plain Markdown (a CMS export, another organisation's repository):
clean text, and the same anchors in every language.

Anchors come from the English file: a heading's from its words (`## 7. Data retention` gets
`{#data-retention}`), a clause's (a list item, tight or loose) from its section and position
(`{#data-retention-1}`, a sub-clause `{#data-retention-1-2}`), a table row's from its section and
first cell (`{#data-retention-account}`, written at the end of that cell). A translation gets the anchor of
the English item in the same position, so its structure must be the same: where it is not,
the first difference is named, with its line in both files. Anchors already written are kept.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..front_matter import split_front_matter, written
from ..problems import Problem
from ..sources import utf8_text

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*#*\s*$")
LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
ANCHOR_LINE = re.compile(r"^\s*\{#([\w-]+)\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
CELL_ANCHOR = re.compile(r"\{#([\w-]+)\}")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
# An address not already a link's (after '(', '<', '[', a quote or a word) and without the
# punctuation that ends its sentence.
BARE_URL = re.compile(r"(?<![(<\[\w\"'=/])https?://[^\s<>()\[\]]*[^\s<>()\[\].,:;!?'\"*_~]")
NUMBERING = re.compile(r"^(?:§\s*)?\d+(?:\.\d+)*\.?\s+")


@dataclass
class Item:
    """A heading or a clause of a Markdown body, where its anchor goes."""

    kind: str  # 'h1'...'h6', 'clause' or 'row' (of a table)
    line: int  # 0-based line of the heading, of the item's marker or of the row
    text: str
    depth: int = 0  # for a clause: 0 for a top-level item, 1 for a sub-clause ...
    indent: int = 0  # the column of the item's content
    last_line: int = 0  # the item's last line of its own text (before a sub-list)
    anchor: str | None = None  # written in the file already
    own_open: bool = True  # still reading the item's own text (no sub-list yet)
    after_text: bool = False  # a list that follows a line of text directly (CommonMark allows it)

    @property
    def content_column(self) -> int:
        """Where Python-Markdown (four spaces a level) wants the item's paragraphs and sub-lists;
        a CommonMark file indents them to the text after the marker, often three spaces."""
        return 4 * (self.depth + 1)


def clean_text(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with LF line endings: a byte-order mark and CR LF (or CR) are normalised."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text, problems = utf8_text(data, shown, "Save the file with the UTF-8 encoding and import it again.")
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n", []


def plain_front_matter(text: str, shown: str) -> tuple[dict[str, Any], str, list[Problem]]:
    """(fields, body): front matter is optional in an imported file; TOML between `+++` lines
    (Hugo's) is read as well as YAML."""
    if text.startswith("+++\n"):
        end = text.find("\n+++\n", 3)
        if end == -1:
            return {}, text, [Problem(shown, 1, "opens TOML front matter with '+++' and never closes it.",
                                      "End the front matter with a line '+++'.")]
        try:
            fields = tomllib.loads(text[4:end + 1])
        except tomllib.TOMLDecodeError as error:
            return {}, text, [Problem(shown, 1, f"has front matter that is not valid TOML: {error}.",
                                      "Correct the front matter between the '+++' lines.")]
        return fields, text[end + 5:].strip("\n") + "\n", []
    if not text.startswith("---\n"):
        return {}, text, []
    front = split_front_matter(text, shown)
    if isinstance(front, Problem):
        return {}, text, [front]
    return front.fields, front.body.strip("\n") + "\n", []


def first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        match = HEADING.match(line)
        if match and len(match.group(1)) == 1:
            return match.group(2).strip()
    return None


def without_first_heading_anchor(title: str) -> str:
    return re.sub(r"\s*\{#[\w-]+\}\s*$", "", title)


def raw_cells(row: str) -> list[str]:
    """A pipe-table row's cells as written, spaces included: `| a | b |` and `a | b` alike (a
    `\\|` stays in its cell)."""
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return re.split(r"(?<!\\)\|", inner)


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in raw_cells(row)]


def is_table_start(lines: list[str], number: int) -> bool:
    """A header row followed by its delimiter row (`|---|---|`)."""
    return ("|" in lines[number] and number + 1 < len(lines)
            and "-" in lines[number + 1] and bool(TABLE_DELIMITER.match(lines[number + 1])))


def items_of(body: str) -> list[Item]:
    return scan(body)[0]


def scan(body: str) -> tuple[list[Item], dict[int, int]]:
    """Headings and clauses, in order, outside code blocks; and the indentation each line of a
    clause should have for Python-Markdown ({line: columns})."""
    lines = body.split("\n")
    found: list[Item] = []
    indents: dict[int, int] = {}
    open_items: list[Item] = []
    in_fence = False
    previous_blank = True
    previous_text = False  # the line before is a paragraph's
    table_rows = False  # reading the body rows of a table (which ends at a blank line)
    delimiter = -1  # the line of the table's delimiter row, which is no row
    for number, line in enumerate(lines):
        if number == delimiter:
            continue
        if table_rows and line.strip():
            anchor = CELL_ANCHOR.search(line)
            first = next((cell for cell in cells(line) if cell), "")
            found.append(Item("row", number, CELL_ANCHOR.sub("", first).strip(), anchor=anchor and anchor.group(1)))
            continue
        table_rows = False
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or FENCE.match(line):
            previous_blank = previous_text = False
            continue
        if not line.strip():
            previous_blank, previous_text = True, False
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < 4 and previous_blank and not open_items and is_table_start(lines, number):
            table_rows, delimiter = True, number + 1
            continue
        heading = HEADING.match(line) if indent < 4 else None
        marker = LIST_ITEM.match(line)
        if heading:
            open_items = []
            found.append(Item(f"h{len(heading.group(1))}", number, heading.group(2), anchor=heading.group(3)))
        elif marker and (not open_items or indent < open_items[-1].indent + 4):
            while open_items and indent < open_items[-1].indent:
                open_items.pop()
            if open_items:
                parent = open_items[-1]
                parent.own_open = False
                indents[number] = indent - parent.indent + parent.content_column
            spaces = len(marker.group(3)) if marker.group(3) and len(marker.group(3)) <= 4 else 1
            item = Item("clause", number, line[marker.end():].strip(), depth=len(open_items),
                        indent=indent + len(marker.group(2)) + spaces, last_line=number,
                        after_text=previous_text and not open_items)
            found.append(item)
            open_items.append(item)
        elif open_items:
            if previous_blank:
                while open_items and indent < open_items[-1].indent:
                    open_items.pop()
            if open_items:
                owner = open_items[-1]
                if indent >= owner.indent:
                    indents[number] = indent - owner.indent + owner.content_column
                anchor = ANCHOR_LINE.match(line)
                if anchor:
                    owner.anchor = anchor.group(1)
                elif owner.own_open:
                    owner.last_line = number
        previous_blank = False
        previous_text = not heading and not marker and not open_items
    return found, indents


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", NUMBERING.sub("", re.sub(r"[*_`\[\]]|\(http[^)]*\)", "", text)))
    words = re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode().lower())
    return "-".join(words[:6]) or "section"


def english_anchors(items: Sequence[Item]) -> list[str]:
    """An anchor for every heading and clause of the English file, unique within it."""
    anchors: list[str] = []
    used: set[str] = {item.anchor for item in items if item.anchor}
    section = ""
    counters: list[int] = []
    parents: list[str] = []

    def unique(candidate: str) -> str:
        found, number = candidate, 2
        while found in used:
            found, number = f"{candidate}-{number}", number + 1
        used.add(found)
        return found

    for item in items:
        if item.kind.startswith("h"):
            anchor = item.anchor or unique(slug(item.text))
            if item.kind != "h1":
                section, counters, parents = anchor, [], []
        elif item.kind == "row":
            words = slug(item.text) if re.search(r"[A-Za-z0-9]", item.text) else "row"
            anchor = item.anchor or unique(f"{section or 'table'}-{'-'.join(words.split('-')[:3])}")
        else:
            del counters[item.depth + 1:]
            del parents[item.depth:]
            while len(counters) <= item.depth:
                counters.append(0)
            counters[item.depth] += 1
            base = parents[-1] if parents else (section or "clause")
            anchor = item.anchor or unique(f"{base}-{counters[item.depth]}")
            parents.append(anchor)
        anchors.append(anchor)
    return anchors


def shape(item: Item) -> str:
    if item.kind == "row":
        return "table row"
    return item.kind if item.kind.startswith("h") else f"clause at depth {item.depth + 1}"


def describe(item: Item) -> str:
    words = item.text[:50] + ("…" if len(item.text) > 50 else "")
    kind = {"clause": "clause", "row": "table row"}.get(item.kind, "heading")
    return f"a {kind} '{words}'"


def described(item: Item) -> str:
    """The item and, where its kind does not say it all, its shape: 'a heading 'Kontakt' (h2)'."""
    return describe(item) + ("" if item.kind == "row" else f" ({shape(item)})")


def body_offset(text: str, body: str) -> int:
    """How many lines of the file come before its body (front matter), for line numbers."""
    return text.count("\n") - body.count("\n")


def structure_difference(
    english: Sequence[Item], translation: Sequence[Item], english_file: str, shown: str,
    english_offset: int = 0, offset: int = 0,
) -> Problem | None:
    """The first place where a translation's headings and clauses differ from English's (lines
    counted in the files: the offsets are the lines of front matter before each body)."""
    for index, (ours, theirs) in enumerate(zip(english, translation)):
        if shape(ours) != shape(theirs):
            return Problem(
                shown, theirs.line + offset + 1,
                f"has {described(theirs)} where {english_file}:{ours.line + english_offset + 1} has "
                f"{described(ours)}.",
                "Give the translation the same headings and clauses, in the same order, as English.",
            )
    if len(english) != len(translation):
        longer, where, lines = ((english, english_file, english_offset) if len(english) > len(translation)
                                else (translation, shown, offset))
        extra = longer[min(len(english), len(translation))]
        return Problem(
            shown, None if where == english_file else extra.line + lines + 1,
            f"has {len(translation)} headings and clauses, English {len(english)}; the first without "
            f"a counterpart is {describe(extra)} at {where}:{extra.line + lines + 1}.",
            "Give the translation the same headings and clauses, in the same order, as English.",
        )
    return None


def with_anchors(body: str, items: Sequence[Item], anchors: Sequence[str], indents: dict[int, int]) -> str:
    """The body with `{#anchor}` written on every heading and clause that has none, and each
    clause's lines indented as Python-Markdown reads them."""
    lines = [
        " " * indents[number] + line.lstrip(" ") if number in indents else line
        for number, line in enumerate(body.split("\n"))
    ]
    after: dict[int, list[str]] = {}
    for item, anchor in zip(items, anchors):
        if item.anchor:
            continue
        if item.kind.startswith("h"):
            lines[item.line] = f"{lines[item.line].rstrip().rstrip('#').rstrip()} {{#{anchor}}}"
        elif item.kind == "row":
            lines[item.line] = with_cell_anchor(lines[item.line], anchor)
        else:
            after.setdefault(item.last_line, []).append(" " * item.content_column + f"{{#{anchor}}}")
    before = {item.line for item in items if item.after_text}
    result, in_fence = [], False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = autolinked(line)
        if number in before:
            result.append("")  # Python-Markdown reads a list only after a blank line
        result.append(line)
        result.extend(after.get(number, []))
    return "\n".join(result)


def autolinked(line: str) -> str:
    """Bare web addresses written as links: GitHub and CommonMark's linkify make them links,
    Python-Markdown leaves them text, so a translation's link would silently be lost."""
    if REFERENCE_DEFINITION.match(line):
        return line
    parts = re.split(r"(`[^`]*`)", line)  # not inside code
    return "".join(part if part.startswith("`") else BARE_URL.sub(r"<\g<0>>", part) for part in parts)


def with_cell_anchor(row: str, anchor: str) -> str:
    """The row with `{#anchor}` at the end of its first cell that has text (the clause's id: the
    clause-anchors extension moves it from the cell to the row)."""
    parts = re.split(r"((?<!\\)\|)", row)
    for index, part in enumerate(parts):
        if part != "|" and part.strip():
            ending = part[len(part.rstrip()):]
            parts[index] = f"{part.rstrip()} {{#{anchor}}}{ending or ' '}"
            break
    return "".join(parts)


def version_file(fields: dict[str, Any]) -> str:
    """Front matter in the project's order, texts quoted as `policy-site import` quotes them."""
    order = ("document", "title", "effective_date", "announced", "change", "summary", "translated_from")
    return written({key: fields.get(key) for key in order}, "\n")


@dataclass(frozen=True)
class ImportedText:
    """One language's file of an imported version, read and scanned."""

    shown: str  # the file as the user named it
    title: str
    summary: str
    body: str
    items: list[Item]
    indents: dict[int, int]
    offset: int  # lines of front matter before the body


def imported_text(data: bytes, shown: str, english: bool, summary: str | None = None
                  ) -> tuple[ImportedText | None, list[Problem]]:
    """A file to import, with its title (front matter, else its first heading) and summary
    (front matter, else the one given for English), and what is wrong with it (None: unreadable)."""
    text, problems = clean_text(data, shown)
    if text is None:
        return None, problems
    fields, body, found = plain_front_matter(text, shown)
    problems += found
    title = fields.get("title") or first_heading(body)
    summary = fields.get("summary") or summary
    if not title:
        problems.append(Problem(shown, 1, "has no title: no front matter 'title:' and no '# ' heading.",
                                "Add a first line '# <the document's title>'."))
    if not summary:
        problems.append(Problem(
            shown, 1, "says nothing of what this version changes (no front matter 'summary:').",
            "Add front matter with 'summary: ...' in this file's language"
            + (", or pass --summary." if english else ", or leave this language out: "
               "readers then get the English text until it is translated.")))
    items, indents = scan(body)  # scanned even so, for every mistake of the files in one run
    return ImportedText(shown, without_first_heading_anchor(str(title or "")), str(summary or ""), body, items,
                        indents, body_offset(text, body)), problems


def structure_differences(texts: Mapping[str, ImportedText], english_code: str) -> list[Problem]:
    """Each translation's first difference of structure from the English file, if any."""
    english = texts[english_code]
    found = [structure_difference(english.items, text.items, english.shown, text.shown, english.offset, text.offset)
             for code, text in texts.items() if code != english_code]
    return [problem for problem in found if problem is not None]


def version_text(facts: Mapping[str, Any], text: ImportedText, anchors: Sequence[str]) -> str:
    """The file of one language of the version: front matter, then the body with its anchors."""
    fields = {**facts, "title": text.title, "summary": text.summary}
    return version_file(fields) + with_anchors(text.body, text.items, anchors, text.indents).strip("\n") + "\n"
