"""The allow-list of what a source may publish (policy_site.checks.allowed_content), on HTML
and addresses alone: no site needed."""

from __future__ import annotations

import pytest

from policy_site.checks import allowed_content
from policy_site.checks.allowed_content import address_problem, deceiving_characters, html_findings


@pytest.mark.parametrize("address, image, refused", [
    ("https://example.org/terms", False, False),
    ("mailto:privacy@example.org", False, False),
    ("../terms/index.md#liability", False, False),
    ("#liability", False, False),
    ("javascript:alert(1)", False, True),
    (" JaVaScRiPt:alert(1)", False, True),
    ("java\tscript:alert(1)", False, True),
    ("data:text/html;base64,PHNjcmlwdD4=", False, True),
    ("http://example.org/", False, True),
    ("//evil.example/x", False, True),
    ("../assets/logo.png", True, False),
    ("https://tracker.example/pixel.png", True, True),
])
def test_addresses(address, image, refused):
    assert (address_problem(address, image) is not None) is refused


def test_what_markdown_renders_for_a_policy_passes():
    html = ('<h2 id="data-retention">7. Data retention</h2><ol><li id="data-retention-1"><strong>Accounts</strong>: '
            '<a href="https://example.org" title="x">see</a> <code>_ga</code> <abbr title="General">GDPR</abbr></li></ol>'
            '<table><thead><tr><th class="policy-align-left">Name</th></tr></thead><tbody><tr id="row-a"><td>a</td></tr>'
            '</tbody></table><blockquote><p>q</p></blockquote>')
    assert html_findings(html) == []


def test_ids_are_plain_anchors_and_styles_only_alignment():
    found = [what for what, *_ in html_findings('<p id="Bad_Id">x</p><td style="text-align: left">y</td>'
                                                '<p class="x">z</p><td class="md-content">w</td>')]
    assert found == ["the anchor 'Bad_Id' (anchors are lower-case letters, digits and hyphens)",
                     "the attribute style= on <td>", "the attribute class= on <p>", "the class 'md-content' on <td>"]


def test_a_column_alignment_is_a_class_not_an_inline_style():
    from policy_site.translation.outline import markdown_html

    html = markdown_html("| Name | Days |\n|:-----|-----:|\n| Backups | 30 |\n")
    assert 'style=' not in html and '<th class="policy-align-left">Name</th>' in html
    assert '<td class="policy-align-right">30</td>' in html and html_findings(html) == []


def test_a_right_to_left_override_is_named_by_its_code_point():
    assert list(deceiving_characters("ok\n30\u202e days")) == [(1, "U+202E (right-to-left override)")]


def test_a_look_alike_domain_is_refused():
    assert "outside ASCII" in address_problem("https://p\u0430ypal.com/login", False)
    assert address_problem("https://xn--80ak6aa92e.com/", False) is None


def test_a_list_nested_a_thousand_times_is_refused_before_it_is_rendered():
    from policy_site.checks.allowed_content import content_problems
    from policy_site.sources import SourcePage
    body = "".join(" " * (2 * depth) + "- item\n" for depth in range(1000))
    found = content_problems(SourcePage("en", "index.md", "Home", body, 5))
    assert [(p.path, p.line) for p in found] == [("docs/en/index.md", 38)] and "nested deeper" in found[0].message


def test_a_field_written_twice_or_an_alias_is_refused():
    from policy_site.front_matter import split_front_matter
    twice = split_front_matter("---\ntitle: a\nsummary: x\nsummary: y\n---\nbody", "f.md")
    assert (twice.line, twice.message) == (4, "front matter has the field 'summary' twice (lines 3 and 4); YAML would "
                                              "keep only the last.")
    bomb = split_front_matter("---\na: &x [1, 2]\nb: [*x, *x, *x]\n---\nbody", "f.md")
    assert "anchors (&name) and aliases (*name) are not allowed" in bomb.message


@pytest.mark.parametrize("field, longest", sorted(allowed_content.LONGEST_FIELD.items()))
def test_a_front_matter_text_longer_than_its_limit_is_refused_with_its_length(field, longest):
    assert allowed_content.field_problems("docs/en/a.md", field, "x" * longest, 4) == []
    [problem] = allowed_content.field_problems("docs/en/a.md", field, "x" * (longest + 1), 4)
    assert str(problem).startswith(f"docs/en/a.md:4: has a '{field}:' of {longest + 1:,} characters; it may have at most {longest:,}.")


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)" href="https://example.org/">terms</a>',  # a browser follows the first
    '<a href="https://example.org/" href="javascript:alert(1)">terms</a>',
])
def test_an_address_written_twice_is_checked_each_time(html):
    assert [what for what, *_ in html_findings(html)] == [
        "the address 'javascript:alert(1)', a 'javascript:' address (links are https:, mailto: or the site's own)"]


def test_every_element_comment_and_attribute_outside_the_list_is_found_in_raw_html():
    html = ('<!-- hidden --><P ID="Bad Id" onclick="x()">a</P><svg><script>alert(1)</script></svg>'
            '<td class="  policy-align-left  ">b</td><td class="a  b">c</td><iframe src="x"></iframe>')
    assert [what for what, *_ in html_findings(html)] == [
        "an HTML comment",
        "the anchor 'Bad Id' (anchors are lower-case letters, digits and hyphens)",
        "the attribute onclick= on <p>",
        "a <svg> element", "a <script> element",
        "the class 'a b' on <td>",
        "an <iframe> element",
    ]
