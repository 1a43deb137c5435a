"""Anchors across versions: a link to a clause keeps working when a new version renames or drops
it, through the anchor the new version names in its place."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, epoch, run_build
from policy_site.sources import VersionFacts
from policy_site.versions.anchors import anchor_aliases, dropped_anchors, with_anchor_aliases
from test_editorial_checks import edit, one, problems, unpublish_the_scheduled_version


def facts(*replaced: tuple[str, str]) -> VersionFacts:
    return VersionFacts("privacy", dt.date(2027, 1, 1), None, "material", "s", (), None, tuple(replaced))


def test_an_anchor_dropped_without_a_replacement_is_named():
    assert dropped_anchors({"a", "b", "c"}, {"a", "c2"}, {"c": "c2"}) == ["b"]


def test_replacements_compose_across_versions_and_an_anchor_back_in_use_is_its_own():
    versions = [facts(), facts(("a", "b")), facts(("b", "c"))]
    assert anchor_aliases(versions, {"c", "x"}) == {"a": "c", "b": "c"}
    assert anchor_aliases(versions, {"c", "a"}) == {"b": "c"}  # 'a' is a real anchor again
    assert anchor_aliases(versions, {"x"}) == {}  # no place to lead to: no alias


@pytest.mark.parametrize("html, expected", [
    ('<h2 id="new">T</h2>', '<h2 id="new"><span id="old"></span>T</h2>'),
    ('<ol><li id="new">T</li></ol>', '<ol><li id="new"><span id="old"></span>T</li></ol>'),
    ('<tr id="new"><td>1</td></tr>', '<tr id="new"><td><span id="old"></span>1</td></tr>'),  # valid in a cell only
    ('<p id="newer">T</p>', '<p id="newer">T</p>'),
])
def test_the_dropped_anchor_is_placed_inside_the_element_that_replaces_it(html, expected):
    assert with_anchor_aliases(html, {"old": "new"}) == expected


def rename_in_every_language(project, old: str, new: str) -> None:
    for language in LANGUAGES:
        edit(project, f"{language}/privacy/2027-01-01.md", "{#" + old + "}", "{#" + new + "}")


def test_a_new_version_that_drops_an_anchor_is_refused_until_it_names_the_replacement(project_copy):
    unpublish_the_scheduled_version(project_copy)
    rename_in_every_language(project_copy, "use-of-information", "how-we-use-information")
    found = problems(project_copy)
    message = one(found, "docs/en/privacy/2027-01-01.md: drops #use-of-information of docs/en/privacy/2024-09-01.md: "
                         "links to it would break on 2027-01-01.")
    assert "replaced_anchors:\n        use-of-information: <an anchor of this version>" in message
    edit(project_copy, "en/privacy/2027-01-01.md", "change: material\n",
         "change: material\nreplaced_anchors:\n  use-of-information: how-we-use-information\n")
    assert problems(project_copy) == []  # the terms' links to #use-of-information still lead somewhere
    edit(project_copy, "fr/privacy/2027-01-01.md", "change: material\n",
         "change: material\nreplaced_anchors:\n  use-of-information: contact\n")
    one(problems(project_copy), "docs/fr/privacy/2027-01-01.md:7: has replaced_anchors other than docs/en/privacy/2027-01-01.md's.")


def test_replaced_anchors_must_name_real_anchors(project_copy):
    unpublish_the_scheduled_version(project_copy)
    edit(project_copy, "en/privacy/2027-01-01.md", "change: material\n",
         "change: material\nreplaced_anchors:\n  Bad Anchor: x\n")
    one(problems(project_copy), "docs/en/privacy/2027-01-01.md:7: replaced_anchors has 'Bad Anchor: x', which is not two anchors.")
    edit(project_copy, "en/privacy/2027-01-01.md", "  Bad Anchor: x\n",
         "  use-of-information: contact\n  never-was: contact\n  backups: nowhere\n")
    rename_in_every_language(project_copy, "backups", "backup-period")
    found = problems(project_copy)
    one(found, "docs/en/privacy/2027-01-01.md:7: names #use-of-information under replaced_anchors, but this version still has it.")
    one(found, "docs/en/privacy/2027-01-01.md:7: names #never-was under replaced_anchors, which docs/en/privacy/2024-09-01.md does not have.")
    one(found, "docs/en/privacy/2027-01-01.md:7: leads #backups to #nowhere under replaced_anchors, which this version does not have.")


def test_a_misspelt_field_is_named_with_the_field_it_resembles(project_copy):
    edit(project_copy, "en/privacy/2024-09-01.md", "announced: 2024-07-15", "anounced: 2024-07-15")
    message = one(problems(project_copy), "docs/en/privacy/2024-09-01.md:5: has a field 'anounced' that a version does not have.")
    assert "Did you mean 'announced'?" in message


def test_an_old_link_to_a_replaced_anchor_lands_on_its_replacement(project_copy, tmp_path):
    unpublish_the_scheduled_version(project_copy)
    rename_in_every_language(project_copy, "use-of-information", "how-we-use-information")
    edit(project_copy, "en/privacy/2027-01-01.md", "change: material\n",
         "change: material\nreplaced_anchors:\n  use-of-information: how-we-use-information\n")
    recorded = subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "record"],
                              cwd=project_copy, capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": epoch("2026-12-15"),
                                                                                      "PATH": "/usr/bin:/bin"})
    assert recorded.returncode == 0, recorded.stderr
    result = run_build(project_copy, tmp_path / "out", {"SOURCE_DATE_EPOCH": epoch("2027-02-01")})
    assert result.returncode == 0, result.stderr
    for language in ("en", "fr", "ru"):
        page = BeautifulSoup((tmp_path / "out" / language / "privacy" / "index.html").read_text(encoding="utf-8"), "html.parser")
        alias = page.find(id="use-of-information")
        assert alias is not None and alias.name == "span" and alias.parent["id"] == "how-we-use-information", language
        assert len(page.find_all(id="use-of-information")) == 1
