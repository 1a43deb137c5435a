"""Numbers written as words: "zehn Jahre" for "10 years", "dois fatores" for "two factors".

The translation check compares the numbers written in digits in English and in a translation.
Translators often spell a small number out (or English does), so a number found on one side
only is looked for as a word on the other side before it is reported. Words are read on the
other side only, never everywhere: "un", "une", "ein" are articles far more often than numbers.

The base forms come from num2words (cardinal and ordinal, in each of our languages); the forms
a language adds by gender or case are listed below, for the numbers that take them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

SPELLED_UP_TO = 100  # larger numbers are written in digits in legal texts

# Forms that num2words does not give: gender, case, and the prefix of compounds ("двух-" in
# "двухфакторной", "zwei-" in "zweistufig" is found by the prefix rule below already).
INFLECTED: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {1: ("once",), 2: ("twice", "double"), 3: ("thrice",)},
    "fr": {1: ("une", "première"), 2: ("double",)},
    "es": {1: ("un", "una", "primera", "primer"), 2: ("doble",), 3: ("tercera", "tercer")},
    "pt": {1: ("uma", "primeira"), 2: ("duas", "dupla", "duplo", "segunda"), 3: ("terceira",)},
    "it": {1: ("un", "una", "prima"), 2: ("doppia", "doppio", "seconda"), 3: ("terza",)},
    "de": {1: ("ein", "eine", "einen", "einem", "einer", "eines", "erste"), 2: ("doppelt",), 3: ("dritte",)},
    "nl": {1: ("een", "eerste"), 2: ("dubbel",)},
    "sv": {1: ("en", "första"), 2: ("dubbel",)},
    "ru": {
        1: ("одна", "одно", "одного", "одной", "одному", "одним", "одну", "первая", "первое", "первого", "первой"),
        2: ("две", "двух", "двум", "двумя", "двое", "вторая", "второе", "второго", "второй", "двойн"),
        3: ("трёх", "трех", "трём", "трем", "тремя", "трое", "третья", "третье", "третьего", "третьей"),
        4: ("четырёх", "четырех", "четырьмя", "четверо"),
        5: ("пяти", "пятью", "пятая"), 6: ("шести", "шестью"), 7: ("семи", "семью"),
        8: ("восьми", "восемью"), 9: ("девяти", "девятью"), 10: ("десяти", "десятью"),
        12: ("двенадцати",), 14: ("четырнадцати",), 15: ("пятнадцати",), 20: ("двадцати",),
        30: ("тридцати",), 40: ("сорока",), 45: ("сорока пяти",), 60: ("шестидесяти",), 90: ("девяноста",),
    },
    "tr": {2: ("çift",)},
}
WORD = re.compile(r"\w+", re.UNICODE)
# Languages that write a number and a noun as one word ("zweistufig", "tvåstegs",
# "tweestaps", "двухфакторной"); the others hyphenate, and a number's name only begins other
# words by chance ("septembre", "tenant").
COMPOUNDING = frozenset({"de", "nl", "sv", "ru"})


@lru_cache(maxsize=4096)
def spelled_forms(number: int, language: str) -> frozenset[str]:
    """The ways `number` is written in words in `language`, lower case."""
    forms: set[str] = set(INFLECTED.get(language, {}).get(number, ()))
    for kind in ("cardinal", "ordinal"):
        try:
            forms.add(num2words(number, lang=language, to=kind))
        except (NotImplementedError, OverflowError, KeyError, ValueError):
            continue
    return frozenset(form.lower().replace("-", " ") for form in forms if form)


def words_of(text: str) -> str:
    return " ".join(WORD.findall(text.lower().replace("-", " ")))


def is_spelled_out(number: str, text: str, language: str) -> bool:
    """Whether a number written in digits ('10') is written as a word in the text. In a
    compounding language a word may begin with the form ("zweistufig", "tvåstegs",
    "двухфакторной") unless it is the name of a larger number ("zweiundzwanzig")."""
    if not number.isdigit() or not 0 <= int(number) <= SPELLED_UP_TO:
        return False
    value = int(number)
    tokens = words_of(text).split()
    joined = f" {' '.join(tokens)} "
    for form in spelled_forms(value, language):
        if " " in form:
            if f" {form} " in joined:
                return True
            continue
        for token in tokens:
            if token == form:
                return True
            if language in COMPOUNDING and len(form) >= 3 and token.startswith(form) and not any(
                    token.startswith(longer) for longer in longer_names(value, language)):
                return True
    return False


@lru_cache(maxsize=4096)
def longer_names(number: int, language: str) -> tuple[str, ...]:
    """One-word names of other numbers that begin with one of this number's ("zwei" ->
    "zweiundzwanzig", "vier" -> "vierzig")."""
    base = [form for form in spelled_forms(number, language) if " " not in form]
    return tuple(sorted({
        form for other in range(SPELLED_UP_TO + 1) if other != number
        for form in spelled_forms(other, language)
        if " " not in form and any(form.startswith(b) and form != b for b in base)
    }))
