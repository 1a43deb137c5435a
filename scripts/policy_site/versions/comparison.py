"""What changed between two versions, marked inside the changed clause at word level.

The comparison works on rendered HTML blocks (headings, paragraphs, clauses), read with Beautiful
Soup, not on Markdown lines: a clause is matched with its counterpart by its anchor id, so the
section structure and numbering of the newer version are kept, and only the words that changed
are wrapped in <del> and <ins>.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th")
WORDS = re.compile(r"\s+|[^\s\w]|\w+")


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


def own_text(element: Tag) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, Tag) and child.name in ("ol", "ul"):
            continue
        parts.append(child.get_text() if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())


def keys(elements: list[Tag]) -> list[str]:
    """How blocks are matched across versions: their anchor id, or their place in a section."""
    result, section, index = [], "", 0
    for element in elements:
        if element.get("id"):
            result.append("#" + element["id"])
            if element.name in ("h1", "h2", "h3"):
                section, index = element["id"], 0
        else:
            index += 1
            result.append(f"{section}/{element.name}{index}")
    return result


def word_diff(old: str, new: str, soup: BeautifulSoup, labels: ComparisonLabels) -> list:
    """The new text with removed words in <del> and added words in <ins>, word by word."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    nodes: list = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            nodes.append(NavigableString("".join(b[b1:b2])))
            continue
        if a2 > a1:
            nodes.append(marked(soup, "del", "".join(a[a1:a2]), labels.removed))
        if b2 > b1:
            nodes.append(marked(soup, "ins", "".join(b[b1:b2]), labels.added))
    return nodes


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
    old_blocks, new_blocks = blocks(old_soup), blocks(soup)
    old_keys, new_keys = keys(old_blocks), keys(new_blocks)
    changed: list[tuple[Tag, str]] = []  # (block, short text) in reading order

    def add_removed(old: Tag, before: Tag | None, after: Tag | None) -> Tag:
        removed = soup.new_tag(old.name, attrs={"class": "change-removed"})
        removed.append(marked(soup, "del", own_text(old), labels.removed))
        if before is not None and (old.name != "li" or before.name == "li"):
            before.insert_before(removed)
        elif after is not None:
            after.insert_after(removed)
        else:
            soup.append(removed)
        return removed

    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for old, new in zip(old_blocks[a1:a2], new_blocks[b1:b2]):
                before, after = own_text(old), own_text(new)
                if before != after:
                    replace_own_content(new, word_diff(before, after, soup, labels))
                    new["class"] = new.get("class", []) + ["change-modified"]
                    changed.append((new, after))
            continue
        anchor_before = new_blocks[b1] if b1 < len(new_blocks) else None
        anchor_after = new_blocks[b1 - 1] if b1 > 0 else None
        for old in old_blocks[a1:a2]:
            changed.append((add_removed(old, anchor_before, anchor_after), own_text(old)))
        for new in new_blocks[b1:b2]:
            text = own_text(new)
            replace_own_content(new, [marked(soup, "ins", text, labels.added)])
            new["class"] = new.get("class", []) + ["change-added"]
            changed.append((new, text))

    ordered = sorted(changed, key=lambda item: position(soup, item[0]))
    for number, (block, _) in enumerate(ordered, start=1):
        add_navigation(soup, block, number, len(ordered), labels)
    return Comparison(
        html=str(soup), count=len(ordered),
        changes=tuple(short(text) for _, text in ordered),
    )


def position(soup: BeautifulSoup, element: Tag) -> int:
    for index, candidate in enumerate(soup.find_all(True)):
        if candidate is element:
            return index
    return -1


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

