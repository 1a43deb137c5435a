"""The source checks, run on small planted trees without MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_site.problems import SourceError
from policy_site.sources import load_sources

LANGS = ["en", "fr", "ru"]
DOCS = ["privacy"]

PRIVACY = """---
document: privacy
title: {title}
effective_date: 2017-06-21
change: material
summary: First version.
---

# {title}

## 1. Data retention {{#data-retention}}

1. We keep backups for 45 days.
   {{#backups}}
"""
INDEX = "---\ntitle: {title}\n---\n\n# {title}\n"


def write(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for lang, title in (("en", "Privacy"), ("fr", "Confidentialité"), ("ru", "Конфиденциальность")):
        write(tmp_path, f"{lang}/privacy/2017-06-21.md", PRIVACY.format(title=title))
        write(tmp_path, f"{lang}/index.md", INDEX.format(title=title))
    return tmp_path


def problems(docs: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_sources(docs, LANGS, "en", DOCS)
    return [str(p) for p in caught.value.problems]


def test_a_complete_tree_loads(docs):
    sources = load_sources(docs, LANGS, "en", DOCS)
    assert [page.title for page in sources.versions("ru", "privacy")] == ["Конфиденциальность"]
    assert sources.page("fr", "privacy/2017-06-21.md").effective_date.isoformat() == "2017-06-21"


def test_front_matter_that_is_not_yaml_names_file_and_line(docs):
    write(docs, "fr/privacy/2017-06-21.md", PRIVACY.format(title="Confidentialité").replace(
        "effective_date: 2017-06-21", "effective_date: [2017-06-21"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/privacy/2017-06-21.md:4: front matter is not valid YAML")
    assert "name: value" in message


def test_a_date_that_is_not_a_date(docs):
    write(docs, "en/privacy/2017-06-21.md", PRIVACY.format(title="Privacy").replace("effective_date: 2017-06-21", "effective_date: 2017-13-45"))
    found = problems(docs)
    assert "docs/en/privacy/2017-06-21.md:4: effective_date '2017-13-45' is not a date. Write it as YYYY-MM-DD, for example 2017-06-21." in found


def test_a_language_with_no_content(docs):
    with pytest.raises(SourceError) as caught:
        load_sources(docs, [*LANGS, "tr"], "en", DOCS)
    [problem] = caught.value.problems
    assert problem.path == "docs/tr/"
    assert "has no content" in problem.message and "remove 'tr'" in problem.fix


def test_a_document_missing_in_one_language(docs):
    (docs / "ru" / "privacy" / "2017-06-21.md").unlink()
    [message] = problems(docs)
    assert message.startswith("docs/ru/privacy/2017-06-21.md: is missing: docs/en/privacy/2017-06-21.md has no ru translation.")
    assert "Copy docs/en/privacy/2017-06-21.md to docs/ru/privacy/2017-06-21.md" in message


def test_a_markdown_file_outside_a_language_folder(docs):
    write(docs, "stray.md", INDEX.format(title="Stray"))
    [message] = problems(docs)
    assert message.startswith("docs/stray.md: is outside a language folder.")


def test_a_folder_of_an_unknown_language(docs):
    write(docs, "xx/privacy/2017-06-21.md", PRIVACY.format(title="?"))
    [message] = problems(docs)
    assert message.startswith("docs/xx/privacy/2017-06-21.md: is in docs/xx/, an unknown language.")


def test_a_translation_english_does_not_have(docs):
    write(docs, "fr/extra.md", INDEX.format(title="En plus"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/extra.md: has no en original")


def test_a_version_english_does_not_have(docs):
    write(docs, "fr/privacy/2016-01-01.md", PRIVACY.format(title="Confidentialité").replace("2017-06-21", "2016-01-01"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/privacy/2016-01-01.md: has no en original")


def test_file_name_and_effective_date_must_agree(docs):
    write(docs, "fr/privacy/2017-06-21.md", PRIVACY.format(title="Confidentialité").replace(
        "effective_date: 2017-06-21", "effective_date: 2017-06-22"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/privacy/2017-06-21.md:4: effective_date 2017-06-22 differs from the file name")


@pytest.mark.parametrize("field, value, expected", [
    ("summary", "", "docs/en/privacy/2017-06-21.md:6: has no summary."),
    ("change", "big", "docs/en/privacy/2017-06-21.md:5: change is 'big'. Write 'change: material'"),
    ("announced", "2018-01-01", "docs/en/privacy/2017-06-21.md:7: announced 2018-01-01 is after effective_date 2017-06-21."),
    ("announced", "soon", "docs/en/privacy/2017-06-21.md:7: announced 'soon' is not a date."),
    ("corrections", "[{date: 2018-01-01}]", "docs/en/privacy/2017-06-21.md:7: correction 1 needs a date and a summary."),
])
def test_each_version_field_is_checked(docs, field, value, expected):
    text = PRIVACY.format(title="Privacy")
    if field in ("summary", "change"):
        text = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, flags=re.M)
    else:
        text = text.replace("summary: First version.\n", f"summary: First version.\n{field}: {value}\n")
    write(docs, "en/privacy/2017-06-21.md", text)
    assert any(m.startswith(expected) for m in problems(docs)), problems(docs)


def test_a_version_outside_its_document_folder(docs):
    write(docs, "en/privacy.md", PRIVACY.format(title="Privacy"))
    found = problems(docs)
    assert any(m.startswith("docs/en/privacy.md: is not where a version of a document belongs.") for m in found)


def test_the_placeholder_summary_of_a_new_version_is_refused(docs):
    from policy_site.sources import PLACEHOLDER_SUMMARY

    write(docs, "en/privacy/2017-06-21.md", PRIVACY.format(title="Privacy").replace(
        "summary: First version.", f'summary: "{PLACEHOLDER_SUMMARY}"'))
    assert problems(docs) == ["docs/en/privacy/2017-06-21.md: still has the placeholder summary. "
                              "Replace the summary with one or two sentences on what this version changes."]


def test_missing_title_and_wrong_document(docs):
    write(docs, "ru/privacy/2017-06-21.md", PRIVACY.format(title="").replace("document: privacy", "document: terms"))
    found = problems(docs)
    assert any(m.startswith("docs/ru/privacy/2017-06-21.md:3: has no title.") for m in found)
    assert any("says 'document: terms' but the file is a version of 'privacy'" in m for m in found)


def test_encoding_mistakes(docs):
    good = PRIVACY.format(title="Privacy")
    write(docs, "en/privacy/2017-06-21.md", b"\xef\xbb\xbf" + good.encode())
    write(docs, "fr/privacy/2017-06-21.md", good.replace("\n", "\r\n").encode())
    write(docs, "ru/privacy/2017-06-21.md", good.encode().replace(b"Privacy", b"Priv\xe9"))
    found = problems(docs)
    assert any(m.startswith("docs/en/privacy/2017-06-21.md:1: starts with a byte-order mark.") for m in found)
    assert any(m.startswith("docs/fr/privacy/2017-06-21.md:1: has Windows (CRLF) line endings.") for m in found)
    assert any(m.startswith("docs/ru/privacy/2017-06-21.md:3: is not valid UTF-8.") for m in found)


def test_every_problem_is_reported_in_one_run(docs):
    write(docs, "stray.md", "x")
    (docs / "ru" / "index.md").unlink()
    write(docs, "fr/privacy/2017-06-21.md", "no front matter at all\n")
    found = problems(docs)
    assert len(found) == 3
    assert any("docs/fr/privacy/2017-06-21.md:1: has no front matter." in m for m in found)


def test_a_text_beyond_the_stated_limits_is_refused_before_it_is_read(tmp_path):
    from policy_site.sources import LARGEST_TEXT, LONGEST_TEXT, read_text

    long = tmp_path / "long.md"
    long.write_text("1. Term.\n" * LONGEST_TEXT, encoding="utf-8")
    assert read_text(long, "docs/en/long.md") == ("1. Term.\n" * LONGEST_TEXT, [])  # at the limit: read
    long.write_text("1. Term.\n" * (LONGEST_TEXT + 1), encoding="utf-8")
    text, [problem] = read_text(long, "docs/en/long.md")
    assert text is None
    assert str(problem).startswith(f"docs/en/long.md:{LONGEST_TEXT + 1}: has {LONGEST_TEXT + 1:,} lines; a text may have at most {LONGEST_TEXT:,}.")
    large = tmp_path / "large.md"
    large.write_text("x" * (LARGEST_TEXT + 1), encoding="utf-8")
    text, [problem] = read_text(large, "docs/en/large.md")
    assert text is None and f"has {LARGEST_TEXT + 1:,} bytes; a text may have at most {LARGEST_TEXT:,}." in str(problem)


def test_the_fast_reader_of_front_matter_reads_every_file_as_the_checking_reader_does():
    from conftest import SAMPLE
    from policy_site import front_matter

    assert front_matter.FastFieldLoader is not None, "PyYAML without libyaml: the fast reader is not tested"
    texts = sorted((SAMPLE / "docs").rglob("*.md")) + sorted((Path(__file__).parent.parent / "docs").rglob("*.md"))
    assert len(texts) > 20
    for path in texts:
        raw = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n")
        fast = front_matter.composed_fields(raw, front_matter.FastFieldLoader(raw))[1]
        slow = front_matter.composed_fields(raw, front_matter.FieldLoader(raw))[1]
        assert fast == slow, path
        assert all(not isinstance(value, front_matter.dt.datetime) for value in slow.values())


@pytest.mark.parametrize("raw, line, words", [
    ("title: A\ntitle: B", 3, "has the field 'title' twice (lines 2 and 3)"),
    ("title: [unclosed", 2, "is not valid YAML"),
    ("title: &a x\nsummary: *a", 2, "anchors (&name) and aliases (*name) are not allowed"),
    ("title: a: b", 2, "mapping values are not allowed here"),
])
def test_front_matter_mistakes_are_told_in_the_same_words_whichever_reader_runs(raw, line, words):
    from policy_site.front_matter import split_front_matter

    problem = split_front_matter(f"---\n{raw}\n---\nBody\n", "docs/en/x.md")
    assert problem.path == "docs/en/x.md" and problem.line == line and words in problem.message, problem
