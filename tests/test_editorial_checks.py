"""Every mistake a legal editor can make is caught, in one run, with file, line and fix."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCUMENTS, LANGUAGES, SOURCE_LANGUAGE, run_build, epoch
from policy_site.checks.site import SiteSettings, check_site
from policy_site.versions import integrity

TODAY = dt.date(2026, 12, 15)


def problems(project: Path, day: dt.date = TODAY) -> list[str]:
    settings = SiteSettings(project / "docs", tuple(LANGUAGES), SOURCE_LANGUAGE, tuple(DOCUMENTS),
                            overrides_dir=project / "overrides")
    return [str(p) for p in check_site(settings, day)[1]]


def edit(project: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = project / "docs" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def one(found: list[str], start: str) -> str:
    matching = [m for m in found if m.startswith(start)]
    assert len(matching) == 1, (start, found)
    return matching[0]


def test_the_sample_content_has_no_problem(project_copy):
    assert problems(project_copy) == []


def test_front_matter_that_is_not_yaml(project_copy):
    edit(project_copy, "fr/terms/2025-02-01.md", "change: material", "change: [material")
    one(problems(project_copy), "docs/fr/terms/2025-02-01.md:6: front matter is not valid YAML")


def test_a_missing_or_non_iso_effective_date(project_copy):
    edit(project_copy, "en/terms/2025-02-01.md", "effective_date: 2025-02-01", "effective_date: 1 February 2025")
    edit(project_copy, "en/privacy/2017-06-21.md", "effective_date: 2017-06-21\n", "")
    found = problems(project_copy)
    assert "Write it as YYYY-MM-DD" in one(found, "docs/en/terms/2025-02-01.md:4: effective_date '1 February 2025' is not a date.")
    one(found, "docs/en/privacy/2017-06-21.md:2: has no effective_date.")


def test_a_missing_summary(project_copy):
    edit(project_copy, "de/privacy/2024-09-01.md", re.search(r"summary: .*\n", (project_copy / "docs/de/privacy/2024-09-01.md").read_text(encoding="utf-8")).group(0), "")
    one(problems(project_copy), "docs/de/privacy/2024-09-01.md:2: has no summary.")


def test_an_unknown_document_and_an_unknown_language(project_copy):
    (project_copy / "docs" / "en" / "cookies").mkdir()
    (project_copy / "docs" / "en" / "cookies" / "2020-01-01.md").write_text("---\ntitle: Cookies\ndocument: cookies\n---\n", encoding="utf-8")
    (project_copy / "docs" / "pl").mkdir()
    (project_copy / "docs" / "pl" / "index.md").write_text("---\ntitle: Dokumenty\n---\n", encoding="utf-8")
    found = problems(project_copy)
    one(found, "docs/en/cookies/2020-01-01.md: is not where a version of a document belongs.")
    one(found, "docs/pl/index.md: is in docs/pl/, an unknown language.")


def test_a_translation_of_a_version_english_lacks(project_copy):
    source = project_copy / "docs" / "it" / "terms" / "2025-02-01.md"
    target = project_copy / "docs" / "it" / "terms" / "2026-03-01.md"
    target.write_text(source.read_text(encoding="utf-8").replace("2025-02-01", "2026-03-01"), encoding="utf-8")
    one(problems(project_copy), "docs/it/terms/2026-03-01.md: has no en original")


def test_duplicate_effective_dates(project_copy):
    source = project_copy / "docs" / "en" / "terms" / "2025-02-01.md"
    (project_copy / "docs" / "en" / "terms" / "2025-02-02.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    found = problems(project_copy)
    message = one(found, "docs/en/terms/2025-02-02.md: has effective_date 2025-02-01, like docs/en/terms/2025-02-01.md")
    assert "cannot take effect on the same day" in message


def test_a_new_version_scheduled_in_the_past(project_copy):
    record = project_copy / "docs" / "published.yml"
    text = record.read_text(encoding="utf-8")
    start = text.index("terms/2025-02-01:")
    record.write_text(text[:start], encoding="utf-8")  # as if that version had never been published
    message = one(problems(project_copy), "docs/en/terms/2025-02-01.md: is a new version that takes effect on 2025-02-01, which has passed.")
    assert "cannot apply retroactively" in message


@pytest.mark.parametrize("html, what, needle", [
    ("<script>alert(1)</script>", "a <script> element", None),
    ('<img src="x.png" onerror="alert(1)">', "the attribute onerror= on <img>", None),
    ("[click](javascript:alert(1))", "the address 'javascript:alert(1)', a 'javascript:' address", None),
    ("[click](jav&#x09;ascript:alert(1))", "a 'javascript:' address", None),
    ('<iframe src="https://example.org"></iframe>', "an <iframe> element", None),
    ('<object data="x.swf"></object>', "an <object> element", None),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "a <meta> element", None),
    ('<base href="https://evil.example/">', "a <base> element", None),
    ("<style>.md-content{display:none}</style>", "a <style> element", None),
    ('<svg><script>alert(1)</script></svg>', "a <svg> element", None),
    ('![logo](https://tracker.example/pixel.png)', "comes from another site", None),
    ("[elsewhere](//evil.example/)", "leads to another site", None),
    ('<a href="https://example.org" target="_blank">x</a>', "the attribute target= on <a>", None),
    ("A sentence with a handler.\n{: onclick=\"alert(1)\" }", "the attribute onclick= on <p>", "onclick"),
])
def test_content_outside_the_allow_list_is_refused(project_copy, html, what, needle):
    """Each input an attacker with commit access tried (issue 16), planted in a translation."""
    edit(project_copy, "nl/index.md", "\n# ", f"\n{html}\n\n# ")
    lines = (project_copy / "docs/nl/index.md").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if (needle or html.split("\n")[0]) in text)
    found = [p for p in problems(project_copy) if p.startswith(f"docs/nl/index.md:{line}: contains ")]
    assert any(what in f for f in found), problems(project_copy)  # an <svg> also has its <script> named
    assert all("which policies may not publish" in f and "plain Markdown" in f for f in found)


def test_a_reference_style_javascript_link_is_refused(project_copy):
    edit(project_copy, "nl/index.md", "\n# ", "\nSee [the rules][r].\n\n[r]: javascript:alert(1)\n\n# ")
    assert any("a 'javascript:' address" in p for p in problems(project_copy))


@pytest.mark.parametrize("char, name", [("\u202e", "U+202E (right-to-left override)"), ("\u200b", "U+200B (zero width space)"),
                                        ("\x00", "U+0000 (a control character)")])
def test_deceiving_characters_are_refused_with_their_code_point(project_copy, char, name):
    edit(project_copy, "nl/index.md", "\n# ", f"\nThirty{char} days.\n\n# ")
    lines = (project_copy / "docs/nl/index.md").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("Thirty"))
    one(problems(project_copy), f"docs/nl/index.md:{line}: contains the invisible or deceiving character {name}.")


def test_html_in_a_summary_is_refused(project_copy):
    path = project_copy / "docs/fr/privacy/2024-09-01.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("summary:")
    end = text.index("\n", start)
    path.write_text(text[:start] + 'summary: "<script>alert(document.domain)</script>"' + text[end:], encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index('summary: "<script>alert(document.domain)</script>"') + 1
    one(problems(project_copy), f"docs/fr/privacy/2024-09-01.md:{line}: has HTML in its front matter 'summary:', which is plain text.")


def test_a_link_to_a_page_or_anchor_that_does_not_exist(project_copy):
    edit(project_copy, "sv/terms/2025-02-01.md", "(../privacy/index.md#use-of-information)", "(../privacy/index.md#use-of-data)")
    edit(project_copy, "sv/terms/2025-02-01.md", "(../privacy/index.md)", "(../privacy.md)")
    found = problems(project_copy)
    one(found, "docs/sv/terms/2025-02-01.md:12: links to ../privacy.md, which is not a page of this site.")
    anchor = one(found, "docs/sv/terms/2025-02-01.md:52: links to #use-of-data, which docs/sv/privacy/2024-09-01.md does not have.")
    assert "{#...}" in anchor


def test_encoding_mistakes(project_copy):
    path = project_copy / "docs" / "ru" / "index.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    latin = project_copy / "docs" / "tr" / "index.md"
    text = latin.read_text(encoding="utf-8")
    first_non_ascii = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    latin.write_bytes(text.encode("iso-8859-9"))
    found = problems(project_copy)
    one(found, "docs/ru/index.md:1: starts with a byte-order mark.")
    one(found, "docs/ru/index.md:1: has Windows (CRLF) line endings.")
    one(found, f"docs/tr/index.md:{first_non_ascii}: is not valid UTF-8.")


def test_a_material_change_needs_its_notice_period(project_copy):
    unpublish_the_scheduled_version(project_copy)
    for language in LANGUAGES:
        edit(project_copy, f"{language}/privacy/2027-01-01.md", "announced: 2026-11-20", "announced: 2026-12-05")
    found = problems(project_copy)
    message = one(found, "docs/en/privacy/2027-01-01.md: takes effect 27 days after its announcement; privacy requires 30 days' notice.")
    assert "short_notice" in message and "2027-01-04" in message
    # a version in force is history: a notice period raised later does not fail it
    edit(project_copy, "en/terms/2025-02-01.md", "announced: 2024-12-20", "announced: 2025-01-20")
    assert not [p for p in problems(project_copy) if "terms/2025-02-01.md: takes effect" in p]


def unpublish_the_scheduled_version(project: Path) -> None:
    """As if the version of 2027-01-01 were new in this pull request: not recorded yet, so its
    facts may still change (once recorded, they never do)."""
    record = project / "docs" / "published.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("privacy/2027-01-01:")] + text[text.index("terms/2018-05-25:"):], encoding="utf-8")


def require_notice(project: Path, document: str, days: int) -> None:
    """The organisation requires `days` of notice for changes of `document` (mkdocs.yml)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      documents: [" in text
    config.write_text(text.replace("      documents: [", f"      notice_days_per_document: {{{document}: {days}}}\n      documents: [", 1),
                      encoding="utf-8")


def test_a_short_notice_with_a_reason_is_accepted_and_shown(project_copy, tmp_path):
    unpublish_the_scheduled_version(project_copy)  # a short notice is written before publication
    require_notice(project_copy, "privacy", 60)  # 42 days is too short now
    failed = run_build(project_copy, tmp_path / "failed", {"POLICY_SITE_ONLY_LANGUAGE": "en"})
    assert "docs/en/privacy/2027-01-01.md: takes effect 42 days after its announcement; privacy requires 60 days' notice." in failed.stderr
    edit(project_copy, "en/privacy/2027-01-01.md", "announced: 2026-11-20", "announced: 2026-11-20\nshort_notice: Required by a court order of 2026-11-15.")
    result = run_build(project_copy, tmp_path / "out", {"POLICY_SITE_ONLY_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    history = (tmp_path / "out" / "en" / "privacy" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Shorter notice than usual: Required by a court order of 2026-11-15." in history


def test_an_announcement_after_the_effective_date(project_copy):
    edit(project_copy, "en/terms/2025-02-01.md", "announced: 2024-12-20", "announced: 2025-03-01")
    one(problems(project_copy), "docs/en/terms/2025-02-01.md:5: announced 2025-03-01 is after effective_date 2025-02-01.")


def test_every_mistake_in_one_run_from_the_command_line(project_copy):
    require_notice(project_copy, "privacy", 60)
    edit(project_copy, "nl/index.md", "\n# ", "\n<script>x</script>\n\n# ")
    edit(project_copy, "fr/privacy/2027-01-01.md", "change: material", "change: [material")
    result = subprocess.run(
        [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "check"],
        cwd=project_copy, capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": epoch("2026-12-15"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "3 problems in the sources" in result.stderr
    for start in ("docs/en/privacy/2027-01-01.md: takes effect 42 days", "docs/nl/index.md:", "docs/fr/privacy/2027-01-01.md:6:"):
        assert start in result.stderr
    # and the build says the same, without writing anything
    build = run_build(project_copy, project_copy / "out")
    assert build.returncode != 0 and "3 problems in the sources; nothing was built" in build.stdout + build.stderr
    assert not (project_copy / "out").exists()


def test_check_reports_a_language_without_interface_catalogue_as_the_build_does(project_copy):
    import shutil

    shutil.rmtree(project_copy / "locales" / "sv")
    settings = SiteSettings(project_copy / "docs", tuple(LANGUAGES), SOURCE_LANGUAGE, tuple(DOCUMENTS),
                            locales_dir=project_copy / "locales")
    found = [str(p) for p in check_site(settings, TODAY)[1]]
    one(found, "locales/sv/LC_MESSAGES/messages.po: is missing: 'sv' has no interface catalogue")
    build = run_build(project_copy, project_copy / "out")
    assert build.returncode != 0 and "locales/sv/LC_MESSAGES/messages.po: is missing" in build.stdout + build.stderr


def test_nothing_from_outside_the_repository_and_only_policy_files_in_docs(project_copy):
    """A link to the machine's secrets, an HTML page and an SVG with its own scripts, a folder
    named like a text: each is refused before anything is copied into the site."""
    (project_copy / "docs/en/secrets.md").symlink_to("/etc/passwd")
    (project_copy / "docs/en/environ").symlink_to("/proc/self/environ")
    (project_copy / "overrides/partials/extra.html").symlink_to("/etc/hostname")
    (project_copy / "docs/en/help.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (project_copy / "docs/en/logo.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    (project_copy / "docs/en/notes.md").mkdir()
    found = problems(project_copy)
    one(found, "docs/en/secrets.md: is a symbolic link (to /etc/passwd): nothing from outside the repository is published.")
    one(found, "docs/en/environ: is a symbolic link (to /proc/self/environ)")
    one(found, "overrides/partials/extra.html: is a symbolic link (to /etc/hostname)")
    one(found, "docs/en/help.html: is a .html file, which docs/ may not hold")
    one(found, "docs/en/logo.svg: is a .svg file, which docs/ may not hold")
    one(found, "docs/en/notes.md: is a folder named like a text.")


def test_a_scheduled_version_that_drops_a_linked_anchor(project_copy):
    """Links are checked against every version they will lead to, not only today's: else the
    daily rebuild breaks on the day the new version takes effect."""
    edit(project_copy, "sv/privacy/2027-01-01.md", "{#use-of-information}", "{#how-we-use-it}")
    found = problems(project_copy)
    terms = (project_copy / "docs/sv/terms/2025-02-01.md").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(terms, 1) if "privacy/index.md#use-of-information" in text)
    message = one(found, f"docs/sv/terms/2025-02-01.md:{line}: links to #use-of-information, which "
                         "docs/sv/privacy/2027-01-01.md does not have (the link will lead there from 2027-01-01).")
    assert "keep the anchor in the new version" in message


def test_a_translation_says_the_same_facts_as_english(project_copy):
    edit(project_copy, "de/privacy/2027-01-01.md", "change: material", "change: editorial")
    edit(project_copy, "de/privacy/2027-01-01.md", "announced: 2026-11-20", "announced: 2026-11-01")
    found = problems(project_copy)
    one(found, "docs/de/privacy/2027-01-01.md:6: says change: editorial, where docs/en/privacy/2027-01-01.md says material.")
    one(found, "docs/de/privacy/2027-01-01.md:5: says announced: 2026-11-01, where docs/en/privacy/2027-01-01.md says 2026-11-20.")


@pytest.mark.parametrize("day", ["2001-01-01", "2099-01-01"])
def test_a_correction_dated_before_its_version_or_in_the_future(project_copy, day):
    edit(project_copy, "en/terms/2018-05-25.md", "  - date: 2018-06-04", f"  - date: {day}")
    lines = (project_copy / "docs/en/terms/2018-05-25.md").read_text(encoding="utf-8").split("\n")
    one(problems(project_copy), f"docs/en/terms/2018-05-25.md:{lines.index('corrections:') + 1}: has a correction "
                                f"dated {day}, outside the life of this text")


def commit_all(project: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "published"]):
        subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                       cwd=project, check=True, capture_output=True)


def test_what_readers_were_told_of_a_published_version_never_changes_silently(project_copy):
    commit_all(project_copy)  # the recorded facts are found in the history, to show what changed
    edit(project_copy, "en/privacy/2024-09-01.md", "summary: Adds section 12", "summary: Adds section 13")
    edit(project_copy, "en/privacy/2024-09-01.md", "change: material", "change: editorial")
    edit(project_copy, "fr/privacy/2024-09-01.md", "change: material", "change: editorial")
    found = problems(project_copy)
    summary = one(found, "docs/en/privacy/2024-09-01.md:7: is a published version and its summary changed without a trace")
    assert "published: Adds section 12" in summary and "now:       Adds section 13" in summary
    change = one(found, "docs/en/privacy/2024-09-01.md:6: is a published version and its change changed without a trace")
    assert "Write 'change: material' again" in change
    one(found, "docs/fr/privacy/2024-09-01.md:6: is a published version and its change changed without a trace")


def test_a_summary_is_corrected_with_a_correction_but_change_and_announced_are_fixed(project_copy):
    commit_all(project_copy)
    edit(project_copy, "en/privacy/2024-09-01.md", "summary: Adds section 12",
         "corrections:\n  - date: 2024-10-01\n    summary: Corrected the summary.\nsummary: Adds section 12,")
    assert problems(project_copy) == []  # a corrected summary, with its correction: accepted
    edit(project_copy, "en/privacy/2024-09-01.md", "announced: 2024-07-15", "announced: 2024-06-01")
    for language in LANGUAGES:  # moved in every language, so that only the record objects
        if language != "en":
            edit(project_copy, f"{language}/privacy/2024-09-01.md", "announced: 2024-07-15", "announced: 2024-06-01")
    found = problems(project_copy)
    assert all("announced changed without a trace" in p for p in found) and len(found) == len(LANGUAGES), found


def test_a_correction_is_never_rewritten_or_taken_back(project_copy):
    commit_all(project_copy)
    edit(project_copy, "en/terms/2018-05-25.md", "Corrected the spelling of a word in clause 3.2.",
         "Corrected nothing.")
    rewritten = one(problems(project_copy), "docs/en/terms/2018-05-25.md:7: is a published version and its correction 1 changed")
    assert "corrections are only ever added" in rewritten
    edit(project_copy, "en/terms/2018-05-25.md", "corrections:\n  - date: 2018-06-04\n    summary: Corrected nothing.\n", "")
    one(problems(project_copy), "docs/en/terms/2018-05-25.md:1: is a published version with 1 recorded correction(s), and now has 0")


def test_without_the_history_the_record_alone_tells_what_changed(project_copy):
    # no git here (a shallow or exported copy): the two hashes of the record still decide
    edit(project_copy, "en/privacy/2024-09-01.md", "summary: Adds section 12", "summary: Adds section 13")
    one(problems(project_copy), "docs/en/privacy/2024-09-01.md: is a published version and its summary or short "
                                "notice changed without a correction")
    edit(project_copy, "en/privacy/2024-09-01.md", "summary: Adds section 13",
         "corrections:\n  - date: 2024-10-01\n    summary: Corrected the summary.\nsummary: Adds section 13")
    assert problems(project_copy) == []  # corrected, with its correction
    edit(project_copy, "en/privacy/2024-09-01.md", "change: material", "change: editorial")
    one(problems(project_copy), "docs/en/privacy/2024-09-01.md: is a published version and its change, "
                                "announcement date or an earlier correction differs from what was recorded")


def policy_site(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project / "mkdocs.yml"), *args],
                          cwd=project, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch("2026-12-15")})


def test_a_pull_request_that_rewrites_a_recorded_hash_fails_against_its_base(project_copy):
    from policy_site.sources import load_sources
    from policy_site.versions import integrity

    commit_all(project_copy)
    subprocess.run(["git", "branch", "-m", "main"], cwd=project_copy, check=True)
    edit(project_copy, "en/privacy/2017-06-21.md", "for 45 days", "for 450 days")
    # the attacker writes the new text's hash into the record by hand (`record` would refuse)
    docs = project_copy / "docs"
    sources = load_sources(docs, LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    record = integrity.read_record(docs / integrity.RECORD_FILE)
    record["privacy/2017-06-21"]["en"] = integrity.current_record(sources, record)["privacy/2017-06-21"]["en"]
    del record["terms/2018-05-25"]["fr"]  # and stops watching a French text
    integrity.write_record(docs / integrity.RECORD_FILE, record)
    assert policy_site(project_copy, "check").returncode == 0  # the record alone is fooled
    against_base = policy_site(project_copy, "check", "--base", "main")
    assert against_base.returncode == 1
    assert "docs/en/privacy/2017-06-21.md: is a published version and its text changed without a trace" in against_base.stderr
    assert "+1. We keep backups of deleted messages and documents for 450 days" in against_base.stderr
    assert "docs/published.yml: no longer records terms/2018-05-25 in 'fr', which main records" in against_base.stderr


def test_checking_against_a_base_git_does_not_know_says_what_to_fetch(project_copy):
    commit_all(project_copy)
    result = policy_site(project_copy, "check", "--base", "origin/nowhere")
    assert result.returncode == 2
    assert "git knows no revision 'origin/nowhere' here: fetch it first" in result.stderr


def test_a_record_with_an_alias_or_a_stranger_field_is_one_clear_problem(project_copy):
    record = project_copy / "docs" / "published.yml"
    kept = record.read_text(encoding="utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi"))
    record.write_text(kept + bomb, encoding="utf-8")
    found = problems(project_copy)
    assert found == [f"docs/published.yml: uses YAML anchors or aliases, which `policy-site record` never writes. "
                     f"{integrity.RECORD_FIX}"], found
    record.write_text(kept.replace("    corrections:", "    correction:", 1), encoding="utf-8")
    found = problems(project_copy)
    assert len(found) == 1 and found[0].startswith("docs/published.yml: is not a record of published texts")
    refused = subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "record"],
                             cwd=project_copy, capture_output=True, text=True)
    assert refused.returncode == 2 and "docs/published.yml: is not a record" in refused.stderr
    assert record.read_text(encoding="utf-8") == kept.replace("    corrections:", "    correction:", 1)  # left as it was


def test_each_link_is_found_on_its_own_line():
    from policy_site.checks.editorial import links_in
    body = "[a](one.md) and [b](two.md#x)\n\nno link (here)\n\n\ntext [c](../three.md) end\n[d](four.md)"
    assert links_in(body) == [(0, "one.md"), (0, "two.md#x"), (5, "../three.md"), (6, "four.md")]
