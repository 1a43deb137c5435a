"""Importing plain Markdown: clean text, anchors from English, structure differences named."""

from __future__ import annotations

import markdown

from policy_site.translation.outline import EXTENSIONS
from policy_site.versions import importing

ENGLISH = "# Cookie policy\n\n## 1. What cookies are\n\n1. First paragraph.\n\n   Second paragraph.\n\n2. Tight one\n   - sub a\n\n## 2. Cookies we set\n\n| Name | Lasts |\n|---|---|\n| session | 24 hours |\n"
GERMAN = "# Cookie-Richtlinie\n\n## 1. Was Cookies sind\n\n1. Erster Absatz.\n\n   Zweiter Absatz.\n\n2. Kurz\n   - Punkt a\n\n## 2. Unsere Cookies\n\n| Name | Dauer |\n|---|---|\n| session | 24 Stunden |\n"


def anchored(body: str, english: str = ENGLISH) -> str:
    anchors = importing.english_anchors(importing.items_of(english))
    items, indents = importing.scan(body)
    return importing.with_anchors(body, items, anchors, indents)


def ids(body: str) -> list[str]:
    html = markdown.markdown(body, extensions=EXTENSIONS)
    import re
    return re.findall(r'<(\w+) id="([^"]+)"', html)


def test_bom_and_crlf_are_normalised():
    text, problems = importing.clean_text(b"\xef\xbb\xbf# T\r\n\r\nText.\r\n", "x.md")
    assert text == "# T\n\nText.\n" and problems == []


def test_anchors_come_from_english_headings_and_clause_positions_in_every_language():
    english, german = ids(anchored(ENGLISH)), ids(anchored(GERMAN))
    assert english == [("h1", "cookie-policy"), ("h2", "what-cookies-are"), ("li", "what-cookies-are-1"),
                       ("li", "what-cookies-are-2"), ("li", "what-cookies-are-2-1"), ("h2", "cookies-we-set"),
                       ("tr", "cookies-we-set-session")]
    assert german == english
    assert "<table>" in markdown.markdown(anchored(GERMAN), extensions=EXTENSIONS)


def test_a_translation_with_another_structure_is_named_with_both_lines():
    dropped = GERMAN.replace("   - Punkt a\n", "")
    problem = importing.structure_difference(importing.items_of(ENGLISH), importing.items_of(dropped), "en.md", "de.md")
    assert problem is not None and problem.line == 11
    assert "a heading '2. Unsere Cookies' (h2) where en.md:10 has a clause 'sub a'" in problem.message


def test_anchors_already_written_are_kept():
    body = "# T {#title}\n\n## 1. A {#kept}\n\n1. x\n   {#mine}\n"
    assert importing.english_anchors(importing.items_of(body)) == ["title", "kept", "mine"]


def test_a_table_row_is_a_clause_with_its_own_anchor_on_the_row():
    body = "## Kept\n\nData | Days\n:--|--:\n`a\\|b` | 3\n | 4\n\nAfter.\n"
    items = importing.items_of(body)
    assert [(item.kind, item.text) for item in items] == [("h2", "Kept"), ("row", "`a\\|b`"), ("row", "4")]
    html = markdown.markdown(anchored(body, body), extensions=EXTENSIONS)
    assert '<tr id="kept-a-b">' in html and '<tr id="kept-4">' in html and "<td id=" not in html
    assert "<p>After.</p>" in html


def test_a_translation_missing_a_table_row_is_named():
    dropped = GERMAN.replace("| session | 24 Stunden |\n", "")
    problem = importing.structure_difference(importing.items_of(ENGLISH), importing.items_of(dropped), "en.md", "de.md")
    assert problem is not None and "the first without a counterpart is a table row 'session' at en.md:16" in problem.message


def test_hugo_toml_front_matter_is_read():
    text, problems = importing.imported_text(
        b'+++\r\ntitle = "Code of conduct"\r\nsummary = "First version."\r\n+++\r\n\r\n## Pledge\r\n\r\nWe pledge.\r\n',
        "coc.md", True)
    assert problems == [] and text is not None
    assert (text.title, text.summary, text.offset) == ("Code of conduct", "First version.", 5)
    assert text.body.startswith("## Pledge")


def test_unclosed_or_invalid_toml_front_matter_is_named():
    _, unclosed = importing.imported_text(b"+++\ntitle = 'x'\n\n# T\n", "coc.md", True, "s")
    _, invalid = importing.imported_text(b"+++\ntitle = x y\n+++\n# T\n", "coc.md", True, "s")
    assert [(p.path, p.line) for p in unclosed] == [("coc.md", 1)] and "never closes it" in unclosed[0].message
    assert "not valid TOML" in invalid[0].message


def test_a_list_right_after_a_line_of_text_stays_a_list():
    """CommonMark (GitHub, Hugo) lets a list follow a paragraph line; Python-Markdown needs a
    blank line, without which the items would be read as one paragraph."""
    body = "## Standards\n\nExamples include:\n* Being kind\n* Listening to\nothers\n"
    written = anchored(body, body)
    assert ids(written) == [("h2", "standards"), ("li", "standards-1"), ("li", "standards-2")]
    assert "include:\n\n* Being kind" in written and "Being kind\n    {#standards-1}\n* Listening" in written


def test_bare_addresses_become_links_but_not_inside_code_or_links():
    body = ("See https://example.org/faq. Or [the FAQ](https://example.org/faq), <https://example.org/a>,\n"
            "`https://example.org/code` and (https://example.org/b).\n\n[ref]: https://example.org/ref\n")
    written = importing.with_anchors(body, [], [], {})
    assert written.startswith("See <https://example.org/faq>. Or [the FAQ](https://example.org/faq), <https://example.org/a>,")
    assert "`https://example.org/code`" in written and "[ref]: https://example.org/ref" in written
    assert "(https://example.org/b)" in written  # a parenthesis is left alone: it may be a link's
