"""Notices of material changes, for the organisation to deliver: `/<lang>/notices.json`, which
a product reads to show a notice in the app, and an e-mail per language, which its mailer sends.

A feed waits for readers to poll it; the EU's transparency guidelines ask for an explicit notice
of a material change. The site sends nothing and keeps no address: it writes what to send. A
notice has the id of the feed entry of the same version and language, so that a product that
reads both never shows one change twice. Editorial versions (no change of meaning) and a
document's first version (no change at all) have no notice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.policy import SMTP
from html import escape

SCHEMA_FILE = "notices.schema.json"  # at the site's root, beside the languages


@dataclass(frozen=True)
class Notice:
    id: str  # the feed entry's id
    document: str
    language: str  # of the notice
    text_language: str  # of its title and summary: English where the translation lags
    title: str  # the document's title
    announced: str  # ISO dates
    effective_date: str
    summary: str
    version_url: str
    changes_url: str
    document_url: str
    pdf_url: str | None = None  # the version's PDF in this language, where the site makes PDFs


@dataclass(frozen=True)
class NoticeLabels:
    """The notice's sentences in its language (the site's interface catalogues)."""

    subject: str  # "Privacy policy: new version from 1 January 2027"
    dates: str  # "Announced on 20 November 2026, takes effect on 1 January 2027."
    read: str  # "Read the new version"
    changes: str  # "See what changes"
    pdf: str  # "PDF of this version"


def notices_json(notices: list[Notice], language: str, schema_url: str) -> str:
    """The language's notices, newest first, as published at /<lang>/notices.json."""
    ordered = sorted(notices, key=lambda n: (n.announced, n.effective_date, n.id), reverse=True)
    data = {"$schema": schema_url, "language": language, "notices": [asdict(n) for n in ordered]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_notices(text: str) -> list[Notice]:
    return [Notice(**entry) for entry in json.loads(text)["notices"]]


DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
ADDRESS = {"type": "string", "pattern": r"^https?://"}
NOTICES_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Notices of material changes to legal documents, in one language",
    "type": "object",
    "required": ["language", "notices"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "language": {"type": "string", "description": "the language of the notices (BCP 47)"},
        "notices": {
            "type": "array",
            "description": "newest announcement first; show a notice from `announced` until some days after `effective_date`",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": list(Notice.__dataclass_fields__),
                "properties": {
                    "id": {"type": "string", "description": "permanent; the id of the feed entry of the same change"},
                    "document": {"type": "string", "description": "the document's name, as in its addresses"},
                    "language": {"type": "string"},
                    "text_language": {"type": "string", "description": "the language of title and summary: the source language where the translation is not ready"},
                    "title": {"type": "string"},
                    "announced": DATE,
                    "effective_date": DATE,
                    "summary": {"type": "string", "description": "plain text: what changes, for readers"},
                    "version_url": ADDRESS,
                    "changes_url": {**ADDRESS, "description": "the comparison with the version before"},
                    "document_url": {**ADDRESS, "description": "the document's address: always the version in force"},
                    "pdf_url": {"type": ["string", "null"], "pattern": r"^https?://",
                                "description": "the version's PDF (PDF/UA-1) in this language; null where the site makes no PDFs"},
                },
            },
        },
    },
}


def schema_json() -> str:
    return json.dumps(NOTICES_SCHEMA, ensure_ascii=False, indent=1) + "\n"


def email(notice: Notice, labels: NoticeLabels) -> EmailMessage:
    """A multipart e-mail (plain text and HTML) of one notice, for the organisation's mailer to
    address and send: no sender, no recipient, no tracking, no image, nothing loaded."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = labels.subject
    text = "\n\n".join([
        notice.summary, labels.dates,
        f"{labels.read}: {notice.version_url}", f"{labels.changes}: {notice.changes_url}",
        *([f"{labels.pdf}: {notice.pdf_url}"] if notice.pdf_url else []),
    ]) + "\n"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    marked = f' lang="{escape(notice.text_language)}"' if notice.text_language != notice.language else ""
    html = (
        f'<!DOCTYPE html>\n<html lang="{escape(notice.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(labels.subject)}</title></head><body>\n"
        f"<p{marked}>{escape(notice.summary)}</p>\n<p>{escape(labels.dates)}</p>\n"
        f'<p><a href="{escape(notice.version_url)}">{escape(labels.read)}</a></p>\n'
        f'<p><a href="{escape(notice.changes_url)}">{escape(labels.changes)}</a></p>\n'
        + (f'<p><a href="{escape(notice.pdf_url)}" type="application/pdf">{escape(labels.pdf)}</a></p>\n'
           if notice.pdf_url else "")
        + "</body></html>\n"
    )
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = notice.language  # after the parts: set_content drops Content-* headers
    for part in message.iter_parts():
        part["Content-Language"] = notice.language
    # the same notice gives the same bytes on every run (the pull request's artifact, a re-send)
    message.set_boundary("=_" + hashlib.sha256(notice.id.encode("utf-8")).hexdigest()[:32])
    return message
