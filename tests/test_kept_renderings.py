"""A build reuses an earlier build's conversion of a page (from memory in `mkdocs serve`, from the
store between builds) only for the very same Markdown, address and site files, and never one
that logged a warning."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from policy_site.checks.results import FolderResults, NoResults
from policy_site.mkdocs_plugin.kept_renderings import STORED_FROM, KeptRenderings


def a_file(config: MkDocsConfig, src_uri: str) -> File:
    return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)


def site(tmp_path) -> tuple[MkDocsConfig, Files, Page]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    files = Files([a_file(config, "en/a.md"), a_file(config, "en/b.md")])
    page = Page(None, files.get_file_from_path("en/a.md"), config)
    page.meta = {"title": "A"}
    return config, files, page


def convert(kept: KeptRenderings, page: Page, files: Files, markdown: str, html: str, warn: bool = False) -> tuple[str, str]:
    """(what MkDocs is given to convert, the HTML the page ends with), as one rebuild does."""
    given = kept.markdown_to_convert(markdown, page, files, "settings")
    if warn:
        logging.getLogger("mkdocs.structure.pages").warning("a link to no page")
    page.markdown, page.toc, page.present_anchor_ids = given, [], {"one"}
    return given, kept.converted(html if given else "", page, files)


def test_the_same_page_is_converted_once_and_its_conversion_reused(tmp_path):
    config, files, page = site(tmp_path)
    kept = KeptRenderings()
    kept.start_build(NoResults(), remember=True)
    assert convert(kept, page, files, "# A\n\ntext", "<h1>A</h1><p>text</p>") == ("# A\n\ntext", "<h1>A</h1><p>text</p>")
    kept.start_build(NoResults(), remember=True)
    assert convert(kept, page, files, "# A\n\ntext", "never made") == ("", "<h1>A</h1><p>text</p>")
    assert page.markdown == "# A\n\ntext" and page.present_anchor_ids == {"one"}
    kept.start_build(NoResults(), remember=True)  # kept from one rebuild to the next while nothing changes
    assert convert(kept, page, files, "# A\n\ntext", "never made")[0] == ""


def test_an_edit_a_new_file_or_a_warning_makes_the_conversion_again(tmp_path):
    config, files, page = site(tmp_path)
    kept = KeptRenderings()
    kept.start_build(NoResults(), remember=True)
    convert(kept, page, files, "# A\n\ntext", "<p>text</p>")
    kept.start_build(NoResults(), remember=True)
    assert convert(kept, page, files, "# A\n\ntext, edited", "<p>text, edited</p>") == (
        "# A\n\ntext, edited", "<p>text, edited</p>")
    files.append(a_file(config, "en/c.md"))  # a link may now lead somewhere
    kept.start_build(NoResults(), remember=True)
    assert convert(kept, page, files, "# A\n\ntext, edited", "<p>again</p>")[0] != ""
    kept.start_build(NoResults(), remember=True)
    assert convert(kept, page, files, "# A\n\nlink", "<p>link</p>", warn=True)[0] != ""
    kept.start_build(NoResults(), remember=True)  # warned: converted again, so that the rebuild warns again
    assert convert(kept, page, files, "# A\n\nlink", "<p>link</p>")[0] != ""


def test_a_page_titled_by_its_own_heading_is_always_converted(tmp_path):
    config, files, page = site(tmp_path)
    page.meta = {}
    kept = KeptRenderings()
    for _ in range(2):
        kept.start_build(NoResults(), remember=True)
        assert convert(kept, page, files, "# A\n\ntext", "<p>text</p>")[0] == "# A\n\ntext"


def test_a_conversion_is_stored_for_the_next_build_with_its_table_of_contents_and_anchors(tmp_path):
    from mkdocs.structure.toc import get_toc

    config, files, page = site(tmp_path)
    store = FolderResults(tmp_path / "store")
    long = "# A\n\n" + "text " * STORED_FROM
    first = KeptRenderings()
    first.start_build(store, remember=False)
    assert first.markdown_to_convert(long, page, files, "settings") == long
    page.markdown, page.present_anchor_ids = long, {"a", "b"}
    page.toc = get_toc([{"level": 1, "id": "a", "name": "A &amp; B", "children": [
        {"level": 2, "id": "b", "name": "B", "children": []}]}])
    page.links_to_anchors = {files.get_file_from_path("en/b.md"): {"x": "b.md#x"}}
    first.converted("<h1 id=\"a\">A</h1>", page, files)
    assert first.current == {}  # a build (not serve) keeps nothing in memory

    later = KeptRenderings()  # another process: from the store
    later.start_build(store, remember=False)
    _, _, again = site(tmp_path)
    assert later.markdown_to_convert(long, again, files, "settings") == ""
    assert later.converted("", again, files) == "<h1 id=\"a\">A</h1>"
    assert [(a.title, a.id, a.level, [(c.title, c.id) for c in a.children]) for a in again.toc] == [
        ("A &amp; B", "a", 1, [("B", "b")])]
    assert again.present_anchor_ids == {"a", "b"} and again.markdown == long
    assert again.links_to_anchors == {files.get_file_from_path("en/b.md"): {"x": "b.md#x"}}
    assert later.markdown_to_convert(long, again, files, "other settings") == long  # another key


def test_a_page_that_is_only_a_title_is_not_stored(tmp_path):
    config, files, page = site(tmp_path)
    store = FolderResults(tmp_path / "store")
    kept = KeptRenderings()
    kept.start_build(store, remember=False)
    convert(kept, page, files, "# A", "<h1>A</h1>")
    store.save()
    assert not list((tmp_path / "store").glob("*.pack"))
