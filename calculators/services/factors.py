"""Writes to the factor library (6.3.1 e): built-in loading, new versions, freezing.

The built-in sets come from core's CSVs in ``calculators/data/``; loading is idempotent: a built-in set is created once per
``key`` + ``version`` and never rewritten once frozen.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

import pandas as pd

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


@transaction.atomic
def factor_library_load(*, data_dir: Path | None = None, apps=None, stdout=None) -> dict[str, int]:
    """Load the built-in factor sets and GWP sets from ``calculators/data/*.csv`` (idempotent).

    A built-in set that exists with the same key and version is left alone when frozen;
    otherwise its factors are replaced by the shipped ones (so a corrected CSV reaches
    databases whose set no approved run has used). GWP sets (``GWP_*`` keys) become
    :class:`GwpSet` rows keyed ``SAR``/``AR4``/``AR5``/``AR6``, with the blends of
    ``blends.csv`` as GWP values weighted by mass fraction.
    """
    if apps is not None:  # a data migration passes its historical models
        FactorSet = apps.get_model("calculators", "FactorSet")
        Factor = apps.get_model("calculators", "Factor")
        GwpSet = apps.get_model("calculators", "GwpSet")
        GwpValue = apps.get_model("calculators", "GwpValue")
    else:
        from calculators.models import Factor, FactorSet, GwpSet, GwpValue
    data_dir = data_dir or DATA_DIR
    sets_meta = _read_csv(data_dir / "factor_sets.csv")
    factor_rows = pd.concat(
        [_read_csv(path) for path in sorted(data_dir.glob("factors_*.csv"))], ignore_index=True
    )
    counts = {"factor_sets": 0, "factors": 0, "gwp_sets": 0, "gwp_values": 0}
    for meta in sets_meta.to_dict("records"):
        if meta["set_key"].startswith("GWP_"):
            continue
        version = int(meta["set_version"] or 1)
        factor_set, created = FactorSet.objects.get_or_create(
            key=meta["set_key"],
            version=version,
            defaults={
                "name": meta["name_zh"] or meta["name_en"],
                "name_en": meta["name_en"],
                "source": meta["source"],
                "year": _int_or_none(meta["year"]),
                "is_builtin": True,
            },
        )
        if factor_set.frozen or not factor_set.is_builtin:
            continue
        rows = factor_rows[
            (factor_rows["set_key"] == meta["set_key"])
            & (factor_rows["set_version"].replace("", "1").astype(int) == version)
        ]
        if not created:
            Factor.objects.filter(factor_set=factor_set).delete()
        Factor.objects.bulk_create(
            [
                Factor(
                    factor_set=factor_set,
                    material=row["material"],
                    parameter=row["parameter"],
                    gas=row["gas"],
                    value=float(row["value"]),
                    unit=row["unit"],
                    source=row["source"],
                    year=_int_or_none(row["year"]),
                    region=row["region"],
                    verification=row["verification"] or Verification.UNVERIFIED.value,
                    note=row["note"],
                )
                for row in rows.to_dict("records")
            ],
            batch_size=1000,
        )
        counts["factor_sets"] += 1
        counts["factors"] += len(rows)
    gwp = _read_csv(data_dir / "gwp.csv")
    blends = _read_csv(data_dir / "blends.csv")
    for meta in sets_meta[sets_meta["set_key"].str.startswith("GWP_")].to_dict("records"):
        key = meta["set_key"].removeprefix("GWP_")
        gwp_set, _created = GwpSet.objects.update_or_create(
            key=key, defaults={"name": meta["name_zh"] or meta["name_en"], "source": meta["source"]}
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
            composition = {
                r["component"]: float(r["mass_fraction"]) for r in parts.to_dict("records")
            }
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
        counts["gwp_sets"] += 1
        counts["gwp_values"] += len(objects)
    if stdout is not None:
        stdout.write(", ".join(f"{name} {count}" for name, count in counts.items()))
    return counts
