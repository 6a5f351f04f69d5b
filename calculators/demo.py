"""Demo accounting data: three years submitted, approved and accounted (6.3, 8.5, 9.1).

:func:`load_demo` (called by ``manage.py cems_demo`` after the registers' loader created the
facilities and sources) goes through the same services as a user would: each year's activity
data (:mod:`calculators.demo_data`) is submitted by the data submitter and approved by the data
reviewer; a run per year is created by the submitter and computed synchronously (not through
the queue); every run is approved by the data reviewer (oldest first, so they make up the
performance series) and the latest (2025) has its report files issued at once. From 2025 the
enterprise buys green electricity (:mod:`calculators.performance.demo`), so the renewable-share
objective has computed progress. Before the 2024 year file, a first upload of March 2024's electricity with a
misread meter was approved and then withdrawn (:data:`CORRECTION`), so the withdrawal and the
overlap check have an example. Idempotent: datasets are found by content hash (the withdrawn
one by its file name), runs by name and period.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings

from calculators.demo_data import DEMO_YEARS, generate_year, to_csv_bytes, year_csv
from calculators.models import (
    AccountingRun,
    Dataset,
    DatasetChannel,
    DatasetStatus,
    FactorSet,
    GwpSet,
    PerformanceSettings,
    RunStatus,
)
from calculators.performance import services
from calculators.performance.demo import load_green_electricity, load_training_objective
from calculators.services.datasets import dataset_review, dataset_submit, dataset_withdraw
from calculators.services.report_archive import reports_issue
from calculators.services.runs import run_approve, run_create, run_execute
from cems_registers.models import Indicator, Objective

#: GWP set of the demo runs.
DEMO_GWP = "AR5"
#: Factor sets of every demo run, in precedence order (first wins); the electricity set is
#: added per year (:data:`ELECTRICITY_SET`).
DEMO_FACTOR_SETS = (
    "CN_guideline_fuel_setA",
    "IPCC2006_T1_manufacturing",
    "CN_heat",
    "IPCC2006_carbonates",
    "CN_co2_recovery",
    "CN_foundry_carbon_defaults",
)
#: The newest MEE/NBS electricity factors published when each year was reported.
ELECTRICITY_SET = {2023: "CN_elec_stat_2022", 2024: "CN_elec_stat_2022", 2025: "CN_elec_stat_2023"}
#: The year from which the demo enterprise buys green electricity.
GREEN_YEAR = 2025
#: The year whose run is approved, so its report is final.
APPROVED_YEAR = DEMO_YEARS[-1]


def run_name(year: int) -> str:
    return f"{year} 年度温室气体排放核算 / GHG accounting {year}"


def _latest_sets(keys: list[str]) -> list[FactorSet]:
    """The newest version of each factor set, in the order of ``keys``; one query."""
    latest: dict[str, FactorSet] = {}
    for factor_set in FactorSet.objects.filter(key__in=keys).order_by("key", "-version"):
        latest.setdefault(factor_set.key, factor_set)
    missing = [k for k in keys if k not in latest]
    if missing:
        raise RuntimeError(
            f"Factor sets missing: {', '.join(missing)}; run manage.py migrate (it loads the library)."
        )
    return [latest[k] for k in keys]


def _dataset(year: int, submitter, reviewer, stdout) -> tuple[object, bool]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 1)
    result = dataset_submit(
        file_bytes=year_csv(year),
        filename=f"demo-activity-{year}.csv",
        user=submitter,
        period_start=start,
        period_end=end,
        channel=DatasetChannel.DEMO,
        notify=False,  # the demo may run against a real mail server
    )
    dataset = result.dataset
    if dataset.status == DatasetStatus.SUBMITTED:
        dataset = dataset_review(
            dataset=dataset,
            user=reviewer,
            approve=True,
            comment="演示数据已核对 / demo data checked",
        )
    if stdout is not None and result.created:
        stdout.write(f"  dataset {year}: {dataset.row_count} rows, {dataset.get_status_display()}")
    return dataset, result.created


#: The withdrawn first upload: (year, month, source, factor the meter misread by, file name).
CORRECTION = (2024, 3, "S18", 10.0, "2024-03-electricity-first-upload.csv")
CORRECTION_REASON = (
    "电表 M-12 读数多读一位（10 倍），已由 2024 年度文件更正 / "
    "meter M-12 read one digit too many (10×); corrected by the 2024 year file"
)


def _withdrawn_upload(submitter, reviewer, stdout) -> bool:
    """The misread March 2024 electricity: submitted, approved, withdrawn. Idempotent."""
    year, month, source, factor, filename = CORRECTION
    if Dataset.objects.filter(filename=filename).exists():
        return False
    frame = generate_year(year)
    rows = frame[(frame["source"] == source) & (frame["period"] == f"{year}-{month:02d}")].copy()
    rows["quantity"] = rows["quantity"] * factor
    dataset = dataset_submit(
        file_bytes=to_csv_bytes(rows),
        filename=filename,
        user=submitter,
        period_start=dt.date(year, month, 1),
        period_end=dt.date(year, month, 1),
        channel=DatasetChannel.DEMO,
        notify=False,
    ).dataset
    dataset_review(dataset=dataset, user=reviewer, approve=True)
    dataset_withdraw(dataset=dataset, user=reviewer, reason=CORRECTION_REASON)
    if stdout is not None:
        stdout.write(f"  dataset {filename}: approved, then withdrawn")
    return True


def _run(year: int, submitter, gwp: GwpSet, stdout) -> AccountingRun:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 1)
    run = (
        AccountingRun.objects.filter(name=run_name(year), period_start=start, period_end=end)
        .order_by("-pk")
        .first()
    )
    if run is None:
        factor_sets = _latest_sets(
            [*DEMO_FACTOR_SETS[:2], ELECTRICITY_SET[year], *DEMO_FACTOR_SETS[2:]]
        )
        run = run_create(
            user=submitter,
            name=run_name(year),
            period_start=start,
            period_end=end,
            factor_sets=factor_sets,
            gwp_set=gwp,
            options={"biomass": "memo"},
            enqueue=False,
        )
    if run.status not in (RunStatus.DONE, RunStatus.APPROVED):
        run = run_execute(run=run)
        if stdout is not None:
            stdout.write(
                f"  run {year}: {run.get_status_display()}, "
                f"{(run.total_tco2e or 0):,.1f} tCO2e {run.message[:200]}"
            )
    return run


def load_demo(*, users: dict, stdout=None) -> str:
    """Submit, approve and account the demo years; approve the latest run. Idempotent."""
    submitter = users["submitter"]
    reviewer = users["datareviewer"]
    gwp = GwpSet.objects.get(key=DEMO_GWP)
    created = 0
    runs = {}
    for year in DEMO_YEARS:
        if year == CORRECTION[0]:
            created += int(_withdrawn_upload(submitter, reviewer, stdout))
        _dataset_obj, was_created = _dataset(year, submitter, reviewer, stdout)
        created += int(was_created)
        if year == GREEN_YEAR:  # green electricity bought from 2025 (renewable share, 6.5)
            created += int(
                load_green_electricity(submitter=submitter, reviewer=reviewer, stdout=stdout)
            )
        runs[year] = _run(year, submitter, gwp, stdout)
    for year in DEMO_YEARS:  # every year approved, oldest first (the series, 6.3.2)
        if runs[year].status == RunStatus.DONE:
            runs[year] = run_approve(run=runs[year], user=reviewer)
    latest = runs[APPROVED_YEAR]
    if settings.CEMS_ISSUE_REPORTS:  # now, not when the task worker gets to it
        reports_issue(run=latest)
    performance = _performance(runs, users)
    totals = ", ".join(
        f"{year} {(run.total_tco2e or 0):,.0f} tCO2e ({run.get_status_display()})"
        for year, run in runs.items()
    )
    return f"{created} new datasets; runs: {totals}; {performance}"


#: The enterprise's base year (4.3, 6.5): the objectives' baselines come from its run.
BASE_YEAR = 2024
#: Demo indicators by objective code and name: the change from the base-year value to the
#: target (−25 % intensity, −20 % total) and the deviation-alert thresholds they carry.
DEMO_INDICATORS = {
    ("OBJ-2030", "单位产品碳排放"): {"target_change": -0.25, "intensity_basis": "per_t"},
    ("OBJ-2030", "范围一和范围二排放总量"): {
        "target_change": -0.20,
        "alert_path_pct": 12,
        "alert_missing_day": 15,
    },
}


def _performance(runs: dict, users: dict) -> str:
    """The base year, the performance series, objectives progress and alerts (6.5, 9.1).

    The series and progress are what the task queued by each approval computes; the demo
    computes them at once (no worker needed). Each indicator's baseline comes from the approved
    2024 run (the registers' demo wrote a 2024 intensity of 1.85 tCO2e/t that the run, at about
    3.5, contradicts), and its target keeps the objective's relative cut. Idempotent.
    """

    # the objective's status thresholds: within 2 % of the path on track, beyond 5 % off
    Objective.objects.filter(code="OBJ-2030").update(
        at_risk_pct=Decimal("2"), off_track_pct=Decimal("5")
    )
    setting = PerformanceSettings.load()
    if setting.base_year != BASE_YEAR:
        setting.base_year = BASE_YEAR
        setting.save()
    for year in sorted(runs):
        services.series_approve(run=runs[year])
        services.base_year_check(run=runs[year])
    for (code, name), spec in DEMO_INDICATORS.items():
        indicator = Indicator.objects.filter(objective__code=code, name=name).first()
        if indicator is None:
            continue
        track = services.indicator_update(indicator=indicator)
        if track.baseline_from_run is None:
            continue
        target = Decimal(str(round(track.baseline_from_run * (1 + spec["target_change"]), 4)))
        fields = {k: v for k, v in spec.items() if k != "target_change"}
        changed = indicator.target_value != target or any(
            getattr(indicator, k) != v for k, v in fields.items()
        )
        if changed:
            indicator.target_value = target
            for k, v in fields.items():
                setattr(indicator, k, v)
            indicator.full_clean()
            indicator.save()
    load_training_objective(users=users)  # an indicator the results cannot give (other)
    checks = services.changes_check_pending()  # the change register against the base year
    count = services.indicators_update()
    alerts = services.alerts_check(today=dt.date(2026, 1, 10), notify=False)
    return (
        f"base year {BASE_YEAR}, {len(checks)} changes checked against it, "
        f"{count} indicators tracked, {len(alerts)} new alerts"
    )
