"""Names a translation keeps as English writes them: a company, a product, a vendor. A name that
vanishes from its clause, or that the translation writes longer than English does (a vendor
renamed from "Acme Marketing Cloud" to "Acme" in English only), is a finding.

A name is known by the first word of a run of capitalised words, if English never writes that
word in lower case ("Acme" of "Acme Marketing Cloud"; not "Community" of "Community Impact",
nor a single capitalised word at a sentence's start, which may be any word). Only names the
translation writes as English does, at least half as often, are names to keep.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+(?:[-.&][^\W_]+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|[\"«“„(]\s*)$")
# Languages that capitalise every noun: a capitalised word after a name may be an ordinary one.
NOUNS_CAPITALISED = frozenset({"de"})


@lru_cache(maxsize=1 << 16)  # a clause recurs in every version that keeps it: read once
def runs(text: str) -> tuple[str, ...]:
    """Each run of capitalised words (in any script); at a sentence's start, only a run of
    several words (a single capitalised word there may be any word)."""
    found: list[str] = []
    current: list[re.Match] = []

    def close() -> None:
        if current:
            start = current[0].start()
            if len(current) > 1 or not SENTENCE_START.search(text[:start]):
                found.append(" ".join(m.group(0) for m in current))
            current.clear()

    for match in TOKEN.finditer(text):
        word = match.group(0)
        capitalised = word[0].isupper() and not (match.start() and text[match.start() - 1] == "-")
        if capitalised and current and text[current[-1].end():match.start()].strip(" \u00a0") == "":
            current.append(match)
        else:
            close()
            if capitalised:
                current.append(match)
    close()
    return tuple(found)


@lru_cache(maxsize=64)
def words_of(document: str) -> Counter[str]:
    """How often each word occurs in a document, as written (one count per document, not per
    clause: the checks ask it for every clause)."""
    return Counter(match.group(0) for match in TOKEN.finditer(document))


@lru_cache(maxsize=64)
def lower_words(document: str) -> frozenset[str]:
    return frozenset(word for word in words_of(document) if word.islower())


def is_name(word: str, english_document: str) -> bool:
    """A word that English writes only capitalised ("Acme", "GDPR"; not "Code", which English
    also writes "code")."""
    return (word.isupper() and len(word) > 1) or word.lower() not in lower_words(english_document)


def leading_word(run: str) -> str:
    """The word a name is known by: a brand leads its product's name ("Acme" of "Acme Marketing
    Cloud"); the words after it may be ordinary ones that a translation translates."""
    return run.split()[0]


def occurrences(document: str, word: str) -> int:
    return words_of(document)[word]


def contains(text: str, name: str) -> bool:
    """The name (one word or several) as whole words of the text."""
    if " " not in name:
        return name in words_of(text)
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}(?!\w)", text))


def kept_names(english: str, english_document: str, translated_document: str) -> list[str]:
    """The English clause's names that the translation keeps: it writes them as English does at
    least half as often (a term kept once in a gloss, translated everywhere else, is no name)."""
    return list(dict.fromkeys(
        word for word in map(leading_word, runs(english))
        if is_name(word, english_document)
        and 2 * occurrences(translated_document, word) >= occurrences(english_document, word)
    ))


def name_differences(english: str, translation: str, english_document: str, translated_document: str,
                     language: str) -> list[str]:
    """What a translator should hear: a name missing from the clause, or written longer than
    English writes it (the words after it, unless the language capitalises its nouns)."""
    names = kept_names(english, english_document, translated_document)
    said = [f"'{name}' is missing" for name in names if not contains(translation, name)]
    if language in NOUNS_CAPITALISED:
        return said
    english_runs = runs(english)
    for run in runs(translation):
        name = leading_word(run)
        if name in names and run.isascii() and not contains(english, run):
            written = next((r for r in english_runs if leading_word(r) == name), name)
            if len(run.split()) > len(written.split()):
                said.append(f"the translation writes '{run}' where English writes '{written}'")
    return list(dict.fromkeys(said))
