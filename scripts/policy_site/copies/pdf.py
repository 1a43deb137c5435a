"""A tagged PDF (PDF/UA-1) of a version's print page, rendered by WeasyPrint and finished with
pikepdf.

WeasyPrint tags headings, paragraphs, lists, tables and links from the HTML. Two things it
leaves undone are finished here:
- the page margins ("page 2 of 5") are marked content that no structure element holds; PDF/UA
  wants them marked as artifacts, which screen readers skip;
- it tags no element's own language, so where a page shows a lagging translation's English text,
  the part written in the page's language (the notice and the facts) gets its /Lang here.
Nothing is fetched while rendering: only files of the built site are read.
"""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pikepdf
import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .errors import RenderError

# Part of every stored PDF's key: change it when render_pdf gives other bytes for the same HTML.
RENDERER = f"policy-site-pdf 1; WeasyPrint {weasyprint.__version__}; pikepdf {pikepdf.__version__}"


class SiteFiles(URLFetcher):
    """Serves the built site's own files to WeasyPrint, and nothing else."""

    def __init__(self, site_url: str, site_dir: Path) -> None:
        super().__init__(fail_on_errors=True)
        self.site_url = site_url.rstrip("/") + "/"
        self.site_dir = site_dir.resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if not url.startswith(self.site_url):
            raise FatalURLFetchingError(f"{url} is not on the site; a PDF loads nothing from elsewhere")
        path = (self.site_dir / url[len(self.site_url):].split("#")[0].split("?")[0]).resolve()
        if not path.is_relative_to(self.site_dir) or not path.is_file():
            raise FatalURLFetchingError(f"{url} is not a file of the built site")
        return URLFetcherResponse(url, body=path.read_bytes())


@contextmanager
def weasyprint_messages() -> Iterator[list[str]]:
    """What WeasyPrint logs at warning level or above, which here means a PDF that is wrong."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def render_pdf(html: str, page_url: str, files: SiteFiles, page_language: str, text_language: str) -> bytes:
    """The PDF/UA-1 file of a print page. Its root /Lang is the language of the text (the HTML's
    lang); where the page's own language differs, the facts' <div> after the H1 carries it."""
    with weasyprint_messages() as messages:
        try:
            rendered = weasyprint.HTML(string=html, base_url=page_url, url_fetcher=files).write_pdf(
                pdf_variant="pdf/ua-1")
        except FatalURLFetchingError as error:
            raise RenderError(str(error.__cause__ or error)) from None
        except Exception as error:  # a layout WeasyPrint cannot handle: a Problem, not a traceback
            raise RenderError(f"WeasyPrint failed ({type(error).__name__}: {error})") from None
    if messages:
        raise RenderError("; ".join(messages))
    with pikepdf.open(io.BytesIO(rendered)) as pdf:
        margins_as_artifacts(pdf)
        if page_language != text_language:
            mark_facts_language(pdf, page_language)
        out = io.BytesIO()
        # the same HTML gives the same bytes: no random /ID, no timestamp of the run
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def structure_children(element: pikepdf.Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def tagged_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of every piece of marked content that the structure tree holds."""
    held: set[tuple[tuple[int, int], int]] = set()
    pending = [(pdf.Root.StructTreeRoot, None)]
    while pending:
        element, page = pending.pop()
        page = element.get("/Pg", page)
        for kid in structure_children(element):
            if isinstance(kid, int):
                held.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    held.add((kid.get("/Pg", page).objgen, int(kid.MCID)))
                elif kid.get("/Type") != "/OBJR":
                    pending.append((kid, page))
    return held


def margins_as_artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content outside the structure tree (the page margins) becomes an artifact."""
    held = tagged_content(pdf)
    for page in pdf.pages:
        changed, operations = False, []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1] and (page.objgen, int(operands[1].MCID)) not in held:
                operations.append(([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
                changed = True
            else:
                operations.append((operands, operator))
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


def mark_facts_language(pdf: pikepdf.Pdf, language: str) -> None:
    """The print page is [H1, facts <div>, text...]; the facts are in the page's language."""
    document = structure_children(pdf.Root.StructTreeRoot)[0]
    top = [kid for kid in structure_children(document) if isinstance(kid, pikepdf.Dictionary)]
    if len(top) < 2 or top[0].get("/S") != "/H1" or top[1].get("/S") != "/Div":
        raise RenderError("the print page does not start with its H1 and the facts' <div>")
    top[1].Lang = pikepdf.String(language)
