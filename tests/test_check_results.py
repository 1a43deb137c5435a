"""Check results kept between builds: reused only for the very same inputs and rules."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import DOCUMENTS, LANGUAGES, SAMPLE, SOURCE_LANGUAGE
from policy_site.checks.results import (FolderResults, NoResults, RememberedFolderResults, cached_findings, inputs_text,
                                        result_key)
from policy_site.problems import Problem
from policy_site.sources import read_sources
from policy_site.translation.compare import Mismatch


def counting(found):
    calls = []

    def compute():
        calls.append(1)
        return found
    return compute, calls


def test_a_result_is_reused_for_the_same_inputs_only(tmp_path):
    store = FolderResults(tmp_path)
    problem = Problem("docs/fr/policy/2030-01-01.md", 12, "has a <script> element.", "Remove it.")
    compute, calls = counting([problem])
    assert cached_findings(store, "allowed_content", ("page", "text"), Problem, compute) == [problem]
    assert cached_findings(store, "allowed_content", ("page", "text"), Problem, compute) == [problem]
    assert len(calls) == 1
    assert cached_findings(store, "allowed_content", ("page", "text edited"), Problem, compute) == [problem]
    assert len(calls) == 2  # another text: checked anew
    assert result_key("translation", ("page", "text")) != result_key("allowed_content", ("page", "text"))


def test_results_remembered_for_the_next_rebuild_are_the_folder_s_and_read_from_it_once(tmp_path):
    folder = FolderResults(tmp_path)
    folder.put("ab" * 32, "[1]")
    assert RememberedFolderResults(tmp_path).get("ab" * 32) is None  # not saved yet
    folder.save()
    remembered = RememberedFolderResults(tmp_path)
    assert remembered.get("ab" * 32) == "[1]"
    for path in tmp_path.glob("*.pack"):
        path.unlink()  # read once: the next rebuild's lookup does not read the folder
    assert remembered.get("ab" * 32) == "[1]"
    remembered.put("cd" * 32, "[2]")  # what it writes goes to the folder too, for the next process
    remembered.save()
    assert FolderResults(tmp_path).get("cd" * 32) == "[2]"
    assert remembered.get("ef" * 32) is None
    assert remembered.used == {"ab" * 32, "cd" * 32, "ef" * 32}
    problem = Problem("docs/fr/policy/2030-01-01.md", 12, "has a <script> element.", "Remove it.")
    compute, calls = counting([problem])
    assert cached_findings(remembered, "allowed_content", "text", Problem, compute) == [problem]
    remembered.save()
    for path in tmp_path.glob("*.pack"):
        path.unlink()
    assert cached_findings(remembered, "allowed_content", "text", Problem, compute) == [problem]
    assert len(calls) == 1


def test_the_text_of_a_check_s_inputs_is_their_repr_whatever_their_shape():
    """The keys of results stored by earlier builds stay valid: the text a key is made of is
    repr() of the inputs, though each text's repr is made once."""
    sources, _ = read_sources(SAMPLE / "docs", LANGUAGES, SOURCE_LANGUAGE, DOCUMENTS)
    first, second = list(sources.pages.values())[:2]
    for inputs in [(first, second, tuple(LANGUAGES), SOURCE_LANGUAGE, {"https://a.example/": "b"}, None),
                   (first,), first, "body", [first, 1, 2.5], {"k": (True,)}, ()]:
        assert inputs_text(inputs) == repr(inputs)
        assert inputs_text(inputs) == repr(inputs)  # the second time from what was kept
    edited = dataclasses.replace(first, body=first.body + " edited")
    assert inputs_text(edited) == repr(edited) != inputs_text(first)


def test_every_field_of_a_text_is_part_of_its_key():
    sources, _ = read_sources(SAMPLE / "docs", tuple(LANGUAGES), SOURCE_LANGUAGE, tuple(DOCUMENTS))
    page = next(p for p in sources.pages.values() if p.language != SOURCE_LANGUAGE and p.version is not None)
    for changed in (dataclasses.replace(page, title=page.title + "!"), dataclasses.replace(page, body_line=page.body_line + 1),
                    dataclasses.replace(page, translated_from="0" * 12),
                    dataclasses.replace(page, version=dataclasses.replace(page.version, summary="Other."))):
        assert result_key("translation", changed) != result_key("translation", page)


def test_a_damaged_result_is_checked_again_and_replaced(tmp_path):
    store = FolderResults(tmp_path)
    mismatch = Mismatch("numbers", "clause 4.2", "numbers differ from English.", "30", "31")
    compute, calls = counting([mismatch])
    cached_findings(store, "translation", "inputs", Mismatch, compute)
    store.put(result_key("translation", "inputs"), "[{\"check\": ")  # cut short
    assert cached_findings(store, "translation", "inputs", Mismatch, compute) == [mismatch]
    assert len(calls) == 2
    assert cached_findings(store, "translation", "inputs", Mismatch, compute) == [mismatch] and len(calls) == 2


def test_without_a_store_everything_is_checked_every_time():
    compute, calls = counting([])
    for _ in range(2):
        cached_findings(NoResults(), "translation", "inputs", Mismatch, compute)
    assert len(calls) == 2


def test_a_text_s_anchors_are_kept_and_read_again_only_when_its_body_changes(tmp_path, monkeypatch):
    from policy_site.checks import editorial

    sources, _ = read_sources(SAMPLE / "docs", tuple(LANGUAGES), SOURCE_LANGUAGE, tuple(DOCUMENTS))
    page = next(p for p in sources.pages.values() if p.version is not None and "{#" in p.body)
    store = FolderResults(tmp_path)
    ids = editorial.page_ids(page, store)
    assert ids and ids == editorial.page_ids(page, NoResults())
    monkeypatch.setattr(editorial, "markdown_html", lambda body: (_ for _ in ()).throw(AssertionError("converted again")))
    assert editorial.page_ids(page, store) == ids  # from the store: no conversion
    edited = dataclasses.replace(page, body=page.body.replace("{#", "{#renamed-", 1))
    with pytest.raises(AssertionError, match="converted again"):  # another body: converted anew
        editorial.page_ids(edited, store)


def test_a_kept_text_is_made_again_for_other_inputs_only(tmp_path):
    from policy_site.checks.results import cached_text

    store, made = FolderResults(tmp_path), []

    def make(text: str):
        return lambda: made.append(text) or text
    assert cached_text(store, "comparison", ("older body", "newer html", "labels"), make("A")) == "A"
    assert cached_text(store, "comparison", ("older body", "newer html", "labels"), make("B")) == "A"
    assert cached_text(store, "comparison", ("older body edited", "newer html", "labels"), make("C")) == "C"
    assert cached_text(store, "outline", ("older body", "newer html", "labels"), make("D")) == "D"
    assert made == ["A", "C", "D"]
    assert cached_text(NoResults(), "comparison", ("older body", "newer html", "labels"), make("E")) == "E"


def test_a_store_drops_what_no_build_used_for_a_week_and_keeps_the_rest(tmp_path):
    import os
    import time

    from policy_site.stores import UNUSED_DAYS, KeyedFolder

    store = KeyedFolder(tmp_path, ".json")
    for key in ("aa01", "aa02", "bb03"):
        store.write(key, b"{}")
    (tmp_path / "aa" / "left.part").write_bytes(b"{")
    old = time.time() - (UNUSED_DAYS + 1) * 86400
    for path in [store.path("aa01"), store.path("aa02"), tmp_path / "aa" / "left.part"]:
        os.utime(path, (old, old))
    assert store.used == {"aa01", "aa02", "bb03"}
    assert store.prune({"aa01"}) == 2  # aa02 (old, unused) and the stopped write
    assert store.path("aa01").exists() and store.path("bb03").exists()  # used; unused but recent
    assert not store.path("aa02").exists() and not (tmp_path / "aa" / "left.part").exists()
    assert KeyedFolder(tmp_path / "missing", ".json").prune(set()) == 0


def test_packed_results_are_saved_whole_and_read_by_every_later_store(tmp_path):
    from policy_site.stores import PackedFolder

    first, second = PackedFolder(tmp_path), PackedFolder(tmp_path)
    first.write("aa01", b"one")
    second.write("bb02", b"two")
    assert first.read("aa01") == b"one" and PackedFolder(tmp_path).read("aa01") is None  # in memory until saved
    first.save()
    second.save()
    first.save()  # nothing new: no pack
    assert len(list(tmp_path.glob("*.pack"))) == 2 and not list(tmp_path.glob("*.part"))
    later = PackedFolder(tmp_path)
    assert (later.read("aa01"), later.read("bb02"), later.read("cc03")) == (b"one", b"two", None)
    assert later.used == {"aa01", "bb02", "cc03"}
    (tmp_path / "00-cut.pack").write_bytes(next(tmp_path.glob("*.pack")).read_bytes()[:-2])  # a stopped copy
    (tmp_path / "01-empty.pack").write_bytes(b"")
    assert PackedFolder(tmp_path).read("bb02") == b"two"  # damaged packs are passed over


def test_a_process_forked_from_a_store_saves_only_what_it_wrote_itself(tmp_path):
    import os

    from policy_site.stores import PackedFolder, read_pack

    store = PackedFolder(tmp_path)
    store.write("aa01", b"parent's")
    child = os.fork()
    if child == 0:  # what mapped() and the language processes do
        store.write("bb02", b"child's")
        store.save()
        os._exit(0)
    assert os.waitpid(child, 0)[1] == 0
    saved = [read_pack(path.read_bytes()) for path in tmp_path.glob("*.pack")]
    assert [sorted(entries) for entries in saved] == [["bb02"]]
    store.save()
    assert (PackedFolder(tmp_path).read("aa01"), PackedFolder(tmp_path).read("bb02")) == (b"parent's", b"child's")


def test_a_store_saved_many_times_merges_its_packs(tmp_path):
    from policy_site.stores import MERGED_FROM, PackedFolder

    store = PackedFolder(tmp_path)  # `serve` saves once per rebuild
    for number in range(MERGED_FROM + 3):
        store.write(f"{number:04x}", str(number).encode())
        store.save()
    assert len(list(tmp_path.glob("*.pack"))) < MERGED_FROM
    later = PackedFolder(tmp_path)
    assert [later.read(f"{number:04x}") for number in range(MERGED_FROM + 3)] == [
        str(number).encode() for number in range(MERGED_FROM + 3)]


def test_a_packed_store_drops_what_no_build_used_for_a_week_and_keeps_the_rest(tmp_path):
    import os
    import time

    from policy_site.stores import UNUSED_DAYS, PackedFolder, pack_bytes, read_pack

    now = time.time()
    old = now - (UNUSED_DAYS + 1) * 86400
    (tmp_path / "0001.pack").write_bytes(pack_bytes({"aa01": (b"used", old), "aa02": (b"unused, old", old)}))
    (tmp_path / "0002.pack").write_bytes(pack_bytes({"bb03": (b"unused, recent", now - 86400)}))
    legacy, stopped = tmp_path / "aa" / ("a" * 64 + ".json"), tmp_path / "left.part"  # one file per entry, as before
    legacy.parent.mkdir()
    for path in (legacy, stopped):
        path.write_bytes(b"{}")
        os.utime(path, (old, old))
    store = PackedFolder(tmp_path)
    store.write("cc04", b"new")
    assert store.prune({"aa01", "cc04"}, now=now) == 3  # aa02, the old layout's entry, the stopped write
    [pack] = tmp_path.glob("*.pack")  # merged into one
    entries = read_pack(pack.read_bytes())
    assert sorted(entries) == ["aa01", "bb03", "cc04"]
    assert entries["aa01"].written == now and entries["bb03"].written == now - 86400  # used: as if new
    assert not legacy.exists() and not stopped.exists()
    assert PackedFolder(tmp_path).prune({"aa01", "bb03", "cc04"}) == 0
    assert list(tmp_path.glob("*.pack")) == [pack]  # one pack, nothing to drop: not written again
    assert PackedFolder(tmp_path / "missing").prune(set()) == 0


def test_packs_with_nothing_to_drop_are_merged_only_once_they_are_many(tmp_path):
    import time

    from policy_site.stores import MERGED_FROM, PackedFolder, pack_bytes

    for number in range(MERGED_FROM - 1):  # what some builds' processes saved
        (tmp_path / f"{number:04d}.pack").write_bytes(pack_bytes({f"{number:04x}": (b"{}", time.time())}))
    keys = {f"{number:04x}" for number in range(MERGED_FROM)}
    assert PackedFolder(tmp_path).prune(keys) == 0
    assert len(list(tmp_path.glob("*.pack"))) == MERGED_FROM - 1  # left as they are
    (tmp_path / "9999.pack").write_bytes(pack_bytes({f"{MERGED_FROM - 1:04x}": (b"{}", time.time())}))
    assert PackedFolder(tmp_path).prune(keys) == 0
    [merged] = tmp_path.glob("*.pack")
    assert all(PackedFolder(tmp_path).read(key) == b"{}" for key in keys)


def aged(folder, when):
    """Every entry of a packed store made `when` old: what a week without builds does."""
    from policy_site.stores import PackedFolder, pack_bytes, read_pack

    entries = {}
    for path in sorted(folder.glob("*.pack")):
        entries.update({key: (bytes(entry.data[entry.start:entry.end]), when)
                        for key, entry in read_pack(path.read_bytes()).items()})
        path.unlink()
    (folder / "0000-aged.pack").write_bytes(pack_bytes(entries))
    return set(entries)


def stored_keys(folder):
    from policy_site.stores import read_pack

    return {key for path in folder.glob("*.pack") for key in read_pack(path.read_bytes())}


def test_a_complete_build_prunes_its_stores_and_a_one_language_build_does_not(sample_project, tmp_path):
    import os
    import time

    from conftest import run_build
    from policy_site.stores import UNUSED_DAYS, pack_bytes

    checks, pdfs = tmp_path / "checks", tmp_path / "pdfs"
    old = time.time() - (UNUSED_DAYS + 1) * 86400
    stale_result = "f" * 64
    checks.mkdir()
    (checks / "0000-stale.pack").write_bytes(pack_bytes({stale_result: (b"{}", old)}))
    stale_pdf = pdfs / "ff" / ("f" * 64 + ".pdf")
    stale_pdf.parent.mkdir(parents=True)
    stale_pdf.write_bytes(b"{}")
    os.utime(stale_pdf, (old, old))
    env = {"POLICY_SITE_CHECK_STORE": str(checks), "POLICY_SITE_PDF_STORE": str(pdfs)}
    one = run_build(sample_project, tmp_path / "one", {**env, "POLICY_SITE_ONLY_LANGUAGE": SOURCE_LANGUAGE})
    assert one.returncode == 0, one.stderr
    assert stale_pdf.exists() and stale_result in stored_keys(checks)
    kept = aged(checks, old) - {stale_result}  # as old as the stale entry: only being used keeps them
    full = run_build(sample_project, tmp_path / "full", env)
    assert full.returncode == 0, full.stderr
    assert not stale_pdf.exists() and stale_result not in stored_keys(checks)
    assert "removed 1 entries" in full.stderr
    assert kept and kept <= stored_keys(checks)  # the one-language build's are the full build's too
    assert len(list(pdfs.rglob("*.pdf"))) == len(list((tmp_path / "full").rglob("*.pdf")))
    assert len(list(checks.glob("*.pack"))) == 1  # the processes' packs merged
    # what every language's process used is kept, however old: nothing is made again
    keys = aged(checks, old)
    pdf_entries = sorted(pdfs.rglob("*.pdf"))
    for path in pdf_entries:
        os.utime(path, (old, old))
    packs = {path: path.stat().st_mtime for path in checks.glob("*.pack")}
    again = run_build(sample_project, tmp_path / "again", {**env, "POLICY_SITE_BUILD_PROCESSES": "3"})
    assert again.returncode == 0, again.stderr
    assert "languages in 3 processes" in again.stderr and "removed" not in again.stderr
    assert stored_keys(checks) == keys and sorted(pdfs.rglob("*.pdf")) == pdf_entries
    assert {path: path.stat().st_mtime for path in checks.glob("*.pack")} == packs  # not written again
    assert all(path.stat().st_mtime == old for path in pdf_entries)


def test_a_second_build_of_the_same_sources_reads_everything_from_the_store_and_writes_the_same_site(
        sample_project, tmp_path):
    """Every result, each page's conversion included (mkdocs_plugin/kept_renderings.py), is read
    back rather than made again and written: nothing in the store is written a second time."""
    from conftest import run_build
    from policy_site.stores import read_pack
    from test_preview import same_sites

    checks = tmp_path / "checks"
    env = {"POLICY_SITE_CHECK_STORE": str(checks), "POLICY_SITE_PDF_STORE": str(tmp_path / "pdfs")}
    first = run_build(sample_project, tmp_path / "first", env)
    assert first.returncode == 0, first.stderr
    packs = {path: path.stat().st_mtime_ns for path in checks.glob("*.pack")}
    entries = [bytes(entry.data[entry.start:entry.end]) for path in packs for entry in read_pack(path.read_bytes()).values()]
    renderings = [entry for entry in entries if entry.startswith(b'{"content": ')]
    versions = [path for path in (sample_project / "docs").glob("*/*/*.md") if path.stem[:1].isdigit()]
    assert len(renderings) >= len(versions)  # each version page's conversion, at least
    second = run_build(sample_project, tmp_path / "second", env)
    assert second.returncode == 0, second.stderr
    assert {path: path.stat().st_mtime_ns for path in checks.glob("*.pack")} == packs
    assert not list(checks.glob("*.part"))
    assert same_sites(tmp_path / "first", tmp_path / "second") == []
    # a translator's preview of one language reuses what the full build made (its pass is given the same files)
    language = next(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
    one = run_build(sample_project, tmp_path / "one", {**env, "POLICY_SITE_ONLY_LANGUAGE": language})
    assert one.returncode == 0, one.stderr
    assert {path: path.stat().st_mtime_ns for path in checks.glob("*.pack")} == packs
