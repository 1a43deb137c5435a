"""What changed between two versions, marked inside the changed clause at word level.

The comparison works on rendered HTML blocks (headings, paragraphs, clauses), read with Beautiful
Soup, not on Markdown lines: a clause is matched with its counterpart by its anchor id, so the
section structure and numbering of the newer version are kept, and only the words that changed
are wrapped in <del> and <ins>.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from ..rendered import own_text

from .diff import opcodes, tokens

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th")


@dataclass(frozen=True)
class ComparisonLabels:
    """The reader's-language words around the changes (from the interface catalogues)."""

    removed: str = "Removed:"
    added: str = "Added:"
    next_change: str = "Next change"
    previous_change: str = "Previous change"
    change: str = "Change %(number)s"


@dataclass(frozen=True)
class Comparison:
    html: str  # the newer version's HTML with every change marked
    count: int  # the number of changed, added and removed blocks
    changes: tuple[str, ...]  # a short text of each change, in order, for the list of changes


def blocks(soup: BeautifulSoup) -> list[Tag]:
    """Leaf blocks in reading order: a clause's own text, not the clauses nested in it."""
    found = []
    for element in soup.find_all(BLOCKS):
        if element.name == "p" and element.find_parent("li"):
            continue
        found.append(element)
    return found


def keys(elements: list[Tag]) -> list[str]:
    """How blocks are matched across versions: their anchor id, or their place in a section."""
    result, section, index = [], "", 0
    for element in elements:
        row = element.parent if element.name in ("td", "th") else None
        if row is not None and row.get("id"):  # a cell of a clause row: by the row's anchor
            cells = row.find_all(("td", "th"), recursive=False)
            result.append(f"#{row['id']}/{element.name}{cells.index(element) + 1}")
        elif element.get("id"):
            result.append("#" + element["id"])
            if element.name in ("h1", "h2", "h3"):
                section, index = element["id"], 0
        else:
            index += 1
            result.append(f"{section}/{element.name}{index}")
    return result


def marked(soup: BeautifulSoup, name: str, text: str, label: str) -> Tag:
    """<del>/<ins> with a hidden label, so that screen readers announce the change too."""
    tag = soup.new_tag(name)
    hidden = soup.new_tag("span", attrs={"class": "visually-hidden"})
    hidden.string = label + " "
    tag.append(hidden)
    tag.append(NavigableString(text))
    return tag


def replace_own_content(element: Tag, nodes: list) -> None:
    """Replace a block's own text, keeping nested clause lists where they are."""
    nested = [child for child in element.children if isinstance(child, Tag) and child.name in ("ol", "ul")]
    for child in list(element.children):
        if child not in nested:
            child.extract()
    for node in reversed(nodes):
        element.insert(0, node)


def outline(html: str, without_title: bool = False) -> list[dict[str, str]]:
    """A version's blocks as data ({key, tag, text}), for comparing any two versions in the
    browser with the same matching and the same diff rule as here."""
    soup = BeautifulSoup(html, "html.parser")
    if without_title and soup.find("h1") is not None:
        soup.find("h1").decompose()
    return outline_of(soup)


def outline_of(soup: BeautifulSoup) -> list[dict[str, str]]:
    """The outline of a version already parsed (it only reads the tree)."""
    found = blocks(soup)
    return [
        {"key": key, "tag": element.name, "text": own_text(element)}
        for key, element in zip(keys(found), found)
    ]


@dataclass(frozen=True)
class Entry:
    """One block of a comparison: 'same', 'modified', 'added' or 'removed'; for a modified
    block, its words as ('equal' | 'del' | 'ins', text) parts."""

    kind: str
    key: str
    tag: str
    parts: tuple[tuple[str, str], ...]


def compare_outlines(older: list[dict[str, str]], newer: list[dict[str, str]]) -> list[Entry]:
    """The decisions of a comparison, in reading order: which blocks are the same, changed
    (word by word), added or removed. The browser's comparer returns the very same list."""
    entries: list[Entry] = []
    for op, a1, a2, b1, b2 in opcodes([b["key"] for b in older], [b["key"] for b in newer]):
        if op == "equal":
            for old, new in zip(older[a1:a2], newer[b1:b2]):
                if old["text"] == new["text"]:
                    entries.append(Entry("same", new["key"], new["tag"], (("equal", new["text"]),)))
                else:
                    entries.append(Entry("modified", new["key"], new["tag"], word_parts(old["text"], new["text"])))
            continue
        entries += [Entry("removed", old["key"], old["tag"], (("del", old["text"]),)) for old in older[a1:a2]]
        entries += [Entry("added", new["key"], new["tag"], (("ins", new["text"]),)) for new in newer[b1:b2]]
    return entries


def word_parts(old: str, new: str) -> tuple[tuple[str, str], ...]:
    a, b = tokens(old), tokens(new)
    parts: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in opcodes(a, b):
        if op == "equal":
            parts.append(("equal", "".join(b[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("del", "".join(a[a1:a2])))
        if b2 > b1:
            parts.append(("ins", "".join(b[b1:b2])))
    return tuple(parts)


def compare(
    old_html: str, new_html: str, labels: ComparisonLabels = ComparisonLabels(), without_title: bool = False
) -> Comparison:
    """The newer version, with what changed since the older one marked in place.

    without_title leaves out the document's <h1>, for a page that has a title of its own.
    """
    old_soup = BeautifulSoup(old_html, "html.parser")
    soup = BeautifulSoup(new_html, "html.parser")
    if without_title:
        for tree in (old_soup, soup):
            if tree.find("h1") is not None:
                tree.find("h1").decompose()
    new_blocks = blocks(soup)
    entries = compare_outlines(outline_of(old_soup), outline_of(soup))  # before the tree is marked
    changed: list[tuple[Tag, str]] = []  # (block, short text) in reading order
    position_in_new = 0
    pending_removed: list[Entry] = []

    def place_removed(before: Tag | None, after: Tag | None) -> None:
        rows: dict[str, list[Entry]] = {}  # a removed clause row's cells, by the row's anchor
        for entry in pending_removed:
            if entry.tag in ("td", "th") and entry.key.startswith("#") and "/" in entry.key:
                rows.setdefault(entry.key.split("/")[0], []).append(entry)
        next_cell = before if before is not None and before.name in ("td", "th") else None
        last_cell = after if after is not None and after.name in ("td", "th") else None
        if rows and (next_cell is not None or last_cell is not None):
            for cells in rows.values():
                row = soup.new_tag("tr", attrs={"class": "change-removed"})
                for entry in cells:
                    cell = soup.new_tag(entry.tag)
                    cell.append(marked(soup, "del", entry.parts[0][1], labels.removed))
                    row.append(cell)
                if next_cell is not None:
                    next_cell.parent.insert_before(row)
                else:
                    last_cell.parent.insert_after(row)
                changed.append((row, " ".join(entry.parts[0][1] for entry in cells)))
            grouped = {id(entry) for cells in rows.values() for entry in cells}
            pending_removed[:] = [entry for entry in pending_removed if id(entry) not in grouped]
        for entry in pending_removed:
            removed = soup.new_tag(entry.tag, attrs={"class": "change-removed"})
            removed.append(marked(soup, "del", entry.parts[0][1], labels.removed))
            if before is not None and (entry.tag != "li" or before.name == "li"):
                before.insert_before(removed)
            elif after is not None:
                after.insert_after(removed)
            else:
                soup.append(removed)
            changed.append((removed, entry.parts[0][1]))
        pending_removed.clear()

    for entry in entries:
        if entry.kind == "removed":
            pending_removed.append(entry)
            continue
        block = new_blocks[position_in_new]
        position_in_new += 1
        place_removed(block, new_blocks[position_in_new - 2] if position_in_new > 1 else None)
        if entry.kind == "modified":
            nodes = [
                NavigableString(text) if op == "equal"
                else marked(soup, op, text, labels.removed if op == "del" else labels.added)
                for op, text in entry.parts
            ]
            replace_own_content(block, nodes)
            block["class"] = block.get("class", []) + ["change-modified"]
            changed.append((block, "".join(text for op, text in entry.parts if op != "del")))
        elif entry.kind == "added":
            text = own_text(block)
            replace_own_content(block, [marked(soup, "ins", text, labels.added)])
            block["class"] = block.get("class", []) + ["change-added"]
            changed.append((block, text))
    place_removed(None, new_blocks[-1] if new_blocks else None)

    places = positions(soup)  # one walk of the tree, not one per change: linear in the document
    ordered = sorted(changed, key=lambda item: places.get(id(item[0]), -1))
    for number, (block, _) in enumerate(ordered, start=1):
        add_navigation(soup, block, number, len(ordered), labels)
    return Comparison(
        html=str(soup), count=len(ordered),
        changes=tuple(short(text) for _, text in ordered),
    )


def positions(soup: BeautifulSoup) -> dict[int, int]:
    """Each element's place in document order, by identity."""
    return {id(element): index for index, element in enumerate(soup.find_all(True))}


def add_navigation(soup: BeautifulSoup, block: Tag, number: int, total: int, labels: ComparisonLabels) -> None:
    """A target for the list of changes, and links to the previous and next change."""
    target = soup.new_tag("span", attrs={"id": f"change-{number}", "class": "change-marker"})
    target.string = labels.change % {"number": number}
    block.insert(0, target)
    links = soup.new_tag("span", attrs={"class": "change-links"})
    if number > 1:
        links.append(link(soup, f"#change-{number - 1}", labels.previous_change))
    if number < total:
        links.append(link(soup, f"#change-{number + 1}", labels.next_change))
    nested = next((c for c in block.children if isinstance(c, Tag) and c.name in ("ol", "ul")), None)
    if nested is not None:
        nested.insert_before(links)
    else:
        block.append(links)


def link(soup: BeautifulSoup, href: str, text: str) -> Tag:
    tag = soup.new_tag("a", attrs={"href": href})
    tag.string = text
    return tag


def short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

