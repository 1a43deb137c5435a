"""Which English text a translation was made from (like OpenTelemetry's pinned commit).

A translation records `translated_from: <fingerprint>` in its front matter: the fingerprint of
the English page it translates. When the English page changes, the fingerprints differ and the
translation is stale until a translator brings it up to date and records the new fingerprint.
"""

from __future__ import annotations

import re

from ..sources import SourcePage
from ..versions.integrity import text_sha256

FIELD = "translated_from"
LENGTH = 12


def fingerprint(page: SourcePage) -> str:
    """The start of the SHA-256 of the English text, as published (see versions.integrity)."""
    return text_sha256(page)[:LENGTH]


def with_pin(text: str, value: str) -> str:
    """The file's text with its `translated_from` field set to `value` (added if absent)."""
    head, fence, rest = text.partition("\n---\n")
    if re.search(rf"^{FIELD}:", head, re.M):
        head = re.sub(rf"^{FIELD}:.*$", f"{FIELD}: {value}", head, count=1, flags=re.M)
    else:
        head = f"{head}\n{FIELD}: {value}"
    return head + fence + rest
