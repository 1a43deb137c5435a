"""Which version of a document is in force on a given day, and what each version's status is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from ..sources import SourcePage

IN_FORCE, SUPERSEDED, SCHEDULED = "in force", "superseded", "scheduled"


@dataclass(frozen=True)
class VersionState:
    """A version of a document seen from one build date."""

    page: SourcePage
    status: str  # IN_FORCE, SUPERSEDED or SCHEDULED
    previous: SourcePage | None  # the version it replaces, compared on its changes page
    superseded_on: dt.date | None  # when the next version took effect, for a superseded one

    @property
    def effective_date(self) -> dt.date:
        assert self.page.effective_date is not None
        return self.page.effective_date


def timeline(versions: Sequence[SourcePage], build_day: dt.date) -> list[VersionState]:
    """Each version with its status on build_day, oldest first.

    The version in force is the latest whose effective date has come; later ones are scheduled,
    earlier ones superseded (on the effective date of their successor). Before a document's first
    version takes effect, none is in force and every version is scheduled.
    """
    ordered = sorted(versions, key=lambda page: page.effective_date)
    started = [page for page in ordered if page.effective_date <= build_day]
    current = started[-1] if started else None
    states = []
    for index, page in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if page is current:
            status = IN_FORCE
        elif page.effective_date > build_day:
            status = SCHEDULED
        else:
            status = SUPERSEDED
        states.append(VersionState(
            page=page, status=status, previous=ordered[index - 1] if index else None,
            superseded_on=following.effective_date if status == SUPERSEDED and following else None,
        ))
    return states


def in_force(states: Sequence[VersionState]) -> VersionState | None:
    """The version in force, or None before the document's first version takes effect."""
    return next((state for state in states if state.status == IN_FORCE), None)


def shown_version(states: Sequence[VersionState]) -> VersionState:
    """What the document's own address shows: the version in force or, before the document's
    first version takes effect, that first version (with the date it will)."""
    return in_force(states) or states[0]


def announcement_day(state: VersionState) -> dt.date:
    """When readers are told of a version: its announcement, or else its effective date."""
    facts = state.page.version
    return facts.announced or state.effective_date


def is_announced(state: VersionState, build_day: dt.date) -> bool:
    """Whether readers are told of this version yet (notices, feeds). Editorial versions, which
    do not change meaning, are never announced."""
    return state.page.version.change == "material" and announcement_day(state) <= build_day
