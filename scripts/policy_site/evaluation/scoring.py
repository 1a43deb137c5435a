"""How well the translation check does on an evaluation corpus: false alarms on translations
that are right, and drift caught at the clause English changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..translation.carried_over import changed_words
from ..translation.check import translation_mismatches
from ..translation.compare import Mismatch, aligned
from ..translation.outline import outline
from .corpus import Pair, Side

LANGUAGES = ("en", "fr", "es", "pt", "it", "de", "nl", "sv", "ru", "tr")


@dataclass(frozen=True)
class Outcome:
    pair: Pair
    findings: tuple[Mismatch, ...]
    refused: str  # the import refused the translation: a structure finding for the whole file
    changed: tuple[str, ...] = ()  # drift: the English clauses (labels) that changed
    caught: tuple[str, ...] = ()  # drift: those of them with a finding

    @property
    def alarmed(self) -> bool:
        return bool(self.findings or self.refused)

    @property
    def caught_everywhere(self) -> bool:
        """Every changed clause has a finding of its own (a refused import names one place only)."""
        return bool(self.changed) and set(self.caught) == set(self.changed)


def findings(pair: Pair, with_history: bool = True) -> tuple[tuple[Mismatch, ...], str]:
    current = pair.current
    if current.translation is None:
        return (), current.refused
    earlier = None
    if with_history and pair.earlier is not None and pair.earlier.translation is not None:
        earlier = (pair.earlier.english, pair.earlier.translation)
    return tuple(translation_mismatches(current.english, current.translation, LANGUAGES, "en", {}, earlier)), ""


def changed_clauses(earlier: Side, current: Side) -> tuple[str, ...]:
    """Labels of the English clauses of `current` that are new or whose words changed."""
    before, now = outline(earlier.english.body), outline(current.english.body)
    matched = {id(e): old for e, old in aligned(now, before)}
    return tuple(e.label for e in now.blocks
                 if id(e) not in matched or changed_words(matched[id(e)].text, e.text))


def outcome(pair: Pair, with_history: bool = True) -> Outcome:
    found, refused = findings(pair, with_history)
    if pair.kind != "drift" or pair.earlier is None:
        return Outcome(pair, found, refused)
    changed = changed_clauses(pair.earlier, pair.current)
    flagged = {m.where for m in found}
    caught = tuple(label for label in changed if label in flagged)
    return Outcome(pair, found, refused, changed, caught)


@dataclass(frozen=True)
class Score:
    in_sync: int
    alarmed: int  # in-sync pairs with any finding
    false_alarms: int  # of those, the ones without a known defect
    defects: int  # in-sync pairs with a known defect
    defects_found: int
    drift: int
    caught: int  # any finding at all
    caught_at_clause: int  # a finding at every clause English changed
    changed_clauses: int
    clauses_flagged: int

    def lines(self) -> list[str]:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({100 * part / whole:.0f} %)" if whole else "0/0"
        return [
            f"in-sync pairs with any finding:     {share(self.alarmed, self.in_sync)}",
            f"  real defects found:               {share(self.defects_found, self.defects)}",
            f"  false alarms (no real defect):    {share(self.false_alarms, self.in_sync - self.defects)}",
            f"drift pairs with any finding:       {share(self.caught, self.drift)}",
            f"drift pairs caught at every changed clause: {share(self.caught_at_clause, self.drift)}",
            f"changed clauses flagged at that clause:     {share(self.clauses_flagged, self.changed_clauses)}",
        ]


def score(outcomes: Sequence[Outcome]) -> Score:
    in_sync = [o for o in outcomes if o.pair.kind == "in sync"]
    drift = [o for o in outcomes if o.pair.kind == "drift"]
    return Score(
        in_sync=len(in_sync), alarmed=sum(o.alarmed for o in in_sync),
        false_alarms=sum(o.alarmed for o in in_sync if not o.pair.defect),
        defects=sum(o.pair.defect for o in in_sync), defects_found=sum(o.alarmed for o in in_sync if o.pair.defect),
        drift=len(drift), caught=sum(o.alarmed for o in drift),
        caught_at_clause=sum(o.caught_everywhere for o in drift),
        changed_clauses=sum(len(o.changed) for o in drift), clauses_flagged=sum(len(o.caught) for o in drift),
    )
