"""The one diff rule of the site: a longest common subsequence, ties broken towards deletion.

It is written down so that the browser's comparer of any two versions
(overrides/assets/javascripts/compare-versions.js) can follow exactly the same rule as the
comparison pages built here; a test runs both on every pair of versions and requires the same
result.
"""

from __future__ import annotations

import re
from typing import Sequence, TypeVar

T = TypeVar("T")

# Words, runs of white space, and single other characters: a change is marked word by word.
TOKEN = re.compile(r"\s+|[^\s\w]|\w+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def opcodes(a: Sequence[T], b: Sequence[T]) -> list[tuple[str, int, int, int, int]]:
    """('equal' | 'change', a1, a2, b1, b2) runs turning a into b, like difflib's opcodes."""
    n, m = len(a), len(b)
    # longest[i][j]: length of the longest common subsequence of a[i:] and b[j:]
    longest = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = longest[i], longest[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    steps = []  # 'e' (both advance), 'd' (a advances), 'i' (b advances)
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and a[i] == b[j]:
            steps.append("e"); i += 1; j += 1
        elif j >= m or (i < n and longest[i + 1][j] >= longest[i][j + 1]):
            steps.append("d"); i += 1
        else:
            steps.append("i"); j += 1
    result: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for step in steps:
        kind = "equal" if step == "e" else "change"
        if result and result[-1][0] == kind:
            _, a1, _, b1, _ = result[-1]
        else:
            a1, b1 = i, j
        i += step in "ed"
        j += step in "ei"
        if result and result[-1][0] == kind:
            result[-1] = (kind, a1, i, b1, j)
        else:
            result.append((kind, a1, i, b1, j))
    return result
