"""Which English text a translation was made from (like OpenTelemetry's pinned commit).

A translation records `translated_from: <fingerprint>` in its front matter: the fingerprint of
the English page it translates. When the English page changes, the fingerprints differ and the
translation is stale until a translator brings it up to date and records the new fingerprint.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

from ..sources import SourcePage
from ..versions.integrity import text_of

FIELD = "translated_from"
LENGTH = 12


def translated_text(fields: dict[str, Any], body: str) -> str:
    """What a translator translates: the published text (title and body) and the summary of
    changes, so that a new version, whose summary is new, always needs its translations."""
    return text_of(str(fields.get("title", "")), body) + "summary: " + str(fields.get("summary", "")).strip() + "\n"


def digest(fields: dict[str, Any], body: str) -> str:
    return hashlib.sha256(translated_text(fields, body).encode("utf-8")).hexdigest()


def fingerprint(page: SourcePage) -> str:
    """The start of the SHA-256 of the English page's translated text."""
    return _fingerprint(page.title, page.version.summary if page.version else "", page.body)


@functools.lru_cache(maxsize=4096)
def _fingerprint(title: str, summary: str, body: str) -> str:
    # every language's check asks for its English page's fingerprint, and serve asks again at
    # each rebuild: hashed once per text
    return digest({"title": title, "summary": summary}, body)[:LENGTH]


def with_pin(text: str, value: str) -> str:
    """The file's text with its `translated_from` field set to `value` (added if absent)."""
    head, fence, rest = text.partition("\n---\n")
    if re.search(rf"^{FIELD}:", head, re.M):
        head = re.sub(rf"^{FIELD}:.*$", f"{FIELD}: {value}", head, count=1, flags=re.M)
    else:
        head = f"{head}\n{FIELD}: {value}"
    return head + fence + rest
