"""The source checks, run on small planted trees without MkDocs."""

from __future__ import annotations

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
        write(tmp_path, f"{lang}/privacy.md", PRIVACY.format(title=title))
        write(tmp_path, f"{lang}/index.md", INDEX.format(title=title))
    return tmp_path


def problems(docs: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_sources(docs, LANGS, "en", DOCS)
    return [str(p) for p in caught.value.problems]


def test_a_complete_tree_loads(docs):
    sources = load_sources(docs, LANGS, "en", DOCS)
    assert [page.title for page in sources.policy_documents("ru")] == ["Конфиденциальность"]
    assert sources.page("fr", "privacy.md").effective_date.isoformat() == "2017-06-21"


def test_front_matter_that_is_not_yaml_names_file_and_line(docs):
    write(docs, "fr/privacy.md", PRIVACY.format(title="Confidentialité").replace(
        "effective_date: 2017-06-21", "effective_date: [2017-06-21"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/privacy.md:4: front matter is not valid YAML")
    assert "name: value" in message


def test_a_date_that_is_not_a_date(docs):
    write(docs, "en/privacy.md", PRIVACY.format(title="Privacy").replace("2017-06-21", "2017-13-45"))
    found = problems(docs)
    assert "docs/en/privacy.md:4: effective_date '2017-13-45' is not a date. Write it as YYYY-MM-DD, for example 2017-06-21." in found


def test_a_language_with_no_content(docs):
    with pytest.raises(SourceError) as caught:
        load_sources(docs, [*LANGS, "tr"], "en", DOCS)
    [problem] = caught.value.problems
    assert problem.path == "docs/tr/"
    assert "has no content" in problem.message and "remove 'tr'" in problem.fix


def test_a_document_missing_in_one_language(docs):
    (docs / "ru" / "privacy.md").unlink()
    [message] = problems(docs)
    assert message.startswith("docs/ru/privacy.md: is missing: docs/en/privacy.md has no ru translation.")
    assert "Copy docs/en/privacy.md to docs/ru/privacy.md" in message


def test_a_markdown_file_outside_a_language_folder(docs):
    write(docs, "stray.md", INDEX.format(title="Stray"))
    [message] = problems(docs)
    assert message.startswith("docs/stray.md: is outside a language folder.")


def test_a_folder_of_an_unknown_language(docs):
    write(docs, "xx/privacy.md", PRIVACY.format(title="?"))
    [message] = problems(docs)
    assert message.startswith("docs/xx/privacy.md: is in docs/xx/, an unknown language.")


def test_a_translation_english_does_not_have(docs):
    write(docs, "fr/extra.md", INDEX.format(title="En plus"))
    [message] = problems(docs)
    assert message.startswith("docs/fr/extra.md: has no en original")


def test_a_translation_of_another_version(docs):
    write(docs, "fr/privacy.md", PRIVACY.format(title="Confidentialité").replace("2017-06-21", "2016-01-01"))
    [message] = problems(docs)
    assert "translates the version of 2016-01-01" in message and "2017-06-21" in message


def test_missing_title_and_wrong_document(docs):
    write(docs, "ru/privacy.md", PRIVACY.format(title="").replace("document: privacy", "document: terms"))
    found = problems(docs)
    assert any(m.startswith("docs/ru/privacy.md:3: has no title.") for m in found)
    assert any("says 'document: terms' but the file is the text of 'privacy'" in m for m in found)


def test_encoding_mistakes(docs):
    good = PRIVACY.format(title="Privacy")
    write(docs, "en/privacy.md", b"\xef\xbb\xbf" + good.encode())
    write(docs, "fr/privacy.md", good.replace("\n", "\r\n").encode())
    write(docs, "ru/privacy.md", good.encode().replace(b"Privacy", b"Priv\xe9"))
    found = problems(docs)
    assert any(m.startswith("docs/en/privacy.md:1: starts with a byte-order mark.") for m in found)
    assert any(m.startswith("docs/fr/privacy.md:1: has Windows (CRLF) line endings.") for m in found)
    assert any(m.startswith("docs/ru/privacy.md:3: is not valid UTF-8.") for m in found)


def test_every_problem_is_reported_in_one_run(docs):
    write(docs, "stray.md", "x")
    (docs / "ru" / "index.md").unlink()
    write(docs, "fr/privacy.md", "no front matter at all\n")
    found = problems(docs)
    assert len(found) == 3
    assert any("docs/fr/privacy.md:1: has no front matter." in m for m in found)
