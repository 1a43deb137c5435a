"""A translation may link to the page in its own language: the same address with the language
in it (`/fr/privacy`, `fr.example.com`, `/fr/` for `/en/`). That is the same link, translated,
and so is the same page written with another ending (`/privacy` for `/privacy.html`)."""

from __future__ import annotations

import re
from typing import Sequence
from urllib.parse import urlsplit

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{2,4})?")
# Endings a site may or may not write for one page: '/privacy', '/privacy/', '/privacy.html'.
PAGE_ENDING = re.compile(r"(?:/|\.html?|/index\.html?)$")


def is_tag_of(segment: str, language: str) -> bool:
    """'fr', 'fr-ca', 'pt_BR' for fr / pt; the file's language, in any regional form."""
    segment = segment.lower()
    return bool(LANGUAGE_TAG.fullmatch(segment)) and re.split(r"[-_]", segment)[0] == language


def page_segments(path: str) -> list[str]:
    return [part for part in PAGE_ENDING.sub("", path).split("/") if part]


def is_localised(english: str, translated: str, language: str, source_language: str = "en") -> bool:
    """The translated address is the English one in the translation's language."""
    ours, theirs = urlsplit(english), urlsplit(translated)
    if not ours.netloc or ours.scheme not in ("http", "https") or theirs.scheme not in ("http", "https"):
        return False
    if ours.query != theirs.query or ours.fragment != theirs.fragment:
        return False
    left, right = page_segments(ours.path), page_segments(theirs.path)
    if ours.netloc != theirs.netloc:  # fr.example.com for example.com (or en.example.com)
        host, _, rest = theirs.netloc.partition(".")
        english_host = ours.netloc.split(".", 1)
        same_host = rest == ours.netloc or (len(english_host) == 2 and is_tag_of(english_host[0], source_language)
                                            and rest == english_host[1])
        return is_tag_of(host, language) and same_host and left == right
    if left == right:
        return True  # the same page, written with another ending ('/privacy' for '/privacy.html')
    for index, segment in enumerate(right):
        if is_tag_of(segment, language):
            without = right[:index] + right[index + 1:]
            if without == left:
                return True  # /fr/privacy for /privacy
            if index < len(left) and is_tag_of(left[index], source_language) and \
                    left[:index] + left[index + 1:] == without:
                return True  # /fr/privacy for /en/privacy
    return False


def in_english(translated: Sequence[str], english: Sequence[str], language: str,
               source_language: str = "en") -> tuple[str, ...]:
    """The translation's links with each localised address put back to the English one it
    translates (so only a real difference of target remains)."""
    return tuple(next((e for e in english if e != link and is_localised(e, link, language, source_language)), link)
                 for link in translated)
