"""Writes to the factor library (6.3.1 e): built-in loading, new versions, freezing.

The built-in sets come from core's CSVs in ``calculators/data/``; loading is idempotent: a built-in set is created once per
``key`` + ``version`` and never rewritten once frozen.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

import pandas as pd

from calculators import models as calculator_models
from calculators import selectors
from calculators.core.factors import set_digests
from calculators.models import Factor, FactorSet, Verification

#: The shipped factor library (core's CSVs).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

FACTOR_COPY_FIELDS = (
    "material",
    "parameter",
    "gas",
    "value",
    "unit",
    "source",
    "citation",
    "citation_en",
    "retrieved_from",
    "year",
    "region",
    "verification",
    "note",
)


@transaction.atomic
def factor_set_new_version(*, factor_set: FactorSet, user=None) -> FactorSet:
    """Copy ``factor_set`` and its factors to the next free version of its key (6.3.2).

    The copy is never frozen and never built-in: it is the user's to edit. Issues a fixed
    number of queries (the factors are copied by one bulk insert).
    """
    if user is not None and not user.has_perm("calculators.new_version_factorset"):
        raise PermissionDenied(_("You may not create factor-set versions."))
    last = (
        FactorSet.objects.filter(key=factor_set.key)
        .order_by("-version")
        .values_list("version", flat=True)
    ).first()
    new = FactorSet(
        key=factor_set.key,
        version=(last or factor_set.version) + 1,
        name=factor_set.name,
        name_en=factor_set.name_en,
        source=factor_set.source,
        citation=factor_set.citation,
        citation_en=factor_set.citation_en,
        retrieved_from=factor_set.retrieved_from,
        year=factor_set.year,
    )
    new.full_clean()
    new.save()
    Factor.objects.bulk_create(
        [
            Factor(factor_set=new, **{name: getattr(f, name) for name in FACTOR_COPY_FIELDS})
            for f in factor_set.factors.all()
        ]
    )
    return new


def factor_sets_freeze(*, factor_set_ids: list[int]) -> int:
    """Freeze the given sets: a run that finished (done or approved) used them (6.3.2).

    ``update()`` bypasses ``save()``, which refuses changes of frozen sets.
    """
    return FactorSet.objects.filter(pk__in=factor_set_ids, frozen=False).update(frozen=True)


def factor_set_versions(*, factor_set_ids: list[int], factors: pd.DataFrame) -> list[dict]:
    """What a run records of its factor sets: ``[{id, key, version, sha256}]`` in precedence order.

    ``factors`` is the frame the run computed with (``selectors.factor_frame``); ``sha256`` is
    the digest of each set's rows in it (:func:`calculators.core.factors.set_digests`), so an
    approval can tell whether the set still holds what the run used. One query.
    """
    digests = set_digests(factors)
    sets = {fs.pk: fs for fs in FactorSet.objects.filter(pk__in=factor_set_ids)}
    return [
        {
            "id": pk,
            "key": sets[pk].key,
            "version": sets[pk].version,
            "sha256": digests.get((sets[pk].key, sets[pk].version), EMPTY_SET_DIGEST),
        }
        for pk in factor_set_ids
        if pk in sets
    ]


#: Digest of a set without factor rows.
EMPTY_SET_DIGEST = ""


def factor_sets_changed(*, entries: list[dict]) -> list[str] | None:
    """Labels (``key vN``) of the sets whose factors differ from what a run recorded (6.3.2).

    ``entries``: the run's ``factor_set_versions``. A set deleted since counts as changed.
    ``None`` when the run recorded no digests (computed before they were kept): the caller
    then compares the run's whole input hash. Two queries.
    """
    if not entries:
        return []
    if any("sha256" not in entry for entry in entries):
        return None
    ids = [entry["id"] for entry in entries]
    current = {
        entry["id"]: entry
        for entry in factor_set_versions(factor_set_ids=ids, factors=selectors.factor_frame(ids))
    }
    return [
        f"{entry['key']} v{entry['version']}"
        for entry in entries
        if current.get(entry["id"], {}).get("sha256") != entry["sha256"]
    ]


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _int_or_none(value) -> int | None:
    text = str(value or "").strip()
    return int(float(text)) if text else None


#: Citation columns of the CSVs → model fields (``CitationFields``).
CITATION_COLUMNS = {
    "citation_zh": "citation",
    "citation_en": "citation_en",
    "retrieved_from": "retrieved_from",
}


def _citation(row: dict, model) -> dict:
    """The row's citation as model fields, for the fields ``model`` has (a data migration may
    pass a model from before they existed). ``source`` gets the English citation."""
    names = {f.name for f in model._meta.get_fields()}
    values = {field: row.get(column, "") for column, field in CITATION_COLUMNS.items()}
    out = {field: value for field, value in values.items() if field in names}
    out["source"] = row.get("citation_en") or row.get("source", "")
    return out


@transaction.atomic
def factor_library_load(*, data_dir: Path | None = None, apps=None, stdout=None) -> dict[str, int]:
    """Load the built-in factor sets and GWP sets from ``calculators/data/*.csv`` (idempotent).

    A built-in set that exists with the same key and version is left alone when frozen
    (only its blank citations are filled, :func:`factor_citations_fill`); otherwise its
    factors are replaced by the shipped ones (so a corrected CSV reaches databases whose set
    no finished run has used). GWP sets (``GWP_*`` keys) become :class:`GwpSet` rows keyed
    ``SAR``/``AR4``/``AR5``/``AR6``, with the blends of ``blends.csv`` as GWP values weighted
    by mass fraction.
    """
    models = _library_models(apps)
    data_dir = data_dir or DATA_DIR
    sets_meta = _read_csv(data_dir / "factor_sets.csv")
    factor_rows = _factor_rows(data_dir)
    counts = {"factor_sets": 0, "factors": 0, "gwp_sets": 0, "gwp_values": 0}
    frozen = []
    for meta in sets_meta.to_dict("records"):
        if meta["set_key"].startswith("GWP_"):
            continue
        factor_set, loaded = _factor_set_load(meta, factor_rows, models)
        if factor_set.frozen:
            frozen.append(factor_set.pk)
        if loaded is not None:
            counts["factor_sets"] += 1
            counts["factors"] += loaded
    if frozen:
        factor_citations_fill(data_dir=data_dir, apps=apps, factor_set_ids=frozen)
    gwp = _read_csv(data_dir / "gwp.csv")
    blends = _read_csv(data_dir / "blends.csv")
    for meta in sets_meta[sets_meta["set_key"].str.startswith("GWP_")].to_dict("records"):
        counts["gwp_sets"] += 1
        counts["gwp_values"] += _gwp_set_load(meta, gwp, blends, models)
    if stdout is not None:
        stdout.write(", ".join(f"{name} {count}" for name, count in counts.items()))
    return counts


def _library_models(apps) -> dict:
    """FactorSet, Factor, GwpSet and GwpValue: a data migration passes its historical models."""
    names = ("FactorSet", "Factor", "GwpSet", "GwpValue")
    if apps is not None:
        return {name: apps.get_model("calculators", name) for name in names}
    return {name: getattr(calculator_models, name) for name in names}


#: Text fields of a shipped factor row stored as they are.
_FACTOR_TEXT_FIELDS = ("material", "parameter", "gas", "unit", "region", "note")


def _factor_set_load(meta: dict, factor_rows: pd.DataFrame, models: dict):
    """(the set of ``meta``, created if missing; how many factors were loaded into it, or None
    when it is frozen or not built in and was left alone)."""
    FactorSet, Factor = models["FactorSet"], models["Factor"]
    version = int(meta["set_version"] or 1)
    factor_set, created = FactorSet.objects.get_or_create(
        key=meta["set_key"],
        version=version,
        defaults={
            "name": meta["name_zh"] or meta["name_en"],
            "name_en": meta["name_en"],
            "year": _int_or_none(meta["year"]),
            "is_builtin": True,
            **_citation(meta, FactorSet),
        },
    )
    if factor_set.frozen or not factor_set.is_builtin:
        return factor_set, None
    rows = factor_rows[
        (factor_rows["set_key"] == meta["set_key"])
        & (factor_rows["set_version"].replace("", "1").astype(int) == version)
    ]
    if not created:
        FactorSet.objects.filter(pk=factor_set.pk).update(**_citation(meta, FactorSet))
        Factor.objects.filter(factor_set=factor_set).delete()
    Factor.objects.bulk_create(
        [
            Factor(
                factor_set=factor_set,
                value=float(row["value"]),
                year=_int_or_none(row["year"]),
                verification=row["verification"] or Verification.UNVERIFIED.value,
                **{name: row[name] for name in _FACTOR_TEXT_FIELDS},
                **_citation(row, Factor),
            )
            for row in rows.to_dict("records")
        ],
        batch_size=1000,
    )
    return factor_set, len(rows)


def _gwp_set_load(meta: dict, gwp: pd.DataFrame, blends: pd.DataFrame, models: dict) -> int:
    """The GWP set of ``meta`` (key without ``GWP_``) with its values and the blends whose
    components it has (weighted by mass fraction); returns how many values it holds."""
    GwpSet, GwpValue = models["GwpSet"], models["GwpValue"]
    key = meta["set_key"].removeprefix("GWP_")
    gwp_set, _created = GwpSet.objects.update_or_create(
        key=key,
        defaults={"name": meta["name_zh"] or meta["name_en"], **_citation(meta, GwpSet)},
    )
    rows = gwp[gwp["set_key"] == meta["set_key"]]
    values = {row["gas"]: float(row["value"]) for row in rows.to_dict("records")}
    groups = {row["gas"]: row["gas_group"] for row in rows.to_dict("records")}
    objects = [
        GwpValue(
            gwp_set=gwp_set,
            species=row["gas"],
            gas_group=row["gas_group"],
            value=float(row["value"]),
            source=row["source"],
        )
        for row in rows.to_dict("records")
    ]
    for blend, parts in blends.groupby("blend", sort=True):
        composition = {r["component"]: float(r["mass_fraction"]) for r in parts.to_dict("records")}
        if blend in values or not all(c in values for c in composition):
            continue
        objects.append(
            GwpValue(
                gwp_set=gwp_set,
                species=blend,
                gas_group=groups[next(iter(composition))],
                value=sum(w * values[c] for c, w in composition.items()),
                composition=composition,
                source=parts["source"].iloc[0],
            )
        )
    GwpValue.objects.filter(gwp_set=gwp_set).delete()
    GwpValue.objects.bulk_create(objects)
    return len(objects)


def _factor_rows(data_dir: Path) -> pd.DataFrame:
    return pd.concat(
        [_read_csv(path) for path in sorted(data_dir.glob("factors_*.csv"))], ignore_index=True
    )


def factor_citations_fill(
    *, data_dir: Path | None = None, apps=None, factor_set_ids: list[int] | None = None
) -> int:
    """Fill blank citations of built-in sets and their factors from the shipped CSVs (6.3.2).

    Frozen sets included: a citation names where a value was published and is no input of
    any run (``source``, which runs hashed, is left as it was), so a set frozen before its
    citation shipped still reports the official publication. Only blank fields are written,
    by natural key (set key and version; material, parameter, gas, region), with
    ``update()``: one query per set and per factor whose citation is blank (a loader's and a
    migration's work, once). Returns the rows written.
    """
    library = _library_models(apps)  # a migration's historical models, or the real ones
    factor_set_model, factor_model = library["FactorSet"], library["Factor"]
    data_dir = data_dir or DATA_DIR
    meta = {
        (m["set_key"], int(m["set_version"] or 1)): m
        for m in _read_csv(data_dir / "factor_sets.csv").to_dict("records")
    }
    rows = _factor_rows(data_dir)
    rows["version"] = rows["set_version"].replace("", "1").astype(int)
    by_set = {key: group for key, group in rows.groupby(["set_key", "version"])}  # noqa: C416
    sets = factor_set_model.objects.filter(is_builtin=True)
    if factor_set_ids is not None:
        sets = sets.filter(pk__in=factor_set_ids)
    written = 0
    for factor_set in sets:
        key = (factor_set.key, factor_set.version)
        if key not in meta:
            continue
        fields = {
            field: meta[key][column]
            for column, field in CITATION_COLUMNS.items()
            if not getattr(factor_set, field)
        }
        if fields:
            written += factor_set_model.objects.filter(pk=factor_set.pk).update(**fields)
        shipped = {
            (r["material"], r["parameter"], r["gas"], r["region"]): r
            for r in by_set.get(key, pd.DataFrame()).to_dict("records")
        }
        for factor in factor_model.objects.filter(factor_set=factor_set, citation=""):
            row = shipped.get((factor.material, factor.parameter, factor.gas, factor.region))
            if row is None:
                continue
            written += factor_model.objects.filter(pk=factor.pk).update(
                **{field: row[column] for column, field in CITATION_COLUMNS.items()}
            )
    return written
