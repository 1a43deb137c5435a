"""Language names and codes, always taken from CLDR through Babel, never typed by hand."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@lru_cache(maxsize=None)  # every page lists every language: CLDR is read once per language
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


def english_name(code: str) -> str:
    """The language's name in English ("Polish"), for messages to whoever runs the site."""
    return Locale.parse(code).get_display_name("en") or code


def has_stemmer(code: str, supported: Collection[str]) -> bool:
    """Whether lunr has rules for the language (English is built in)."""
    return code == "en" or code in supported


def search_pipeline(code: str, supported: Collection[str], configured: Sequence[str]) -> list[str]:
    """The configured lunr pipeline, or none for a language lunr has no rules for: English's
    trimmer, stop words and stemmer would cut and change its words (lunr's trimmer drops letters
    such as 'ż' at the end of a word)."""
    return list(configured) if has_stemmer(code, supported) else []


def search_languages(code: str, supported: Collection[str]) -> list[str]:
    """The lunr languages of a language's search index: its own stemmer and stop words, plus
    English's for a language written in another script than Latin, whose lunr trimmer would
    drop the Latin names in its text ("Lettermoss"). Stacking English onto a Latin-script
    language would stem its words twice, by two sets of rules. A language lunr has no rules for
    (not in `supported`) gets English's: unstemmed, and found only if written in Latin script."""
    if code == "en" or not has_stemmer(code, supported):
        return ["en"]
    return [code] if script(code) == "Latn" else ["en", code]


def script(code: str) -> str:
    """The ISO 15924 code of the script a language is usually written in ("Latn", "Cyrl")."""
    explicit = Locale.parse(code).script
    if explicit:
        return explicit
    likely = get_global("likely_subtags").get(code, "")  # e.g. "ru_Cyrl_RU"
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else ""
