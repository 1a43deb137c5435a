"""Every translation against the English text of the same version, and proof the check bites."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import warnings

import pytest

from conftest import DOCUMENTS, LANGUAGES, SAMPLE, SOURCE_LANGUAGE
from policy_site.sources import load_sources
from policy_site.translation.check import check_translation
from policy_site.translation.compare import compare
from policy_site.translation.outline import normalise_number, outline

SOURCES = load_sources(SAMPLE / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
PATHS = SOURCES.paths()
TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translation_matches_english(language, path):
    """A translation that claims to be up to date must match; a stale one is only a warning,
    so that legal can publish English first."""
    result = check_translation(SOURCES, language, path)
    if result.status == "stale":
        warnings.warn(result.report())
    assert result.status != "mismatched", "\n" + result.report()


# -- planted mistakes, each starting from the correct French privacy policy ---------------------

ENGLISH = SOURCES.page("en", "privacy/2017-06-21.md").body
FRENCH = SOURCES.page("fr", "privacy/2017-06-21.md").body


def mismatches(translation: str) -> list[str]:
    return [str(m) for m in compare(outline(ENGLISH), outline(translation))]


def clause(text: str, anchor: str) -> str:
    """The Markdown of one clause (its line and its anchor line)."""
    match = re.search(rf"^\d+\. .*\n   \{{#{anchor}\}}\n", text, re.M)
    assert match, anchor
    return match.group(0)


def test_the_correct_translation_passes():
    assert mismatches(FRENCH) == []


def test_a_dropped_clause():
    found = mismatches(FRENCH.replace(clause(FRENCH, "backup-erasure"), ""))
    assert found[0].startswith("[structure] clause 7.2 #backup-erasure: this numbered clause is missing")
    assert "After those 45 days" in found[0]


def test_a_changed_number():
    found = mismatches(FRENCH.replace("45", "46", 1))
    assert len(found) == 1
    assert found[0].startswith("[numbers] clause 7.1 #backups: numbers differ from English (missing 45; not in English 46).")
    assert "45 |" in found[0] and "46 |" in found[0]


def test_a_broken_link():
    found = mismatches(FRENCH.replace("(../terms/index.md)", "(../term/index.md)"))
    assert len(found) == 1
    assert found[0].startswith("[links] clause 9.1 #agreement: link targets differ from English "
                               "(missing ../terms/index.md; not in English ../term/index.md)")


def test_a_dropped_link():
    text = re.sub(r"\[([^\]]+)\]\(https://en.wikipedia.org/wiki/Gag_order\)", r"\1", FRENCH)
    found = mismatches(text)
    assert any(m.startswith("[links] clause 1.1 #no-surveillance") for m in found)


def test_links_reordered_within_a_clause_are_fine_but_not_a_link_moved_to_another():
    """Grammar reorders the links of a sentence; a link in another clause is a mistake."""
    nsl, gag = "https://en.wikipedia.org/wiki/National_security_letter", "https://en.wikipedia.org/wiki/Gag_order"
    assert nsl in clause(FRENCH, "no-surveillance") and gag in clause(FRENCH, "no-surveillance")
    assert mismatches(FRENCH.replace(nsl, "@@").replace(gag, nsl).replace("@@", gag)) == []
    unlinked = re.sub(rf"\[([^\]]+)\]\({re.escape(gag)}\)", r"\1", FRENCH)
    original = clause(unlinked, "no-hidden-access")
    found = mismatches(unlinked.replace(original, original.replace("la NSA", f"la [NSA]({gag})", 1)))
    assert [m.split(":")[0] for m in found] == ["[links] clause 1.1 #no-surveillance", "[links] clause 1.2 #no-hidden-access"]


def test_a_structure_difference_leaves_every_other_clause_compared():
    found = mismatches(FRENCH.replace(clause(FRENCH, "backup-erasure"), "").replace("45", "46", 1))
    assert [m.split(":")[0] for m in found] == ["[structure] clause 7.2 #backup-erasure", "[numbers] clause 7.1 #backups"]


def test_a_changed_anchor():
    found = mismatches(FRENCH.replace("{#data-retention}", "{#conservation}"))
    assert len(found) == 1
    assert found[0].startswith("[anchors] section 7 #data-retention: the translation's anchor is #conservation "
                               "where English has #data-retention")


def test_a_paragraph_left_in_english():
    english_clause = clause(ENGLISH, "search-index")
    found = mismatches(FRENCH.replace(clause(FRENCH, "search-index"), english_clause))
    assert found == [m for m in found if m.startswith("[untranslated] clause 6.3 #search-index")]
    assert len(found) == 1


def test_an_added_section():
    extra = "\n## 12. Contact {#contact}\n\n1. Écrivez-nous.\n   {#write-to-us}\n"
    found = mismatches(FRENCH + extra)
    assert any(m.startswith("[structure] section 12 #contact: the translation has an extra heading") for m in found)


def test_an_explanation_added_to_a_clause():
    """The mistake every translation once made in clause 1.4: a gloss of "warrant canary" that
    the English does not have. Links, numbers and structure are unchanged; only length tells."""
    original = clause(FRENCH, "transparency-report")
    glossed = original.replace(").", "), c’est-à-dire la déclaration par laquelle nous attestons "
                               "régulièrement n’avoir reçu aucune demande secrète des autorités.")
    assert glossed != original
    found = mismatches(FRENCH.replace(original, glossed))
    assert len(found) == 1
    assert found[0].startswith("[length] clause 1.4 #transparency-report: measured against English, "
                               "this clause is")
    assert "was something added?" in found[0]


def test_a_sentence_left_out_of_a_clause():
    original = clause(FRENCH, "recovery-address")
    cut = original.replace(" Nous y envoyons votre code d’activation, et elle nous permet de vous contacter si "
                           "vous ne parvenez plus à accéder à votre compte.", "")
    assert cut != original
    found = mismatches(FRENCH.replace(original, cut))
    assert [f.split(":")[0] for f in found] == ["[length] clause 2.2 #recovery-address"]
    assert "was something left out?" in found[0]


def test_lengths_are_not_judged_on_a_short_page():
    """The home page has too few clauses for a usual ratio: no length verdict either way."""
    english = SOURCES.page("en", "index.md").body
    french = SOURCES.page("fr", "index.md").body
    padded = french.rstrip("\n") + " Ce texte est bien plus long que l’anglais, et pourtant aucun contrôle " \
        "de longueur ne s’applique à une page aussi courte.\n"
    assert padded != french
    assert not [m for m in compare(outline(english), outline(padded)) if m.check == "length"]


def test_a_changed_email_and_lost_emphasis():
    english = "1. Write to <privacy@x.example>, **not** to us.\n   {#c}\n"
    found = [str(m) for m in compare(outline(english), outline("1. Écrivez à <privacy@y.example>, pas à nous.\n   {#c}\n"))]
    assert any(m.startswith("[e-mail addresses] clause 1 #c") for m in found)
    assert any(m.startswith("[markup] clause 1 #c: English has 1, the translation 0 passages in bold: mark the same "
                            "passages as English.") for m in found)


def test_italics_are_the_translators_typography():
    """French and Spanish italicise a foreign name; that is no difference of meaning."""
    english = "1. The Contributor Covenant applies here.\n   {#c}\n"
    assert compare(outline(english), outline("1. Le *Contributor Covenant* s'applique ici.\n   {#c}\n"), "fr") == []


@pytest.mark.parametrize("raw, expected", [
    ("1,000", "1000"), ("1.000", "1000"), ("1\u00a0000", "1000"), ("1\u202f000", "1000"),
    ("2,5", "2.5"), ("2.5", "2.5"), ("45", "45"),
])
def test_locale_number_formats_compare_equal(raw, expected):
    assert normalise_number(raw) == expected


def test_the_report_command_prints_a_table_and_writes_markdown(tmp_path, sample_project):
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "policy_site.cli", "translations", "--markdown", str(summary)],
        cwd=sample_project, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "| fr |" + " up to date |" * len(PATHS) in result.stdout
    assert result.stdout == summary.read_text(encoding="utf-8") + "\n"


def test_the_report_command_fails_and_explains_a_mismatch(project_copy):
    path = project_copy / "docs" / "nl" / "privacy" / "2017-06-21.md"
    path.write_text(path.read_text(encoding="utf-8").replace("45", "54", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "translations"],
        cwd=project_copy, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "| nl | up to date | **mismatched** (1) | up to date |" in result.stdout
    assert "[numbers] clause 7.1 #backups: numbers differ from English (missing 45; not in English 54)." in result.stdout


def run_report(project):
    return subprocess.run(
        [sys.executable, "-m", "policy_site.cli", "-f", str(project / "mkdocs.yml"), "translations"],
        cwd=project, capture_output=True, text=True,
    )


def test_a_change_in_english_makes_every_translation_stale_not_failed(project_copy):
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "published"]):
        subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *command],
                       cwd=project_copy, check=True, capture_output=True)
    path = project_copy / "docs" / "en" / "terms" / "2025-02-01.md"
    path.write_text(path.read_text(encoding="utf-8").replace("1000 messages", "300 messages"), encoding="utf-8")
    result = run_report(project_copy)
    assert result.returncode == 0, result.stdout
    assert "| de |" + " up to date |" * (len(PATHS) - 1) + " stale |" in result.stdout
    assert "docs/de/terms/2025-02-01.md against docs/en/terms/2025-02-01.md: stale (translated from English" in result.stdout
    # the translator sees what changed in English since the text they translated ...
    assert "English changes since the translated text:" in result.stdout
    assert "-2. You may not send more than 1000 messages a day from a free account." in result.stdout
    assert "+2. You may not send more than 300 messages a day from a free account." in result.stdout
    # ... and the numbers that now differ
    assert "[numbers] clause 4.2 #sending-limit" in result.stdout


def test_pin_records_the_english_text_only_when_the_translation_matches(project_copy):
    english = project_copy / "docs" / "en" / "terms" / "2025-02-01.md"
    english.write_text(english.read_text(encoding="utf-8").replace("1000 messages", "300 messages"), encoding="utf-8")
    pin = [sys.executable, "-m", "policy_site.cli", "-f", str(project_copy / "mkdocs.yml"), "pin", "fr", "terms/2025-02-01"]
    refused = subprocess.run(pin, cwd=project_copy, capture_output=True, text=True)
    assert refused.returncode == 1 and "Not pinned" in refused.stderr
    french = project_copy / "docs" / "fr" / "terms" / "2025-02-01.md"
    french.write_text(french.read_text(encoding="utf-8").replace("1000", "300"), encoding="utf-8")
    accepted = subprocess.run(pin, cwd=project_copy, capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stderr
    assert "| fr |" + " up to date |" * len(PATHS) in run_report(project_copy).stdout


def test_a_clause_in_another_language_is_caught():
    italian = SOURCES.page("it", "privacy/2017-06-21.md").body
    spanish = SOURCES.page("es", "privacy/2017-06-21.md").body
    pasted = italian.replace(clause(italian, "reopening"), clause(spanish, "reopening"))
    found = [str(m) for m in compare(outline(ENGLISH), outline(pasted), "it", LANGUAGES)]
    assert len(found) == 1
    assert found[0].startswith("[untranslated] clause 8.3 #reopening: this text reads as Spanish, not as "
                               "the file's language (Italian)")


def test_english_left_with_a_small_edit_is_caught():
    english_clause = clause(ENGLISH, "search-index").replace("much like", "just like")
    text = FRENCH.replace(clause(FRENCH, "search-index"), english_clause)
    found = [str(m) for m in compare(outline(ENGLISH), outline(text), "fr", LANGUAGES)]
    assert [m.split(":")[0] for m in found] == ["[untranslated] clause 6.3 #search-index"]
    assert "reads as English" in found[0]


def test_only_reviewed_localised_urls_may_differ(tmp_path):
    from policy_site.translation.check import check_translation

    cookie = "https://en.wikipedia.org/wiki/HTTP_cookie"
    french_cookie = "https://fr.wikipedia.org/wiki/Cookie_(informatique)"
    french = SOURCES.page("fr", "privacy/2017-06-21.md")
    localised = dataclasses.replace(french, body=french.body.replace(cookie, french_cookie))
    sources = dataclasses.replace(SOURCES, pages={**SOURCES.pages, ("fr", french.path): localised})
    refused = check_translation(sources, "fr", french.path)
    assert any(m.check == "links" for m in refused.mismatches)
    allowed = check_translation(sources, "fr", french.path, localised_urls={cookie: {"fr": french_cookie}})
    assert allowed.mismatches == ()
    # the reviewed URL is for French only
    assert check_translation(sources, "fr", french.path, localised_urls={cookie: {"de": french_cookie}}).mismatches


# -- translator handoff through PO files -------------------------------------------------------------


def cli(project, *args, env=None):
    return subprocess.run([sys.executable, "-m", "policy_site.cli", "-f", str(project / "mkdocs.yml"), *args],
                          cwd=project, capture_output=True, text=True, env=env)


def test_an_up_to_date_translation_round_trips_through_po_unchanged(project_copy, tmp_path):
    from babel.messages.pofile import read_po

    po = tmp_path / "fr.po"
    exported = cli(project_copy, "export", "fr", "terms/2025-02-01", "-o", str(po))
    assert exported.returncode == 0, exported.stderr
    assert "0 to translate or review" in exported.stdout
    catalogue = read_po(po.open("rb"))
    clause = next(m for m in catalogue if m.context == "sending-limit")
    assert clause.id == "You may not send more than 1000 messages a day from a free account."
    assert "1000\u00a0messages" in clause.string and not clause.fuzzy
    before = (project_copy / "docs/fr/terms/2025-02-01.md").read_text(encoding="utf-8")
    imported = cli(project_copy, "import", "fr", "terms/2025-02-01", str(po))
    assert imported.returncode == 0, imported.stderr
    after = (project_copy / "docs/fr/terms/2025-02-01.md").read_text(encoding="utf-8")
    body = lambda text: text.split("\n---\n", 1)[1]
    assert body(after) == body(before)


def test_a_stale_translation_is_handed_off_and_brought_back(project_copy, tmp_path):
    from babel.messages.pofile import read_po, write_po

    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "published"]):
        subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *command],
                       cwd=project_copy, check=True, capture_output=True)
    english = project_copy / "docs/en/terms/2025-02-01.md"
    english.write_text(english.read_text(encoding="utf-8").replace("1000 messages", "300 messages"), encoding="utf-8")
    po = tmp_path / "de.po"
    assert cli(project_copy, "export", "de", "terms/2025-02-01", "-o", str(po)).returncode == 0
    catalogue = read_po(po.open("rb"))
    todo = [m for m in catalogue if m.id and (m.fuzzy or not m.string)]
    assert [m.context for m in todo] == ["front-summary", "sending-limit"]  # both said 1000 messages
    # the previous English is in the file for PO editors to show as a diff
    assert '#| msgid "You may not send more than 1000 messages a day from a free account."' in po.read_text(encoding="utf-8")
    # an unfinished catalogue is refused, and nothing is written
    before = (project_copy / "docs/de/terms/2025-02-01.md").read_text(encoding="utf-8")
    refused = cli(project_copy, "import", "de", "terms/2025-02-01", str(po))
    assert refused.returncode == 1 and "sending-limit (untranslated or fuzzy)" in refused.stderr
    assert (project_copy / "docs/de/terms/2025-02-01.md").read_text(encoding="utf-8") == before
    # the translator updates the summary and the clause and clears the fuzzy marks
    for message in todo:
        message.string = message.string.replace("1000", "300")
        message.flags.discard("fuzzy")
    # a translation vendor's catalogue with a script in it is refused by the same allow-list as check
    clause = next(m for m in todo if m.context == "sending-limit")
    good = clause.string
    clause.string = good + ' <img src="x.png" onerror="alert(1)">'
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    refused = cli(project_copy, "import", "de", "terms/2025-02-01", str(po))
    assert refused.returncode == 1 and "the attribute onerror= on <img>" in refused.stderr, refused.stderr
    assert (project_copy / "docs/de/terms/2025-02-01.md").read_text(encoding="utf-8") == before
    clause.string = good
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    imported = cli(project_copy, "import", "de", "terms/2025-02-01", str(po))
    assert imported.returncode == 0, imported.stderr
    assert "translated_from set to today's English text" in imported.stdout
    report = cli(project_copy, "translations")
    assert "| de |" + " up to date |" * len(PATHS) in report.stdout
    assert "300 Nachrichten" in (project_copy / "docs/de/terms/2025-02-01.md").read_text(encoding="utf-8")


def test_a_mistranslated_import_is_not_pinned(project_copy, tmp_path):
    from babel.messages.pofile import read_po, write_po

    po = tmp_path / "it.po"
    assert cli(project_copy, "export", "it", "terms/2025-02-01", "-o", str(po)).returncode == 0
    catalogue = read_po(po.open("rb"))
    clause = next(m for m in catalogue if m.context == "sending-limit")
    clause.string = clause.string.replace("1000", "100")
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    imported = cli(project_copy, "import", "it", "terms/2025-02-01", str(po))
    assert imported.returncode == 1
    assert "[numbers] clause 4.2 #sending-limit" in imported.stderr
    assert "Not pinned" in imported.stderr


def test_the_check_renders_markdown_like_the_site(sample_project):
    from mkdocs.config import load_config

    from policy_site.checks.site import markdown_problems, site_settings
    from policy_site.translation.outline import EXTENSIONS

    settings = site_settings(load_config(str(sample_project / "mkdocs.yml")))
    assert sorted(settings.markdown_extensions) == sorted(EXTENSIONS)  # MkDocs' built-ins included
    assert markdown_problems(settings) == []


def test_an_extension_the_checks_do_not_render_with_is_refused_naming_mkdocs_yml():
    from policy_site.checks.site import SiteSettings, markdown_problems

    settings = SiteSettings(SAMPLE / "docs", ("en",), "en", ("privacy",), markdown_extensions=(
        "toc", "tables", "fenced_code", "attr_list", "footnotes", "pymdownx.details"))
    problems = markdown_problems(settings)
    assert [problem.path for problem in problems] == ["mkdocs.yml", "mkdocs.yml"]
    assert "footnotes" in problems[0].message and "Remove footnotes" in problems[0].fix
    assert "pymdownx.details" in problems[1].message
    assert markdown_problems(dataclasses.replace(settings, markdown_extensions=None)) == []


TABLE_EN = ("## Kept {#kept}\n\n| Data | Days |\n|---|---|\n| Account {#kept-account} | 30 |\n"
            "| Logs {#kept-logs} | 14 |\n")
TABLE_DE = ("## Aufbewahrung {#kept}\n\n| Daten | Tage |\n|---|---|\n| Konto {#kept-account} | 30 |\n"
            "| Protokolle {#kept-logs} | 14 |\n")


def test_a_table_row_with_an_anchor_is_checked_as_its_own_clause():
    assert [b.kind for b in outline(TABLE_EN).blocks] == ["h2", "table 3x2", "table row", "table row"]
    assert compare(outline(TABLE_EN), outline(TABLE_DE)) == []
    changed = [str(m) for m in compare(outline(TABLE_EN), outline(TABLE_DE.replace("| 14 |", "| 41 |")))]
    assert len(changed) == 1 and changed[0].startswith("[numbers] row 2 of a table #kept-logs")
    dropped = [str(m) for m in compare(outline(TABLE_EN), outline(TABLE_DE.replace("| Konto {#kept-account} | 30 |\n", "")))]
    assert any("#kept-account: this table row is missing" in m for m in dropped)


def test_the_summary_and_the_title_are_checked_like_clauses(project_copy):
    """What feeds and history pages show: "30 jours au lieu de 45" turned into 46 must not pass."""
    page = "privacy/2027-01-01.md"
    sources = load_sources(project_copy / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    assert check_translation(sources, "fr", page).mismatches == ()
    path = project_copy / "docs" / "fr" / page
    text = path.read_text(encoding="utf-8")
    summary = re.search(r"^summary: .*$", text, re.M).group(0)
    assert "au lieu de 45" in summary
    path.write_text(text.replace(summary, summary.replace("au lieu de 45", "au lieu de 46")), encoding="utf-8")
    changed = load_sources(project_copy / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    found = [str(m) for m in check_translation(changed, "fr", page).mismatches]
    assert len(found) == 1 and found[0].startswith("[numbers] summary (front matter): numbers differ from English (missing 45; not in English 46).")
    retitled = text.replace("title: Politique de confidentialité", "title: Politique de confidentialité 2")
    assert retitled != text
    path.write_text(retitled, encoding="utf-8")
    found = [str(m) for m in check_translation(load_sources(project_copy / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS),
                                               "fr", page).mismatches]
    assert len(found) == 1 and found[0].startswith("[numbers] title (front matter)")


@pytest.mark.parametrize("language, english, translation", [
    ("de", "We keep them for 10 years.", "Wir bewahren sie zehn Jahre lang auf."),
    ("pt", "Use 2 factors to sign in.", "Use dois fatores para entrar."),
    ("ru", "Turn on 2-factor authentication.", "Включите двухфакторную аутентификацию."),
    ("sv", "Use 2-step verification.", "Använd tvåstegsverifiering."),
    ("fr", "You may ask us twice a year.", "Vous pouvez nous le demander 2 fois par an."),
])
def test_a_number_written_in_words_on_one_side_is_the_same_number(language, english, translation):
    assert compare(outline(english), outline(translation), language) == []


@pytest.mark.parametrize("language, english, translation", [
    ("de", "We keep them for 10 years.", "Wir bewahren sie zwölf Jahre lang auf."),
    ("de", "Within 2 days.", "Innerhalb von zweiundzwanzig Tagen."),
    ("fr", "We reply within 7 days.", "Nous répondons en septembre."),
])
def test_another_number_in_words_is_still_a_finding(language, english, translation):
    [found] = compare(outline(english), outline(translation), language)
    assert found.check == "numbers" and "missing" in found.message


@pytest.mark.parametrize("kept", [
    "Acme Cloud GmbH, Friedrichstraße 12, 10117 Berlin, Germany",
    "Data Protection Officer: Jane Doe, DPO Services Ltd, Dublin",
])
def test_text_rightly_kept_as_in_english_is_not_left_in_english(kept):
    """A postal address or a list of names reads the same in every language."""
    english = f"## Contact {{#contact}}\n\n1. {kept}\n   {{#address}}\n"
    translation = f"## Kontakt {{#contact}}\n\n1. {kept}\n   {{#address}}\n"
    assert compare(outline(english), outline(translation), "de", ["en", "de"]) == []


def test_a_sentence_of_ordinary_words_left_in_english_is_still_caught():
    english = "## Contact {#contact}\n\n1. You can write to us at any time.\n   {#write}\n"
    found = compare(outline(english), outline(english.replace("## Contact", "## Kontakt")), "de", ["en", "de"])
    assert [m.check for m in found] == ["untranslated"]


def test_the_job_summary_stays_bounded_and_points_to_the_whole_report():
    from policy_site.translation.check import TranslationResult
    from policy_site.translation.compare import Mismatch
    from policy_site.translation.report import bounded_summary, full_report

    finding = Mismatch("links", "clause 1.1 #x", "link targets differ from English.", "a " * 400, "b " * 400)
    paths = [f"doc{n}/2020-01-01.md" for n in range(40)]
    results = [TranslationResult(language, path, (finding,) * 50, pinned="p", current="p")
               for language in ("de", "fr") for path in paths]
    whole = full_report(results, ["de", "fr"], paths)
    summary = bounded_summary(results, ["de", "fr"], paths, limit=50_000)
    assert len(whole) > 1_000_000 and len(summary) <= 50_000
    assert "80 mismatched, 0 stale, 0 up to date" in summary and "The whole report is the job's artifact" in summary
    assert "... and 47 more findings in this file" in summary and "more files: see the artifact" in summary
    findings = summary.split("## First findings", 1)[1]
    assert max(len(line) for line in findings.splitlines()) < 400  # the table aside, no line runs on


def test_a_sentence_appended_to_english_is_caught_at_its_clause():
    """English gains a sentence (+40 %), the translation keeps its pin's text: the drift the
    structure, links and numbers cannot see."""
    original = clause(ENGLISH, "recovery-address")
    first_line = original.split("\n")[0]
    added = first_line + " We never use it for marketing, and we never share it with anyone else."
    assert 1.3 < len(added) / len(first_line) < 1.6
    english = ENGLISH.replace(first_line, added)
    found = [str(m) for m in compare(outline(english), outline(FRENCH), "fr", ["en", "fr"])]
    assert len(found) == 1 and found[0].startswith("[sentences] clause 2.2 #recovery-address: English has 3 sentences "
                                                    "here, the translation 2")
    assert "was a sentence left out?" in found[0]


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_translators_who_split_or_join_sentences_are_not_flagged(language):
    """Every sample translation, as its translators wrote it: no sentence finding."""
    for path in SOURCES.paths():
        found = compare(outline(SOURCES.page("en", path).body), outline(SOURCES.page(language, path).body),
                        language, LANGUAGES)
        assert [str(m) for m in found if m.check == "sentences"] == [], path


def test_the_po_export_has_one_message_per_clause_and_per_table_cell_without_markup():
    from policy_site.translation import handoff

    english = ("# Privacy {#privacy}\n\nWe collect:\n\n- your address,\n    {#collect-1}\n\n- the times you sign in.\n"
               "    {#collect-2}\n\n| Data | Kept for |\n|---|---|\n| Account {#kept-account} | 30 days |\n")
    french = ("# Confidentialité {#privacy}\n\nNous collectons :\n\n- votre adresse,\n    {#collect-1}\n\n"
              "- les heures de connexion.\n    {#collect-2}\n\n| Données | Durée |\n|---|---|\n"
              "| Compte {#kept-account} | 30 jours |\n")
    catalogue = handoff.export_catalogue("fr", {}, english, {}, french, up_to_date=True, previous_english=None)
    messages = {m.context: (m.id, m.string) for m in catalogue if m.id}
    assert messages["collect-1"] == ("your address,", "votre adresse,")
    assert messages["kept-account/cell-2"] == ("30 days", "30 jours")
    assert messages["table-1/row-1/cell-1"] == ("Data", "Données")
    assert not [key for key, (source, _) in messages.items() if re.search(r"[|{}]|^- |---", source)]
    body, _ = handoff.import_catalogue(english, catalogue)
    assert body == french


# A translation carried over from the previous version (policy_site.translation.carried_over)

EARLIER_EN = "## 2. Sharing {#sharing}\n\n1. We share data with Acme Marketing Cloud, only to send newsletters.\n   {#sharing-1}\n2. We never sell data.\n   {#sharing-2}\n"
EARLIER_FR = "## 2. Partage {#sharing}\n\n1. Nous partageons des données avec Acme Marketing Cloud, uniquement pour envoyer des lettres d'information.\n   {#sharing-1}\n2. Nous ne vendons jamais de données.\n   {#sharing-2}\n"


def carried(english_now: str, french_now: str) -> list[str]:
    from policy_site.translation.carried_over import carried_over
    return [str(m) for m in carried_over(outline(EARLIER_EN), outline(EARLIER_FR), outline(english_now),
                                         outline(french_now), "2024-01-01")]


def test_a_renamed_vendor_the_translation_did_not_follow_is_found_at_its_clause():
    renamed = EARLIER_EN.replace("Acme Marketing Cloud", "Acme")
    found = carried(renamed, EARLIER_FR)
    assert len(found) == 1 and found[0].startswith(
        "[unchanged] clause 2.1 #sharing-1: English changed this since the version of 2024-01-01 (-marketing -cloud), "
        "but the translation is still that version's, word for word: translate the change.")
    assert carried(renamed, EARLIER_FR.replace("Acme Marketing Cloud", "Acme")) == []


def test_a_respelling_or_a_comma_in_english_asks_nothing_of_the_translation():
    assert carried(EARLIER_EN.replace("newsletters", "news-letters").replace("Cloud,", "Cloud"), EARLIER_FR) == []


def test_the_changed_words_are_named_and_respellings_left_out():
    from policy_site.translation.carried_over import changed_words
    assert changed_words("an e-mail address, race, or religion", "an email address, race, caste, color, or religion") == [
        "+caste", "+color"]
    assert changed_words("the colour of the button", "the color of the button") == []
    assert changed_words("We pledge to making it", "We pledge to make it") == ["-making", "+make"]  # grammar is a change


def test_the_check_finds_the_earlier_version_of_a_document_in_the_site(tmp_path):
    """check_translation pairs a version with the one before it in both languages."""
    from policy_site.translation.check import earlier_version
    document = SOURCES.documents[0]
    versions = SOURCES.versions(SOURCE_LANGUAGE, document)
    found = earlier_version(SOURCES, TRANSLATIONS[0], versions[1].path)
    assert found is not None and (found[0].path, found[1].language) == (versions[0].path, TRANSLATIONS[0])
    assert earlier_version(SOURCES, TRANSLATIONS[0], versions[0].path) is None


# Links to the page in the translation's own language (policy_site.translation.links)

@pytest.mark.parametrize("english, translated, expected", [
    ("https://example.org/privacy", "https://example.org/fr/privacy", True),
    ("https://example.org/en/privacy/", "https://example.org/fr/privacy/", True),
    ("https://example.org/privacy.html", "https://example.org/fr-ca/privacy", True),
    ("https://example.org/privacy", "https://fr.example.org/privacy", True),
    ("https://example.org/privacy.html", "https://example.org/privacy", True),
    ("https://example.org/privacy", "https://example.org/de/privacy", False),
    ("https://example.org/privacy", "https://example.org/fr/terms", False),
    ("https://example.org/privacy", "https://evil.example/fr/privacy", False),
    ("https://example.org/privacy?a=1", "https://example.org/fr/privacy?a=2", False),
    ("mailto:a@example.org", "mailto:a@example.org/fr", False),
])
def test_a_link_to_the_same_page_in_the_translation_language(english, translated, expected):
    from policy_site.translation.links import is_localised
    assert is_localised(english, translated, "fr") is expected


def test_a_localised_link_passes_but_another_target_does_not():
    english = "1. Read [our terms](https://example.org/terms.html) first.\n   {#c}\n"
    assert compare(outline(english), outline("1. Lisez [nos conditions](https://example.org/fr/terms) d'abord.\n   {#c}\n"), "fr") == []
    found = [str(m) for m in compare(outline(english), outline("1. Lisez [nos conditions](https://example.org/fr/cgu) d'abord.\n   {#c}\n"), "fr")]
    assert found and found[0].startswith("[links] clause 1 #c")


# Paragraphs split or joined (policy_site.translation.paragraphs)

PARAGRAPHS_EN = "\n\n".join([
    "Reports of abusive behaviour go to the moderators of the project by e-mail. Every report is read and answered quickly and fairly.",
    "The moderators keep the name of whoever reports an incident private.",
    "Moderators who do not follow this code in good faith may lose their role in the project.",
    "This code applies in every space of the project, online and offline alike.",
    "Questions about this code go to the board of the project, which answers them in writing.",
]) + "\n"
PARAGRAPHS_FR = [
    "Les signalements de comportements abusifs sont adressés aux modérateurs du projet par courriel.",
    "Chaque signalement est lu, et il y est répondu rapidement et équitablement.",
    "Les modérateurs gardent confidentiel le nom de la personne qui signale un incident.",
    "Les modérateurs qui n'appliquent pas ce code de bonne foi peuvent perdre leur rôle dans le projet.",
    "Ce code s'applique dans tous les espaces du projet, en ligne comme hors ligne.",
    "Les questions sur ce code sont adressées au conseil du projet, qui y répond par écrit.",
]


def test_a_paragraph_split_in_two_is_one_paragraph():
    assert compare(outline(PARAGRAPHS_EN), outline("\n\n".join(PARAGRAPHS_FR) + "\n"), "fr") == []


def test_two_paragraphs_joined_are_one_paragraph():
    joined = [PARAGRAPHS_FR[0] + " " + PARAGRAPHS_FR[1] + " " + PARAGRAPHS_FR[2], *PARAGRAPHS_FR[3:]]
    assert compare(outline(PARAGRAPHS_EN), outline("\n\n".join(joined) + "\n"), "fr") == []


def test_a_paragraph_left_out_is_still_named():
    dropped = [PARAGRAPHS_FR[0] + " " + PARAGRAPHS_FR[1], *PARAGRAPHS_FR[3:]]
    found = [str(m) for m in compare(outline(PARAGRAPHS_EN), outline("\n\n".join(dropped) + "\n"), "fr")]
    assert any(m.startswith("[structure] paragraph 2: this paragraph is missing in the translation.") for m in found)


def test_a_version_number_with_trailing_zeros_is_the_same_version():
    english = "1. This code is adapted from version 1.4 of the covenant.\n   {#c}\n"
    assert compare(outline(english), outline("1. Ce code est adapté de la version 1.4.0 du pacte.\n   {#c}\n"), "fr") == []


# Names kept as English writes them (policy_site.translation.names)

NAMES_EN = ("1. We send newsletters through Acme Marketing Cloud, a service of Acme Inc.\n   {#a}\n"
            "2. Acme Marketing Cloud keeps your address for 30 days. Your Personal Data stays in the EU.\n   {#b}\n")
NAMES_FR = ("1. Nous envoyons nos lettres d'information au moyen d'Acme Marketing Cloud, un service d'Acme Inc.\n   {#a}\n"
            "2. Acme Marketing Cloud conserve votre adresse pendant 30 jours. Vos Données personnelles restent dans l'UE.\n   {#b}\n")


def test_names_written_as_english_writes_them_pass_and_terms_may_be_translated():
    assert compare(outline(NAMES_EN), outline(NAMES_FR), "fr") == []


def test_a_vendor_renamed_in_english_only_is_a_finding():
    renamed = NAMES_EN.replace("through Acme Marketing Cloud", "through Acme")
    found = [str(m) for m in compare(outline(renamed), outline(NAMES_FR), "fr")]
    assert found == [m for m in found if m.startswith("[names]")] and found[0].startswith(
        "[names] clause 1 #a: the translation writes 'Acme Marketing Cloud' where English writes 'Acme': "
        "write names as English writes them here.")


def test_a_name_left_out_of_its_clause_is_a_finding():
    dropped = NAMES_FR.replace("Acme Marketing Cloud conserve", "Le service conserve")
    found = [str(m) for m in compare(outline(NAMES_EN), outline(dropped), "fr")]
    assert any(m.startswith("[names] clause 2 #b: 'Acme' is missing") for m in found)


def test_german_nouns_after_a_name_are_no_longer_name():
    english = "1. Sign in with your Acme account to see your Acme invoices and what we keep.\n   {#a}\n"
    german = "1. Melden Sie sich mit Ihrem Acme Konto an, um Ihre Acme Rechnungen und unsere Daten zu sehen.\n   {#a}\n"
    assert compare(outline(english), outline(german), "de") == []


def test_a_title_may_translate_the_name_it_starts_with_but_a_summary_keeps_a_vendor():
    from policy_site.sources import SourcePage, VersionFacts
    from policy_site.translation.check import compare_facts
    import datetime as dt

    def page(language, title, summary, body):
        facts = VersionFacts("coc", dt.date(2024, 1, 1), None, "material", summary)
        return SourcePage(language, "coc/2024-01-01.md", title, body, 5, facts)
    english = page("en", "Contributor Covenant Code of Conduct", "Acme Mail now sends the newsletters.",
                   "1. The Contributor Covenant applies, and Acme Mail sends mail.\n   {#a}\n")
    spanish = page("es", "Código de conducta del Pacto de Colaboradores", "Ahora las envía otro servicio.",
                   "1. Se aplica el Contributor Covenant, y Acme Mail envía el correo.\n   {#a}\n")
    found = [str(m).split("\n")[0] for m in compare_facts(english, spanish, "es", LANGUAGES)]
    assert found == ["[names] summary (front matter): 'Acme' is missing: write names as English writes them here."]


def test_a_build_with_an_extension_the_checks_do_not_read_stops_before_building(project_copy, tmp_path):
    from conftest import run_build

    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - footnotes\n", 1), encoding="utf-8")
    assert "  - footnotes\n" in config.read_text(encoding="utf-8")
    built = run_build(project_copy, tmp_path / "out")
    assert built.returncode != 0
    assert "mkdocs.yml: markdown_extensions lists footnotes, which the checks do not render with" in built.stderr
    assert not (tmp_path / "out" / "versions.json").exists()
