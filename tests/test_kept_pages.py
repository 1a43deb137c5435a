"""`mkdocs serve`: what a page's template gets is digested whole, so that a page is written as
the last rebuild wrote it only when nothing it reads has changed."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from policy_site.mkdocs_plugin.kept_pages import Digest, KeptPages, TemplateCode, Unreadable


@dataclasses.dataclass(frozen=True)
class Facts:
    title: str
    days: tuple[int, ...]


def test_a_value_changed_in_place_between_two_pages_changes_its_digest():
    digest = Digest()
    extra = {"alternate": [{"lang": "fr", "link": "/fr/a/"}]}
    before = digest(extra)
    extra["alternate"][0]["link"] = "/fr/b/"  # as the language links are set for each page
    assert digest(extra) != before
    assert digest({"a": 1}) != digest({"a": True}) != digest({"a": "1"})
    assert digest({1, 2, 3}) == digest({3, 2, 1})
    assert digest(Facts("A", (1, 2))) == digest(Facts("A", (1, 2))) != digest(Facts("A", (1, 3)))
    assert digest(["a,str:'b'"]) != digest(["a", "b"])  # a text never passes for two
    long = "x" * 500
    assert digest(long) == digest("x" * 500) != digest(long + "y")


def test_an_object_the_digest_cannot_read_is_never_taken_as_unchanged():
    class Opaque:
        pass
    with pytest.raises(Unreadable):
        Digest()({"value": Opaque()})


def test_the_site_model_s_data_is_read_once_per_rebuild():
    settled = Digest(settled=True)
    rows = [{"title": "A"}]
    first = settled(rows)
    rows[0]["title"] = "B"  # the model's data is never changed: it is digested once
    assert settled(rows) == first
    assert Digest(settled=True)(rows) != first  # the next rebuild reads it anew


def test_templates_are_compiled_once_for_every_rebuild_while_their_source_is_the_same(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ word }}</p>", encoding="utf-8")
    code = TemplateCode()
    first = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=code)
    assert first.get_template("page.html").render(word="one") == "<p>one</p>"
    second = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=code)
    second.compile = lambda *args, **kwargs: pytest.fail("compiled again")  # type: ignore[method-assign]
    assert second.get_template("page.html").render(word="two") == "<p>two</p>"
    (tmp_path / "page.html").write_text("<p>{{ word }}!</p>", encoding="utf-8")
    third = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=code)
    assert third.get_template("page.html").render(word="three") == "<p>three!</p>"


def test_the_sitemap_is_made_once_and_kept_only_while_its_entries_and_the_templates_are_the_same(tmp_path):
    template = tmp_path / "sitemap.xml"
    template.write_text("<urlset>", encoding="utf-8")
    entries = [{"url": "https://example.org/en/", "alternates": [{"lang": "en", "link": "https://example.org/en/"}]}]
    kept = KeptPages()
    kept.start_build()
    first = kept.sitemap_key(entries, [str(tmp_path)])
    assert kept.kept("sitemap", first) is None  # nothing made yet
    kept.made("sitemap", "<urlset>A</urlset>")
    assert kept.kept("sitemap", first) == "<urlset>A</urlset>"  # the next language pass of this build
    kept.start_build()
    assert kept.kept("sitemap", kept.sitemap_key(entries, [str(tmp_path)])) == "<urlset>A</urlset>"
    lagging = [{**entries[0], "alternates": []}]  # a translation fell behind: no longer an alternate
    assert kept.sitemap_key(lagging, [str(tmp_path)]) != first
    template.write_text("<urlset xmlns>", encoding="utf-8")  # a template saved
    kept.start_build()
    assert kept.sitemap_key(entries, [str(tmp_path)]) != first
    assert kept.sitemap_key([{"url": object()}], [str(tmp_path)]) is None  # unreadable: rendered again
