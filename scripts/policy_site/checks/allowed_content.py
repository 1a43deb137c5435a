"""What a source may contain: an allow-list of the HTML our Markdown renders to, plain text in
the front matter, and no characters that deceive a reader.

Legal texts arrive from editors, outside counsel and translation vendors, and CI publishes
them. A deny-list of dangerous patterns misses the next trick (`jav&#x09;ascript:`, an
`onclick` through attr_list, `<meta http-equiv=refresh>`); an allow-list of what policies need
does not. The body is rendered with the site's own Markdown extensions and every element,
attribute and address of the result is checked, so the rule sees what browsers would see.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Iterable
from urllib.parse import urlsplit


from ..markdown_clauses import ALIGNED_CLASS
from ..problems import Problem
from ..sources import SourcePage
from ..translation.outline import markdown_html

# Element -> the attributes it may have. attr_list gives ids only; a table column's alignment is
# a class (markdown_clauses), never a style.
ALLOWED: dict[str, frozenset[str]] = {
    **{name: frozenset({"id"}) for name in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "table")},
    **{name: frozenset() for name in ("ul", "strong", "em", "code", "pre", "blockquote", "thead", "tbody", "br",
                                      "hr", "sup", "sub", "del", "b", "i")},
    "ol": frozenset({"start"}),
    "th": frozenset({"class"}), "td": frozenset({"class"}),
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title"}),
}
ALIGNED = re.compile(ALIGNED_CLASS + "(left|right|center)")
ANCHOR = re.compile(r"[a-z0-9][a-z0-9-]*")
LINK_SCHEMES = frozenset({"https", "mailto"})
# Characters that make a text show other than it reads (bidi controls: "30" shown for "03"),
# hide in it (zero-width) or break XML feeds (controls, noncharacters).
DECEIVING = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]"
)
MAX_INDENT = 64  # columns: sixteen levels of sub-clauses, far beyond any policy
MAX_QUOTES = 8
FIX_HTML = "Remove it: policies are plain Markdown; write links as [text](https://...) and anchors as {#name}."


def address_problem(address: str, image: bool) -> str | None:
    """Why an address may not be published, or None. Browsers ignore tabs and newlines inside
    an address and spaces around it, so they are removed before the scheme is read."""
    cleaned = re.sub(r"[\x00-\x20]", "", address)
    if cleaned.startswith("//") or cleaned.startswith("\\\\"):
        return f"the address '{address}', which leads to another site (an address starting '//')"
    scheme = urlsplit(cleaned).scheme.lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", cleaned) else ""
    if image and scheme:
        return f"the image '{address}', which comes from another site (only the site's own images may be shown)"
    if scheme and scheme not in LINK_SCHEMES:
        return f"the address '{address}', a '{scheme}:' address (links are https:, mailto: or the site's own)"
    host = urlsplit(cleaned).hostname or ""
    if not host.isascii():  # a Cyrillic 'а' in 'pаypal.com' shows as the real domain
        return (f"the address '{address}', whose domain has letters outside ASCII (a look-alike of another "
                "domain?); write an international domain in its xn-- form")
    return None


class _Elements(HTMLParser):
    """Every start tag (name and attributes, as written: a repeated attribute each time) and
    whether there are comments. The tokenizer browsers' rules were checked against here is the
    one Beautiful Soup's html.parser builds its tree with; the tree itself is not needed, and
    building it was three quarters of the check's time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments += 1


def html_findings(html: str) -> list[tuple[str, ...]]:
    """(what, then what to look for in the source to find its line) for everything outside the
    allow-list."""
    elements = _Elements()
    elements.feed(html)
    elements.close()
    found = [("an HTML comment", "<!--")] * elements.comments
    for name, attrs in elements.tags:
        found += tag_findings(name, attrs)
    return found


def tag_findings(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, ...]]:
    if tag not in ALLOWED:
        article = "an" if tag[0] in "aeiou" else "a"
        return [(f"{article} <{tag}> element", f"<{tag}", tag)]
    found = []
    for name, value in attrs:  # each one: a browser reads the first of two, a tree keeps the last
        text = " ".join((value or "").split()) if name == "class" else (value or "")
        if name not in ALLOWED[tag]:
            found.append((f"the attribute {name}= on <{tag}>", name))
        elif name == "id" and not ANCHOR.fullmatch(text):
            found.append((f"the anchor '{text}' (anchors are lower-case letters, digits and hyphens)", text))
        elif name == "class" and not ALIGNED.fullmatch(text.strip()):
            found.append((f"the class '{text}' on <{tag}>", "class"))
        elif name in ("href", "src"):
            why = address_problem(text, image=tag == "img")
            if why:  # the source may write it otherwise (an entity for a tab): its first letters then
                found.append((why, text.strip()[:20] or name, text.strip()[:3] or name))
    return found


def source_line(page: SourcePage, needles: Iterable[str]) -> int:
    """The line of the body where the source writes it (the body's first line if not found)."""
    lines = page.body.lower().split("\n")
    for needle in needles:
        for offset, line in enumerate(lines):
            if needle.lower() in line:
                return page.body_line + offset
    return page.body_line


def deceiving_characters(text: str) -> Iterable[tuple[int, str]]:
    """(line offset, description) of each deceiving character."""
    for offset, line in enumerate(text.split("\n")):
        for match in DECEIVING.finditer(line):
            char = match.group(0)
            name = unicodedata.name(char, "a control character" if ord(char) < 0xD800 else "a lone surrogate")
            yield offset, f"U+{ord(char):04X} ({name.lower()})"


def front_matter_texts(page: SourcePage) -> list[tuple[str, str]]:
    """(field, text) of what the templates print from the front matter."""
    texts = [("title", page.title)]
    if page.version is not None:
        texts.append(("summary", page.version.summary))
        texts += [("corrections", correction.summary) for correction in page.version.corrections]
        if page.version.short_notice:
            texts.append(("short_notice", page.version.short_notice))
    return texts


# Characters: a title shows in a browser tab and a feed entry's heading, a summary is "one or two
# sentences" shown on every history page and in every feed; far longer is a text pasted by mistake.
LONGEST_FIELD = {"title": 200, "summary": 1000, "corrections": 500, "short_notice": 1000}


def field_problems(shown: str, field: str, text: str | None, line: int = 1) -> list[Problem]:
    """A front matter text, which templates print as it is: plain text only, and not too long."""
    problems = []
    longest = LONGEST_FIELD.get(field)
    if longest is not None and len(text or "") > longest:
        problems.append(Problem(shown, line, f"has a '{field}:' of {len(text or ''):,} characters; it may have at most {longest:,}.",
                                f"Shorten it: '{field}:' is read in feeds and lists, where a reader expects "
                                + ("a title." if field == "title" else "one or two sentences.")))
    if re.search(r"<[A-Za-z!/?]", text or ""):
        problems.append(Problem(shown, line, f"has HTML in its front matter '{field}:', which is plain text.",
                                f"Write '{field}:' as plain text, without <...> markup."))
    for _, char in deceiving_characters(text or ""):
        problems.append(Problem(shown, line, f"has the invisible or deceiving character {char} in '{field}:'.",
                                "Delete it: readers would see another text than the one recorded."))
    return problems


def nesting_problem(page: SourcePage) -> Problem | None:
    """A text nested deeper than any policy is (a list inside a list ... a thousand times would
    exhaust the Markdown renderer): refused before it is rendered."""
    for offset, line in enumerate(page.body.split("\n")):
        indent = len(line) - len(line.lstrip(" \t"))
        quotes = len(line) - len(line.lstrip("> \t")) if line.lstrip().startswith(">") else 0
        if indent > MAX_INDENT or line.lstrip(" \t").count(">", 0, quotes) > MAX_QUOTES or quotes > MAX_INDENT:
            return Problem(page.source_file, page.body_line + offset,
                           f"is nested deeper than a text may be (more than {MAX_INDENT} columns of indentation "
                           f"or {MAX_QUOTES} levels of quotation).",
                           "Write the clause with at most a few levels of sub-clauses.")
    return None


def content_problems(page: SourcePage) -> list[Problem]:
    """Everything in one page that may not be published, each with its line and what to do."""
    too_deep = nesting_problem(page)
    if too_deep is not None:
        return [too_deep]
    problems = []
    for what, *needles in dict.fromkeys(html_findings(markdown_html(page.body))):
        problems.append(Problem(page.source_file, source_line(page, needles),
                                f"contains {what}, which policies may not publish.", FIX_HTML))
    for field, text in front_matter_texts(page):
        problems += field_problems(page.source_file, field, text, page.field_line(field))
    for offset, char in deceiving_characters(page.body):
        problems.append(Problem(
            page.source_file, page.body_line + offset, f"contains the invisible or deceiving character {char}.",
            "Delete it: readers would see another text than the one recorded, and feeds would break."))
    return problems
