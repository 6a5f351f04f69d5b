"""Reads of the calculators app: registers, factor library and activity data as frames.

Each function issues a fixed number of queries, whatever the number of rows (STYLE 5), and
returns plain pandas objects for the pure core.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, IntegerField, Min, Q, QuerySet
from django.db.models.functions import Cast, Substr

import numpy as np
import pandas as pd

from calculators.core import template
from calculators.core.factors import FACTOR_COLUMNS
from calculators.core.intake import DUPLICATE_KEY
from calculators.core.normalise import ACTIVITY_KEYS
from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    DatasetStatus,
    Factor,
    GwpValue,
    RunResult,
)
from calculators.services.bulk import queryset_frame
from cems_registers.models import EmissionSource, Facility

#: Activity-record columns read for a run, in this order (``id`` first).
ACTIVITY_COLUMNS = ["id", "dataset_id", "row_number", "source_id", "facility_id", *ACTIVITY_KEYS]
#: Measured overrides and mass-balance components: blank on almost every row, so they are
#: read in a second query for the rows that have any (a million NULLs cost as much to
#: fetch as a million values).
SPARSE_NUMBERS = (*template.OVERRIDE_VALUE_KEYS, *template.MASS_BALANCE_KEYS)
SPARSE_TEXTS = template.OVERRIDE_UNIT_KEYS


#: Repetitive text columns read as categoricals.
ACTIVITY_CATEGORICAL = (
    "method",
    "material",
    "gas",
    "unit",
    "unit_normalised",
    "direction",
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
    *,
    period_start: dt.date,
    period_end: dt.date,
    facility_ids: list[int] | None = None,
    withdrawn_too: bool = False,
) -> QuerySet[ActivityRecord]:
    """Rows of approved datasets in the period (and boundary); only approved data counts.

    ``withdrawn_too``: also the datasets approved then withdrawn (recomputing a run that
    used them reads the data it was computed from).
    """
    statuses = [DatasetStatus.APPROVED]
    if withdrawn_too:
        statuses.append(DatasetStatus.WITHDRAWN)
    qs = ActivityRecord.objects.filter(
        dataset__status__in=statuses,
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


def run_activity_frame(
    run: AccountingRun,
    *,
    dataset_ids: list[int] | None = None,
    facility_ids: list[int] | None = None,
    months: tuple[dt.date, dt.date] | None = None,
) -> pd.DataFrame:
    """The run's approved activity rows with their sources' attributes; five queries.

    With ``dataset_ids`` (recompute) the rows of exactly those datasets are read, withdrawn
    ones included. ``facility_ids`` and ``months`` (first, last) narrow the read to one part
    of the run (``calculators.services.chunks``). Columns:
    :data:`ACTIVITY_COLUMNS`, the sparse override columns, and the source's ``source``
    (code), ``facility`` (code), ``scope``, ``category``, ``source_material`` and the
    facility's ``region``.
    """
    qs = approved_records(
        period_start=months[0] if months else run.period_start,
        period_end=months[1] if months else run.period_end,
        facility_ids=run_facility_ids(run) if facility_ids is None else facility_ids,
        withdrawn_too=dataset_ids is not None,
    )
    if dataset_ids is not None:
        qs = qs.filter(dataset_id__in=dataset_ids)
    # the month as an integer YYYYMM: no per-row date parsing or string hashing; source and
    # facility attributes are mapped from two small queries instead of a join per row
    text = Cast("period", output_field=CharField())
    dense = qs.annotate(
        period_ym=Cast(Substr(text, 1, 4), IntegerField()) * 100
        + Cast(Substr(text, 6, 2), IntegerField())
    )
    columns = [("period_ym" if c == "period" else c) for c in ACTIVITY_COLUMNS]
    frame = queryset_frame(dense, columns, categorical=ACTIVITY_CATEGORICAL)
    codes, months = pd.factorize(frame.pop("period_ym").to_numpy(dtype=np.int64), sort=True)
    labels = [f"{m // 100:04d}-{m % 100:02d}-01" for m in months]
    frame.insert(5, "period", pd.Categorical.from_codes(codes, labels) if labels else [])
    sources = pd.DataFrame.from_records(
        list(EmissionSource.objects.values_list("id", "code", "scope", "category", "material_key")),
        columns=["source_id", "source", "scope", "category", "source_material"],
    )
    facilities = pd.DataFrame.from_records(
        list(Facility.objects.values_list("id", "code", "grid_region")),
        columns=["facility_id", "facility", "region"],
    )
    for key, table in (("source_id", sources), ("facility_id", facilities)):
        position = pd.Index(table[key]).get_indexer(frame[key].to_numpy())
        for name in table.columns.drop(key):
            values = table[name].to_numpy()
            if name == "scope":
                frame[name] = values[position].astype(np.int64)
            else:
                frame[name] = (
                    pd.Categorical.from_codes(*_codes(values, position))
                    if len(frame)
                    else pd.Categorical([])
                )
    given = Q()
    for name in SPARSE_NUMBERS:
        given |= Q(**{f"{name}__isnull": False})
    for name in SPARSE_TEXTS:
        given |= Q(**{f"{name}__gt": ""})
    sparse = queryset_frame(qs.filter(given), ["id", *SPARSE_NUMBERS, *SPARSE_TEXTS])
    ids = frame["id"].to_numpy()
    pos = np.searchsorted(ids, sparse["id"].to_numpy()) if len(ids) else np.array([], int)
    for name in SPARSE_NUMBERS:
        values = np.full(len(frame), np.nan)
        values[pos] = pd.to_numeric(sparse[name], errors="coerce").to_numpy(dtype=float)
        frame[name] = values
    for name in SPARSE_TEXTS:
        values = np.full(len(frame), "", dtype=object)
        values[pos] = sparse[name].astype(object).fillna("").to_numpy()
        frame[name] = pd.Categorical(values)
    return frame


def _codes(values: np.ndarray, position: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Category codes and labels of ``values[position]`` without hashing a million strings."""
    labels, inverse = np.unique(values.astype(str), return_inverse=True)
    return inverse[position], list(labels)


def factor_frame(factor_set_ids: list[int]) -> pd.DataFrame:
    """Factors of the given sets in the shape of core's factor CSVs; one query.

    Columns: ``calculators.core.factors.FACTOR_COLUMNS`` plus ``factor_id`` (the Factor pk),
    so every result can name the factor row it used.
    """
    frame = queryset_frame(
        Factor.objects.filter(factor_set_id__in=factor_set_ids).order_by("id"),
        ["id", *(_FACTOR_FIELDS.get(c, c) for c in FACTOR_COLUMNS)],
    )
    return frame.rename(columns={"id": "factor_id", **{v: k for k, v in _FACTOR_FIELDS.items()}})


#: Columns of the core's factor frame that are fields of the factor's set.
_FACTOR_FIELDS = {"set_key": "factor_set__key", "set_version": "factor_set__version"}


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


def withdrawn_dataset_ids() -> set[int]:
    """Ids of the withdrawn datasets (8.5): runs that used one no longer show approved data."""
    return set(Dataset.objects.filter(status=DatasetStatus.WITHDRAWN).values_list("pk", flat=True))


def withdrawn_datasets_of(run: AccountingRun, withdrawn: set[int] | None = None) -> list[Dataset]:
    """The withdrawn datasets a run used, oldest first; no query when it used none."""
    ids = set(run.dataset_ids or [])
    if withdrawn is not None:
        ids &= withdrawn
    if not ids:
        return []
    return list(
        Dataset.objects.filter(pk__in=ids, status=DatasetStatus.WITHDRAWN)
        .select_related("withdrawn_by")
        .order_by("pk")
    )


#: What makes two stored rows the same record: the intake's rule (8.5) on the stored columns.
REPEAT_KEY = tuple(
    f"{column}_id" if column in ("source", "facility") else column for column in DUPLICATE_KEY
)


def dataset_repeats(dataset: Dataset, *, limit: int = 50) -> list[dict]:
    """Groups of rows of ``dataset`` that repeat one another in :data:`REPEAT_KEY`.

    Intake refuses exact repeats, so each group's rows say why they are separate (``note``
    or ``data_source``); the reviewer sees them before approving (8.5). Two queries: the
    groups (at most ``limit``), then their rows. Each group: ``first`` (the lowest row
    number), ``rows`` (the others), ``source`` code, ``period``, ``quantity``, ``unit`` and
    ``reasons`` (row number, data source, note).
    """
    groups = list(
        ActivityRecord.objects.filter(dataset=dataset)
        .values(*REPEAT_KEY)
        .annotate(n=Count("id"), first=Min("row_number"))
        .filter(n__gt=1)
        .order_by("first")[:limit]
    )
    if not groups:
        return []
    match = Q()
    for g in groups:
        match |= Q(**{k: g[k] for k in REPEAT_KEY})
    members: dict[tuple, list] = {}
    for rec in (
        ActivityRecord.objects.filter(match, dataset=dataset)
        .select_related("source")
        .only(*REPEAT_KEY, "row_number", "data_source", "note", "source__code")
        .order_by("row_number")
    ):
        members.setdefault(tuple(getattr(rec, k) for k in REPEAT_KEY), []).append(rec)
    out = []
    for g in groups:
        recs = members.get(tuple(g[k] for k in REPEAT_KEY), [])
        if not recs:
            continue
        out.append(
            {
                "first": recs[0].row_number,
                "rows": [r.row_number for r in recs[1:]],
                "row_numbers": [r.row_number for r in recs],
                "source": recs[0].source.code,
                "period": g["period"],
                "quantity": g["quantity"],
                "unit": g["unit"],
                "reasons": [(r.row_number, r.data_source, r.note) for r in recs],
            }
        )
    return out


def data_completeness(*, year: int, through: dt.date | None = None) -> dict:
    """Which in-boundary sources have approved activity data for which months (8.5, 9.1).

    ``through``: the last month expected (default December of ``year``); months after it are
    not yet due. Returns ``months`` (first days), ``sources`` (one dict per in-boundary source:
    code, name, facility, ``have`` one bool per month, ``missing`` the months due but absent),
    ``due`` (source-months due), ``present`` and ``share`` (0–1). Two queries.
    """
    last = min(through or dt.date(year, 12, 1), dt.date(year, 12, 1))
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    due = [m for m in months if m <= last]
    present = set(
        ActivityRecord.objects.filter(
            dataset__status=DatasetStatus.APPROVED,
            period__gte=months[0],
            period__lte=months[-1],
        )
        .values_list("source_id", "period")
        .distinct()
    )
    rows = []
    for source in (
        EmissionSource.objects.filter(in_boundary=True, facility__in_boundary=True)
        .select_related("facility")
        .order_by("code")
    ):
        have = [(source.pk, m) in present for m in months]
        rows.append(
            {
                "code": source.code,
                "name": source.display_name,
                "facility": source.facility.code,
                "have": have,
                "missing": [m for m, ok in zip(months, have, strict=True) if m in due and not ok],
            }
        )
    n_due = len(due) * len(rows)
    n_missing = sum(len(r["missing"]) for r in rows)
    return {
        "year": year,
        "months": months,
        "sources": rows,
        "due": n_due,
        "present": n_due - n_missing,
        "share": (n_due - n_missing) / n_due if n_due else 1.0,
    }


def run_approvers(run) -> list:
    """Active users who may approve ``run`` (9.1): they hold ``approve_accountingrun`` (the
    data reviewers, or a superuser) and did not create it (maker–checker). One query."""

    perm = Q(
        groups__permissions__codename="approve_accountingrun",
        groups__permissions__content_type__app_label="calculators",
    ) | Q(
        user_permissions__codename="approve_accountingrun",
        user_permissions__content_type__app_label="calculators",
    )
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(perm | Q(is_superuser=True))
        .exclude(pk=run.created_by_id)
        .distinct()
        .order_by("username")
    )
