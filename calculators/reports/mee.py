"""The MEE enterprise GHG emission report of an approved run (6.3.2; issue 12 §4).

Lays out an approved accounting run as the report template of the MEE/NDRC guideline for
"other industry" enterprises (《工业其他行业企业温室气体排放核算方法与报告指南（试行）》, 2015):
一 enterprise information, 二 emissions (boundary, by source category, total), 三 activity data
and sources, 四 emission factors and sources, 五 data-quality management, and the annex tables
附表1 (summary), 附表2 (activity data), 附表3 (factors). ``docs/mee_report.md`` maps every cell.

Every figure is taken from :func:`calculators.reports.context.report_context` (the selectors the
accounting report uses), never recomputed: the category lines are the run's category totals,
the activity and factor rows are the report's rows. What cems does not hold (unified social
credit code, legal representative, industry) is printed as "not recorded", never invented.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculators.core import template as t
from calculators.models import AccountingRun, RunStatus
from calculators.reports.context import category_label, person, report_context
from cems_registers.models import Facility, MeasuringInstrument
from cems_registers.pdf import render_pdf

TEMPLATE = "calculators/reports/mee_report.html"
#: The guideline edition the layout follows (docs/mee_report.md says where cems differs).
GUIDELINE = _(
    "MEE/NDRC Guidelines for GHG emissions accounting and reporting of enterprises in other "
    "industries (trial), 2015"
)
NOT_RECORDED = _("not recorded")

#: The guideline's source-category lines (附表1), each the sum of GB/T 32150 categories of the
#: run, with the sign the run already carries (exports and recovered CO2 are negative).
MEE_LINES: tuple[tuple[str, object, tuple[str, ...]], ...] = (
    ("combustion", _("Fossil fuel combustion"), (t.FUEL_COMBUSTION,)),
    ("process", _("Industrial processes"), (t.PROCESS, t.FUGITIVE)),
    ("recovery", _("CO2 recovered for use (deducted)"), (t.CO2_RECOVERY,)),
    ("electricity_in", _("Purchased electricity"), (t.PURCHASED_ELECTRICITY,)),
    ("heat_in", _("Purchased heat"), (t.PURCHASED_HEAT,)),
    ("electricity_out", _("Exported electricity (deducted)"), (t.EXPORTED_ELECTRICITY,)),
    ("heat_out", _("Exported heat (deducted)"), (t.EXPORTED_HEAT,)),
    ("other", _("Other sources in the run"), (t.OTHER, t.PRODUCTION)),
)


class MeeReportRefused(ValidationError):
    """The run may not be exported in the MEE layout (it is not approved)."""


def mee_lines(by_category: list[dict]) -> list[dict]:
    """The guideline's category lines from the run's category totals (tCO2e); no query.

    ``by_category``: :attr:`calculators.reports.summary.Summary.by_category`. A category the
    lines do not name is added to "other", so the lines always sum to the run's total.
    """
    named = {key for _k, _label, keys in MEE_LINES for key in keys}
    totals = {row["category"]: row["tco2e"] for row in by_category}
    lines = []
    for key, label, categories in MEE_LINES:
        members = [c for c in categories if c in totals]
        if key == "other":
            members += sorted(c for c in totals if c not in named)
        lines.append(
            {
                "key": key,
                "label": str(label),
                "categories": ", ".join(category_label(c) for c in members),
                "tco2e": sum(totals[c] for c in members),
                "has_data": bool(members),
            }
        )
    return lines


def _enterprise(entity: dict | None, english: bool) -> dict:
    """Part 一: what cems holds of the reporting entity (the root company unit); one query."""
    missing = str(NOT_RECORDED)
    entity = entity or {}
    contact = ""
    if entity.get("code"):
        facility = (
            Facility.objects.select_related("owner")
            .filter(code=entity["code"])
            .only("owner__first_name", "owner__last_name", "owner__username", "owner__email")
        ).first()
        owner = facility.owner if facility else None
        if owner is not None:
            contact = person(owner) + (f", {owner.email}" if owner.email else "")
    return {
        "name": entity.get("name") or missing,
        "credit_code": missing,
        "legal_representative": missing,
        "address": entity.get("address") or missing,
        "industry": missing,
        "contact": contact or missing,
    }


def _instruments(facility_codes: set[str], english: bool) -> list[dict]:
    """Measuring instruments of the facilities in the boundary, with calibration (9.1.4)."""
    qs = (
        MeasuringInstrument.objects.filter(facility__code__in=facility_codes)
        .select_related("facility")
        .order_by("code")
    )
    return [
        {
            "code": i.code,
            "name": i.name,
            "facility": i.facility.code if i.facility_id else "",
            "measures": i.measures,
            "accuracy": i.accuracy_class,
            "last_calibrated": i.last_calibrated,
            "next_calibration": i.next_calibration,
            "status": i.get_status_display(),
        }
        for i in qs
    ]


def mee_context(run: AccountingRun | int, language: str) -> dict:
    """Context of the MEE report of an approved ``run`` in ``language``.

    Raises :class:`MeeReportRefused` when the run is not approved. The accounting report's
    context (:func:`report_context`) plus the MEE parts; 3 queries beyond it.
    """
    pk = run.pk if isinstance(run, AccountingRun) else int(run)
    status = AccountingRun.objects.filter(pk=pk).values_list("status", flat=True).first()
    if status != RunStatus.APPROVED:
        with translation.override(language):
            raise MeeReportRefused(
                gettext(
                    "Run #%(id)s is not approved: only an approved run can be exported as the "
                    "MEE emission report."
                )
                % {"id": pk},
                code="not_approved",
            )
    ctx = report_context(pk, language)
    with translation.override(language):
        english = ctx["english"]
        summary = ctx["summary"]
        boundary = [f for f in ctx["facilities"] if f["in_boundary"]]
        ctx.update(
            {
                "guideline": str(GUIDELINE),
                "not_recorded": str(NOT_RECORDED),
                "enterprise": _enterprise(ctx["entity"], english),
                "boundary": boundary,
                "mee_lines": mee_lines(summary.by_category),
                "instruments": _instruments({f["code"] for f in boundary}, english),
                "reporting_year": ctx["meta"]["period_start"].year,
            }
        )
    return ctx


def mee_pdf(ctx: dict) -> bytes:
    """PDF bytes of an MEE report context, in its language; no query."""
    return render_pdf(TEMPLATE, ctx, language=ctx["language"])
