"""A tagged PDF (PDF/UA-1) of a version's print page, rendered by WeasyPrint and finished with
pikepdf.

WeasyPrint tags headings, paragraphs, lists, tables and links from the HTML; tag_tree.py
finishes what it leaves undone. Nothing is fetched while rendering: only files of the built site
are read.
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
from .tag_tree import continued_depths, finish_tag_tree

# Part of every stored PDF's key: change it when render_pdf gives other bytes for the same HTML.
RENDERER = f"policy-site-pdf 2; WeasyPrint {weasyprint.__version__}; pikepdf {pikepdf.__version__}"


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


# Without libharfbuzz-subset0, fonts are subset by fontTools: the PDF is as good, only larger.
MACHINE_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@contextmanager
def weasyprint_messages() -> Iterator[list[str]]:
    """What WeasyPrint logs at warning level or above, which here means a PDF that is wrong (a
    file it could not load, a rule it ignored), except notices about the machine, not the PDF."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not message.startswith(MACHINE_NOTICES):
                messages.append(message)

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
            layout = weasyprint.HTML(string=html, base_url=page_url, url_fetcher=files).render(
                pdf_variant="pdf/ua-1")
            depths = continued_depths(layout)
            rendered = layout.write_pdf(pdf_variant="pdf/ua-1")
        except FatalURLFetchingError as error:
            raise RenderError(str(error.__cause__ or error)) from None
        except Exception as error:  # a layout WeasyPrint cannot handle: a Problem, not a traceback
            raise RenderError(f"WeasyPrint failed ({type(error).__name__}: {error})") from None
    if messages:
        raise RenderError("; ".join(messages))
    with pikepdf.open(io.BytesIO(rendered)) as pdf:
        finish_tag_tree(pdf, depths, page_language if page_language != text_language else None)
        out = io.BytesIO()
        # the same HTML gives the same bytes: no random /ID, no timestamp of the run
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
