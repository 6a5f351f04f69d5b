"""The monitoring plan in force at a run's date, for the evidence pack (8.5, 9.1.4, 6.3.3).

:func:`monitoring_plan_files` returns the plan (or plans, one per boundary) in force at the
end of the run's period as PDF and XLSX, Chinese and English, in the MEE layout of
:mod:`cems_registers.monitoring`, dated with the plan's approval and showing the plan, its rows,
sources, instruments and facilities as they stood at the run's approval (their history), so
that a rebuild of the pack gives the same bytes even after a recalibration or a new plan
version. :func:`monitoring_plan_parts` wraps them as the pack's parts,
:func:`monitoring_plan_manifest` describes them in ``manifest.json`` and
:func:`readme_line` in the README.
"""

import datetime as dt

from django.utils.translation import gettext

from cems_registers.models import MonitoringPlan
from cems_registers.monitoring import (
    LANGUAGES,
    export_filename,
    monitoring_plan_pdf,
    monitoring_plan_xlsx,
    plans_in_force,
)

from .sections import Part

FOLDER = "monitoring_plan"
CLAUSE = "8.5, 9.1.4"
#: Renderers by file extension.
RENDERERS = {"pdf": monitoring_plan_pdf, "xlsx": monitoring_plan_xlsx}


def _as_date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _plans(run_or_date) -> list[MonitoringPlan]:
    on = getattr(run_or_date, "period_end", run_or_date)
    return plans_in_force(on=_as_date(on))


def monitoring_plan_files(run) -> list[tuple[str, bytes]]:
    """``[(file name, bytes)]``: each plan in force at the end of ``run``'s period as PDF and
    XLSX in Chinese, then English; empty when no plan was approved for that date."""
    files = []
    for plan in _plans(run):
        for language in LANGUAGES:
            for extension, render in RENDERERS.items():
                data = render(
                    plan_id=plan.pk,
                    language=language,
                    generated=plan.approved_at,
                    as_of=run.approved_at,
                )
                files.append((export_filename(plan, language, extension), data))
    return files


def monitoring_plan_parts(run) -> list[Part]:
    """The files of :func:`monitoring_plan_files` as parts of the pack under
    ``monitoring_plan/``; each is rendered when the pack writes it."""
    parts = []
    for plan in _plans(run):
        for language in LANGUAGES:
            for extension, render in RENDERERS.items():

                def produce(plan=plan, language=language, render=render):
                    return render(
                        plan_id=plan.pk,
                        language=language,
                        generated=plan.approved_at,
                        as_of=run.approved_at,
                    )

                name = export_filename(plan, language, extension)
                parts.append(Part(f"{FOLDER}/{name}", "monitoring_plan", CLAUSE, produce, 5))
    return parts


def monitoring_plan_manifest(run) -> dict:
    """The manifest's ``monitoring_plan`` entry: the plans in force, or "not recorded"."""
    plans = _plans(run)
    if not plans:
        return {
            "status": "not recorded in cems",
            "zh": "监测计划：未在 cems 中记录",
            "clause": CLAUSE,
        }
    return {
        "status": "in force",
        "zh": "监测计划：运行期末有效的版本",
        "clause": CLAUSE,
        "plans": [
            {
                "code": plan.code,
                "version": plan.version,
                "boundary": plan.boundary.code,
                "effective_from": plan.effective_from.isoformat(),
                "approved_at": plan.approved_at.astimezone(dt.UTC).isoformat(),
                "folder": FOLDER,
            }
            for plan in plans
        ],
    }


def readme_line(summary: dict) -> str:
    """The README's line on the monitoring plan in the active language; ``summary`` is the
    manifest's run (its ``period_end``)."""
    plans = _plans(summary["period_end"])
    if not plans:
        return gettext("Monitoring plan: not recorded in cems.")
    return gettext(
        "Monitoring plan in force at the end of the period: %(plans)s (%(folder)s/)."
    ) % {
        "plans": "; ".join(f"{plan.code} v{plan.version}" for plan in plans),
        "folder": FOLDER,
    }
