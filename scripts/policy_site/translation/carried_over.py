"""A translation carried over from the previous version: English changed a clause, the
translation's clause is still word for word the one of the previous version.

This is the commonest real drift and the one the other checks cannot see: a list gains two
words ("caste, color"), a vendor is renamed, a sentence is reworded; structure, numbers and
length stay the same. The earlier version of both texts is in the repository, so the check can
tell what English changed and whether the translation followed.
"""

from __future__ import annotations

import difflib
import re
from .compare import Mismatch, aligned, short
from .outline import Block, Outline

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Two words this alike are one word respelt ("e-mail"/"email", "making"/"make"), a change a
# translation need not follow.
RESPELLING = 0.75


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def changed_words(before: str, after: str) -> list[str]:
    """The words English added, removed or replaced, respellings left out: empty when only
    punctuation, case or spelling changed."""
    if before == after:  # most clauses of a new version: nothing to compare word by word
        return []
    old, new = words(before), words(after)
    found: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = old[a1:a2], new[b1:b2]
        if op == "replace" and len(removed) == len(added) and all(
                difflib.SequenceMatcher(a=x, b=y).ratio() >= RESPELLING for x, y in zip(removed, added)):
            continue
        found += [f"-{word}" for word in removed] + [f"+{word}" for word in added]
    return found


def correspondence(english: Outline, translation: Outline) -> dict[int, Block]:
    """English block (by identity) -> the translation's block that renders it."""
    return {id(e): t for e, t in aligned(english, translation)}


def carried_over(earlier_english: Outline, earlier_translation: Outline, english: Outline,
                 translation: Outline, earlier: str) -> list[Mismatch]:
    """Clauses English changed since the version `earlier` (its date) whose translation is the
    earlier version's, unchanged. A clause English added or removed is the structure check's."""
    before = {id(e): t for e, t in aligned(english, earlier_english)}  # today's English -> earlier English
    earlier_translated = correspondence(earlier_english, earlier_translation)
    translated = correspondence(english, translation)
    problems = []
    for e in english.blocks:
        old_english, ours = before.get(id(e)), translated.get(id(e))
        if old_english is None or ours is None:
            continue
        old_translation = earlier_translated.get(id(old_english))
        if old_translation is None or old_translation.text != ours.text:
            continue
        changes = changed_words(old_english.text, e.text)
        if changes:
            problems.append(Mismatch(
                "unchanged", e.label,
                f"English changed this since the version of {earlier} ({short(' '.join(changes), 80)}), but the "
                "translation is still that version's, word for word: translate the change.",
                short(e.text, 300), short(ours.text, 300)))
    return problems

