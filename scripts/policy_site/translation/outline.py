"""A document reduced to what must survive translation: its blocks, in order.

Both texts are rendered with Python-Markdown and read with Beautiful Soup (as Mozilla's
legal-docs lint does), so the comparison sees what readers see, not raw Markdown lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
from bs4 import BeautifulSoup, Tag

from ..rendered import own_text

# The site's Markdown, as MkDocs renders it (toc, tables and fenced_code are its built-ins, with
# mkdocs.yml's own): check_site refuses a mkdocs.yml that renders with another extension.
EXTENSIONS = ["attr_list", "fenced_code", "policy_site.markdown_clauses", "tables", "toc"]
BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "tr", "blockquote", "pre")
# Markup that carries meaning. Italics are left out: translators italicise foreign words and
# names (_Contributor Covenant_) as their typography wants, which changes nothing a reader relies on.
INLINE_MARKUP = ("strong", "code", "abbr")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A number: digits, with thousands groups separated by a space, no-break spaces, '.', ',' or "'"
# ("1,000", "1.000", "1 000" are all 1000), and an optional decimal part of one or two digits.
# A version number with trailing zeros ("1.4.0") is the version English may write "1.4".
NUMBER = re.compile(r"\d+\.\d+(?:\.0)+(?!\d|\.\d)|\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?![\d])|\d+(?:[.,]\d{1,2}(?!\d))?")


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, clause or table of a rendered document."""

    kind: str  # 'h2', 'p', 'ol>li', 'table 3x2', 'table row' (a row with an anchor: a clause) ...
    label: str  # how a translator finds it: '7.1 #backups', '§ 7 #data-retention', 'paragraph 2'
    anchor: str | None
    text: str
    links: tuple[str, ...]
    numbers: tuple[str, ...]
    emails: tuple[str, ...]
    markup: tuple[tuple[str, int], ...]
    place: str | None = None  # for a paragraph without anchor: where it aligns (translation.paragraphs)

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        """What must be the same in English and the translation for two blocks to correspond."""
        return self.kind, self.anchor, self.place


@dataclass(frozen=True)
class Outline:
    blocks: tuple[Block, ...] = ()

    @property
    def anchors(self) -> list[str]:
        return [b.anchor for b in self.blocks if b.anchor]

    @property
    def links(self) -> list[str]:
        return [link for b in self.blocks for link in b.links]


def normalise_number(raw: str) -> str:
    """'1 000', '1.000', '1,000' -> '1000'; '2,5' and '2.5' -> '2.5'; '1.4.0' -> '1.4'."""
    if re.fullmatch(r"\d+\.\d+(?:\.0)+", raw):
        return re.sub(r"^(\d+\.\d+)(?:\.0)+$", r"\1", raw)
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+", raw):
        return re.sub(r"\D", "", raw)
    return raw.replace(",", ".")


def owned_tags(element: Tag) -> list[Tag]:
    """Descendant tags that belong to this block, not to a nested clause (or, in a table, to a
    row that is a clause), in document order: one walk for every check of the block."""
    if element.name not in ("li", "table"):
        return list(element.find_all(True))
    found = []
    for tag in element.find_all(True):
        if element.name == "li" and tag.find_parent("li") is not element:
            continue
        if element.name == "table" and (row := tag.find_parent("tr")) is not None and row.get("id"):
            continue
        found.append(tag)
    return found


def owned(element: Tag, name: str) -> list[Tag]:
    """Descendants named `name` that belong to this block (see owned_tags)."""
    return [tag for tag in owned_tags(element) if tag.name == name]


def list_path(element: Tag) -> str:
    chain = [parent.name for parent in element.parents if parent.name in ("ol", "ul")]
    return ">".join(reversed(chain)) + ">li"


@lru_cache(maxsize=None)  # every text of the site, once: a bounded cache re-converted at scale
def markdown_html(body: str) -> str:
    """A body as HTML, converted once: the translation check, the anchor check and the
    allow-list of what may be published all read the same conversion."""
    return markdown.markdown(body, extensions=EXTENSIONS)


def render(body: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_html(body), "html.parser")


@lru_cache(maxsize=None)
def outline(body: str) -> Outline:
    """The blocks of a Markdown body. Cached by text: every translation of a page is checked
    against the same English outline, which is built once."""
    soup = render(body)
    found: list[Block] = []
    section, clause_counters, paragraph = "", {}, 0
    for element in soup.find_all(BLOCK_TAGS):
        if element.name in ("p", "table") and element.find_parent(["li", "table", "blockquote"]):
            continue  # part of a clause or table already counted
        if element.name == "tr" and not element.get("id"):
            continue  # part of its table's own text
        anchor = element.get("id")
        if element.name[0] == "h" and element.name[1:].isdigit():
            kind = element.name
            number = re.match(r"\s*(\d+)\.", element.get_text())
            section = number.group(1) if number else ""
            clause_counters = {}
            label = f"heading '{element.get_text(strip=True)[:40]}'" if not section else f"section {section}"
        elif element.name == "li":
            kind = list_path(element)
            depth = kind.count(">")
            clause_counters[depth] = clause_counters.get(depth, 0) + 1
            for deeper in [d for d in clause_counters if d > depth]:
                del clause_counters[deeper]
            numbers = ".".join(str(clause_counters[d]) for d in sorted(clause_counters))
            label = f"clause {section + '.' if section else ''}{numbers}"
        elif element.name == "table":
            rows = element.find_all("tr")
            kind = f"table {len(rows)}x{max((len(r.find_all(['td', 'th'])) for r in rows), default=0)}"
            label = "table"
        elif element.name == "tr":
            kind = "table row"
            rows = element.find_parent("table").find_all("tr")
            label = f"row {rows.index(element)} of a table" + (f" in section {section}" if section else "")
        else:
            paragraph += 1
            kind = element.name
            label = f"paragraph {paragraph}" + (f" in section {section}" if section else "")
        if anchor:
            label += f" #{anchor}"
        if element.name == "li":
            text = own_text(element)
        elif element.name == "table":  # rows with an anchor are clauses of their own
            text = " ".join(" ".join(row.get_text().split()) for row in element.find_all("tr") if not row.get("id"))
        else:
            text = " ".join(element.get_text().split())
        tags = owned_tags(element)
        links = tuple(tag.get("href", "") for tag in tags if tag.name == "a")
        markup = tuple((name, sum(1 for tag in tags if tag.name == name)) for name in INLINE_MARKUP)
        found.append(block(kind, label, anchor, text, links, tuple(m for m in markup if m[1])))
    return Outline(tuple(found))


def block(kind: str, label: str, anchor: str | None, text: str, links: tuple[str, ...] = (),
          markup: tuple[tuple[str, int], ...] = ()) -> Block:
    """A block of text with what the checks compare: its numbers and e-mail addresses."""
    return Block(
        kind=kind, label=label, anchor=anchor, text=text, links=links,
        numbers=tuple(sorted(normalise_number(n) for n in NUMBER.findall(EMAIL.sub(" ", text)))),
        emails=tuple(sorted(EMAIL.findall(text))), markup=markup,
    )
