"""Anchors across versions: a link to a clause (`/en/privacy/#backups`) outlives the version it
was written against. A new version keeps every anchor of the one before, or names, under
`replaced_anchors`, the anchor that takes the place of each one it drops; the document's address
then still leads such a link to that place."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..sources import VersionFacts


def dropped_anchors(before: set[str], now: set[str], replaced: dict[str, str]) -> list[str]:
    """The anchors of the version before that this one has not, and names no replacement for."""
    return sorted(anchor for anchor in before - now if anchor not in replaced)


def anchor_aliases(versions: Sequence[VersionFacts], ids: Iterable[str]) -> dict[str, str]:
    """For the last of `versions` (oldest first), every dropped anchor of any earlier version and
    the anchor of the last that stands in its place: a→b then b→c gives a→c and b→c. An anchor
    the last version has again (`ids`) is its own."""
    aliases: dict[str, str] = {}
    for version in versions:
        for old, new in version.replaced_anchors:
            aliases = {dropped: (new if target == old else target) for dropped, target in aliases.items()}
            aliases[old] = new
    present = set(ids)
    return {old: new for old, new in sorted(aliases.items()) if old not in present and new in present}


def with_anchor_aliases(html: str, aliases: dict[str, str]) -> str:
    """The page with an empty element carrying each dropped anchor at the start of the element
    that replaces it, so that `#dropped` scrolls there (inside it, and inside a table row's first
    cell: a <span> is valid there, as in a list item or a heading)."""
    for old, new in aliases.items():
        opening = re.compile(r'<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sid="' + re.escape(new) + r'"[^>]*>')
        found = opening.search(html)
        if found is None:
            continue
        at = found.end()
        if found.group("tag").lower() == "tr":
            cell = re.compile(r"<t[dh]\b[^>]*>").search(html, at)
            at = cell.end() if cell else at
        html = html[:at] + f'<span id="{old}"></span>' + html[at:]
    return html
