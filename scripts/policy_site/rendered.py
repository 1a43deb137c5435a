"""Reading rendered HTML blocks (shared by the translation check and the comparisons), and
moving a page's rendering to another page."""

from __future__ import annotations

import re
from html import unescape

from bs4 import Tag

# a link or image address in rendered Markdown: python-markdown quotes attributes with "
ADDRESS = re.compile(r'(\s(?:href|src)=")([^"]*)"')
NOT_RELATIVE = re.compile(r"^(?:$|#|/|[A-Za-z][A-Za-z0-9+.-]*:)")  # same page, root, scheme (https:, mailto:)


def own_text(element: Tag) -> str:
    """The block's text without that of nested lists (a clause's sub-clauses are blocks too),
    white space collapsed."""
    parts = []
    for child in element.children:
        if isinstance(child, Tag) and child.name in ("ol", "ul"):
            continue
        parts.append(child.get_text() if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())


def one_level_deeper(html: str) -> str:
    """A page's HTML as it reads from the page one folder below it ('<version>/changes/' under
    '<version>/'): every relative address gains one '../', so that each still leads where it led."""
    # python-markdown writes a mailto: address as character references, to hide it from harvesters
    return ADDRESS.sub(lambda found: found.group(1) + ("" if NOT_RELATIVE.match(unescape(found.group(2))) else "../")
                       + found.group(2) + '"', html)
