"""The accounting report as PDF, through the project's one renderer (cems_registers.pdf).

Template ``calculators/report.html`` extends ``cems/pdf_base.html`` (embedded CJK font);
long tables are cut into chunks in the context, since xhtml2pdf slows down more than linearly
on one long table.
"""

from cems_registers.pdf import render_pdf

TEMPLATE = "calculators/report.html"


def report_pdf(ctx: dict) -> bytes:
    """PDF bytes of a report context (see :func:`report_context`), in its language; no query."""
    return render_pdf(TEMPLATE, ctx, language=ctx["language"])
