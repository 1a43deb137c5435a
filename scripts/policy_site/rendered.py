"""Reading rendered HTML blocks: shared by the translation check and the comparisons."""

from __future__ import annotations

from bs4 import Tag


def own_text(element: Tag) -> str:
    """The block's text without that of nested lists (a clause's sub-clauses are blocks too),
    white space collapsed."""
    parts = []
    for child in element.children:
        if isinstance(child, Tag) and child.name in ("ol", "ul"):
            continue
        parts.append(child.get_text() if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())
