"""Build the evidence pack of an approved run into a file object (6.3.3, 9.3).

:func:`pack_write` is the one builder: the management command, the background task and the
benchmark call it. It refuses a run that is not approved before writing anything.
"""

import datetime as dt
import json
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculators.models import AccountingRun, Dataset, RunStatus
from cems_registers.people import person_name

from . import monitoring, sections
from .zipwriter import PackZip

FORMAT = "cems-evidence-pack/1"
README_LANGUAGES = ("zh-hans", "en")


def check_approved(run: AccountingRun) -> None:
    """Raise a translated ``ValidationError`` unless ``run`` is approved (only approved runs
    are evidence, 6.3.3)."""
    if run.status != RunStatus.APPROVED or run.approved_at is None:
        raise ValidationError(
            _(
                "Accounting run #%(run)s is not approved (status: %(status)s): only an "
                "approved run has an evidence pack."
            ),
            code="not_approved",
            params={"run": run.pk, "status": run.get_status_display()},
        )


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return value.isoformat()


def run_summary(run: AccountingRun) -> dict:
    """The run as the manifest describes it; issues a few queries."""
    return {
        "id": run.pk,
        "name": run.name,
        "period_start": _iso(run.period_start),
        "period_end": _iso(run.period_end),
        "boundary": sorted(run.facilities.values_list("code", flat=True)),
        "approved_at": _iso(run.approved_at),
        "approved_by": person_name(run.approved_by),
        "created_by": person_name(run.created_by),
        "input_hash": run.input_hash,
        "input_rows": run.input_rows,
        "code_version": run.code_version,
        "gwp_set": run.gwp_key,
        "factor_sets": [
            {"key": fs.get("key"), "version": fs.get("version")}
            for fs in run.factor_set_versions or []
        ],
        "datasets": [
            {"id": d.pk, "filename": d.filename, "sha256": d.sha256, "rows": d.row_count}
            for d in Dataset.objects.filter(pk__in=run.dataset_ids or []).order_by("pk")
        ],
        "total_tco2e": run.total_tco2e,
        "biogenic_co2_t": run.biogenic_co2_t,
    }


def readme_text(summary: dict, previous, entries) -> str:
    """The bilingual README (Chinese first); fixed text, no timestamp of the build."""
    blocks = []
    for language in README_LANGUAGES:
        with translation.override(language):
            lines = [
                gettext("Evidence pack of accounting run #%(run)s (T/CSES 146—2024 6.3.3, 9.3)")
                % {"run": summary["id"]},
                "",
                gettext("Period: %(start)s – %(end)s; approved %(when)s (UTC) by %(who)s.")
                % {
                    "start": summary["period_start"],
                    "end": summary["period_end"],
                    "when": summary["approved_at"],
                    "who": summary["approved_by"],
                },
                gettext(
                    "Everything in this pack is as it stood when the run was approved: the "
                    "registers from their history, the documents as the revision then published."
                ),
                gettext(
                    "manifest.json lists every file with its SHA-256; check a file with "
                    '"sha256sum FILE". Building the pack again gives the same bytes.'
                ),
                (
                    gettext("The change log covers the changes since run #%(run)s was approved.")
                    % {"run": previous.pk}
                    if previous
                    else gettext("The change log covers every change until the approval.")
                ),
                monitoring.readme_line(summary),
                "",
                gettext("Folders:"),
                "  reports/     " + gettext("the issued accounting reports (6.3.2)"),
                "  datasets/    "
                + gettext("original files and validated rows of the approved data (8.5)"),
                "  factors/     "
                + gettext("factor sets and GWP set used, with citations (6.3.1 e)"),
                "  trace/       "
                + gettext("every result row: input, factors, units, result (6.3.1 f)"),
                "  registers/   "
                + gettext("facilities, sources, instruments and calibrations (4.3, 9.1.4)"),
                "  documents/   " + gettext("controlled documents in force, as PDF (7.3)"),
                "  monitoring_plan/ " + gettext("the monitoring plan in force (8.5, 9.1.4)"),
                "  changes/     " + gettext("the change log (8.4, 7.5.3)"),
                "",
                gettext("%(count)s files.") % {"count": len(entries)},
            ]
        blocks.append("\n".join(lines))
    return ("\n\n" + "=" * 60 + "\n\n").join(blocks) + "\n"


def pack_write(*, run: AccountingRun, out, progress: Callable[[int], None] | None = None) -> dict:
    """Write the evidence pack of ``run`` into the binary file object ``out``; return the manifest.

    Refused (``ValidationError``, nothing written) when the run is not approved. Parts are
    written sorted by path, then ``README.txt`` and ``manifest.json``; every entry has the
    run's approval time as its timestamp. ``progress`` receives 0–100.
    """
    run = AccountingRun.objects.select_related("gwp_set", "approved_by", "created_by").get(
        pk=run.pk
    )
    check_approved(run)
    when = run.approved_at
    changes, previous = sections.change_log_parts(run, when)
    parts = [
        *sections.report_parts(run),
        *sections.dataset_parts(run),
        *sections.factor_parts(run),
        *sections.trace_parts(run),
        *sections.register_parts(when),
        *sections.calibration_parts(run, when),
        *sections.document_parts(when),
        *monitoring.monitoring_plan_parts(run),
        *changes,
    ]
    parts.sort(key=lambda p: p.path)
    total = sum(p.weight for p in parts) or 1
    done = 0
    summary = run_summary(run)
    with sections.deterministic_pdfs():
        archive = PackZip(out, when=when)
        for part in parts:
            archive.write(part.path, part.produce(), section=part.section, clause=part.clause)
            done += part.weight
            if progress:
                progress(min(99, done * 100 // total))
        entries = list(archive.entries)
        archive.write(
            "README.txt",
            readme_text(summary, previous, entries).encode("utf-8"),
            section="readme",
        )
        manifest = {
            "format": FORMAT,
            "standard": "T/CSES 146—2024",
            "run": summary,
            "as_of": _iso(when),
            "change_log_since": _iso(previous.approved_at) if previous else None,
            "previous_run": previous.pk if previous else None,
            "monitoring_plan": monitoring.monitoring_plan_manifest(run),
            "files": [
                {
                    "path": e.path,
                    "sha256": e.sha256,
                    "size": e.size,
                    "section": e.section,
                    "clause": e.clause,
                }
                for e in archive.entries
            ],
        }
        archive.write(
            "manifest.json",
            json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8"),
            section="manifest",
        )
        archive.close()
    if progress:
        progress(100)
    return manifest
