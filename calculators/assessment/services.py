"""Writes of assessments (6.4): compute and freeze, update a draft, top management's approval.

:func:`assessment_compute` composes the selectors and the pure core and returns the frozen
results (issues the selectors' queries only); :func:`assessment_create` and
:func:`assessment_update` save them, all or nothing; :func:`assessment_approve` records top
management's approval (5.1), after which the assessment no longer changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd

from calculators.assessment import selectors
from calculators.core import assessment as core
from calculators.core.performance import GJ_PER_TCE
from calculators.models import Assessment, AssessmentStatus
from cems_registers.models import ReductionOpportunity

#: Permission that only the Top management group holds (granted in the migration).
APPROVE_PERMISSION = "calculators.approve_assessment"
#: The enterprise's discount rate when ``settings.CEMS_ASSESSMENT_DISCOUNT_RATE`` is not set.
DEFAULT_DISCOUNT_RATE = "0.08"
#: Core field keys of an opportunity → the register's field names.
OPPORTUNITY_FIELDS = {
    "abatement": "abatement_per_year",
    "lifetime": "lifetime_years",
    "capex": "capital_cost",
    "opex_change": "operating_cost",
    "savings": "annual_savings",
}


def default_discount_rate() -> Decimal:
    """The enterprise's discount rate (setting ``CEMS_ASSESSMENT_DISCOUNT_RATE``, a fraction).

    Raises ``ImproperlyConfigured`` naming the setting when it is not a usable rate.
    """
    value = getattr(settings, "CEMS_ASSESSMENT_DISCOUNT_RATE", DEFAULT_DISCOUNT_RATE)
    try:
        rate = core.check_rate(value, field="CEMS_ASSESSMENT_DISCOUNT_RATE")
    except core.AssessmentInputError as exc:
        raise ImproperlyConfigured(str(exc)) from exc
    return Decimal(str(round(rate, 4)))


def user_can_approve_assessments(user) -> bool:
    return bool(user and user.is_active and user.has_perm(APPROVE_PERMISSION))


def input_error(exc: core.AssessmentInputError) -> ValidationError:
    """A core input error as a ``ValidationError`` in the reader's language, field named.

    Errors of the assessment's own fields are attached to that field; errors of an
    opportunity name the opportunity and the register field as the reader knows it.
    """
    params = dict(exc.params)
    field = params.get("field")
    if "code" in params and field in OPPORTUNITY_FIELDS:
        model_field = ReductionOpportunity._meta.get_field(OPPORTUNITY_FIELDS[field])
        params["field"] = str(model_field.verbose_name)
        return ValidationError(gettext(exc.message) % params)
    if field in {f.name for f in Assessment._meta.get_fields()}:
        params["field"] = str(Assessment._meta.get_field(field).verbose_name)
        return ValidationError({field: gettext(exc.message) % params})
    return ValidationError(gettext(exc.message) % params)


def _clean(value):
    """A JSON-safe scalar: NaN and infinities become ``None``, numpy numbers Python ones."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict]:
    columns = list(columns)
    return [
        {key: _clean(value) for key, value in row.items()}
        for row in frame.reindex(columns=columns).to_dict("records")
    ]


#: Columns of the frozen results' tables.
KEY_SOURCE_COLUMNS = [
    "code",
    "name_zh",
    "name_en",
    "facility",
    "tco2e",
    "share",
    "cumulative_share",
    "key",
]
RANKING_COLUMNS = [
    "id",
    *core.OPPORTUNITY_COLUMNS,
    "title_en",
    "facility",
    "status",
    *core.RESULT_COLUMNS,
]
FORECAST_COLUMNS = ["year", "kind", "basis", "bau", "abatement", "with_measures", "production"]


def assessment_compute(
    *,
    year: int,
    target_year: int,
    discount_rate,
    facility_ids: list[int],
    production_plan: dict | None = None,
) -> tuple[dict, list[int]]:
    """Compute an assessment and return ``(results, run_ids)``, frozen as plain JSON data.

    Reads the approved yearly emissions (``selectors.yearly_history``, the seam to the
    performance series), the sources of the assessment year's run and the open
    opportunities of the boundary; the core ranks them, draws the MACC and forecasts to
    ``target_year``. Money in CNY, emissions in tCO2e. Raises ``ValidationError`` naming the
    field when an input is unusable (no approved run for ``year``, an opportunity without
    abatement, a rate that is not a number …).
    """
    try:
        rate = core.check_rate(discount_rate)
    except core.AssessmentInputError as exc:
        raise input_error(exc) from exc
    history = selectors.yearly_history(facility_ids=facility_ids, up_to_year=year)
    current = history[history["year"] == year]
    if current.empty:
        raise ValidationError(
            {
                "year": _(
                    "No approved accounting run covers the whole year %(year)s for this "
                    "boundary; approve one first (6.4 reads approved results only)."
                )
                % {"year": year}
            }
        )
    current_row = current.iloc[0]
    opportunities = selectors.opportunity_frame(facility_ids=facility_ids)
    plan = {int(k): v for k, v in (production_plan or {}).items()}
    try:
        ranked = core.evaluate(opportunities, rate)
        series = history.set_index("year")
        forecast, method = core.forecast(
            series["tco2e"],
            target_year=target_year,
            ranked=ranked,
            production_history=series["production"],
            production_plan=plan,
        )
    except core.AssessmentInputError as exc:
        raise input_error(exc) from exc
    extra = opportunities.set_index("code")[["id", "title_en", "facility", "status"]]
    ranked = ranked.join(extra, on="code")
    if current_row["source"] == "series":
        by_source = selectors.source_emissions_of_year(int(year), facility_ids=facility_ids)
    else:
        by_source = selectors.source_emissions(int(current_row["run_id"]))
    results = {
        "currency": "CNY",
        "discount_rate": rate,
        "current": _current(int(year), current_row),
        "history": _records(history, selectors.HISTORY_COLUMNS),
        "key_share": core.KEY_SOURCE_SHARE,
        "key_sources": _records(core.key_sources(by_source), KEY_SOURCE_COLUMNS),
        "ranking": _records(ranked, RANKING_COLUMNS),
        "forecast": _records(forecast, FORECAST_COLUMNS),
        "method": {key: _clean(value) for key, value in method.items()},
        "totals": {
            "abatement": float(ranked["abatement"].sum()),
            "selected_abatement": float(ranked.loc[ranked["selected"], "abatement"].sum()),
            "paying_abatement": float(ranked.loc[ranked["cost_per_t"] <= 0, "abatement"].sum()),
        },
    }
    return results, sorted({int(r) for ids in history["run_ids"] for r in ids})


def _current(year: int, row) -> dict:
    """The assessment year's emissions, production, intensity and energy (6.4.1 a)."""
    energy_gj = _clean(float(row["energy_gj"]))
    total = float(row["tco2e"])
    production = _clean(float(row["production"]))
    return {
        "year": year,
        "run_id": int(row["run_id"]),
        "run_ids": [int(r) for r in row["run_ids"]],
        "tco2e": total,
        "production": production,
        "intensity": (total / production) if production else None,
        "energy_gj": energy_gj,
        "energy_tce": None if energy_gj is None else energy_gj / GJ_PER_TCE,
    }


def _rate(value) -> Decimal:
    """A discount rate as the record keeps it (4 decimals), or the error naming the field."""
    try:
        return Decimal(str(round(core.check_rate(value), 4)))
    except core.AssessmentInputError as exc:
        raise input_error(exc) from exc


def _save(assessment: Assessment, facilities) -> Assessment:
    assessment.full_clean(exclude=["facilities"])
    assessment.save()
    assessment.facilities.set(facilities)
    return assessment


def _compute_and_save(
    assessment: Assessment, facilities, *, year, target_year, discount_rate, production_plan
) -> Assessment:
    """Check the record, compute its results from today's approved data and save it (6.4.1)."""
    assessment.clean()
    assessment.results, assessment.run_ids = assessment_compute(
        year=year,
        target_year=target_year,
        discount_rate=discount_rate,
        facility_ids=[f.pk for f in facilities],
        production_plan=production_plan,
    )
    return _save(assessment, facilities)


@transaction.atomic
def assessment_create(
    *,
    year: int,
    target_year: int,
    discount_rate,
    facilities=(),
    production_plan: dict | None = None,
    recommendations: str = "",
    reason: str = "",
    user=None,
) -> Assessment:
    """Compute and save a draft assessment (6.4.1); nothing is saved when an input is bad."""
    facilities = list(facilities)
    discount_rate = _rate(discount_rate)
    assessment = Assessment(
        year=year,
        target_year=target_year,
        discount_rate=discount_rate,
        production_plan={str(k): v for k, v in (production_plan or {}).items()},
        recommendations=recommendations,
        reason=reason,
        created_by=user,
    )
    assessment.clean_fields(exclude=["results", "run_ids"])
    return _compute_and_save(
        assessment,
        facilities,
        year=year,
        target_year=target_year,
        discount_rate=discount_rate,
        production_plan=production_plan,
    )


@transaction.atomic
def assessment_update(
    *,
    assessment: Assessment,
    year: int,
    target_year: int,
    discount_rate,
    facilities=(),
    production_plan: dict | None = None,
    recommendations: str = "",
    reason: str = "",
) -> Assessment:
    """Change a draft's inputs and compute it again from today's approved data (6.4.2)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_approved:
        raise ValidationError(_("An approved assessment no longer changes; start a new one."))
    facilities = list(facilities)
    discount_rate = _rate(discount_rate)
    assessment.year = year
    assessment.target_year = target_year
    assessment.discount_rate = discount_rate
    assessment.production_plan = {str(k): v for k, v in (production_plan or {}).items()}
    assessment.recommendations = recommendations
    assessment.reason = reason
    assessment.clean_fields(exclude=["results", "run_ids", "facilities"])
    return _compute_and_save(
        assessment,
        facilities,
        year=year,
        target_year=target_year,
        discount_rate=discount_rate,
        production_plan=production_plan,
    )


@transaction.atomic
def assessment_approve(*, assessment: Assessment, user) -> Assessment:
    """Record top management's approval of an assessment (5.1, 6.4.1 d); it is then frozen.

    Raises ``PermissionDenied`` unless ``user`` holds ``approve_assessment`` and
    ``ValidationError`` if it is already approved, has no results or no recommendations.
    """
    if not user_can_approve_assessments(user):
        raise PermissionDenied(_("Only top management may approve assessments (clause 5.1)."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_approved:
        raise ValidationError(_("This assessment is already approved."))
    if not assessment.results:
        raise ValidationError(_("This assessment has no results to approve."))
    if not assessment.recommendations.strip():
        raise ValidationError(
            {"recommendations": _("Write the recommendations before approval (6.4.1 d).")}
        )
    assessment.approved_by = user
    assessment.approved_at = timezone.now()
    assessment.status = AssessmentStatus.APPROVED
    assessment.full_clean(exclude=["facilities"])
    assessment.save()
    return assessment
