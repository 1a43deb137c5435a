"""The edit scripts/benchmark times the live reload with: one clause saved again, a space longer."""

from __future__ import annotations

import pytest

from conftest import SAMPLE
from policy_site.reload_timing import clause_line, edited_clause
from policy_site.translation.outline import markdown_html
from policy_site.front_matter import split_front_matter


def test_the_edit_touches_one_line_of_prose_and_nothing_else():
    texts = [p for p in sorted((SAMPLE / "docs").rglob("*.md")) if p.name != "index.md"]
    assert texts
    for path in texts:
        text = path.read_text(encoding="utf-8")
        once, twice = edited_clause(text, 0), edited_clause(edited_clause(text, 0), 1)
        changed = [i for i, (a, b) in enumerate(zip(text.split("\n"), once.split("\n"))) if a != b]
        assert changed == [clause_line(text)], path
        assert split_front_matter(once, "").fields == split_front_matter(text, "").fields
        squeezed = lambda html: " ".join(html.split()).replace(" <", "<")  # a space more at a line end, no other change
        assert squeezed(markdown_html(split_front_matter(once, "").body)) == squeezed(markdown_html(split_front_matter(text, "").body))
        assert once != twice


def test_a_text_without_prose_is_refused():
    with pytest.raises(ValueError, match="no clause"):
        edited_clause("---\ntitle: A\n---\n# Heading\n\n- short\n", 0)
