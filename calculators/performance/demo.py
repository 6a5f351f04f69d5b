"""Demo of the closed loop (issue 9; 6.3.1, 6.5, 6.6, 8.4): green electricity bought from 2025 so
the renewable-share objective has computed progress, an objective whose indicator is *other*
with values its owner entered, and the change register's records checked against the base
year. Called by :func:`calculators.demo.load_demo`; the registers' demo made the facilities,
sources, objectives, plans and changes. Idempotent.
"""

import datetime as dt
from decimal import Decimal

import pandas as pd

from calculators.core.template import COLUMN_KEYS
from calculators.demo_data import to_csv_bytes
from calculators.models import DatasetChannel, DatasetStatus, IndicatorObservation
from calculators.performance.services import indicator_observation_save
from calculators.services.datasets import dataset_review, dataset_submit
from cems_registers.models import EmissionSource, Facility, Indicator, Objective
from cems_registers.services.objectives import objective_approve

#: Green electricity bought through the provincial power-trading market (绿电交易), filed as a
#: purchased-electricity source of the Suzhou plant whose material key marks it renewable
#: (:data:`calculators.core.performance.RENEWABLE_MARKERS`); its emission factor is 0 (the
#: green certificates go with it), given on each row.
GREEN_SOURCE = {
    "code": "S25",
    "facility": "F01",
    "name": "绿电交易电量",
    "name_en": "Green electricity bought (power trading)",
    "kind": "energy",
    "material_key": "green_electricity",
    "scope": 2,
    "category": "purchased_electricity",
    "activity_unit": "MWh",
    "description": "年度绿电交易合同，2025 年 3 月起每月约 650 MWh，附绿证 / green certificates",
}
#: MWh bought per month of 2025 (the contract starts in March).
GREEN_MWH_2025 = {m: (0.0 if m < 3 else 650.0 + 10.0 * (m % 4)) for m in range(1, 13)}
GREEN_FILE = "2025-green-electricity.csv"
GREEN_DATA_SOURCE = "绿电交易结算单 / green electricity trading statement"

#: An objective whose indicator the accounting results cannot give (6.5): the share of the
#: people with carbon-management duties trained, entered per year with its evidence.
TRAINING_OBJECTIVE = {
    "code": "OBJ-TRN",
    "title": "2027 年碳排放管理岗位人员培训覆盖率达到 100%",
    "description": "与方针中“全员参与”的承诺一致（5.2、7.2、6.5）。",
    "deadline": dt.date(2027, 12, 31),
}
TRAINING_INDICATOR = {
    "name": "碳排放管理岗位培训覆盖率",
    "metric": "other",
    "unit": "%",
    "baseline_year": 2024,
    "baseline_value": Decimal("60"),
    "target_value": Decimal("100"),
    "target_year": 2027,
}
TRAINING_OBSERVATIONS = {
    2024: (Decimal("60"), "2024 年培训签到表及考核记录（人力资源部）：应训 45 人，已训 27 人"),
    2025: (Decimal("71.1"), "2025 年培训签到表及考核记录（人力资源部）：应训 45 人，已训 32 人"),
}


def green_source():
    """The green-electricity source (created once); two queries."""

    values = dict(GREEN_SOURCE)
    code = values.pop("code")
    values["facility"] = Facility.objects.get(code=values["facility"])
    source, _created = EmissionSource.objects.get_or_create(code=code, defaults=values)
    return source


def green_rows() -> pd.DataFrame:
    """2025's green electricity in the template's columns, with the factor 0 on each row."""
    rows = []
    for month, mwh in GREEN_MWH_2025.items():
        if not mwh:
            continue
        row = dict.fromkeys(COLUMN_KEYS)
        row.update(
            source=GREEN_SOURCE["code"],
            facility=GREEN_SOURCE["facility"],
            period=f"2025-{month:02d}",
            method="purchased_electricity",
            material=GREEN_SOURCE["material_key"],
            unit="MWh",
            quantity=mwh,
            data_source=GREEN_DATA_SOURCE,
            ef_co2=0.0,
            ef_unit="tCO2/MWh",
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMN_KEYS))


def load_green_electricity(*, submitter, reviewer, stdout=None) -> bool:
    """Submit and approve 2025's green electricity (before the 2025 run is computed)."""

    green_source()
    result = dataset_submit(
        file_bytes=to_csv_bytes(green_rows()),
        filename=GREEN_FILE,
        user=submitter,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        channel=DatasetChannel.DEMO,
        notify=False,
    )
    if result.dataset.status == DatasetStatus.SUBMITTED:
        dataset_review(
            dataset=result.dataset,
            user=reviewer,
            approve=True,
            comment="与绿电交易结算单核对 / checked against the trading statement",
        )
    if stdout is not None and result.created:
        stdout.write(f"  dataset {GREEN_FILE}: {result.dataset.row_count} rows")
    return result.created


def load_training_objective(*, users: dict) -> object | None:
    """The objective with an *other* indicator, approved by top management, and the observed
    values its owner entered for 2024 and 2025 (through the service); None without the
    registers' demo users (top management ``ceo``, the management representative ``rep``)."""
    if users.get("ceo") is None or users.get("rep") is None:
        return None

    owner = users.get("rep")
    objective, created = Objective.objects.get_or_create(
        code=TRAINING_OBJECTIVE["code"],
        defaults={**TRAINING_OBJECTIVE, "owner": owner},
    )
    if created:
        Indicator.objects.create(objective=objective, **TRAINING_INDICATOR)
        objective_approve(objective=objective, user=users["ceo"])
    indicator = objective.indicators.get(name=TRAINING_INDICATOR["name"])
    for year, (value, evidence) in TRAINING_OBSERVATIONS.items():
        if IndicatorObservation.objects.filter(indicator=indicator, year=year).exists():
            continue
        indicator_observation_save(
            observation=IndicatorObservation(
                indicator=indicator, year=year, value=value, evidence=evidence
            ),
            user=owner,
        )
    return objective
