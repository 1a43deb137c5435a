"""The allow-list of what a source may publish (policy_site.checks.allowed_content), on HTML
and addresses alone: no site needed."""

from __future__ import annotations

import pytest

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
            '<table><thead><tr><th style="text-align: left;">Name</th></tr></thead><tbody><tr id="row-a"><td>a</td></tr>'
            '</tbody></table><blockquote><p>q</p></blockquote>')
    assert html_findings(html) == []


def test_ids_are_plain_anchors_and_styles_only_alignment():
    found = [what for what, *_ in html_findings('<p id="Bad_Id">x</p><td style="color:red">y</td><p class="x">z</p>')]
    assert found == ["the anchor 'Bad_Id' (anchors are lower-case letters, digits and hyphens)",
                     "a style on <td>", "the attribute class= on <p>"]


def test_a_right_to_left_override_is_named_by_its_code_point():
    assert list(deceiving_characters("ok\n30\u202e days")) == [(1, "U+202E (right-to-left override)")]
