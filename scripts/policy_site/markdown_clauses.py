"""A Python-Markdown extension: a clause that holds paragraphs (a loose list item) takes its
anchor. attr_list puts `{#id}` written under such an item on the item's last paragraph; the
anchor belongs to the clause, as it does for a one-paragraph clause."""

from __future__ import annotations

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


class ClauseAnchorsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ClauseAnchors(md), "policy_site_clause_anchors", 7)  # after attr_list (8)


def makeExtension(**kwargs) -> ClauseAnchorsExtension:
    return ClauseAnchorsExtension(**kwargs)
