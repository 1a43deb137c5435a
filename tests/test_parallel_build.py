"""Languages built in parallel processes: the rules of the split, the children's results and
errors, and a site the same, byte for byte, as one built in one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import LANGUAGES, SOURCE_LANGUAGE, run_build
from policy_site import parallel


def test_the_setting_says_how_many_processes_and_the_environment_overrides_it():
    assert parallel.build_processes(0, {}, cores=4) == 4
    assert parallel.build_processes(2, {}, cores=4) == 2
    assert parallel.build_processes(0, {parallel.SETTING: "1"}, cores=4) == 1
    assert parallel.build_processes(3, {parallel.SETTING: "0"}, cores=2) == 2
    assert parallel.build_processes(0, {}, cores=0) == 1


def test_a_setting_that_is_not_a_number_is_refused_with_what_to_write():
    with pytest.raises(ValueError, match=r"POLICY_SITE_BUILD_PROCESSES='two'.*set it to 1"):
        parallel.build_processes(0, {parallel.SETTING: "two"}, cores=2)


@pytest.mark.parametrize("count, processes", [(9, 2), (9, 3), (4, 8), (1, 2), (10, 1)])
def test_every_language_is_built_once_and_the_parent_never_gets_more(count, processes):
    left = [f"l{index}" for index in range(count)]
    dealt = parallel.shares(left, processes)
    assert sorted(language for share in dealt for language in share) == sorted(left)
    assert len(dealt) == min(processes, count)
    assert all(dealt[1:]), "a child process with nothing to build"
    if len(dealt) > 1:  # the parent has built the first language already
        assert len(dealt[0]) <= min(len(share) for share in dealt[1:])
    assert max(map(len, dealt)) - min(map(len, dealt)) <= 1
    for share in dealt:  # in the order of mkdocs.yml within a share
        assert share == sorted(share, key=left.index)


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system: builds run in one process")
def test_a_child_sends_back_its_result_after_building_each_language_of_its_share(tmp_path):
    def build(language: str) -> None:
        (tmp_path / language).write_text(str(os.getpid()), encoding="utf-8")

    child = parallel.start(["fr", "de"], build, lambda: {"built": sorted(p.name for p in tmp_path.iterdir())})
    assert parallel.finish(child) == {"built": ["de", "fr"]}
    assert (tmp_path / "fr").read_text(encoding="utf-8") != str(os.getpid())  # in another process


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system: builds run in one process")
def test_a_child_that_fails_names_the_language_it_was_building():
    def build(language: str) -> None:
        if language == "de":
            raise RuntimeError("'undefined_fn' is undefined")

    with pytest.raises(parallel.ChildBuildError, match=r"'undefined_fn' is undefined \(while building the 'de' pages\)"):
        parallel.finish(parallel.start(["fr", "de", "sv"], build, lambda: None))


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system: builds run in one process")
def test_a_child_that_dies_without_a_word_is_an_error_not_a_silent_gap():
    with pytest.raises(parallel.ChildBuildError, match=r"building fr ended without a result \(exit code 3\).*=1"):
        parallel.finish(parallel.start(["fr"], lambda language: os._exit(3), lambda: None))


@pytest.mark.parametrize("processes", [1, 2, 3, 7])
def test_work_spread_over_processes_comes_back_in_order(processes):
    items = [f"pair {index}" for index in range(11)]
    assert parallel.mapped(lambda item: (item, os.getpid()), items, processes)[0][1] == os.getpid()
    found = parallel.mapped(lambda item: (item.upper(), os.getpid()), items, processes)
    assert [value for value, _ in found] == [item.upper() for item in items]
    assert len({pid for _, pid in found}) == (min(processes, len(items)) if parallel.can_fork() else 1)


def test_what_each_child_reports_reaches_the_parent():
    reported = []
    parallel.mapped(lambda item: item, list(range(9)), 3, report=lambda: os.getpid(), collect=reported.append)
    assert len(reported) == (2 if parallel.can_fork() else 0) and os.getpid() not in reported


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system: builds run in one process")
def test_an_error_in_spread_work_stops_it_with_the_child_s_message():
    def check(item: int) -> int:
        if item == 4:
            raise ValueError("pair 4 cannot be read")
        return item

    with pytest.raises(parallel.ChildBuildError, match="pair 4 cannot be read"):
        parallel.mapped(check, list(range(6)), 3)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.build
def test_a_site_built_in_parallel_is_the_site_built_in_one_process_byte_for_byte(sample_project, site, tmp_path):
    parallel_site, serial_site = tmp_path / "parallel", tmp_path / "serial"
    built = run_build(sample_project, parallel_site, {parallel.SETTING: "3"})
    assert built.returncode == 0, built.stderr
    assert f"{len(LANGUAGES)} languages in 3 processes" in built.stderr
    one = run_build(sample_project, serial_site, {parallel.SETTING: "1"})
    assert one.returncode == 0, one.stderr
    assert "languages in" not in one.stderr
    expected, found = files_of(serial_site), files_of(parallel_site)
    assert sorted(found) == sorted(expected)
    different = [name for name in expected if found[name] != expected[name]]
    assert different == [], f"{len(different)} files differ, first {different[:5]}"
    other = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    assert all(any(name.startswith(f"{code}/") and name.endswith(".pdf") for name in found) for code in other)
    # the session's first build made every outline and comparison; these two took them from the
    # store of check results: the same site again
    first = files_of(site)
    assert sorted(first) == sorted(found) and [name for name in first if first[name] != found[name]] == []


@pytest.mark.build
def test_an_error_in_a_language_built_by_another_process_stops_the_build_and_names_it(project_copy, tmp_path):
    # a template mistake that shows only in one language's pages: that language is a child's
    language = [code for code in LANGUAGES if code != SOURCE_LANGUAGE][0]
    template = project_copy / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}",
        f'{{% block content %}}{{% if page_lang == "{language}" %}}{{{{ missing_helper() }}}}{{% endif %}}', 1),
        encoding="utf-8")
    assert "missing_helper" in template.read_text(encoding="utf-8")
    failed = run_build(project_copy, tmp_path / "out", {parallel.SETTING: "2"})
    assert failed.returncode != 0
    assert "'missing_helper' is undefined" in failed.stderr
    assert f"(while building the '{language}' pages)" in failed.stderr
    assert not (tmp_path / "out" / "versions.json").exists()  # nothing spanning all languages is written


@pytest.mark.unit
def test_a_language_pass_gets_only_its_own_files_and_the_fallback_language_s(tmp_path):
    """The i18n plugin reads every file it is given at each pass: the others' are left out."""
    from types import SimpleNamespace

    from mkdocs.structure.files import File, Files, InclusionLevel

    from policy_site.mkdocs_plugin.plugin import PolicySitePlugin

    others = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    built = others[0]
    plugin = PolicySitePlugin()
    plugin.i18n = SimpleNamespace(
        config=SimpleNamespace(languages=[SimpleNamespace(locale=code) for code in LANGUAGES]),
        default_language=SOURCE_LANGUAGE, current_language=built)
    names = [f"{code}/index.md" for code in LANGUAGES] + ["published.yml", "assets/logo.svg"]
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True,
                        inclusion=InclusionLevel.EXCLUDED if name == "published.yml" else InclusionLevel.UNDEFINED)
                   for name in names])
    given = [file.src_uri for file in plugin._languages_built(files, SimpleNamespace())]
    # a file the site leaves out (exclude_docs), outside the language folders, in no pass
    assert given == [f"{code}/index.md" for code in LANGUAGES if code in (SOURCE_LANGUAGE, built)] + ["assets/logo.svg"]
