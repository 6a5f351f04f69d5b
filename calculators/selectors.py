"""Reads of the calculators app: registers, factor library and activity data as frames.

Each function issues a fixed number of queries, whatever the number of rows (STYLE 5), and
returns plain pandas objects for the pure core.
"""

import datetime as dt

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

import pandas as pd

from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    DatasetStatus,
    Factor,
    FactorSet,
    GwpValue,
    RunResult,
)
from calculators.services.bulk import queryset_frame
from cems_registers.models import EmissionSource, Facility

#: Activity-record columns read for a run, in this order (``id`` first).
ACTIVITY_COLUMNS = [
    "id",
    "dataset_id",
    "row_number",
    "source_id",
    "facility_id",
    "period",
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    "quantity_normalised",
    "unit_normalised",
    "ncv",
    "ncv_unit",
    "carbon_content",
    "carbon_content_unit",
    "oxidation_rate",
    "ef_co2",
    "ef_ch4",
    "ef_n2o",
    "ef_unit",
    "purity",
    "calcination_fraction",
    "steam_enthalpy",
    "carbon_fraction",
    "direction",
    "inventory_start",
    "inventory_end",
    "acquired",
    "disbursed",
    "capacity_change",
    "data_source",
]


#: Repetitive text columns read as categoricals.
ACTIVITY_CATEGORICAL = (
    "period_text",
    "method",
    "material",
    "gas",
    "unit",
    "unit_normalised",
    "ncv_unit",
    "carbon_content_unit",
    "ef_unit",
    "direction",
    "data_source",
    "source__code",
    "facility__code",
    "source__category",
    "source__material_key",
    "facility__grid_region",
)


def intake_registry() -> dict[str, pd.DataFrame]:
    """Sources and facilities for intake validation, as frames; two queries.

    ``sources``: id, code, facility (code), facility_id, scope, category, material_key,
    in_boundary. ``facilities``: id, code, in_boundary, grid_region.
    """
    sources = pd.DataFrame.from_records(
        list(
            EmissionSource.objects.values_list(
                "id",
                "code",
                "facility__code",
                "facility_id",
                "scope",
                "category",
                "material_key",
                "in_boundary",
            )
        ),
        columns=[
            "id",
            "code",
            "facility",
            "facility_id",
            "scope",
            "category",
            "material_key",
            "in_boundary",
        ],
    )
    facilities = pd.DataFrame.from_records(
        list(Facility.objects.values_list("id", "code", "in_boundary", "grid_region")),
        columns=["id", "code", "in_boundary", "grid_region"],
    )
    return {"sources": sources, "facilities": facilities}


def datasets_visible_to(user) -> QuerySet[Dataset]:
    """Datasets a user may see: all with the view permission, else their own."""
    qs = Dataset.objects.select_related("submitted_by", "reviewed_by")
    if user.has_perm("calculators.view_dataset"):
        return qs
    return qs.filter(submitted_by=user)


def approved_records(
    *, period_start: dt.date, period_end: dt.date, facility_ids: list[int] | None = None
) -> QuerySet[ActivityRecord]:
    """Rows of approved datasets in the period (and boundary); only approved data counts."""
    qs = ActivityRecord.objects.filter(
        dataset__status=DatasetStatus.APPROVED,
        period__gte=period_start,
        period__lte=period_end,
    )
    if facility_ids:
        qs = qs.filter(facility_id__in=facility_ids)
    else:
        qs = qs.filter(facility__in_boundary=True)
    return qs.filter(Q(source__in_boundary=True)).order_by("id")


def run_facility_ids(run: AccountingRun) -> list[int]:
    """The boundary of a run as facility ids (empty list = every facility in the boundary)."""
    return sorted(run.facilities.values_list("id", flat=True))


def run_activity_frame(run: AccountingRun, *, dataset_ids: list[int] | None = None) -> pd.DataFrame:
    """The run's approved activity rows joined with their sources; two queries.

    With ``dataset_ids`` (recompute) the rows of exactly those datasets are read.
    """
    qs = approved_records(
        period_start=run.period_start,
        period_end=run.period_end,
        facility_ids=run_facility_ids(run),
    )
    if dataset_ids is not None:
        qs = qs.filter(dataset_id__in=dataset_ids)
    # the month as text: no per-row date parsing on the way out of the database
    qs = qs.annotate(period_text=Cast("period", output_field=CharField()))
    columns = [
        *(("period_text" if c == "period" else c) for c in ACTIVITY_COLUMNS),
        "source__code",
        "facility__code",
        "source__scope",
        "source__category",
        "source__material_key",
        "facility__grid_region",
    ]
    frame = queryset_frame(qs, columns, categorical=ACTIVITY_CATEGORICAL)
    return frame.rename(
        columns={
            "period_text": "period",
            "source__code": "source",
            "facility__code": "facility",
            "source__scope": "scope",
            "source__category": "category",
            "source__material_key": "source_material",
            "facility__grid_region": "region",
        }
    )


def factor_frame(factor_set_ids: list[int]) -> pd.DataFrame:
    """Factors of the given sets in the shape of core's factor CSVs; one query.

    Columns: ``calculators.core.factors.FACTOR_COLUMNS`` plus ``factor_id`` (the Factor pk),
    so every result can name the factor row it used.
    """
    frame = queryset_frame(
        Factor.objects.filter(factor_set_id__in=factor_set_ids).order_by("id"),
        [
            "id",
            "factor_set__key",
            "factor_set__version",
            "material",
            "gas",
            "parameter",
            "value",
            "unit",
            "source",
            "year",
            "region",
            "verification",
            "note",
        ],
    )
    return frame.rename(
        columns={
            "id": "factor_id",
            "factor_set__key": "set_key",
            "factor_set__version": "set_version",
        }
    )


def gwp_frame(gwp_set_id: int) -> pd.DataFrame:
    """GWP values of one set: species, gas_group, value, composition; 1 query."""
    return pd.DataFrame.from_records(
        list(
            GwpValue.objects.filter(gwp_set_id=gwp_set_id).values(
                "species", "gas_group", "value", "composition"
            )
        ),
        columns=["species", "gas_group", "value", "composition"],
    )


def run_results_frame(run: AccountingRun) -> pd.DataFrame:
    """Stored results of a run, one query."""
    columns = [f.attname for f in RunResult._meta.concrete_fields if f.attname != "id"]
    return queryset_frame(RunResult.objects.filter(run=run).order_by("id"), ["id", *columns])


def factor_sets_for_choice() -> QuerySet[FactorSet]:
    return FactorSet.objects.order_by("key", "-version")
