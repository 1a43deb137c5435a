"""Interface strings: every message our templates use is translated into every language."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from conftest import LANGUAGES, ROOT
from policy_site import catalogues


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A fresh extraction from the templates, so a new string cannot hide from the check."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "--no-location", "-o", str(pot), "overrides"],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def test_templates_have_interface_strings(template):
    assert len([m for m in template if m.id]) >= 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(template, language):
    path = catalogues.catalogue_path(ROOT / "locales", language)
    catalogue = catalogues.read_catalogue(path, language)
    assert catalogues.untranslated(catalogue, template) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(ROOT / "locales", language), language)
    for message in catalogue:
        if message.id and "%(" in message.id:
            assert message.string.count("%(time)s") == message.id.count("%(time)s"), message.id


def test_committed_template_is_up_to_date(template):
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        committed = read_po(handle)
    assert sorted(m.id for m in committed if m.id) == sorted(m.id for m in template if m.id)


def test_a_missing_translation_is_caught(template):
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(ROOT / "locales", "de"), "de")
    first = next(m for m in catalogue if m.id)
    first.string = ""
    assert catalogues.untranslated(catalogue, template) == [first.id]
