"""Language names and codes, always taken from CLDR through Babel, never typed by hand."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError


def native_name(code: str) -> str:
    """The language's name in the language itself, as a menu entry ('Français', 'Русский').

    CLDR writes most names in lower case, as they appear mid-sentence; every language of this
    site capitalises the start of a sentence or a list item, so the first letter is raised.
    """
    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


def is_known_language(code: str) -> bool:
    """True when CLDR knows the code, so that dates and names can be localised for it."""
    try:
        Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True
