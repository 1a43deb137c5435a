"""A published version never changes silently.

`docs/published.yml` records, for every published text (document, version, language), the
SHA-256 of its text, how many editorial corrections it had, and what readers were told of it: the
SHA-256 of its facts (change, announced, the corrections so far) and of its wording (summary,
short notice), apart, so that the record alone tells which of them changed. A text
that no longer matches its record stops the build, unless the change left a trace: a new entry
under `corrections:` in that file (a new `translated_from` pin is none). A summary may be
corrected the same way; `change` and `announced` never change once recorded (the feeds have
told readers), and corrections are only ever added.
`policy-site record` rewrites the record after such a change, so the pull request shows it.
"""

from __future__ import annotations

import difflib
import hashlib
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from ..front_matter import FrontMatter, split_front_matter
from ..problems import Problem
from ..sources import SiteSources, SourcePage, VersionFacts, check_version

RECORD_FILE = "published.yml"


@dataclass(frozen=True)
class RecordedText:
    sha256: str
    corrections: int
    translated_from: str | None = None
    imported: str | None = None  # the day `policy-site import-version` brought it in, if it did
    # facts_sha256 of the version: of its fixed facts, and of its wording (None in records written
    # before they existed). Two hashes, so that the record alone tells which changed.
    facts: str | None = None
    wording: str | None = None


def text_of(title: str, body: str) -> str:
    """The text a reader can save and verify: the title, then the body, trailing space trimmed."""
    lines = [title.strip(), *(line.rstrip() for line in body.strip("\n").split("\n"))]
    return "\n".join(lines) + "\n"


def published_text(page: SourcePage) -> str:
    return text_of(page.title, page.body)


def text_sha256(page: SourcePage) -> str:
    return _text_sha256(page.title, page.body)


@lru_cache(maxsize=16384)  # versions.json and the record check hash every text at each build (and `serve` rebuild)
def _text_sha256(title: str, body: str) -> str:
    return hashlib.sha256(text_of(title, body).encode("utf-8")).hexdigest()


def facts_lines(version: VersionFacts, corrections: int | None = None) -> dict[str, str]:
    """What readers were told of a version, field by field, with its first `corrections`
    corrections (all of them when None)."""
    kept = version.corrections if corrections is None else version.corrections[:corrections]
    lines = {
        "change": version.change,
        "announced": version.announced.isoformat() if version.announced else "",
        "summary": version.summary.strip(),
        "short_notice": (version.short_notice or "").strip(),
    }
    lines.update({f"correction {n}": f"{c.date.isoformat()} {c.summary.strip()}" for n, c in enumerate(kept, 1)})
    return lines


WORDING = ("summary", "short_notice")  # texts a correction may correct; the rest never change


def facts_sha256(version: VersionFacts, corrections: int | None = None, wording: bool = False) -> str:
    """SHA-256 of the version's fixed facts (change, announced, its first `corrections`
    corrections), or of its wording (summary, short notice)."""
    lines = facts_lines(version, corrections)
    text = "".join(f"{name}: {value}\n" for name, value in lines.items() if (name in WORDING) is wording)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_key(page: SourcePage) -> str:
    return f"{page.document}/{page.effective_date.isoformat()}"


# The record is written by `record`; libyaml reads it ten times faster where it is built in.
RECORD_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RECORD_FIX = (f"Restore it (git checkout -- docs/{RECORD_FILE}) and let `policy-site record` write it; "
              "never edit it by hand.")

Record = dict[str, dict[str, RecordedText]]  # "privacy/2024-09-01" -> language -> what was recorded


class RecordError(Exception):
    """A record that cannot be read: its revision is unknown, or its text is not a record."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {reason}." if path else reason)
        self.reason, self.path = reason, path


def repeated_node(node: yaml.Node) -> bool:
    """Whether a node is reached twice: what an alias is once composed (an alias bomb expands
    only when its values are built, so it is refused before)."""
    seen: set[int] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            pending.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return False


def parse_record(text: str) -> Record:
    """The record in `text`, or RecordError saying what is wrong with it."""
    loader = RECORD_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None and repeated_node(node):
            raise RecordError("uses YAML anchors or aliases, which `policy-site record` never writes")
        raw = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        raise RecordError(f"is not valid YAML ({getattr(error, 'problem', None) or error})") from None
    finally:
        loader.dispose()
    try:
        return {
            str(key): {str(lang): RecordedText(**entry) for lang, entry in languages.items()}
            for key, languages in (raw or {}).items()
        }
    except (AttributeError, TypeError) as error:
        raise RecordError(f"is not a record of published texts ({error})") from None


@lru_cache(maxsize=4)  # `serve` reads the record again after each save; it seldom changes
def parsed_record(text: str) -> Record:
    return parse_record(text)


def read_record(path: Path) -> Record:
    """The record in docs/published.yml (empty where nothing is published yet); RecordError,
    naming the file, where it is not a record."""
    if not path.exists():
        return {}
    try:
        parsed = parsed_record(path.read_text(encoding="utf-8"))
        return {key: dict(texts) for key, texts in parsed.items()}  # the caller's own, to change at will
    except RecordError as error:
        raise RecordError(error.reason, f"docs/{RECORD_FILE}") from None
    except UnicodeDecodeError:
        raise RecordError("is not UTF-8 text", f"docs/{RECORD_FILE}") from None


def record_at(docs_dir: Path, revision: str) -> dict[str, dict[str, RecordedText]]:
    """The record as it is in a git revision (the pull request's base branch): empty where that
    revision has none yet. Raises RecordError when git cannot show that revision."""
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                           cwd=docs_dir, capture_output=True, text=True)
    if known.returncode != 0:
        raise RecordError(
            f"git knows no revision {revision!r} here: fetch it first (actions/checkout with "
            "fetch-depth: 0, or `git fetch origin <branch>`)."
        )
    shown = subprocess.run(["git", "show", f"{revision}:./{RECORD_FILE}"], cwd=docs_dir,
                           capture_output=True, text=True)
    if shown.returncode != 0:
        return {}  # the base branch has published nothing yet
    try:
        return parse_record(shown.stdout)
    except RecordError as error:
        raise RecordError(error.reason, f"{revision}:docs/{RECORD_FILE}") from None


def dropped_records(
    record: dict[str, dict[str, RecordedText]], base: dict[str, dict[str, RecordedText]], base_name: str
) -> list[Problem]:
    """Texts the base branch recorded that the record no longer has: once published, a text stays
    under watch."""
    shown = f"docs/{RECORD_FILE}"
    return [
        Problem(shown, None,
                f"no longer records {key} in '{language}', which {base_name} records: that text would no "
                "longer be protected.",
                f"Run `policy-site record` (it keeps every published text), or restore the file from {base_name}.")
        for key, languages in sorted(base.items()) for language in sorted(languages)
        if language not in record.get(key, {})
    ]


def current_record(
    sources: SiteSources, previous: dict[str, dict[str, RecordedText]] | None = None
) -> dict[str, dict[str, RecordedText]]:
    """The record of the texts as they are now; the trace of an import is kept from `previous`."""
    previous = previous or {}
    record: dict[str, dict[str, RecordedText]] = {}
    for page in sorted(sources.pages.values(), key=lambda p: (p.path, p.language)):
        if page.version is None:
            continue
        record.setdefault(record_key(page), {})[page.language] = RecordedText(
            sha256=text_sha256(page), corrections=len(page.version.corrections),
            translated_from=page.translated_from,
            imported=previous.get(record_key(page), {}).get(page.language, RecordedText("", 0)).imported,
            facts=facts_sha256(page.version), wording=facts_sha256(page.version, wording=True),
        )
    return record


def write_record(path: Path, record: dict[str, dict[str, RecordedText]]) -> None:
    data: dict[str, Any] = {
        key: {
            lang: {k: v for k, v in vars(entry).items() if v is not None}
            for lang, entry in sorted(languages.items())
        }
        for key, languages in sorted(record.items())
    }
    header = (
        "# Every published text: SHA-256 of its text, its number of editorial corrections, the\n"
        "# SHA-256 of its facts (change, announced, corrections) and of its wording (summary,\n"
        "# short notice).\n"
        "# Written by `policy-site record`. Never edit by hand: the build refuses a published\n"
        "# text, or its facts, changed without a correction.\n"
    )
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def published_digest(fields: dict, body: str) -> str:
    return hashlib.sha256(text_of(str(fields.get("title", "")), body).encode("utf-8")).hexdigest()


def earlier_text(file: Path, sha256: str) -> str | None:
    """The published text whose SHA-256 is (or starts with) `sha256`, from the file's git
    history (None where git cannot tell)."""
    found = earlier_file(file, sha256, published_digest)
    if found is None:
        return None
    front = split_front_matter(found, file.name)
    return None if isinstance(front, Problem) else text_of(str(front.fields.get("title", "")), front.body)


def earlier_file(file: Path, sha256: str, digest: Callable[[dict, str], str]) -> str | None:
    """The whole file as it was when digest(front matter, body) had that value (or prefix),
    from git history (None where git cannot tell)."""
    try:
        revisions = subprocess.run(
            ["git", "log", "--format=%H", "--follow", "--", file.name],
            cwd=file.parent, capture_output=True, text=True, check=True,
        ).stdout.split()
        relative = subprocess.run(
            ["git", "ls-files", "--full-name", "--", file.name],
            cwd=file.parent, capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    for revision in revisions:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{relative}"], cwd=file.parent, capture_output=True, text=True,
        )
        if shown.returncode != 0:
            continue
        front = split_front_matter(shown.stdout, relative)
        if isinstance(front, Problem):
            continue
        if digest(front.fields, front.body).startswith(sha256):
            return shown.stdout
    return None


def integrity_problems(
    sources: SiteSources,
    record: dict[str, dict[str, RecordedText]],
    docs_dir: Path,
    find_earlier: Callable[[Path, str], str | None] = earlier_text,
) -> list[Problem]:
    """Published texts that changed without a trace, each with the diff, and published texts
    whose file is gone (deleted or renamed): a published address never disappears."""
    problems = removed_texts(sources, record, docs_dir) + fact_problems(sources, record, docs_dir)
    for page in sources.pages.values():
        if page.version is None:
            continue
        recorded = record.get(record_key(page), {}).get(page.language)
        if recorded is None or recorded.sha256 == text_sha256(page):
            continue
        if len(page.version.corrections) > recorded.corrections:
            continue  # an editorial correction was recorded in the front matter of this very file
        # A new pin is no trace: it says the translation follows English, not what changed in it.
        # A translation that changes once published needs a correction of its own, else "nous ne
        # vendons pas" could become "nous vendons" in the change that fixed an English comma.
        before = find_earlier(docs_dir / page.language / page.path, recorded.sha256)
        diff = (
            "".join(difflib.unified_diff(
                before.splitlines(keepends=True), published_text(page).splitlines(keepends=True),
                "published", "now", n=1,
            ))
            if before is not None else "(the published text is not in this repository's history)\n"
        )
        problems.append(Problem(
            page.source_file, None,
            "is a published version and its text changed without a trace:\n" + indent(diff),
            "Undo the change; or, if it fixes a mistake without changing the meaning, add an entry "
            "under 'corrections:' (date and summary) and run `policy-site record`; if it changes the "
            "meaning, start a new version with `policy-site new-version`.",
        ))
    return problems


def earlier_facts(file: Path, recorded: RecordedText) -> VersionFacts | None:
    """The facts of the version as recorded (the file's state in git whose facts, with their
    first recorded corrections, and wording have the recorded hashes), or None where git cannot tell."""
    corrections = recorded.corrections
    document, stem = file.parent.name, file.stem

    def facts(fields: dict, body: str) -> VersionFacts | None:
        front = FrontMatter(fields, {}, body, 1)
        return check_version(fields, front, file.name, document, stem)[0]

    def digest(fields: dict, body: str) -> str:
        found = facts(fields, body)
        if found is None:
            return ""
        return facts_sha256(found, corrections) + (facts_sha256(found, wording=True) if recorded.wording else "")

    found = earlier_file(file, (recorded.facts or "") + (recorded.wording or ""), digest)
    if found is None:
        return None
    front = split_front_matter(found, file.name)
    return None if isinstance(front, Problem) else facts(front.fields, front.body)


def fact_problems(
    sources: SiteSources,
    record: dict[str, dict[str, RecordedText]],
    docs_dir: Path,
    find_earlier: Callable[[Path, RecordedText], VersionFacts | None] = earlier_facts,
) -> list[Problem]:
    """Recorded facts that changed: what readers were told of a version (its change, announcement
    date, summary, short notice and corrections) is part of what was published."""
    problems = []
    for page in sorted(sources.pages.values(), key=lambda p: (p.language, p.path)):
        recorded = record.get(record_key(page), {}).get(page.language) if page.version else None
        if recorded is None or recorded.facts is None or page.version is None:
            continue
        version = page.version
        if len(version.corrections) < recorded.corrections:
            problems.append(Problem(
                page.source_file, page.field_line("corrections"),
                f"is a published version with {recorded.corrections} recorded correction(s), and now has "
                f"{len(version.corrections)}: a correction was removed.",
                "Put the removed entry back under 'corrections:' (git diff shows it): a correction is "
                "never taken back; a new one may correct it.",
            ))
            continue
        fixed = facts_sha256(version, recorded.corrections) == recorded.facts
        new_correction = len(version.corrections) > recorded.corrections
        worded = recorded.wording is None or facts_sha256(version, wording=True) == recorded.wording
        if fixed and (worded or new_correction):
            continue  # unchanged, corrections added, or a summary corrected with its correction
        before = find_earlier(docs_dir / page.language / page.path, recorded)
        if before is None:  # the record still tells which part changed
            problems.append(Problem(
                page.source_file, None,
                "is a published version and " + (
                    "its change, announcement date or an earlier correction differs from what was recorded"
                    if not fixed else "its summary or short notice changed without a correction")
                + " (this repository's history does not show the recorded text).",
                "Undo the change to the front matter; a summary is corrected with a new entry under "
                "'corrections:' and `policy-site record`; change and announced never change.",
            ))
            continue
        now, then = facts_lines(version, recorded.corrections), facts_lines(before, recorded.corrections)
        changed = [name for name in now if now[name] != then.get(name)]
        for name in changed:
            corrected = name in WORDING and new_correction
            if corrected:
                continue
            field = name if name in ("change", "announced", "summary", "short_notice") else "corrections"
            if name in ("change", "announced"):
                fix = (f"Write '{field}: {then[name]}' again: readers were told it, in the feeds and on the "
                       "history page. If the version itself must change, start a new version with "
                       "`policy-site new-version`.")
            elif field == "corrections":
                fix = (f"Write {name} as it was recorded ({then[name]}): corrections are only ever added; "
                       "add a new one to correct it.")
            else:
                fix = (f"Undo the change, or add an entry under 'corrections:' that says the {name} was "
                       "corrected, then run `policy-site record`.")
            problems.append(Problem(
                page.source_file, page.field_line(field),
                f"is a published version and its {name} changed without a trace:\n"
                f"      published: {then.get(name) or '(none)'}\n      now:       {now[name] or '(none)'}",
                fix,
            ))
    return problems


def removed_texts(
    sources: SiteSources, record: dict[str, dict[str, RecordedText]], docs_dir: Path
) -> list[Problem]:
    """Recorded texts of a configured language that no longer have their file."""
    problems = []
    for key, languages in sorted(record.items()):
        for language in sorted(languages):
            shown = f"docs/{language}/{key}.md"
            if language in sources.languages and not (docs_dir / language / f"{key}.md").is_file():
                problems.append(Problem(
                    shown, None,
                    "is a published version, recorded in docs/published.yml, and its file is gone "
                    "(deleted or renamed): its address would disappear.",
                    f"Restore it (git checkout -- {shown}); a version is never removed or renamed. To "
                    "change its text, add a correction or start a new version.",
                ))
    return problems


def indent(text: str) -> str:
    return "".join("      " + line for line in text.splitlines(keepends=True))
