"""A problem in the sources, said so that an editor can act on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, what is wrong, what to do about it."""

    path: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message} {self.fix}"


class SourceError(Exception):
    """Raised with every problem found, so that one run reports all of them."""

    def __init__(self, problems: list[Problem], consequence: str = "; nothing was built"):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the sources{consequence}:"
        super().__init__("\n".join([heading, *(f"  - {p}" for p in self.problems)]))
