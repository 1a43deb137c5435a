"""`mkdocs serve`: a rebuild reuses the last rebuild's conversion of a page only for the very same
Markdown, address and site files, and never one that logged a warning."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from policy_site.mkdocs_plugin.kept_renderings import KeptRenderings


def a_file(config: MkDocsConfig, src_uri: str) -> File:
    return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)


def site(tmp_path) -> tuple[MkDocsConfig, Files, Page]:
    (tmp_path / "docs").mkdir()
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
    kept.start_build()
    assert convert(kept, page, files, "# A\n\ntext", "<h1>A</h1><p>text</p>") == ("# A\n\ntext", "<h1>A</h1><p>text</p>")
    kept.start_build()
    assert convert(kept, page, files, "# A\n\ntext", "never made") == ("", "<h1>A</h1><p>text</p>")
    assert page.markdown == "# A\n\ntext" and page.present_anchor_ids == {"one"}
    kept.start_build()  # kept from one rebuild to the next while nothing changes
    assert convert(kept, page, files, "# A\n\ntext", "never made")[0] == ""


def test_an_edit_a_new_file_or_a_warning_makes_the_conversion_again(tmp_path):
    config, files, page = site(tmp_path)
    kept = KeptRenderings()
    kept.start_build()
    convert(kept, page, files, "# A\n\ntext", "<p>text</p>")
    kept.start_build()
    assert convert(kept, page, files, "# A\n\ntext, edited", "<p>text, edited</p>") == (
        "# A\n\ntext, edited", "<p>text, edited</p>")
    files.append(a_file(config, "en/c.md"))  # a link may now lead somewhere
    kept.start_build()
    assert convert(kept, page, files, "# A\n\ntext, edited", "<p>again</p>")[0] != ""
    kept.start_build()
    assert convert(kept, page, files, "# A\n\nlink", "<p>link</p>", warn=True)[0] != ""
    kept.start_build()  # warned: converted again, so that the rebuild warns again
    assert convert(kept, page, files, "# A\n\nlink", "<p>link</p>")[0] != ""


def test_a_page_titled_by_its_own_heading_is_always_converted(tmp_path):
    config, files, page = site(tmp_path)
    page.meta = {}
    kept = KeptRenderings()
    for _ in range(2):
        kept.start_build()
        assert convert(kept, page, files, "# A\n\ntext", "<p>text</p>")[0] == "# A\n\ntext"
