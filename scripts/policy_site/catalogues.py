"""The site's own interface strings: gettext catalogues under locales/, compiled by Babel.

Catalogues are compiled in memory at build time, so no compiled `.mo` file is ever stale or
committed; `pybabel compile -d locales` gives the same result on disk.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"


def catalogue_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def untranslated(catalogue: Catalog, template: Catalog) -> list[str]:
    """Message ids of the template that the catalogue leaves empty, fuzzy, or lacks."""
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = catalogue.get(message.id, message.context)
        if translated is None or translated.fuzzy or not translated.string:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
        elif isinstance(translated.string, tuple) and not all(translated.string):
            missing.append(message.id[0])
    return missing


def compiled_translations(catalogue: Catalog) -> Translations:
    """Babel translations object for Jinja's i18n extension, compiled without touching disk."""
    buffer = BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
