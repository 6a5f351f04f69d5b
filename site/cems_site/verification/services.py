"""Writes of the verification app (T/CSES 146—2024 6.3.3, 9.3, 10.2).

* :func:`sample_fill_check`: find a sample's row in the run and check the verifier's value;
* :func:`sample_record` / :func:`samples_record`: record one sample, or many all or nothing
  (the bulk form of the admin), every error naming the line, field and value;
* :func:`samples_parse`: the pasted lines of the bulk form as rows;
* :func:`engagement_recheck_samples`: the verdicts again after the materiality changed;
* :func:`finding_raise_nonconformity`: a finding becomes a nonconformity in one step (10.2).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cems_registers.models import NonconformitySource
from cems_registers.services.nonconformities import nonconformity_create

from .checks import sample_check
from .models import Engagement, Finding, Sample, row_not_in_run
from .selectors import run_row_lines

ADD_SAMPLE = "cems_verification.add_sample"
CHANGE_FINDING = "cems_verification.change_finding"


def _require(user, permission: str, message) -> None:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(str(message))


def sample_fill_check(*, sample: Sample) -> Sample:
    """Set the sample's run value, difference and verdict from the engagement's run.

    Raises ``ValidationError`` naming the row (and gas group) when the run does not hold it.
    Two queries; nothing is saved.
    """
    engagement = sample.engagement
    lines = run_row_lines(
        run_id=engagement.run_id, dataset_id=sample.dataset_id, row_number=sample.row_number
    )
    group = sample.gas_group.strip()
    if group:
        lines = [line for line in lines if line.gas_group.upper() == group.upper()]
    if not lines:
        raise ValidationError(
            {
                "row_number": row_not_in_run(
                    engagement.run_id, sample.dataset_id, sample.row_number, group
                )
            }
        )
    if group:
        sample.gas_group = lines[0].gas_group
    first = lines[0]
    sample.row_label = " ".join(
        part
        for part in (first.source_code, f"{first.period:%Y-%m}", first.method, first.material)
        if part
    )[:200]
    check = sample_check(
        run_tco2e=sum(line.tco2e for line in lines),
        recalculated_tco2e=sample.recalculated_tco2e,
        materiality_pct=engagement.materiality_pct,
    )
    sample.run_tco2e = check.run_tco2e
    sample.difference_tco2e = check.difference_tco2e
    sample.difference_pct = check.difference_pct
    sample.within_materiality = check.within_materiality
    return sample


@transaction.atomic
def sample_record(
    *,
    user,
    engagement: Engagement,
    dataset_id: int,
    row_number: int,
    recalculated_tco2e: float,
    gas_group: str = "",
    note: str = "",
) -> Sample:
    """Record one recalculated row, checked against the run; validated before it is saved."""
    _require(user, ADD_SAMPLE, gettext("You may not record verification samples."))
    sample = Sample(
        engagement=engagement,
        dataset_id=dataset_id,
        row_number=row_number,
        gas_group=gas_group,
        recalculated_tco2e=recalculated_tco2e,
        note=note,
    )
    sample.full_clean()
    sample.save()
    return sample


@dataclass(frozen=True)
class SampleRow:
    """One line of the bulk form: where it was (line number) and what it says."""

    line: int
    dataset_id: int
    row_number: int
    gas_group: str
    recalculated_tco2e: float
    note: str = ""


def _line_error(line: int, field: str, value, message) -> str:
    return gettext("Line %(line)s, %(field)s “%(value)s”: %(message)s") % {
        "line": line,
        "field": field,
        "value": value,
        "message": message,
    }


def _column_label(field: str) -> str:
    labels = {
        "dataset": gettext("dataset"),
        "row": gettext("row"),
        "tco2e": gettext("recalculated (tCO2e)"),
    }
    return labels[field]


def _number(text: str, kind):
    text = text.strip().replace(",", "")
    return kind(text)


def samples_parse(text: str) -> list[SampleRow]:
    """Pasted lines ``dataset, row, gas group, recalculated tCO2e[, note]`` as rows.

    A first line naming the columns is skipped; blank lines are ignored. Every problem is
    collected and raised at once as one ``ValidationError`` naming line, field and value.
    Issues no query.
    """
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text.strip()), skipinitialspace=True)
    for line, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower() in {"dataset", "数据集"}:
            continue
        if len(cells) < 4:
            errors.append(
                gettext("Line %(line)s: give dataset, row, gas group and recalculated tCO2e.")
                % {"line": line}
            )
            continue
        parsed = {}
        for field, position, kind in (("dataset", 0, int), ("row", 1, int), ("tco2e", 3, float)):
            cell = cells[position]
            try:
                parsed[field] = _number(cell, kind)
            except ValueError:
                label = _column_label(field)
                errors.append(_line_error(line, label, cell, gettext("not a number")))
        if len(parsed) == 3:
            rows.append(
                SampleRow(
                    line=line,
                    dataset_id=parsed["dataset"],
                    row_number=parsed["row"],
                    gas_group=cells[2],
                    recalculated_tco2e=parsed["tco2e"],
                    note=",".join(cells[4:]),
                )
            )
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def samples_record(*, user, engagement: Engagement, rows: list[SampleRow]) -> list[Sample]:
    """Record every row or none: each row is validated against the run first, and every
    problem is raised together, naming the line, the field and the value (6.3.3)."""
    _require(user, ADD_SAMPLE, gettext("You may not record verification samples."))
    samples, errors = [], []
    seen = set()
    for row in rows:
        key = (row.dataset_id, row.row_number, row.gas_group.upper())
        sample = Sample(
            engagement=engagement,
            dataset_id=row.dataset_id,
            row_number=row.row_number,
            gas_group=row.gas_group,
            recalculated_tco2e=row.recalculated_tco2e,
            note=row.note,
        )
        try:
            if key in seen:
                raise ValidationError(gettext("This row is already sampled in the engagement."))
            seen.add(key)
            sample.full_clean()
        except ValidationError as exc:
            value = f"{row.dataset_id}:{row.row_number}"
            errors.extend(
                _line_error(row.line, gettext("row"), value, message) for message in exc.messages
            )
            continue
        samples.append(sample)
    if errors:
        raise ValidationError(errors)
    if not samples:
        raise ValidationError(gettext("Give at least one sample."))
    for sample in samples:
        sample.save()
    return samples


def engagement_recheck_samples(*, engagement: Engagement) -> int:
    """Apply the engagement's materiality to its samples again (no new run read); returns how
    many verdicts changed. Writes history rows for the changed samples only."""
    changed = 0
    for sample in engagement.samples.exclude(run_tco2e=None):
        check = sample_check(
            run_tco2e=sample.run_tco2e,
            recalculated_tco2e=sample.recalculated_tco2e,
            materiality_pct=engagement.materiality_pct,
        )
        if check.within_materiality != sample.within_materiality:
            sample.within_materiality = check.within_materiality
            sample.save()
            changed += 1
    return changed


def can_raise_nonconformity(user, finding: Finding) -> bool:
    return finding.nonconformity_id is None and bool(user and user.has_perm(CHANGE_FINDING))


@transaction.atomic
def finding_raise_nonconformity(*, finding: Finding, user):
    """Turn a verification finding into a nonconformity in one step (9.3 → 10.2).

    The nonconformity (source: audit) is created through the registers' service and the
    finding links to it. Who may change findings may raise them: it acts for the
    verification, whose finding is the record of the nonconformity. All or nothing.
    """

    _require(user, CHANGE_FINDING, gettext("You may not raise nonconformities."))
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("engagement", "source__facility")
        .get(pk=finding.pk)
    )
    if finding.nonconformity_id is not None:
        raise ValidationError(_("This finding is already a nonconformity."))
    engagement = finding.engagement
    nonconformity = nonconformity_create(
        user=user,
        check_permission=False,
        title=gettext("Verification finding %(reference)s (%(year)s)")
        % {"reference": finding.reference, "year": engagement.reporting_year},
        description=finding.description
        + "\n\n"
        + gettext(
            "Raised from finding %(reference)s of the %(year)s verification by %(verifier)s "
            "(clauses 6.3.3, 10.2)."
        )
        % {
            "reference": finding.reference,
            "year": engagement.reporting_year,
            "verifier": engagement.verifier_organisation,
        },
        source=NonconformitySource.AUDIT,
        severity=finding.severity,
        facility=finding.source.facility if finding.source_id else None,
        owner=finding.owner or engagement.owner or user,
        due_date=finding.due_date,
        raised_on=timezone.localdate(),
    )
    finding.nonconformity = nonconformity
    finding.save()
    return nonconformity
