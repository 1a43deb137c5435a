"""`mkdocs serve`: what a page's template gets is digested whole, so that a page is written as
the last rebuild wrote it only when nothing it reads has changed."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from policy_site.mkdocs_plugin.kept_pages import Digest, TemplateCode, Unreadable


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
