"""Any two versions can be compared: in the browser, by compare-versions.js, with the same rule
as the comparison pages built in Python. Node runs the script on every pair of versions."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DOCUMENTS, LANGUAGES, ROOT
from policy_site.versions.comparison import compare_outlines
from policy_site.versions.diff import opcodes, tokens

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "compare-versions.js"


def run_node(program: str, data) -> object:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the browser's comparer in the tests; install nodejs"
    result = subprocess.run([node, "-e", program], input=json.dumps(data), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


NODE_COMPARE = f"""
const compare = require({json.dumps(str(SCRIPT))});
let input = "";
process.stdin.on("data", chunk => input += chunk);
process.stdin.on("end", () => {{
  const pairs = JSON.parse(input);
  process.stdout.write(JSON.stringify(pairs.map(([a, b]) => compare.compareOutlines(a, b))));
}});
"""


def as_data(entries) -> list:
    return [{"kind": e.kind, "key": e.key, "tag": e.tag, "parts": [list(p) for p in e.parts]} for e in entries]


def outlines(site: Path, language: str, document: str) -> list[list[dict]]:
    folder = site / language / document
    dated = sorted(p for p in folder.iterdir() if (p / "outline.json").is_file())
    return [json.loads((p / "outline.json").read_text(encoding="utf-8")) for p in dated]


def test_browser_and_build_agree_on_every_pair_of_versions(site):
    pairs, expected = [], []
    for language in LANGUAGES:
        for document in DOCUMENTS:
            for older, newer in itertools.combinations(outlines(site, language, document), 2):
                pairs.append([older, newer])
                expected.append(as_data(compare_outlines(older, newer)))
    assert len(pairs) == len(LANGUAGES) * 4  # privacy: 3 pairs of 3 versions, terms: 1
    assert run_node(NODE_COMPARE, pairs) == expected


def test_consecutive_pairs_match_the_built_comparison_pages(site, pages):
    for language in ("en", "ru"):
        versions = outlines(site, language, "privacy")
        entries = compare_outlines(versions[1], versions[2])
        page = pages[f"{language}/privacy/2027-01-01/changes/index.html"]
        changed = [e for e in entries if e.kind != "same"]
        assert len(changed) == len(page.select(".change-marker"))


@pytest.mark.parametrize("a, b", [
    ("We keep 45 days.", "We keep 30 days."),
    ("Nous conservons 45\u00a0jours, donc.", "Nous ne conservons plus que 30\u202fjours."),
    ("Хранятся 45 дней", "Хранятся 30 дней — не больше"),
    ("İçerik ıı silinir", "İçerik ığ silinmez"),
    ("", "Brand new."),
])
def test_tokens_and_opcodes_are_the_same_in_both_languages(a, b):
    program = f"""
const compare = require({json.dumps(str(SCRIPT))});
let input = ""; process.stdin.on("data", c => input += c);
process.stdin.on("end", () => {{ const [a, b] = JSON.parse(input);
  const ta = compare.tokens(a), tb = compare.tokens(b);
  process.stdout.write(JSON.stringify([ta, tb, compare.opcodes(ta, tb)])); }});
"""
    ta, tb = tokens(a), tokens(b)
    assert run_node(program, [a, b]) == [ta, tb, [list(op) for op in opcodes(ta, tb)]]


@pytest.mark.parametrize("language", ["en", "fr", "tr"])
def test_the_history_page_offers_every_version_to_compare(site, pages, language):
    form = pages[f"{language}/privacy/history/index.html"].select_one("form#compare-versions")
    assert form.has_attr("hidden")  # shown by the script; without JavaScript the table remains
    for select in form.find_all("select"):
        options = [option["value"] for option in select.find_all("option")]
        assert len(options) == 3
        for value in options:
            assert (site / language / "privacy" / "history" / value).resolve().is_file()
    labels = {label["for"] for label in form.find_all("label")}
    assert labels == {"compare-from", "compare-to"}
