"""Kept apart from copies/pdf.py, which loads WeasyPrint (and Pango) when imported."""


class RenderError(Exception):
    """The print page could not become a conforming PDF (what WeasyPrint or pikepdf said)."""
