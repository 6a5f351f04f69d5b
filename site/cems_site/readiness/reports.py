"""The readiness report of a stored assessment: PDF (through the project's renderer) and XLSX."""

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from cems_registers.people import person_name

from .display import present


def readiness_report_pdf(*, assessment, language: str) -> bytes:
    from cems_registers.pdf import render_pdf  # noqa: PLC0415 — keeps reportlab, xhtml2pdf out of start-up

    with translation.override(language):
        taker = assessment.taken_by
        context = {
            "assessment": assessment,
            "report": present(assessment.results),
            "taker": person_name(taker) if taker else "—",
        }
        return render_pdf("cems_readiness/report_pdf.html", context, language=language)


def readiness_report_xlsx(*, assessment, language: str) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 — heavy library (openpyxl), imported only when this is used
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 — heavy library (openpyxl), imported only when this is used

    with translation.override(language):
        report = present(assessment.results)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Chapters")[:31]
        sheet.append([_("Readiness assessment against T/CSES 146—2024"), report["as_of"]])
        sheet.append([_("Overall score"), report["percent"]])
        sheet.append([])
        head = [
            _("Chapter"),
            _("Title"),
            _("Score"),
            _("Met"),
            _("Partly met"),
            _("Not met"),
            _("Not applicable"),
        ]
        sheet.append(head)
        for c in report["chapters"]:
            sheet.append(
                [
                    c["chapter"],
                    c["title"],
                    c["percent"],
                    c["met"],
                    c["partly"],
                    c["not_met"],
                    c["not_applicable"],
                ]
            )
        clauses = book.create_sheet(_("Clauses")[:31])
        clauses.append(
            [
                _("Clause"),
                _("Title"),
                _("What the standard asks"),
                _("Status"),
                _("Evidence"),
                _("Evidence link"),
                _("Reason (not applicable)"),
            ]
        )
        for c in report["clauses"]:
            clauses.append(
                [
                    c["clause"],
                    c["title"],
                    c["asks"],
                    c["status_label"],
                    "\n".join(f"{k['status_label']}: {k['text']}" for k in c["checks"]),
                    "\n".join(k["url"] for k in c["checks"] if k["url"]),
                    c["reason"],
                ]
            )
        for ws in (sheet, clauses):
            for cell in ws[1 if ws is clauses else 4]:
                cell.font = Font(bold=True)
        for column, width in zip("ABCDEFG", (8, 28, 45, 12, 70, 40, 30), strict=True):
            clauses.column_dimensions[column].width = width
        for row in clauses.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        out = BytesIO()
        book.save(out)
        return out.getvalue()
