"""The theme adapter's contract: what scripts/policy_site/theme/ expects of the theme's files,
held to the installed theme, each expectation shown to fail when the theme no longer meets it,
and its effect seen on every page built."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import material
from policy_site.theme import contract, markup

THEME = Path(material.__file__).parent / "templates"


def test_the_installed_theme_meets_the_contract():
    assert contract.theme_folder([str(THEME.parent.parent / "nowhere"), str(THEME)]) == THEME
    assert contract.broken_expectations(THEME) == []


def test_every_piece_of_theme_markup_the_adapter_matches_is_in_the_contract():
    fragments = {expectation.fragment for expectation in contract.EXPECTATIONS}
    matched = {markup.SEARCH_DIALOG, markup.TOC_LABEL, markup.CONFIG_SCRIPT_START, markup.TOC_LIST_START,
               *(start for _, start in markup.OWN_TITLE_STARTS)}
    assert matched <= fragments


def copy_of_theme(tmp_path: Path) -> Path:
    copy = tmp_path / "theme"
    templates = {expectation.template for expectation in contract.EXPECTATIONS}
    for name in templates:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(THEME / name, copy / name)
    for pattern in {pattern for pattern, *_ in (*contract.FILE_PATTERNS, *contract.PATTERN_FRAGMENTS)}:
        for path in THEME.glob(pattern):
            (copy / path.relative_to(THEME)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, copy / path.relative_to(THEME))
    assert contract.broken_expectations(copy) == []
    return copy


@pytest.mark.parametrize("expectation", contract.EXPECTATIONS, ids=lambda e: f"{e.template}:{e.fragment[:30]}")
def test_a_theme_that_no_longer_has_what_is_expected_is_told_with_what_relies_on_it(tmp_path, expectation):
    theme = copy_of_theme(tmp_path)
    path = theme / expectation.template
    if expectation.fragment:
        path.write_text(path.read_text(encoding="utf-8").replace(expectation.fragment, "<!-- moved -->"), encoding="utf-8")
    else:
        path.unlink()
    broken = contract.broken_expectations(theme)
    assert broken and all(expectation.template in message for message in broken)
    assert any(expectation.relied_on_by in message for message in broken)


@pytest.mark.parametrize("pattern, relied_on_by", contract.FILE_PATTERNS)
def test_a_theme_without_its_search_worker_or_lunr_rules_is_told(tmp_path, pattern, relied_on_by):
    theme = copy_of_theme(tmp_path)
    for path in theme.glob(pattern):
        path.unlink()
    assert contract.broken_expectations(theme) == [f"no file {pattern}; {relied_on_by} relies on it"]


@pytest.mark.parametrize("pattern, fragment, relied_on_by", contract.PATTERN_FRAGMENTS, ids=lambda v: str(v)[:30])
def test_a_theme_worker_or_bundle_without_what_the_search_wrapper_needs_is_told(tmp_path, pattern, fragment, relied_on_by):
    theme = copy_of_theme(tmp_path)
    for path in theme.glob(pattern):
        path.write_text(path.read_text(encoding="utf-8").replace(fragment, "/* moved */"), encoding="utf-8")
    broken = contract.broken_expectations(theme)
    assert broken and all(fragment in message and relied_on_by in message for message in broken)


def test_the_build_s_theme_check_names_what_moved_or_that_the_theme_is_missing(tmp_path):
    theme = copy_of_theme(tmp_path)
    (theme / "partials" / "search.html").write_text("<div class=md-search></div>", encoding="utf-8")
    assert any("partials/search.html no longer has" in message for message in contract.theme_problems([str(theme)]))
    assert contract.theme_problems([str(tmp_path / "empty")])[0].startswith("no base.html")


@pytest.mark.build
def test_every_page_shows_the_effect_of_each_coupling(site):
    pages = [path for path in site.rglob("*.html") if path.parent != site]  # the root pages have no theme
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert markup.CONFIG_SCRIPT_START in html, path
        assert "stemmed-search.js?theme=search." in html, path
        assert re.search(re.escape(markup.SEARCH_DIALOG[:-1]) + ' aria-label="[^"]+">', html), path
        assert not markup.CHECKBOX_AUTOCOMPLETE.search(html), path
        assert html.count('hreflang="') >= 2, path  # the language links, from extra.alternate
