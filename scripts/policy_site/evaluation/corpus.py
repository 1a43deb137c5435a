"""An evaluation corpus: pairs of an English text and a translation, read from a git snapshot of
a public repository as its manifest (tests/evaluation/*.toml) describes them.

Each text goes through the import an adopter would use (`policy_site.versions.importing`), so
the check sees what it would see on a real site: anchored headings and clauses, the same
anchors in every language.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sources import SourcePage, VersionFacts
from ..versions.importing import english_anchors, imported_text, structure_differences, version_text
from ..front_matter import split_front_matter

DOCUMENT = "document"
STANDING_DAYS = 7  # a translation's text that stood this long on the main line was a delivery


@dataclass(frozen=True)
class Side:
    """One version of the document in English and in one language, as a site holds it; the
    translation is None when its structure differs from English (the import refuses it)."""

    english: SourcePage
    translation: SourcePage | None
    refused: str = ""  # why the import refused the translation


@dataclass(frozen=True)
class Pair:
    kind: str  # 'in sync' or 'drift'
    name: str  # '2.1 fr', '1.4 de after 375118c'
    language: str  # whose rules apply
    current: Side
    earlier: Side | None  # the version before, when the site has one
    reading: str = ""  # for a drift pair: what English changed; for a known defect, what it is
    defect: bool = False  # an in-sync pair whose translation has a real defect (read by us)


class Snapshot:
    """Files of a git repository at any commit, read with `git show`."""

    def __init__(self, path: Path):
        self.path = path

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), *args], check=True, capture_output=True,
                              text=True).stdout

    def text(self, commit: str, path: str) -> str | None:
        done = subprocess.run(["git", "-C", str(self.path), "show", f"{commit}:{path}"], capture_output=True)
        return done.stdout.decode("utf-8") if done.returncode == 0 else None

    def last_change(self, commit: str, path: str) -> str:
        return self.git("log", "-1", "--format=%H", commit, "--", path).strip()

    def lasting_states(self, commit: str, path: str, days: int) -> list[str]:
        """The commits of the main line that changed the file and whose text then stood for
        `days` or more (a delivery, not work in progress), newest first; the newest always."""
        log = self.git("log", "--first-parent", "--format=%H %ct", commit, "--", path).split()
        changes = [(log[i], int(log[i + 1])) for i in range(0, len(log), 2)]
        kept = []
        for index, (sha, when) in enumerate(changes):
            later = changes[index - 1][1] if index else None
            if later is None or later - when >= days * 86400:
                kept.append(sha)
        return kept

    def parent(self, commit: str) -> str:
        return self.git("rev-parse", f"{commit}^").strip()


def page(text: str, language: str, effective: dt.date) -> SourcePage:
    front = split_front_matter(text, f"{language}.md")
    fields = front.fields
    return SourcePage(
        language=language, path=f"{DOCUMENT}/{effective.isoformat()}.md", title=str(fields["title"]),
        body=front.body, body_line=1,
        version=VersionFacts(DOCUMENT, effective, None, "material", str(fields.get("summary") or "")),
    )


def imported_side(english: str, translation: str, language: str, effective: dt.date,
                  anchors_from: str | None = None) -> Side:
    """Both texts imported as one version. With `anchors_from` (an earlier English text the
    translation was made from), the translation takes that text's anchors, as it would have
    when it was imported with it."""
    english_text, _ = imported_text(english.encode(), "en.md", True, " ")
    translated, _ = imported_text(translation.encode(), f"{language}.md", False, " ")
    assert english_text is not None and translated is not None
    facts: dict[str, Any] = {"document": DOCUMENT, "effective_date": effective.isoformat(), "change": "material"}
    anchors = english_anchors(english_text.items)
    english_page = page(version_text(facts, english_text, anchors), "en", effective)
    model = english_text
    if anchors_from is not None:
        model, _ = imported_text(anchors_from.encode(), "earlier-en.md", True, " ")
        assert model is not None
    refused = structure_differences({"en": model, language: translated}, "en")
    if refused:
        return Side(english_page, None, refused[0].message)
    model_anchors = anchors if model is english_text else english_anchors(model.items)
    translated_page = page(version_text(facts, translated, model_anchors), language, effective)
    return Side(english_page, translated_page)


def manifest(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def pairs(described: dict[str, Any], snapshot: Snapshot) -> list[Pair]:
    """Every in-sync and drift pair the manifest describes."""
    source = described["source"]
    head, versions, languages = source["snapshot"], described["versions"], source["languages"]
    # a version's place in time: the later the version, the later its date (dates are the site's, not the texts')
    dates = {name: dt.date(2000 + number, 1, 1) for number, name in enumerate(sorted(versions, key=version_key))}

    def translation_path(version: str, suffix: str) -> str:
        return versions[version]["translation"].format(suffix=suffix)

    def side_at(version: str, suffix: str, commit: str) -> Side | None:
        english = snapshot.text(commit, versions[version]["english"])
        translation = snapshot.text(commit, translation_path(version, suffix))
        if english is None or translation is None:
            return None
        return imported_side(english, translation, languages[suffix], dates[version])

    defects = {entry["pair"]: entry["reading"] for entry in described.get("defects", [])}
    found: list[Pair] = []
    for version in described["in_sync"]["versions"]:
        earlier_version = versions[version].get("earlier")
        for suffix in languages:
            path = translation_path(version, suffix)
            if snapshot.text(head, path) is None:
                continue
            earlier = side_at(earlier_version, suffix, head) if earlier_version else None
            for number, delivered in enumerate(snapshot.lasting_states(head, path, STANDING_DAYS)):
                current = side_at(version, suffix, delivered)
                name = f"{version} {suffix}" + (f" at {delivered[:7]}" if number else "")
                if current is not None:
                    found.append(Pair("in sync", name, languages[suffix], current, earlier,
                                      defects.get(name, ""), name in defects))
    for drift in described["drift"]:
        version = drift["version"]
        if "commit" in drift:  # English changed in place: the version before is the parent commit's text
            after = snapshot.git("rev-parse", drift["commit"]).strip()
            before = snapshot.parent(after)
            english_before = snapshot.text(before, versions[version]["english"])
            english_after = snapshot.text(after, versions[version]["english"])
            for suffix in languages:
                translation = snapshot.text(before, translation_path(version, suffix))
                if translation is None or english_before is None or english_after is None:
                    continue
                if snapshot.text(after, translation_path(version, suffix)) != translation:
                    continue  # the translation followed in the same commit: no drift
                earlier = imported_side(english_before, translation, languages[suffix], dates[version] - dt.timedelta(days=1))
                if earlier.translation is None:
                    continue  # the translation could never be imported: no drift to find in it
                current = imported_side(english_after, translation, languages[suffix], dates[version],
                                        anchors_from=english_before)
                found.append(Pair("drift", f"{version} {suffix} after {drift['commit']}", languages[suffix],
                                  current, earlier, drift["reading"]))
        else:  # a new version whose translation was carried over from the version before
            previous = drift["from_version"]
            for suffix in languages:
                earlier = side_at(previous, suffix, head)
                if earlier is None or earlier.translation is None:
                    continue
                english_now = snapshot.text(head, versions[version]["english"])
                translation = snapshot.text(head, translation_path(previous, suffix))
                english_then = snapshot.text(head, versions[previous]["english"])
                assert english_now and translation and english_then
                current = imported_side(english_now, translation, languages[suffix], dates[version],
                                        anchors_from=english_then)
                found.append(Pair("drift", f"{version} {suffix} carried over from {previous}", languages[suffix],
                                  current, earlier, drift["reading"]))
    return found


def version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split("."))
