"""Compare a translation's outline with the English one, and say what a translator must fix."""

from __future__ import annotations

import difflib
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from babel import Locale

from .language_id import other_language
from .links import in_english
from .names import name_differences
from .numbers import is_spelled_out
from .outline import Block, Outline
from .paragraphs import split_paragraphs
from .sentences import sentence_count

# A clause with this many ordinary (lower-case) words that reads exactly as in English was not
# translated; an address or a list of names is rightly kept as it is.
UNTRANSLATED_MIN_WORDS = 4

# Length: each language runs longer or shorter than English by its own ratio (German about 1.35,
# Swedish 1.1). A clause whose ratio is more than twice, or less than half, the document's usual
# one has almost surely gained or lost a sentence. Measured on the sample (9 languages, 5
# versions): faithful clauses stay within 0.67-1.42 times the usual ratio; a one-sentence gloss
# added to a short clause gave 2.3-3.1. A sentence added to a long clause can stay under the
# tolerance: this catches the blatant cases, a reviewer the rest. Short clauses vary too much to
# judge, and a document needs enough clauses for a usual ratio.
LENGTH_MIN_CHARACTERS = 40
LENGTH_MIN_CLAUSES = 8
LENGTH_TOLERANCE = 2.0
# A sentence more or less, with the clause 1.35 times longer or shorter than usual: translators
# who split or join sentences stayed within 0.95-1.25 on the sample (19 of 1,215 clauses split or
# joined); one sentence appended to English (+40 %) gives 0.71.
SENTENCE_LENGTH_TOLERANCE = 1.35
HEADING = re.compile(r"h[1-6]")
MARKUP_NAMES = {"strong": "passages in bold", "code": "passages marked as code", "abbr": "abbreviations"}


@dataclass(frozen=True)
class Mismatch:
    # 'structure', 'anchors', 'links', 'numbers', 'names', 'e-mail addresses', 'markup', 'untranslated',
    # 'sentences', 'length', and 'unchanged' (carried over from the previous version)
    check: str
    where: str
    message: str
    english: str = ""
    translation: str = ""

    def __str__(self) -> str:
        lines = [f"[{self.check}] {self.where}: {self.message}"]
        if self.english or self.translation:  # bounded: a line of 130 URLs helps no one
            lines.append(f"    English:     {short(self.english, 300)}")
            lines.append(f"    translation: {short(self.translation, 300)}")
        return "\n".join(lines)


def short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind_name(kind: str) -> str:
    """A block's kind as a translator says it: 'ol>li' -> 'numbered clause', 'h2' -> 'heading'."""
    if HEADING.fullmatch(kind):
        return "title" if kind == "h1" else ("heading" if kind == "h2" else "subheading")
    if kind.endswith(">li"):
        depth = kind.count(">")
        base = "numbered clause" if kind.split(">")[-2] == "ol" else "bulleted item"
        return base if depth == 1 else f"{base} inside another"
    table = re.fullmatch(r"table (\d+)x(\d+)", kind)
    if table:
        return f"table of {table.group(1)} rows and {table.group(2)} columns"
    return {"p": "paragraph", "blockquote": "quotation", "pre": "code block"}.get(kind, kind)


def compare_structure(english: Outline, translation: Outline) -> list[Mismatch]:
    """Same blocks in the same order: headings and levels, clauses and nesting, paragraphs."""
    left = [b.key for b in english.blocks]
    right = [b.key for b in translation.blocks]
    problems = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        missing = english.blocks[a1:a2]
        extra = translation.blocks[b1:b2]
        if missing and extra:
            for e, t in zip(missing, extra):
                if e.kind == t.kind and e.anchor and t.anchor != e.anchor:
                    problems.append(Mismatch(
                        "anchors", e.label, f"the translation's anchor is {'#' + t.anchor if t.anchor else 'missing'} "
                        f"where English has #{e.anchor}: anchors are the same in every language; write "
                        f"{{#{e.anchor}}}.", short(e.text), short(t.text)))
                    continue
                problems.append(Mismatch(
                    "structure", e.label, f"the translation has a {kind_name(t.kind)} ({t.label}) where English "
                    f"has a {kind_name(e.kind)}.", short(e.text), short(t.text)))
            for e in missing[len(extra):]:
                problems.append(Mismatch("structure", e.label, f"this {kind_name(e.kind)} is missing in the "
                                         "translation.", short(e.text), ""))
            for t in extra[len(missing):]:
                problems.append(Mismatch("structure", t.label, f"the translation has an extra {kind_name(t.kind)} "
                                         "that English does not have.", "", short(t.text)))
        elif missing:
            for e in missing:
                problems.append(Mismatch("structure", e.label, f"this {kind_name(e.kind)} is missing in the "
                                         "translation.", short(e.text), ""))
        else:
            for t in extra:
                problems.append(Mismatch("structure", t.label, f"the translation has an extra {kind_name(t.kind)} "
                                         "that English does not have.", "", short(t.text)))
    return problems


def is_ordinary_prose(text: str) -> bool:
    """A sentence of ordinary words, which a translation must translate; not a postal address,
    a list of names or a code, which it may rightly keep as they are (mostly capitalised words,
    numbers and signs)."""
    words = re.findall(r"[^\W\d_]+", text)
    ordinary = [word for word in words if word.islower() and len(word) > 1]
    return len(ordinary) >= UNTRANSLATED_MIN_WORDS and len(ordinary) * 2 >= len(words)


def compare_blocks(e: Block, t: Block, language: str | None = None,
                   languages: Sequence[str] = (), source_language: str = "en",
                   documents: tuple[str, str] | None = None) -> list[Mismatch]:
    """Clause by clause: links, numbers, names (with `documents`, the English and translated
    texts whole), e-mail addresses, inline markup, text left in English or written in another
    language than the file's."""
    problems = []
    links = in_english(t.links, e.links, language, source_language) if language else t.links
    if sorted(e.links) != sorted(links):  # a multiset: grammar may reorder links within a clause
        missing, extra = Counter(e.links) - Counter(links), Counter(links) - Counter(e.links)
        said = [f"missing {', '.join(missing.elements())}" if missing else "",
                f"not in English {', '.join(extra.elements())}" if extra else ""]
        problems.append(Mismatch("links", e.label, f"link targets differ from English ({'; '.join(x for x in said if x)}): "
                                 "link the same targets; only the link text is translated.",
                                 " ".join(e.links), " ".join(t.links)))
    if e.numbers != t.numbers:
        # a number in digits on one side may be written in words on the other ("zehn Jahre")
        missing = [n for n in (Counter(e.numbers) - Counter(t.numbers)).elements()
                   if language is None or not is_spelled_out(n, t.text, language)]
        extra = [n for n in (Counter(t.numbers) - Counter(e.numbers)).elements()
                 if not is_spelled_out(n, e.text, source_language)]
        if missing or extra:
            said = [f"missing {', '.join(missing)}" if missing else "", f"not in English {', '.join(extra)}" if extra else ""]
            problems.append(Mismatch("numbers", e.label, f"numbers differ from English ({'; '.join(x for x in said if x)}).",
                                     f"{' '.join(e.numbers)} | {short(e.text)}",
                                     f"{' '.join(t.numbers)} | {short(t.text)}"))
    if language is not None and documents is not None and not HEADING.fullmatch(e.kind):
        said = name_differences(e.text, t.text, *documents, language)
        if said:
            problems.append(Mismatch("names", e.label, f"{'; '.join(said)}: write names as English writes them "
                                     "here.", short(e.text), short(t.text)))
    if e.emails != t.emails:
        problems.append(Mismatch("e-mail addresses", e.label, "e-mail addresses differ from English.",
                                 " ".join(e.emails), " ".join(t.emails)))
    if e.markup != t.markup:
        ours, theirs = dict(e.markup), dict(t.markup)
        said = "; ".join(f"English has {ours.get(name, 0)}, the translation {theirs.get(name, 0)}"
                         f" {MARKUP_NAMES[name]}" for name in MARKUP_NAMES if ours.get(name, 0) != theirs.get(name, 0))
        problems.append(Mismatch("markup", e.label, f"{said}: mark the same passages as English.",
                                 short(e.text), short(t.text)))
    if e.text == t.text:
        if is_ordinary_prose(e.text):  # an address or a name is rightly kept as it is
            problems.append(Mismatch("untranslated", e.label, "this text is identical to English: translate it.",
                                     short(e.text), short(t.text)))
    elif language is not None:
        found = other_language(t.text, language, languages)
        if found is not None:
            name = Locale.parse(found[0]).get_display_name("en")
            problems.append(Mismatch(
                "untranslated", e.label, f"this text reads as {name}, not as the file's language "
                f"({Locale.parse(language).get_display_name('en')}): translate it.", short(e.text), short(t.text)))
    return problems


def relative_lengths(pairs: Sequence[tuple[Block, Block]]) -> list[tuple[Block, Block, float]]:
    """Each long enough clause with its length ratio to English, divided by the document's usual
    ratio (the median); nothing when the document has too few clauses for a usual ratio."""
    measured = [(e, t, len(t.text) / len(e.text)) for e, t in pairs
                if len(e.text) >= LENGTH_MIN_CHARACTERS and not HEADING.fullmatch(e.kind)]  # a title is no clause
    if len(measured) < LENGTH_MIN_CLAUSES:
        return []
    usual = statistics.median(ratio for _, _, ratio in measured)
    return [(e, t, ratio / usual) for e, t, ratio in measured]


def compare_sentences(measured: Sequence[tuple[Block, Block, float]], language: str | None,
                      source_language: str = "en") -> list[Mismatch]:
    """A sentence added or left out: the clause has another number of sentences than English,
    and runs longer or shorter than the translation usually does, in the same direction (a
    translator who splits or joins sentences keeps the length)."""
    if language is None:
        return []
    problems = []
    for e, t, relative in measured:
        ours, theirs = sentence_count(e.text, source_language), sentence_count(t.text, language)
        if (theirs < ours and relative < 1 / SENTENCE_LENGTH_TOLERANCE) or (
                theirs > ours and relative > SENTENCE_LENGTH_TOLERANCE):
            question = "was a sentence left out?" if theirs < ours else "was a sentence added?"
            problems.append(Mismatch(
                "sentences", e.label, f"English has {ours} sentences here, the translation {theirs}, and it is "
                f"{relative:.2f} times as long as this translation's clauses usually are: {question} "
                "Translate every sentence of the English, and only those.", short(e.text, 300), short(t.text, 300)))
    return problems


def compare_lengths(measured: Sequence[tuple[Block, Block, float]], already: set[str] = frozenset()) -> list[Mismatch]:
    """Clauses much longer or shorter than the translation usually is: an addition or an
    omission that the other checks (structure, numbers, links) cannot see. `already`: clauses
    found by the sentence rule, not reported twice."""
    problems = []
    for e, t, relative in measured:
        if e.label in already:
            continue
        if relative > LENGTH_TOLERANCE or relative < 1 / LENGTH_TOLERANCE:
            question = "was something added?" if relative > 1 else "was something left out?"
            problems.append(Mismatch(
                "length", e.label, f"measured against English, this clause is {relative:.2f} times as "
                f"long as this translation's clauses usually are: {question} Translate exactly what "
                "the English says, no more and no less.", short(e.text, 200), short(t.text, 200)))
    return problems


def aligned(english: Outline, translation: Outline) -> list[tuple[Block, Block]]:
    """The blocks that correspond: runs of the same kinds and anchors in the same order and,
    where the structure differs, blocks with the same anchor. A difference of structure in one
    place leaves every other clause compared."""
    left = [b.key for b in english.blocks]
    right = [b.key for b in translation.blocks]
    if left == right:  # the usual case, which the matcher would find as one run, in more time
        return list(zip(english.blocks, translation.blocks))
    pairs: list[tuple[Block, Block]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
        if op == "equal":
            pairs += zip(english.blocks[a1:a2], translation.blocks[b1:b2])
        elif op == "replace":
            by_anchor = {b.anchor: b for b in translation.blocks[b1:b2] if b.anchor}
            pairs += [(e, by_anchor[e.anchor]) for e in english.blocks[a1:a2] if e.anchor in by_anchor]
    return pairs


def compare(english: Outline, translation: Outline, language: str | None = None,
            languages: Sequence[str] = (), source_language: str = "en") -> list[Mismatch]:
    """Every mismatch of the translation; with `language`, also passages in another language."""
    english, translation = split_paragraphs(english, translation, language, source_language)
    problems = compare_structure(english, translation)  # anchors too: each block's is compared
    pairs = aligned(english, translation)
    documents = (" ".join(b.text for b in english.blocks), " ".join(b.text for b in translation.blocks))
    for e, t in pairs:
        problems += compare_blocks(e, t, language, languages, source_language, documents)
    measured = relative_lengths(pairs)
    sentences = compare_sentences(measured, language, source_language)
    problems += sentences + compare_lengths(measured, {m.where for m in sentences})
    return problems
