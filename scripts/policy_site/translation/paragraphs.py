"""Paragraphs a translator split or joined: one English paragraph written as two, or two as one.

A paragraph without an anchor is no clause (nothing links to it, no reader cites it), and
translators split a long sentence chain or join two short ones as their language reads best.
Such a split is taken as one paragraph when the joined text is as long as the translation
usually runs; a paragraph added or left out changes that length and stays a finding.
"""

from __future__ import annotations

import difflib
import statistics
from collections import Counter
from typing import Sequence

from .outline import Block, Outline
from .sentences import sentence_count

# The paragraphs read as one must have the same number of sentences on both sides, and run
# within this factor of the document's usual length ratio.
JOINED_TOLERANCE = 1.25
MIN_CHARACTERS = 40
WINDOW = 2  # paragraphs on each side of the difference


def is_plain_paragraph(block: Block) -> bool:
    return block.kind == "p" and block.anchor is None


def joined(blocks: Sequence[Block]) -> Block:
    """Paragraphs read as one: the first one's label, every text, link, number and mark."""
    first = blocks[0]
    markup: Counter[str] = Counter()
    for block in blocks:
        markup.update(dict(block.markup))
    return Block(
        kind=first.kind, label=first.label, anchor=None, text=" ".join(b.text for b in blocks),
        links=tuple(link for b in blocks for link in b.links),
        numbers=tuple(sorted(n for b in blocks for n in b.numbers)),
        emails=tuple(sorted(e for b in blocks for e in b.emails)),
        markup=tuple((name, count) for name, count in markup.items()),
    )


def usual_ratio(english: Outline, translation: Outline) -> float | None:
    """The median length ratio of the blocks in the same place (kind and anchor)."""
    left = [(b.kind, b.anchor) for b in english.blocks]
    right = [(b.kind, b.anchor) for b in translation.blocks]
    ratios = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
        if op == "equal":
            ratios += [len(t.text) / len(e.text) for e, t in zip(english.blocks[a1:a2], translation.blocks[b1:b2])
                       if len(e.text) >= MIN_CHARACTERS and not e.kind.startswith("h")]
    return statistics.median(ratios) if len(ratios) >= 4 else None


def within(ratio: float, usual: float) -> bool:
    return 1 / JOINED_TOLERANCE <= ratio / usual <= JOINED_TOLERANCE


def split_paragraphs(english: Outline, translation: Outline, language: str | None = None,
                     source_language: str = "en") -> tuple[Outline, Outline]:
    """Both outlines with each split or joined paragraph read as one, so that the structure
    check does not complain of it and the clause checks compare the whole text. A split is
    sought in the smallest window of plain paragraphs around the difference (up to
    WINDOW on each side) whose texts have as many sentences and run as long as usual."""
    usual = usual_ratio(english, translation)
    if usual is None or language is None:
        return english, translation
    left = [(b.kind, b.anchor) for b in english.blocks]
    right = [(b.kind, b.anchor) for b in translation.blocks]
    ours, theirs = list(english.blocks), list(translation.blocks)
    merged_ours: dict[int, int] = {}  # first index -> end of the English blocks read as one
    merged_theirs: dict[int, int] = {}
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
        if op not in ("insert", "delete"):
            continue
        if not all(map(is_plain_paragraph, ours[a1:a2] + theirs[b1:b2])):
            continue
        window = matching_window(ours, theirs, (a1, a2, b1, b2), usual, language, source_language)
        if window is not None:
            i, k, j, l = window
            merged_ours[i], merged_theirs[j] = k, l
    return Outline(regrouped(ours, merged_ours)), Outline(regrouped(theirs, merged_theirs))


def matching_window(ours: Sequence[Block], theirs: Sequence[Block], where: tuple[int, int, int, int],
                    usual: float, language: str, source_language: str) -> tuple[int, int, int, int] | None:
    a1, a2, b1, b2 = where
    for size in range(1, 2 * WINDOW + 1):
        for back in range(min(size, WINDOW), -1, -1):
            forward = size - back
            if forward > WINDOW:
                continue
            i, j, k, l = a1 - back, b1 - back, a2 + forward, b2 + forward
            if i < 0 or j < 0 or k > len(ours) or l > len(theirs):
                continue
            e_run, t_run = ours[i:k], theirs[j:l]
            if not all(map(is_plain_paragraph, [*e_run, *t_run])):
                continue
            e_text, t_text = " ".join(b.text for b in e_run), " ".join(b.text for b in t_run)
            if len(e_text) >= MIN_CHARACTERS and within(len(t_text) / len(e_text), usual) and \
                    sentence_count(e_text, source_language) == sentence_count(t_text, language):
                return i, k, j, l
    return None


def regrouped(blocks: list[Block], merged: dict[int, int]) -> tuple[Block, ...]:
    found, index = [], 0
    while index < len(blocks):
        if index in merged:
            end = merged[index]
            found.append(joined(blocks[index:end]))
            index = end
        else:
            found.append(blocks[index])
            index += 1
    return tuple(found)
