"""Interface strings: every message our templates use is translated into every language."""

from __future__ import annotations

import re
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
         "--no-location", "-o", str(pot), "overrides", "scripts"],
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
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for placeholder in set(re.findall(r"%\(\w+\)s", " ".join(i for i in ids if i))):
            assert all(placeholder in string for string in strings), (message.id, placeholder)


def test_committed_template_is_up_to_date(template):
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        committed = read_po(handle)
    assert sorted(str(m.id) for m in committed if m.id) == sorted(str(m.id) for m in template if m.id)


def test_a_missing_translation_is_caught(template):
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(ROOT / "locales", "de"), "de")
    first = next(m for m in catalogue if m.id and isinstance(m.id, str))
    first.string = ""
    assert catalogues.untranslated(catalogue, template) == [first.id]
