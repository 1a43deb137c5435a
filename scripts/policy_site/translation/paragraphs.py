"""Paragraphs a translator split or joined: one English paragraph written as two, or two as one.

A paragraph without an anchor is no clause (nothing links to it, no reader cites it), and
translators split a long sentence chain or join two short ones as their language reads best.
Each run of such paragraphs between two other blocks is aligned with the translation's by
length, as Gale and Church align sentences: one to one, two to one, one to two, or one left
alone. Two paragraphs are read as one when together they run as long as the translation usually
does and have as many sentences; a paragraph added or left out stays a finding, at its place.
"""

from __future__ import annotations

import difflib
import math
import statistics
from collections import Counter
from dataclasses import replace
from typing import Sequence

from .outline import Block, Outline
from .sentences import sentence_count

MIN_CHARACTERS = 40
# Costs of the alignment, in units of a length ratio off by JOINED_TOLERANCE from the usual one.
JOINED_TOLERANCE = 1.25
JOIN_COST = 0.5  # two paragraphs read as one: a little dearer than one to one
ALONE_COST = 3.0  # a paragraph without counterpart
SENTENCES_DIFFER_COST = 3.0  # joined paragraphs with another number of sentences than English
SPLIT_SENTENCE_COST = 1.0  # one paragraph for one, with a sentence split or joined: common, but a hint
RUN = "paragraphs"  # the token a run of plain paragraphs stands for when the runs are matched


def is_plain_paragraph(block: Block) -> bool:
    return block.kind == "p" and block.anchor is None


def joined(blocks: Sequence[Block]) -> Block:
    """Paragraphs read as one: the first one's label, every text, link, number and mark."""
    first = blocks[0]
    if len(blocks) == 1:
        return first
    markup: Counter[str] = Counter()
    for block in blocks:
        markup.update(dict(block.markup))
    return replace(
        first, text=" ".join(b.text for b in blocks), links=tuple(link for b in blocks for link in b.links),
        numbers=tuple(sorted(n for b in blocks for n in b.numbers)),
        emails=tuple(sorted(e for b in blocks for e in b.emails)), markup=tuple(markup.items()),
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


def runs(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """(start, end) of each block that is not a plain paragraph, and of each run of them."""
    found: list[tuple[int, int]] = []
    for index, block in enumerate(blocks):
        if is_plain_paragraph(block) and found and found[-1][1] == index and is_plain_paragraph(blocks[found[-1][0]]):
            found[-1] = (found[-1][0], index + 1)
        else:
            found.append((index, index + 1))
    return found


def token(blocks: Sequence[Block], run: tuple[int, int]) -> tuple:
    return (RUN,) if is_plain_paragraph(blocks[run[0]]) else blocks[run[0]].key


def split_paragraphs(english: Outline, translation: Outline, language: str | None = None,
                     source_language: str = "en") -> tuple[Outline, Outline]:
    """Both outlines with each split or joined paragraph read as one, and every plain paragraph
    given its place in the alignment, so that the structure check names a paragraph left out
    where it is, and the clause checks compare whole texts."""
    usual = usual_ratio(english, translation)
    if usual is None or language is None:
        return english, translation
    ours, theirs = list(english.blocks), list(translation.blocks)
    our_runs, their_runs = runs(ours), runs(theirs)
    matcher = difflib.SequenceMatcher(a=[token(ours, r) for r in our_runs], b=[token(theirs, r) for r in their_runs],
                                      autojunk=False)
    new_ours: list[Block] = []
    new_theirs: list[Block] = []
    done_ours = done_theirs = 0
    for number, (a, b, size) in enumerate(matcher.get_matching_blocks()):
        for run_a, run_b in zip(our_runs[a:a + size], their_runs[b:b + size]):
            start_a, start_b = run_a[0], run_b[0]
            new_ours += ours[done_ours:start_a]
            new_theirs += theirs[done_theirs:start_b]
            if is_plain_paragraph(ours[start_a]) and (run_a[1] - run_a[0]) + (run_b[1] - run_b[0]) > 2:
                left, right = align(ours[slice(*run_a)], theirs[slice(*run_b)], usual, language, source_language,
                                    f"{start_a}")
                new_ours += left
                new_theirs += right
            else:
                new_ours += ours[slice(*run_a)]
                new_theirs += theirs[slice(*run_b)]
            done_ours, done_theirs = run_a[1], run_b[1]
    new_ours += ours[done_ours:]
    new_theirs += theirs[done_theirs:]
    return Outline(tuple(new_ours)), Outline(tuple(new_theirs))


def cost(english: Sequence[Block], translation: Sequence[Block], usual: float, language: str,
         source_language: str) -> float:
    e, t = " ".join(b.text for b in english), " ".join(b.text for b in translation)
    if not e or not t:
        return math.inf
    off = abs(math.log(len(t) / len(e) / usual)) / math.log(JOINED_TOLERANCE)
    # counted paragraph by paragraph: one may end without a full stop (on an address)
    same_sentences = sum(sentence_count(b.text, source_language) for b in english) == sum(
        sentence_count(b.text, language) for b in translation)
    if len(english) + len(translation) > 2:
        off += JOIN_COST + (0 if same_sentences else SENTENCES_DIFFER_COST)
    elif not same_sentences:
        off += SPLIT_SENTENCE_COST
    return off


def align(english: Sequence[Block], translation: Sequence[Block], usual: float, language: str,
          source_language: str, run: str) -> tuple[list[Block], list[Block]]:
    """The two runs aligned at least cost, joined where a translator split or joined, each
    paragraph given its place (the same on both sides where they correspond)."""
    n, m = len(english), len(translation)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    moves = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for di, dj in moves:
                if i + di > n or j + dj > m:
                    continue
                if di and dj:
                    price = cost(english[i:i + di], translation[j:j + dj], usual, language, source_language)
                else:
                    price = ALONE_COST
                if best[i][j] + price < best[i + di][j + dj]:
                    best[i + di][j + dj] = best[i][j] + price
                    step[(i + di, j + dj)] = (di, dj)
    path = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = step[(i, j)]
        path.append((i - di, j - dj, di, dj))
        i, j = i - di, j - dj
    left: list[Block] = []
    right: list[Block] = []
    for i, j, di, dj in reversed(path):
        if di and dj:
            place = f"{run}/{i}"
            left.append(replace(joined(english[i:i + di]), place=place))
            right.append(replace(joined(translation[j:j + dj]), place=place))
        elif di:
            left.append(replace(english[i], place=f"{run}/{i}"))
        else:
            right.append(replace(translation[j], place=f"{run}/extra-{j}"))
    return left, right
