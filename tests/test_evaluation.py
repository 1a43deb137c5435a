"""The evaluation pipeline of scripts/benchmark-translations, on a corpus we wrote ourselves
(tests/evaluation/fixture): a git history with two deliveries of a French and a German
translation and two English changes between them. What the benchmark measures on real
translations, this holds on ours: no false alarm, every drift found at its clause."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from policy_site.evaluation.corpus import Snapshot, pairs
from policy_site.evaluation.scoring import outcome, score

FIXTURE = Path(__file__).parent / "evaluation" / "fixture"
DAY = 86400


def commit(repo: Path, files: dict[str, str], message: str, day: int) -> str:
    for name, source in files.items():
        (repo / name).write_text((FIXTURE / source).read_text(encoding="utf-8"), encoding="utf-8")
    when = f"{1_700_000_000 + day * DAY} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", message], check=True, env=env)
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[Path, dict]:
    repo = tmp_path_factory.mktemp("corpus")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    commit(repo, {"rules.md": "en-1.md"}, "English", 0)
    commit(repo, {"rules.fr.md": "fr-1.md", "rules.de.md": "de-1.md"}, "first delivery", 1)
    religion = commit(repo, {"rules.md": "en-2.md"}, "add religion", 20)
    appeal = commit(repo, {"rules.md": "en-3.md"}, "add the appeal", 21)
    commit(repo, {"rules.fr.md": "fr-3.md", "rules.de.md": "de-3.md"}, "second delivery", 40)
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()
    described = {
        "source": {"snapshot": head, "languages": {"fr": "fr", "de": "de"}},
        "versions": {"1.0": {"english": "rules.md", "translation": "rules.{suffix}.md"}},
        "in_sync": {"versions": ["1.0"]},
        "drift": [{"version": "1.0", "commit": religion, "reading": "adds religion"},
                  {"version": "1.0", "commit": appeal, "reading": "adds a right of appeal"}],
        "defects": [],
    }
    return repo, described


def test_the_corpus_has_every_delivery_and_every_drift(history):
    repo, described = history
    found = pairs(described, Snapshot(repo))
    assert sorted((p.kind, p.name) for p in found) == sorted([
        ("in sync", "1.0 fr"), ("in sync", "1.0 de"), ("in sync", f"1.0 fr at {found_commit(found, 'fr')}"),
        ("in sync", f"1.0 de at {found_commit(found, 'de')}"),
        ("drift", f"1.0 fr after {described['drift'][0]['commit']}"), ("drift", f"1.0 de after {described['drift'][0]['commit']}"),
        ("drift", f"1.0 fr after {described['drift'][1]['commit']}"), ("drift", f"1.0 de after {described['drift'][1]['commit']}"),
    ])


def found_commit(found, suffix: str) -> str:
    return next(p.name.split(" at ")[1] for p in found if p.name.startswith(f"1.0 {suffix} at "))


def test_no_false_alarm_and_every_drift_at_its_clause(history):
    """The fixture holds what real translations do (a split and a joined paragraph, localised
    links, numbers in words, italics, '1.2.0' for '1.2', a list right after a line, bare
    addresses) and the drift real histories have (a word added to a list, a sentence added)."""
    repo, described = history
    outcomes = [outcome(pair) for pair in pairs(described, Snapshot(repo))]
    alarms = {o.pair.name: [str(m) for m in o.findings] + [o.refused] for o in outcomes
              if o.pair.kind == "in sync" and o.alarmed}
    assert alarms == {}
    result = score(outcomes)
    assert (result.drift, result.caught_at_clause, result.changed_clauses, result.clauses_flagged) == (4, 4, 4, 4)
    appended = next(o for o in outcomes if o.pair.kind == "drift" and o.pair.reading == "adds a right of appeal")
    assert appended.changed == ("paragraph 4",) and appended.caught == ("paragraph 4",)


def test_the_content_rules_alone_see_the_added_sentence_but_not_the_added_word(history):
    """Without the earlier version only the length of a clause can tell: a sentence added is
    found (numbers: the 30 days), a word added to a list is not. That is why the check pairs
    each version with the one before it."""
    repo, described = history
    outcomes = [outcome(pair, with_history=False) for pair in pairs(described, Snapshot(repo))]
    caught = {o.pair.reading for o in outcomes if o.pair.kind == "drift" and o.caught_everywhere}
    assert caught == {"adds a right of appeal"}
