"""Hand-built accounting runs for the report and results-view tests (no engine involved).

``build_run`` writes a GWP set, a factor set with factors of each verification tag, an
approved dataset with activity rows and a run whose results have known values, so expected
totals can be computed independently from the rows given here.
"""

import datetime as dt

from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    DatasetStatus,
    Factor,
    FactorSet,
    GwpSet,
    RunResult,
    RunStatus,
)

#: (source code, method, material, gas, gas group, scope, category, tCO2e per month, biogenic t)
RESULT_SPECS = [
    ("S01", "fuel_cn", "natural_gas", "CO2", "CO2", 1, "fuel_combustion", 80.0, 0.0),
    ("S08", "ipcc_tier1", "gas_diesel_oil", "CO2", "CO2", 1, "fuel_combustion", 25.0, 0.0),
    ("S08", "ipcc_tier1", "gas_diesel_oil", "CH4", "CH4", 1, "fuel_combustion", 0.03, 0.0),
    ("S08", "ipcc_tier1", "gas_diesel_oil", "N2O", "N2O", 1, "fuel_combustion", 0.4, 0.0),
    ("S10", "biomass", "wood", "CO2", "CO2", 1, "fuel_combustion", 0.0, 95.0),
    ("S10", "biomass", "wood", "CH4", "CH4", 1, "fuel_combustion", 0.8, 0.0),
    ("S13", "gas_release", "R-410A", "HFC-32", "HFCs", 1, "fugitive", 1.1, 0.0),
    ("S15", "gas_release", "SF6", "SF6", "SF6", 1, "fugitive", 3.5, 0.0),
    (
        "S18",
        "purchased_electricity",
        "electricity_cn_east",
        "CO2",
        "CO2",
        2,
        "purchased_electricity",
        800.0,
        0.0,
    ),
    (
        "S22",
        "exported_electricity",
        "electricity_cn_east",
        "CO2",
        "CO2",
        2,
        "exported_electricity",
        -35.0,
        0.0,
    ),
    ("S24", "purchased_heat", "heat", "CO2", "CO2", 2, "purchased_heat", 44.0, 0.0),
]


#: Weakest verification tag of each source's factors in the built results.
VERIFICATION = {"S01": "T", "S18": "V", "S10": "M"}


def month_factor(month: int) -> float:
    """Scaling of month ``month`` (1-based), so months differ."""
    return 1.0 + month / 10.0


def build_run(enterprise: dict, *, months: int = 2, copies: int = 1, user=None, approver=None):
    """A computed run over ``months`` months of 2025 with :data:`RESULT_SPECS` results.

    ``copies`` repeats every result row (as if a source had several activity rows per month),
    which grows the run without changing what the views aggregate to per source and month.
    Returns ``(run, expected)`` where ``expected`` has totals computed from the specs.
    """
    sources = enterprise["sources"]
    gwp, _ = GwpSet.objects.get_or_create(key="AR5", defaults={"name": "IPCC AR5"})
    factor_set, _ = FactorSet.objects.get_or_create(
        key="test_set", version=1, defaults={"name": "Test factors"}
    )
    for material, parameter, gas, value, unit, tag in (
        ("natural_gas", "ncv", "", 389.31, "GJ/万Nm3", "T"),
        ("natural_gas", "carbon_content", "", 0.0153, "tC/GJ", "T"),
        ("natural_gas", "oxidation_rate", "", 0.99, "", "T"),
        ("electricity_cn_east", "ef", "CO2", 0.55, "tCO2/MWh", "V"),
        ("heat", "ef", "CO2", 0.11, "tCO2/GJ", "V"),
        ("wood", "ncv", "", 15.6, "TJ/Gg", "M"),
    ):
        Factor.objects.get_or_create(
            factor_set=factor_set,
            material=material,
            parameter=parameter,
            gas=gas,
            region="",
            defaults={"value": value, "unit": unit, "verification": tag, "source": "test"},
        )
    dataset = Dataset.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, months, 1),
        filename="=cmd|' /C calc'!A0.csv",
        sha256="0" * 64,
        rows_hash="1" * 64,
        row_count=0,
        status=DatasetStatus.APPROVED,
        submitted_by=user,
        reviewed_by=approver,
    )
    records = []
    row_number = 2
    for month in range(1, months + 1):
        period = dt.date(2025, month, 1)
        for code in sorted({spec[0] for spec in RESULT_SPECS}):
            source = sources[code]
            records.append(
                ActivityRecord(
                    dataset=dataset,
                    row_number=row_number,
                    source=source,
                    facility=source.facility,
                    period=period,
                    method=next(s[1] for s in RESULT_SPECS if s[0] == code),
                    material=next(s[2] for s in RESULT_SPECS if s[0] == code),
                    quantity=10.0 * month,
                    unit="t",
                    ncv=390.0 if code == "S01" and month == 1 else None,
                    data_source="estimated" if code == "S24" and month == 1 else "meter",
                )
            )
            row_number += 1
    ActivityRecord.objects.bulk_create(records)
    Dataset.objects.filter(pk=dataset.pk).update(row_count=len(records))
    run = AccountingRun.objects.create(
        name="Test run",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, months, 1),
        gwp_set=gwp,
        gwp_key="AR5",
        status=RunStatus.DONE,
        input_hash="abc123",
        input_rows=len(records),
        dataset_ids=[dataset.pk],
        factor_set_versions=[{"id": factor_set.pk, "key": factor_set.key, "version": 1}],
        code_version="cems test",
        created_by=user,
        intensity={"per_t": 0.5, "per_10k_cny": None},
    )
    run.factor_sets.set([factor_set])
    results = []
    expected = {"total": 0.0, "gas": {}, "scope": {}, "category": {}, "source": {}, "month": {}}
    expected["biogenic"] = 0.0
    expected["facility"] = {}
    for month in range(1, months + 1):
        period = dt.date(2025, month, 1)
        scale = month_factor(month)
        for code, method, material, gas, group, scope, category, tco2e, bio in RESULT_SPECS:
            source = sources[code]
            for _copy in range(copies):
                value = tco2e * scale / copies
                biogenic = bio * scale / copies
                results.append(
                    RunResult(
                        run=run,
                        source=source,
                        facility=source.facility,
                        period=period,
                        scope=scope,
                        category=category,
                        method=method,
                        material=material,
                        gas=gas,
                        gas_group=group,
                        mass_t=value,
                        gwp=1.0,
                        tco2e=value,
                        biogenic_t=biogenic,
                        verification=VERIFICATION.get(code, ""),
                    )
                )
                expected["total"] += value
                expected["biogenic"] += biogenic
                for key, name in (
                    ("gas", group),
                    ("scope", scope),
                    ("category", category),
                    ("source", code),
                    ("month", f"2025-{month:02d}"),
                    ("facility", source.facility.code),
                ):
                    expected[key][name] = expected[key].get(name, 0.0) + value
    RunResult.objects.bulk_create(results, batch_size=500)
    AccountingRun.objects.filter(pk=run.pk).update(total_tco2e=expected["total"])
    run.refresh_from_db()
    return run, expected
