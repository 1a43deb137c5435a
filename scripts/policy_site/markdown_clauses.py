"""A Python-Markdown extension: a clause takes its anchor, whatever holds it.

- A loose list item (a clause of paragraphs): attr_list puts `{#id}` written under it on its
  last paragraph; the anchor belongs to the item, as it does for a one-paragraph clause.
- A table row (a clause of a table): attr_list puts `{#id}` written in a cell on that cell; the
  anchor belongs to the row, which is what a link to the clause shows and a comparison matches.

It also writes a column's alignment (`|:--:|`) as a class instead of the tables extension's
inline style, which the site's Content-Security-Policy (no inline style) would make browsers drop.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class ClauseAnchors(Treeprocessor):
    def run(self, root: Element) -> None:
        for item in root.iter("li"):
            if item.get("id"):
                continue
            own = [child for child in item if child.tag not in ("ul", "ol")]
            paragraphs = [child for child in own if child.tag == "p"]
            if paragraphs and paragraphs[-1].get("id") and own[-1] is paragraphs[-1]:
                item.set("id", paragraphs[-1].attrib.pop("id"))
        for row in root.iter("tr"):
            anchored = [cell for cell in row if cell.tag in ("td", "th") and cell.get("id")]
            if anchored and not row.get("id"):
                row.set("id", anchored[0].attrib.pop("id"))
            for cell in row:
                aligned = ALIGNMENT.fullmatch((cell.get("style") or "").strip()) if cell.tag in ("td", "th") else None
                if aligned:
                    del cell.attrib["style"]
                    cell.set("class", f"{ALIGNED_CLASS}{aligned.group(1)}")


ALIGNMENT = re.compile(r"text-align:\s*(left|right|center);?")
ALIGNED_CLASS = "policy-align-"  # overrides/assets/stylesheets/policy.css


class ClauseAnchorsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ClauseAnchors(md), "policy_site_clause_anchors", 7)  # after attr_list (8)


def makeExtension(**kwargs) -> ClauseAnchorsExtension:
    return ClauseAnchorsExtension(**kwargs)
