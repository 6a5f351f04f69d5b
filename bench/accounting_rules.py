"""Benchmark of the accounting rules (issue 11 §1, §5, "Speed"): 1 M rows, figures beside
baselines measured in the same run, interleaved round by round (the machine is shared).

Figures:

1. **Rules on vs today's run**: ``engine.compute`` with AR6, the fossil / non-fossil CH4
   split, biomass ``exclude`` and the energy table per carrier (GJ and tce), beside the engine
   as it was before the rules (git revision ``BASE``, AR5, defaults) on the same rows. Target:
   ratio ≤ 1.5.
2. **Today's engine, defaults, vs BASE** (AR5, same options): the rules must not slow the
   default path (target within ±10 %).
3. **Engine with rules vs plain numpy doing the same arithmetic**: baseline B of
   ``bench/accounting.py`` (the engine's formulas on per-row resolved factors) plus the rules
   per row (CH4 GWP by origin, biomass rows' CO2e set apart) and the energy per carrier (a
   bincount, ÷ 29.3076 or × 0.1229). Throughput ratio printed (issue target ≥ 1.5).

``python bench/accounting_rules.py [rows] [rounds]`` (default 1,000,000 rows, 5 rounds).
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accounting import (  # noqa: E402  (bench/ is not a package)
    _timed,
    activity_frame,
    engine_at,
    numpy_same_arithmetic,
    resolved_rows,
)

from calculators.core import energy, engine  # noqa: E402
from calculators.core.factors import FactorTable  # noqa: E402
from calculators.core.gwp import GwpTable, material_origins  # noqa: E402

#: The last commit before the rules (the engine "today's run" is measured against).
BASE = "62749d9"
RULES = {"biomass": "exclude", "ch4": "split"}


def with_rules(frame, table):
    """The engine with the rules on, and the energy table of its result."""
    result = engine.compute(frame, table, gwp_set="AR6", options=RULES)
    carriers = energy.energy_by_carrier(energy.result_energy_rows(result))
    return result, carriers


def numpy_rules(a: dict, bio_rows: np.ndarray, carrier_codes: np.ndarray, per_gj: np.ndarray):
    """Baseline: plain numpy, the same arithmetic as the engine with the rules and the energy.

    ``a``: :func:`accounting.resolved_rows` with ``gwp_ch4`` per row (fossil / non-fossil by
    origin); ``bio_rows``: rows of the biomass method; ``carrier_codes``: carrier per row;
    ``per_gj``: tce per GJ of each carrier.
    """
    out = numpy_same_arithmetic(a)
    out["co2e_excluded"] = np.where(bio_rows, out["co2e"], 0.0)
    out["co2e"] = np.where(bio_rows, 0.0, out["co2e"])
    gj = np.bincount(carrier_codes, weights=out["energy_gj"], minlength=len(per_gj))
    out["tce_by_carrier"] = gj * per_gj
    return out


def _baseline_inputs(frame, result):
    """Per-row inputs of the numpy baseline (not timed), checked against the engine."""
    a = resolved_rows(frame, result, gwp_set="AR6")
    gwp = GwpTable("AR6")
    mcode = result["method"].cat.codes.to_numpy()
    bio_rows = mcode == engine.METHOD_INDEX["biomass"]
    origins = material_origins()
    mats = frame["material"].astype(object).fillna("").to_numpy()
    non_fossil = bio_rows | np.array([origins.get(m) == "non_fossil" for m in mats])
    a["gwp_ch4"] = np.where(non_fossil, gwp.value("CH4_nonfossil"), gwp.value("CH4_fossil"))
    carrier_codes, carriers = np.unique(mats, return_inverse=True)[1], np.unique(mats)
    kinds = [energy.carrier_kind(c) for c in carriers]
    per_gj = np.array([energy.coefficient(k, 2025)["per_gj"] for k in kinds])
    return a, bio_rows, carrier_codes.reshape(-1), per_gj


def bench(n: int = 1_000_000, rounds: int = 5) -> dict:
    load_before = os.getloadavg()
    table = FactorTable.default()
    frame = activity_frame(n)
    old = engine_at(BASE)
    t0 = time.perf_counter()
    result, carriers = with_rules(frame, table)  # first calls: caches
    old.compute(frame, table, gwp_set="AR5")
    engine.compute(frame, table, gwp_set="AR5")
    first = time.perf_counter() - t0
    a, bio_rows, codes, per_gj = _baseline_inputs(frame, result)
    same = numpy_rules(a, bio_rows, codes, per_gj)
    for col in ("co2", "ch4", "n2o", "co2_biogenic", "co2e", "co2e_excluded", "energy_gj"):
        np.testing.assert_allclose(same[col], result[col].to_numpy(), rtol=1e-9, atol=1e-12)
    assert np.isclose(same["tce_by_carrier"].sum(), carriers["tce"].sum(), rtol=1e-9)
    t = _timed(
        {
            "base_today_run": lambda: old.compute(frame, table, gwp_set="AR5"),
            "engine_defaults": lambda: engine.compute(frame, table, gwp_set="AR5"),
            "engine_rules_energy": lambda: with_rules(frame, table),
            "numpy_rules": lambda: numpy_rules(a, bio_rows, codes, per_gj),
        },
        rounds,
    )
    med = {k: v["median"] for k, v in t.items()}
    return {
        "rows": n,
        "rounds": rounds,
        "first_calls_s": first,
        "timings": t,
        "ratio_rules_to_today": med["engine_rules_energy"] / med["base_today_run"],
        "ratio_defaults_to_base": med["engine_defaults"] / med["base_today_run"],
        "throughput_engine_over_numpy": med["numpy_rules"] / med["engine_rules_energy"],
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }


def _print(f: dict) -> None:
    t = f["timings"]
    print(f"rows {f['rows']:,}, {f['rounds']} rounds interleaved; load before {f['load_before']}")
    for key, label in (
        ("base_today_run", f"engine at {BASE} (today's run: AR5, defaults)"),
        ("engine_defaults", "engine now, AR5, defaults"),
        ("engine_rules_energy", "engine now, AR6 split + biomass exclude + energy"),
        ("numpy_rules", "plain numpy, same arithmetic (rules + energy)"),
    ):
        s = t[key]
        print(
            f"  {label:<52} median {s['median']:.3f} s  min {s['min']:.3f} s  "
            f"cpu {s['cpu_median']:.3f} s  {f['rows'] / s['median']:,.0f} rows/s"
        )
    print(f"rules on / today's run: {f['ratio_rules_to_today']:.2f}x (target <= 1.5x)")
    print(f"defaults now / before the rules: {f['ratio_defaults_to_base']:.2f}x (target 0.9-1.1x)")
    print(
        f"engine throughput / plain numpy: {f['throughput_engine_over_numpy']:.2f}x "
        "(issue target >= 1.5x)"
    )
    print(f"load after {f['load_after']}")


if __name__ == "__main__":
    args = [int(x) for x in sys.argv[1:3]]
    _print(bench(*args))
