"""The project's one PDF renderer: template → HTML → xhtml2pdf with the shipped CJK font.

Every PDF (controlled documents, audit reports, management review packs, accounting
reports) goes through :func:`render_pdf`, so Chinese renders identically everywhere.
WenQuanYi Micro Hei is a TrueType-outline font that xhtml2pdf embeds with extractable
text; it has no bold face, so bold maps to the same file (STACK_NOTES.md).
"""

from io import BytesIO
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
CJK_FONT = FONTS_DIR / "wqy-microhei.ttc"


class PdfRenderError(RuntimeError):
    """xhtml2pdf reported errors while rendering."""


def font_face_css() -> str:
    """@font-face rules registering the CJK font for normal and bold text."""
    url = CJK_FONT.as_posix()
    return (
        f'@font-face {{ font-family: "cjk"; src: url("{url}"); }}\n'
        f'@font-face {{ font-family: "cjk"; font-weight: bold; src: url("{url}"); }}\n'
    )


def html_to_pdf(html: str) -> bytes:
    """Render an HTML string to PDF bytes; raise :class:`PdfRenderError` on failure."""
    out = BytesIO()
    policy = ResourceAccessPolicy(allow_remote=False, extra_roots=(FONTS_DIR,))
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise PdfRenderError(f"xhtml2pdf reported {status.err} error(s)")
    return out.getvalue()


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` in ``language`` and return PDF bytes.

    The template should extend ``cems/pdf_base.html``, which includes the font rules.
    """
    context = {**context, "pdf_font_css": font_face_css()}
    if language:
        with translation.override(language):
            html = render_to_string(template_name, context)
    else:
        html = render_to_string(template_name, context)
    return html_to_pdf(html)
