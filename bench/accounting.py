"""Accounting benchmarks (not run by the tests): ``python bench/accounting.py``.

``bench_engine()``: the pure engine on 1,000,000 in-memory rows of mixed methods against a
plain numpy multiply over the same rows, measured in the same run; and intake parsing of a
1,000,000-row template CSV. Prints the figures recorded in docs/accounting_core.md.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_ROWS = 1_000_000

#: (method, material, gas, unit, typical quantity): the demo enterprise's source mix.
MIX = [
    ("fuel_cn", "natural_gas", None, "万Nm3", 4.0),
    ("fuel_cn", "coke", None, "t", 180.0),
    ("fuel_cn", "diesel", None, "t", 1.2),
    ("fuel_cn", "lpg", None, "t", 2.4),
    ("fuel_cn_carbon_mass", "bituminous_coal", None, "t", 120.0),
    ("ipcc_tier1", "gas_diesel_oil", None, "t", 8.0),
    ("ipcc_tier1", "motor_gasoline", None, "t", 3.1),
    ("biomass", "wood", None, "t", 60.0),
    ("carbonate", "limestone", None, "t", 35.0),
    ("carbon_mass_balance", "carbon_balance_foundry", None, "t", 40.0),
    ("gas_release", "R-410A", "R-410A", "kg", 1.5),
    ("gas_release", "SF6", "SF6", "kg", 0.15),
    ("gas_release", "R-404A", "R-404A", "kg", 0.8),
    ("co2_recovery", "co2_recovered", None, "万Nm3", 0.02),
    ("purchased_electricity", "electricity_cn_east", None, "MWh", 1450.0),
    ("purchased_electricity", "electricity_cn_east", None, "万kWh", 260.0),
    ("exported_electricity", "electricity_cn_east", None, "MWh", 65.0),
    ("steam_heat", "steam", None, "t", 900.0),
    ("purchased_heat", "heat", None, "GJ", 400.0),
    ("production_output", None, None, "t", 500.0),
]


def activity_frame(n: int = N_ROWS, seed: int = 0) -> pd.DataFrame:
    """``n`` template rows as intake returns them (text as categoricals), 5 % with a measured OF."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(MIX), n)
    mix = pd.DataFrame(MIX, columns=["method", "material", "gas", "unit", "typical"])
    months = pd.Categorical.from_codes(
        rng.integers(0, 36, n), categories=[f"{2023 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]
    )
    frame = pd.DataFrame(
        {
            "row": np.arange(2, n + 2),
            "source": pd.Categorical.from_codes(
                pick, categories=[f"S{i:02d}" for i in range(len(MIX))]
            ),
            "facility": pd.Categorical.from_codes(
                pick % 4, categories=["F01", "F02", "F03", "F04"]
            ),
            "period": months,
            "method": pd.Series(mix["method"].to_numpy()[pick]).astype("category"),
            "material": pd.Series(mix["material"].to_numpy()[pick]).astype("category"),
            "gas": pd.Series(mix["gas"].to_numpy()[pick]).astype("category"),
            "quantity": mix["typical"].to_numpy()[pick] * rng.uniform(0.5, 1.5, n),
            "unit": pd.Series(mix["unit"].to_numpy()[pick]).astype("category"),
        }
    )
    month_codes = frame["period"].cat.codes.to_numpy()
    frame["year"] = 2023 + month_codes.astype(np.int64) // 12
    of = np.full(n, np.nan)
    sel = rng.random(n) < 0.05
    of[sel & (frame["method"] == "fuel_cn").to_numpy()] = 0.97
    frame["oxidation_rate"] = of
    frame["direction"] = None
    return frame


def _best(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_engine(n: int = N_ROWS) -> dict:
    """Engine vs numpy on ``n`` rows, and intake of an ``n``-row CSV; prints and returns figures."""
    from calculators.core import engine, intake
    from calculators.core.factors import FactorTable

    table = FactorTable.default()
    frame = activity_frame(n)
    # numpy baselines over the same rows: (a) quantity × a per-row factor already in an array;
    # (b) the factor looked up per row from a small table by material code, then multiplied
    q = frame["quantity"].to_numpy()
    factor = np.random.default_rng(1).uniform(0.1, 3.0, n)
    codes = frame["material"].cat.codes.to_numpy()
    small = np.random.default_rng(2).uniform(0.1, 3.0, len(frame["material"].cat.categories) + 1)
    t_np = _best(lambda: q * factor)
    t_np_lookup = _best(lambda: q * small[codes])
    engine.compute(frame, table, gwp_set="AR5")  # warm the unit and lookup caches
    t_engine = _best(lambda: engine.compute(frame, table, gwp_set="AR5"), repeat=3)
    result = engine.compute(frame, table, gwp_set="AR5")
    t_hash = _best(lambda: engine.input_hash(frame), repeat=1)
    # intake: the same rows as a template CSV
    csv_frame = frame.drop(columns=["row", "year"])
    csv_frame["quantity"] = csv_frame["quantity"].round(4)
    data = intake.to_csv_bytes(csv_frame, style="key")
    sources = sorted(frame["source"].cat.categories)
    t0 = time.perf_counter()
    parsed = intake.read_activity(
        data, sources=sources, period_start="2023-01", period_end="2025-12"
    )
    t_intake = time.perf_counter() - t0
    figures = {
        "rows": n,
        "numpy_multiply_s": t_np,
        "numpy_lookup_multiply_s": t_np_lookup,
        "engine_s": t_engine,
        "engine_rows_per_s": n / t_engine,
        "numpy_rows_per_s": n / t_np,
        "ratio_engine_to_numpy": t_np / t_engine,
        "ratio_engine_to_numpy_lookup": t_np_lookup / t_engine,
        "input_hash_s": t_hash,
        "csv_mb": len(data) / 1e6,
        "intake_s": t_intake,
        "intake_issues": len(parsed.issues),
        "total_tco2e": float(result["co2e"].sum()),
        "cpus": os.cpu_count(),
    }
    print(f"rows                          {n:,}")
    print(f"numpy q × f                   {t_np * 1e3:9.2f} ms   {n / t_np:,.0f} rows/s")
    print(
        f"numpy q × f[code]             {t_np_lookup * 1e3:9.2f} ms   {n / t_np_lookup:,.0f} rows/s"
    )
    print(f"engine.compute (mixed)        {t_engine * 1e3:9.2f} ms   {n / t_engine:,.0f} rows/s")
    print(f"engine / numpy q × f          {t_np / t_engine:9.3f}   (target ≥ 0.25)")
    print(f"engine / numpy q × f[code]    {t_np_lookup / t_engine:9.3f}")
    print(f"input_hash                    {t_hash * 1e3:9.2f} ms")
    print(
        f"intake CSV ({len(data) / 1e6:.0f} MB)          {t_intake:9.2f} s    issues: {len(parsed.issues)}"
    )
    print(f"total                         {result['co2e'].sum():,.1f} tCO2e")
    return figures


if __name__ == "__main__":
    bench_engine(int(sys.argv[1]) if len(sys.argv) > 1 else N_ROWS)
