"""`policy-site init`: turn the sample into a new organisation's site.

The organisation's name is set once, as `site_name` in mkdocs.yml; the copyright line and the
description are derived from it by the plugin. The sample's content (docs/) is replaced by one
home page per language and an empty record of published texts; the versions come next, with
`policy-site import-version`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from babel.messages.pofile import read_po, write_po

from .. import catalogues, languages
from ..front_matter import with_title
from ..versions import integrity
from . import settings_file

DOCUMENT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class AdoptionError(ValueError):
    pass


@dataclass(frozen=True)
class Adoption:
    organisation: str
    site_url: str
    languages: tuple[str, ...]
    documents: tuple[str, ...]
    source_language: str = "en"


def parse_adoption(organisation: str, site_url: str, codes: str, documents: str) -> Adoption:
    """The command's arguments, each checked, with every mistake named at once."""
    errors = []
    if not organisation.strip():
        errors.append("--organisation is empty: give the organisation's name as readers should see it.")
    parts = urlsplit(site_url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        errors.append(f"--site-url {site_url!r} is not an absolute address: write it as https://legal.example.org/.")
    language_list = [c.strip() for c in codes.split(",") if c.strip()]
    unknown = [c for c in language_list if not languages.is_known_language(c)]
    if unknown:
        errors.append(f"--languages: {', '.join(unknown)} is not a language code; use ISO 639-1 codes such as 'de'.")
    if "en" not in language_list:
        errors.append("--languages must include en: English is the source of truth every translation follows.")
    document_list = [d.strip() for d in documents.split(",") if d.strip()]
    bad = [d for d in document_list if not DOCUMENT_NAME.match(d)]
    if bad or not document_list:
        errors.append(f"--documents: {', '.join(bad) or '(none)'}: name each document in lower-case letters, "
                      "digits and hyphens (it becomes its address: /en/privacy/).")
    if len(set(language_list)) != len(language_list) or len(set(document_list)) != len(document_list):
        errors.append("--languages and --documents must not repeat a name.")
    if errors:
        raise AdoptionError("\n".join(errors))
    ordered = ["en", *[c for c in language_list if c != "en"]]
    return Adoption(organisation.strip(), site_url if site_url.endswith("/") else site_url + "/",
                    tuple(ordered), tuple(document_list))


def feed_id_prefix(site_url: str, today: dt.date) -> str:
    """An RFC 4151 tag: the site's domain and the year it starts to publish feeds."""
    return f'"tag:{urlsplit(site_url).hostname},{today.year}:"'


def adopted_settings(text: str, adoption: Adoption, today: dt.date) -> str:
    text = settings_file.set_top_level(text, "site_name", adoption.organisation)
    text = settings_file.set_top_level(text, "site_url", adoption.site_url)
    text = settings_file.set_top_level(text, "site_description", None)  # derived from site_name
    text = settings_file.set_top_level(text, "copyright", None)  # derived from site_name
    text = re.sub(r"(?m)^# The .* legal site\. ", "# The legal documents site. ", text, count=1)
    text = settings_file.with_languages(text, adoption.languages, adoption.source_language)
    text = settings_file.with_documents(text, adoption.documents)
    return settings_file.set_nested(text, "feed_id_prefix", feed_id_prefix(adoption.site_url, today))


def home_page(gettext) -> str:
    """A language's home page; the plugin adds the list of documents below it."""
    title = gettext("Legal documents")
    text = gettext("Each document below shows the date from which it applies. Its version history "
                   "lists every earlier version and what changed in each.")
    return with_title(title, f"\n# {title} {{#legal-documents}}\n{text}\n")


def write_content(docs_dir: Path, locales_dir: Path, adoption: Adoption) -> list[str]:
    """Replace docs/ by a home page per language and an empty record; return what to do next
    that init cannot do (a language without interface catalogue)."""
    todo = []
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for code in adoption.languages:
        path = catalogues.catalogue_path(locales_dir, code)
        if path.is_file():
            gettext = catalogues.compiled_translations(catalogues.read_catalogue(path, code)).gettext
        else:
            gettext = str
            todo.append(
                f"{path.relative_to(locales_dir.parent)}: no interface catalogue for {code} "
                f"({languages.english_name(code)}). Run `policy-site add-language {code}`, translate "
                f"its empty entries, and translate docs/{code}/index.md (written in English meanwhile)."
            )
        target = docs_dir / code / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(home_page(gettext), encoding="utf-8")
    integrity.write_record(docs_dir / integrity.RECORD_FILE, {})
    return todo


def new_catalogue(locales_dir: Path, code: str) -> Path:
    """An empty catalogue for a language, from the template of every interface string."""
    with (locales_dir / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    template.locale = code
    path = catalogues.catalogue_path(locales_dir, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False)
    return path


def copy_english(docs_dir: Path, code: str, source_language: str = "en") -> list[str]:
    """A language's files, copied from English and not pinned: readers get the English text,
    marked as such, under a notice, until each file is translated and pinned."""
    created = []
    for source in sorted((docs_dir / source_language).rglob("*.md")):
        target = docs_dir / code / source.relative_to(docs_dir / source_language)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        target.write_text(re.sub(r"(?m)^translated_from:.*\n", "", text), encoding="utf-8")
        created.append(target.relative_to(docs_dir.parent).as_posix())
    return created


def languages_of(text: str) -> list[str]:
    return re.findall(r"\{locale: ([A-Za-z_-]+)", text)


def with_language_added(text: str, code: str) -> str:
    codes = languages_of(text)
    return text if code in codes else settings_file.with_languages(text, [*codes, code], "en")


def with_language_removed(text: str, code: str) -> str:
    return settings_file.with_languages(text, [c for c in languages_of(text) if c != code], "en")


def plain_languages(codes: Sequence[str]) -> str:
    return ", ".join(f"{code} ({languages.english_name(code)})" for code in codes)
