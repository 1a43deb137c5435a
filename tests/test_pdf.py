"""The PDF of every version in every language: where it is, that it is tagged PDF/UA-1 as far
as machines can tell, that it says what the page says, and that it is the same file every time.

pdfua (on PyPI) checks 16 of PDF/UA-1's 106 machine-checkable rules; the tests below add what a
reader with a screen reader relies on most: language, title, headings, lists, bookmarks, tagged
text and embedded fonts.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from conftest import DOCUMENTS, LAGGING_DATE, LANGUAGES, PDF_STORE, SOURCE_LANGUAGE, run_build
from policy_site.copies.print_html import css_string, page_counter_content, split_title
from policy_site.copies.store import FolderStore, store_key
from policy_site.scale import without_pdf_copies

A4_WIDTH, ABOVE_FOOTER = 595, 770  # points: the page without its bottom margin (overrides/pdf.html)


# -- rules, without a build ------------------------------------------------------------------

def test_the_page_counter_follows_the_translation_word_order():
    assert page_counter_content("Page %(page)s of %(pages)s") == '"Page " counter(page) " of " counter(pages)'
    assert page_counter_content("Sayfa %(page)s / %(pages)s") == '"Sayfa " counter(page) " / " counter(pages)'
    assert page_counter_content("%(page)s/%(pages)s") == 'counter(page) "/" counter(pages)'


def test_a_footer_label_cannot_close_its_css_string():
    assert css_string('Terms "B2B" \\ 2027') == '"Terms \\"B2B\\" \\\\ 2027"'


def test_the_facts_go_under_the_title():
    title, rest = split_title('<h1 id="t">Terms</h1>\n<p>Text</p><h1>not a title</h1>')
    assert title == '<h1 id="t">Terms</h1>'
    assert rest == "\n<p>Text</p><h1>not a title</h1>"
    assert split_title("<p>No title</p>") == ("", "<p>No title</p>")


def test_the_store_gives_back_what_it_kept_and_never_half_a_file(tmp_path):
    store = FolderStore(tmp_path)
    key = store_key("<html>", "renderer 1")
    assert store.get(key) is None
    store.put(key, b"%PDF-1.7\n...\n%%EOF\n")
    assert store.get(key) == b"%PDF-1.7\n...\n%%EOF\n"
    assert store_key("<html>", "renderer 2") != key  # a new renderer renders again
    store.path(key).write_bytes(b"%PDF-1.7\n...")  # cut short
    assert store.get(key) is None


def parent_tree_is_exact(pdf: pikepdf.Pdf) -> None:
    """Every piece of marked content on every page maps to the element that holds it."""
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    mapping = {int(key): value for key, value in zip(nums[0::2], nums[1::2])}
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1] \
                    and str(operands[0]) != "/Artifact":
                mcid = int(operands[1].MCID)
                holder = mapping[int(page.obj.StructParents)][mcid]
                held = [k for k in holder.K] if isinstance(holder.K, pikepdf.Array) else [holder.K]
                assert any(k == mcid and holder.Pg.objgen == page.obj.objgen if isinstance(k, int) else
                           isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid
                           and k.Pg.objgen == page.obj.objgen for k in held), (page.index, mcid)


@pytest.mark.build  # WeasyPrint needs Pango
def test_a_list_and_a_clause_across_page_breaks_are_one_list_and_one_item(tmp_path):
    from pdfua import validate

    from policy_site.copies.pdf import SiteFiles, render_pdf

    clause = "The provider keeps the records for as long as the law of the country requires. " * 3
    long_clause = "Each party may end the agreement by written notice to the other party. " * 40
    items = "".join(f"<li>{long_clause if n == 12 else clause}</li>" for n in range(40))
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Across pages</title></head>'
            f'<body><h1>Across pages</h1><div><p>Facts.</p></div><ol>{items}</ol><p>After.</p></body></html>')
    pdf_bytes = render_pdf(html, "https://example.org/en/", SiteFiles("https://example.org/", tmp_path), "en", "en")
    (tmp_path / "across.pdf").write_bytes(pdf_bytes)
    with pikepdf.open(tmp_path / "across.pdf") as pdf:
        assert len(pdf.pages) > 3
        tags = list(structure(pdf.Root.StructTreeRoot))
        lists = [element for _, tag, element in tags if tag == "/L"]
        assert len(lists) == 1
        items = [kid for kid in lists[0].K]
        assert len({item.Pg.objgen for item in items}) == len(pdf.pages)  # items begin on every page
        assert len(items) == 40 and all(str(item.S) == "/LI" for item in items)
        for item in items:
            assert [str(kid.S) for kid in item.K] == ["/Lbl", "/LBody"]
        parent_tree_is_exact(pdf)
    report = validate(str(tmp_path / "across.pdf"))
    assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]


# -- the built site --------------------------------------------------------------------------

def version_copies(site: Path) -> list[dict]:
    """Every version in every language, as versions.json lists it."""
    listing = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    found = []
    for name, document in listing["documents"].items():
        for version in document["versions"]:
            for language, text in version["languages"].items():
                found.append({"document": name, "language": language, "date": version["effective_date"], **text})
    return found


def local(site: Path, url: str) -> Path:
    return site / re.sub(r"^https?://[^/]+/(?:[^/]+/)*?(?=[a-z]{2}/)", "", url, count=1)


@pytest.fixture(scope="session")
def copies(site: Path) -> list[dict]:
    found = version_copies(site)
    assert len(found) == len(LANGUAGES) * sum(1 for c in found if c["language"] == SOURCE_LANGUAGE)
    return found


def test_every_version_in_every_language_has_its_pdf_listed_with_its_hash(site, copies):
    for copy in copies:
        pdf = local(site, copy["pdf"])
        assert pdf.name == f"{copy['document']}-{copy['date']}-{copy['language']}.pdf"
        assert pdf.parent == local(site, copy["address"])
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == copy["pdf_sha256"], pdf


def test_every_version_page_links_its_pdf(site, pages, copies):
    for copy in copies:
        page = local(site, copy["address"]) / "index.html"
        soup = pages[page.relative_to(site).as_posix()]
        link = soup.select_one('.policy-links a[type="application/pdf"]')
        assert link is not None, page
        assert (page.parent / link["href"]).resolve() == local(site, copy["pdf"]).resolve()


def test_pdfua_finds_no_violation(site, copies):
    from pdfua import validate

    for copy in copies:
        report = validate(str(local(site, copy["pdf"])))
        assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]


def structure(element, depth=0):
    """(depth, tag, element) of the structure tree, in reading order."""
    kids = element.get("/K")
    kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield depth, str(kid.S), kid
            yield from structure(kid, depth + 1)


def text_html(soup: BeautifulSoup) -> BeautifulSoup:
    """The version's text on its page, without the facts and notices around it."""
    article = BeautifulSoup(str(soup.select_one("article")), "html.parser")
    for extra in article.select(".policy-facts, .policy-fallback, .md-source-file, .visually-hidden"):
        extra.decompose()
    return article


def test_each_pdf_is_marked_tagged_titled_and_in_the_language_of_its_text(site, copies):
    for copy in copies:
        with pikepdf.open(local(site, copy["pdf"])) as pdf:
            with pdf.open_metadata() as xmp:
                assert xmp.get("pdfuaid:part") == "1"
                title = xmp.get("dc:title")
            assert pdf.Root.MarkInfo.Marked is True
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert str(pdf.Root.Lang) == copy["language_of_text"]
            assert str(pdf.docinfo.Title) == title
            if copy["language_of_text"] == copy["language"]:  # else the English title, as on the page
                assert title.startswith(f"{copy['title']} – ")


def test_a_lagging_translation_s_pdf_is_english_with_its_notice_in_the_page_language(lagging_site):
    site, document = lagging_site, DOCUMENTS[0]
    language = next(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
    copy = next(c for c in version_copies(site)
                if (c["document"], c["date"], c["language"]) == (document, LAGGING_DATE, language))
    assert copy["language_of_text"] == SOURCE_LANGUAGE
    with pikepdf.open(local(site, copy["pdf"])) as pdf:
        assert str(pdf.Root.Lang) == SOURCE_LANGUAGE
        top = [(tag, element) for depth, tag, element in structure(pdf.Root.StructTreeRoot) if depth == 1]
        assert top[0][0] == "/H1" and top[1][0] == "/Div"
        assert str(top[1][1].Lang) == language  # the facts and the notice
    page = BeautifulSoup((local(site, copy["address"]) / "index.html").read_text(encoding="utf-8"), "html.parser")
    notice = " ".join(page.select_one(".policy-fallback").get_text().split())
    assert notice and notice in " ".join(pdf_text(local(site, copy["pdf"])).split())


def test_headings_nest_as_on_the_page_and_lists_are_tagged_as_lists(site, pages, copies):
    for copy in copies:
        page = text_html(pages[(local(site, copy["address"]) / "index.html").relative_to(site).as_posix()])
        with pikepdf.open(local(site, copy["pdf"])) as pdf:
            tags = list(structure(pdf.Root.StructTreeRoot))
            headings = [tag[1:].lower() for _, tag, _ in tags if re.fullmatch(r"/H[1-6]", tag)]
            assert headings == [h.name for h in page.find_all(re.compile(r"^h[1-6]$"))], copy["pdf"]
            lists = [element for _, tag, element in tags if tag == "/L"]
            assert len(lists) == len(page.find_all(["ol", "ul"])), copy["pdf"]
            for element in lists:
                items = [kid for kid in element.K if isinstance(kid, pikepdf.Dictionary)]
                assert items and all(str(item.S) == "/LI" for item in items)
                for item in items:
                    parts = [str(kid.S) for kid in item.K if isinstance(kid, pikepdf.Dictionary)]
                    assert parts[:2] == ["/Lbl", "/LBody"], (copy["pdf"], parts)


def test_no_text_is_outside_the_tags_and_every_font_is_embedded(site, copies):
    for copy in copies:
        with pikepdf.open(local(site, copy["pdf"])) as pdf:
            parent_tree_is_exact(pdf)
            for number, page in enumerate(pdf.pages, start=1):
                marked: list[str] = []
                for operands, operator in pikepdf.parse_content_stream(page):
                    op = str(operator)
                    if op in ("BDC", "BMC"):
                        marked.append(str(operands[0]))
                    elif op == "EMC":
                        marked.pop()
                    elif op in ("Tj", "TJ", "'", '"'):
                        assert marked, f"{copy['pdf']}, page {number}: text outside any tag or artifact"
                for name, font in page.Resources.Font.items():
                    described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                    descriptor = described.FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (copy["pdf"], name)
                    assert "DejaVu" in str(described.BaseFont)


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text as poppler reads it, in reading order, without the page footers (a page
    break is a line break)."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", str(A4_WIDTH), "-H", str(ABOVE_FOOTER),
         *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.replace("\f", "\n")


LABEL = re.compile(r"(?:\d+(?:\.\d+)*\.?|•|–)(?=\s)")  # list labels: the page draws them with CSS


def without_labels(printed: str, expected: str) -> str:
    """The PDF's text without white space and without the list labels the page's text lacks: a
    label is dropped only where the two differ, so a number that starts a line stays."""
    expected = "".join(expected.split())
    kept, i, j = [], 0, 0
    while i < len(printed):
        if printed[i].isspace():
            i += 1
        elif j < len(expected) and printed[i] == expected[j]:
            kept.append(printed[i])
            i, j = i + 1, j + 1
        elif label := LABEL.match(printed, i):
            i = label.end()
        else:  # a real difference: the assertion shows it
            kept.append("".join(printed[i:].split()))
            break
    return "".join(kept)


def test_the_pdf_says_what_the_page_says_and_prints_the_text_s_hash(site, pages, copies):
    for copy in copies:
        page = text_html(pages[(local(site, copy["address"]) / "index.html").relative_to(site).as_posix()])
        for block in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th"]):
            block.insert_before("\n")  # each block on its own line, as in the PDF
        text = pdf_text(local(site, copy["pdf"]))
        title, _, after = text.partition("\n")
        facts, hash_found, body = after.partition(copy["sha256"])
        assert hash_found, f"{copy['pdf']}: the SHA-256 of the text is not printed"
        expected = page.get_text()
        assert without_labels(title + body, expected) == "".join(expected.split()), copy["pdf"]


def test_each_bookmark_leads_to_its_section(site, copies):
    for copy in [c for c in copies if c["language"] in (SOURCE_LANGUAGE, "ru", "tr")]:
        path = local(site, copy["pdf"])
        with pikepdf.open(path) as pdf:
            with pdf.open_outline() as outline:
                items, pending = [], list(outline.root)
                while pending:
                    item = pending.pop(0)
                    items.append(item)
                    pending[:0] = list(item.children)
                page_numbers = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
                assert items, path
                for item in items:
                    number = page_numbers[item.destination[0].objgen]
                    on_page = " ".join(pdf_text(path, number, number).split())
                    assert " ".join(item.title.split()) in on_page, (path, item.title, number)


def test_the_same_sources_give_the_same_pdfs_from_a_cold_start(tmp_path, sample_project, site):
    """A second build, in another process with an empty store, renders byte-identical files."""
    result = run_build(sample_project, tmp_path / "site", {
        "POLICY_SITE_PDF_STORE": str(tmp_path / "store"), "POLICY_SITE_ONLY_LANGUAGE": "ru"})
    assert result.returncode == 0, result.stderr
    rendered = sorted((tmp_path / "site").rglob("*.pdf"))
    assert len(rendered) == len([p for p in site.rglob("*.pdf") if p.name.endswith("-ru.pdf")]) > 0
    for pdf in rendered:
        assert pdf.read_bytes() == (site / pdf.relative_to(tmp_path / "site")).read_bytes(), pdf


def test_the_store_is_used_so_a_warm_build_renders_nothing_again(site):
    assert sum(1 for _ in PDF_STORE.rglob("*.pdf")) >= sum(1 for _ in site.rglob("*.pdf")) > 0


@pytest.mark.build  # WeasyPrint needs Pango: not the Python-only fast tier
def test_a_pdf_never_loads_anything_from_elsewhere(tmp_path):
    from policy_site.copies.errors import RenderError
    from policy_site.copies.pdf import SiteFiles, render_pdf

    (tmp_path / "logo.png").write_bytes(b"not really a png")
    files = SiteFiles("https://legal.example/", tmp_path)
    html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title></head><body>'
            '<h1>T</h1><div>facts</div><img alt="x" src="https://elsewhere.example/pixel.png"></body></html>')
    with pytest.raises(RenderError, match="elsewhere.example"):
        render_pdf(html, "https://legal.example/en/t/", files, "en", "en")
    outside = html.replace("https://elsewhere.example/pixel.png", "../../../../etc/hostname")
    with pytest.raises(RenderError, match="not a file of the built site"):
        render_pdf(outside, "https://legal.example/en/t/", files, "en", "en")


def test_a_site_without_pdf_copies_links_and_lists_none(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    config.write_text(without_pdf_copies(config.read_text(encoding="utf-8")), encoding="utf-8")
    built = run_build(project_copy, tmp_path / "out", {"POLICY_SITE_ONLY_LANGUAGE": SOURCE_LANGUAGE,
                                                        "POLICY_SITE_PDF_STORE": str(tmp_path / "store")})
    assert built.returncode == 0, built.stderr
    site = tmp_path / "out"
    assert not list(site.rglob("*.pdf")) and not (tmp_path / "store").exists()
    english = [c for c in version_copies(site) if c["language"] == SOURCE_LANGUAGE]
    assert english and not any("pdf" in c for c in english)
    for copy in english:
        page = (local(site, copy["address"]) / "index.html").read_text(encoding="utf-8")
        assert 'type="application/pdf"' not in page
    notices = json.loads((site / SOURCE_LANGUAGE / "notices.json").read_text(encoding="utf-8"))["notices"]
    assert notices and all(n["pdf_url"] is None for n in notices)
