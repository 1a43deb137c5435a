"""How many sentences a clause has, in each of our languages.

A sentence ends with '.', '!' or '?' (or '…') followed by a space and a capital letter, a digit
or an opening quote; not after an abbreviation of the language ("e.g.", "z. B.", "p. ex.",
"т. е.") or a clause number ("7.1."). Legal texts rarely use other endings, and a translator
keeps the sentences of a clause more often than not; a sentence added or dropped, together
with a clause that runs longer or shorter than usual, is the commonest real drift.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence, lower case, without their
# final '.'. Common to all: single letters (initials, "A. Smith") and clause numbers.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("e.g", "i.e", "etc", "cf", "vs", "no", "nos", "art", "para", "mr", "mrs", "ms", "dr", "st",
           "inc", "ltd", "co", "corp", "approx", "incl", "sec", "p", "pp", "u.s", "u.k", "e.u"),
    "fr": ("p. ex", "c.-à-d", "etc", "cf", "art", "al", "n°", "no", "m", "mme", "mlle", "dr", "st", "env", "p"),
    "es": ("p. ej", "etc", "art", "núm", "sr", "sra", "srta", "dr", "dra", "s.a", "s.l", "ej", "pág", "apdo"),
    "pt": ("p. ex", "ex", "etc", "art", "n.º", "nº", "sr", "sra", "dr", "dra", "lda", "s.a", "pág"),
    "it": ("ad es", "es", "ecc", "art", "n", "sig", "sig.ra", "dott", "s.p.a", "s.r.l", "pag"),
    "de": ("z. b", "d. h", "u. a", "bzw", "ggf", "usw", "vgl", "inkl", "ca", "nr", "abs", "art", "s", "dr",
           "str", "gmbh", "evtl", "sog", "z.b", "d.h", "u.a"),
    "nl": ("bijv", "b.v", "d.w.z", "o.a", "enz", "art", "nr", "dhr", "mevr", "dr", "blz", "n.v", "b.v"),
    "sv": ("t.ex", "t. ex", "bl.a", "d.v.s", "dvs", "m.m", "osv", "etc", "art", "nr", "ca", "s", "fr.o.m", "kap"),
    "ru": ("т. е", "т. д", "т. п", "т. к", "т.е", "т.д", "т.п", "и т. д", "др", "ст", "г", "гг", "п", "пп", "см",
           "ул", "д", "стр", "руб", "ч"),
    "tr": ("örn", "vb", "vs", "bkz", "md", "no", "dr", "sn", "s", "a.ş", "ltd", "şti"),
}
SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*\s+(?=[\"«“„(]?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ0-9])")


# Languages that write ordinals with a full stop ("am 1. März", "3. madde"): a number of one or
# two digits before a full stop ends no sentence there.
ORDINAL_DOT = frozenset({"de", "tr"})


@lru_cache(maxsize=16)
def abbreviation_pattern(language: str) -> re.Pattern:
    """What a full stop that ends no sentence follows: an abbreviation, an initial, a clause
    number ("7.1."), or an ordinal in the languages that write them with a full stop."""
    words = sorted({*ABBREVIATIONS.get(language, ()), *ABBREVIATIONS["en"][:4]}, key=len, reverse=True)
    numbers = r"\d+(?:\.\d+)+" + (r"|\d{1,2}" if language in ORDINAL_DOT else "")
    return re.compile(r"(?:(?<=\s)|^)(?:" + "|".join(re.escape(w) for w in words) + rf"|[^\W\d_]|{numbers})\.$",
                      re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # an English clause is counted against each language, in each version that keeps it
def sentence_count(text: str, language: str) -> int:
    """The number of sentences of a clause's text (at least 1 for any text)."""
    text = " ".join(text.split())
    if not text:
        return 0
    count = 1
    pattern = abbreviation_pattern(language)
    for match in SENTENCE_END.finditer(text):
        before = text[: match.start() + 1]
        if "." in match.group(0)[:1] and pattern.search(before[-24:]):
            continue  # "z. B. Ihre", "Art. 6", "7.1. The"
        count += 1
    return count
