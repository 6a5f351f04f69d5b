"""Performance-series and objectives-progress benchmarks (not run by the tests):
``python bench/performance.py [database_url]``.

1. **Series after a run of 1,000,000 rows.** The engine's result of 1 M in-memory rows of the
   demo's mixed methods (``bench/accounting.py``) → :func:`calculators.core.performance.series_rows`
   (aggregate), :func:`~calculators.performance.services.series_store` (write) and
   :func:`~calculators.performance.services.series_approve` (make current, supersede an
   earlier run of the same months). The floor, timed in the same run on the same rows: one
   plain pandas ``groupby(["period", "source"]).sum()`` of the CO2e column.
2. **Objectives progress page** with 5 years × 12 months × 500 sources of current series rows
   (30,000 source-months) and 4 objectives × 3 linked indicators: the median of 15 renders
   (and of the performance dashboard on the same series)
   through Django's test client, and the query count with 1 and with 12 indicators.

A fresh SQLite database (default ``/tmp/cems-bench-performance.sqlite3``) is migrated first.
Prints the figures recorded in docs/performance.md.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "site"))

N_ROWS = 1_000_000
YEARS, SOURCES = (2021, 2022, 2023, 2024, 2025), 500


def engine_rows(n: int = N_ROWS):
    """(wide engine result, keys, long gas rows) of ``n`` mixed rows; no database."""
    from bench.accounting import activity_frame
    from calculators.core import engine
    from calculators.core.factors import FactorTable
    from calculators.core.gwp import GwpTable

    frame = activity_frame(n)
    wide = engine.compute(frame, FactorTable.default(), gwp_set="AR5")
    source_codes = frame["source"].cat.codes.to_numpy().astype("int64") + 1
    activity = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "source_id": source_codes,
            "facility_id": source_codes % 7 + 1,
            "period": frame["period"],
            "material": frame["material"],
            "gas": frame["gas"] if "gas" in frame else pd.Categorical([None] * n),
        }
    )
    long = engine.gas_rows(wide, activity, gwp=GwpTable("AR5"))
    return wide, activity, long


def _median(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_series_pure(rounds: int = 5) -> dict:
    """The aggregation and its floor on the same 1 M rows, medians of ``rounds``."""
    from calculators.core.performance import series_rows

    wide, activity, long = engine_rows()
    floor_frame = pd.DataFrame(
        {"period": activity["period"], "source": activity["source_id"], "co2e": wide["co2e"]}
    )
    floor = _median(
        lambda: floor_frame.groupby(["period", "source"], observed=True)["co2e"].sum(), rounds
    )
    aggregate = _median(lambda: series_rows(wide, activity, long), rounds)
    rows = series_rows(wide, activity, long)
    return {"floor_s": floor, "aggregate_s": aggregate, "series_rows": len(rows), "rows": rows}


def _django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _approved_run(gwp, year_from: int, year_to: int):
    from calculators.models import AccountingRun, RunStatus

    return AccountingRun.objects.create(
        name="bench",
        period_start=dt.date(year_from, 1, 1),
        period_end=dt.date(year_to, 12, 1),
        gwp_set=gwp,
        status=RunStatus.APPROVED,
        total_tco2e=0.0,
    )


def bench_series_db(rows: pd.DataFrame) -> dict:
    """Store the aggregated rows of the 1 M-row run and approve it over an earlier run."""
    from django.db import transaction

    from calculators.models import GwpSet, SeriesPoint
    from calculators.performance.services import series_approve, series_store

    gwp = GwpSet.objects.get(key="AR5")
    earlier = _approved_run(gwp, 2023, 2025)
    with transaction.atomic():
        series_store(run=earlier, rows=rows)
    series_approve(run=earlier)
    run = _approved_run(gwp, 2023, 2025)
    t0 = time.perf_counter()
    with transaction.atomic():
        series_store(run=run, rows=rows)
    store = time.perf_counter() - t0
    t0 = time.perf_counter()
    series_approve(run=run)
    approve = time.perf_counter() - t0
    current = SeriesPoint.objects.filter(run=run, is_current=True).count()
    return {"store_s": store, "approve_s": approve, "current_rows": current}


def bench_progress_page(rounds: int = 15) -> dict:
    """The objectives progress page on 5 × 12 × 500 current series rows."""
    from decimal import Decimal

    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from calculators.models import GwpSet, SeriesPoint
    from calculators.performance import services
    from cems_registers.models import Indicator, Objective

    SeriesPoint.objects.all().delete()
    gwp = GwpSet.objects.get(key="AR5")
    rng = np.random.default_rng(0)
    months = [dt.date(y, m, 1) for y in YEARS for m in range(1, 13)]
    for year in YEARS:
        run = _approved_run(gwp, year, year)
        year_months = [m for m in months if m.year == year]
        n = len(year_months) * SOURCES
        frame = pd.DataFrame(
            {
                "period": [f"{m:%Y-%m-%d}" for m in year_months for _ in range(SOURCES)],
                "source_id": np.tile(np.arange(1, SOURCES + 1), len(year_months)),
                "facility_id": np.tile(np.arange(1, SOURCES + 1) % 9 + 1, len(year_months)),
                "scope": np.tile(np.arange(SOURCES) % 2 + 1, len(year_months)),
                "category": "fuel_combustion",
                "carrier": "natural_gas",
                "tco2e": rng.uniform(80, 120, n) * (1 - 0.02 * (year - YEARS[0])),
                "tco2e_co2": 0.0,
                "tco2e_ch4": 0.0,
                "tco2e_n2o": 0.0,
                "tco2e_hfcs": 0.0,
                "tco2e_pfcs": 0.0,
                "tco2e_sf6": 0.0,
                "tco2e_nf3": 0.0,
                "biogenic_t": 0.0,
                "energy_gj": rng.uniform(1000, 2000, n),
                "production_t": rng.uniform(10, 20, n),
                "output_wan": 0.0,
            }
        )
        services.series_store(run=run, rows=frame)
        services.series_approve(run=run)
    admin = User.objects.create_superuser("bench", password="x")
    client = Client()
    client.force_login(admin)
    url = "/admin/calculators/performance/"

    def objective(code: str, indicators: int) -> None:
        o = Objective.objects.create(
            code=code, title=code, status="approved", approved_at=timezone.now(), owner=admin
        )
        for k, (metric, unit) in enumerate(
            [("total_emissions", "tCO2e"), ("energy", "tce"), ("intensity", "tCO2e/t")][:indicators]
        ):
            services.indicator_update(
                indicator=Indicator.objects.create(
                    objective=o,
                    name=f"{code}-{k}",
                    metric=metric,
                    unit=unit,
                    baseline_year=2021,
                    baseline_value=Decimal("1"),
                    target_value=Decimal("0"),
                    target_year=2030,
                    alert_path_pct=Decimal("5"),
                )
            )

    def count(path: str):
        queries = []

        def wrapper(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            response = client.get(path)
        assert response.status_code == 200, response.status_code
        return len(queries), response

    objective("BENCH-1", 1)
    client.get(url)
    one, _response = count(url)
    for i in range(2, 5):
        objective(f"BENCH-{i}", 3)
    objective("BENCH-1b", 2)
    twelve, response = count(url)
    floor_url = "/admin/account/"
    client.get(floor_url)
    floor = _median(lambda: client.get(floor_url), rounds)
    median = _median(lambda: client.get(url), rounds)
    # the performance dashboard reads the same series (monthly sums, key sources, intensity)
    dashboard_url = "/admin/performance/"
    client.get(dashboard_url)
    dashboard_queries, _response = count(dashboard_url)
    dashboard = _median(lambda: client.get(dashboard_url), rounds)
    return {
        "dashboard_median_s": dashboard,
        "dashboard_queries": dashboard_queries,
        "series_rows": SeriesPoint.objects.filter(is_current=True).count(),
        "indicators": Indicator.objects.count(),
        "page_median_s": median,
        "queries_1": one,
        "queries_12": twelve,
        "floor_median_s": floor,
        "page_kb": len(response.content) / 1024,
    }


def main(database_url: str = "sqlite:////tmp/cems-bench-performance.sqlite3") -> None:
    _django(database_url)
    pure = bench_series_pure()
    print(
        f"series of {N_ROWS:,} engine rows → {pure['series_rows']:,} series rows: "
        f"aggregate {pure['aggregate_s'] * 1000:.0f} ms (floor, one pandas groupby of the same "
        f"rows: {pure['floor_s'] * 1000:.0f} ms)"
    )
    db = bench_series_db(pure.pop("rows"))
    total = pure["aggregate_s"] + db["store_s"] + db["approve_s"]
    print(
        f"store {db['store_s']:.2f} s, approve (supersede an earlier run) {db['approve_s']:.2f} s; "
        f"series after the run: {total:.2f} s in all (target < 5 s)"
    )
    page = bench_progress_page()
    print(
        f"progress page on {page['series_rows']:,} current series rows, {page['indicators']} "
        f"indicators: median {page['page_median_s'] * 1000:.0f} ms (target < 300 ms), "
        f"{page['queries_1']} queries with 1 indicator, {page['queries_12']} with 12, "
        f"{page['page_kb']:.0f} kB; floor, the admin's account page in the same run: "
        f"{page['floor_median_s'] * 1000:.0f} ms"
    )
    print(
        f"performance dashboard on the same series: median "
        f"{page['dashboard_median_s'] * 1000:.0f} ms (target < 300 ms), "
        f"{page['dashboard_queries']} queries; floor as above"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
