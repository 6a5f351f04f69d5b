"""Accounting benchmarks (not run by the tests): ``python bench/accounting.py``.

``bench_engine()``: the pure engine on 1,000,000 in-memory rows of mixed methods against, in
the same run, a plain numpy multiply over the same rows (A) and the same arithmetic in plain
numpy on already-resolved factors (B); and intake parsing of a 1,000,000-row template CSV.
With numba installed (``pip install -e ".[bench]"``, which ``make bench`` does) it also times
a compiled floor (F): the per-row work no engine can skip, in machine code on both cores.
``python bench/accounting.py against REV``: today's ``engine.compute`` beside the engine of git
revision ``REV`` on the same rows, alternately (:func:`bench_engine_against`).
Prints the figures recorded in docs/accounting_core.md.
"""

import contextlib
import io
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


def resolved_rows(frame: pd.DataFrame, result: pd.DataFrame, gwp_set: str = "AR5") -> dict:
    """Per-row arrays with every factor already resolved: baseline B's input (not timed).

    Taken from the engine's own output so that both compute from the same numbers: method
    code, canonical quantity, dimension flags, direction, every parameter the row's method
    reads (measured overrides in place, optional parameters defaulted) and, for released
    gases, the effective GWP and the mass fraction per gas group.
    """
    from calculators.core import engine
    from calculators.core.gwp import GROUPS, GwpTable
    from calculators.core.normalise import DIMS

    mcode = result["method"].cat.codes.to_numpy().astype(np.int8)
    dim = result["quantity_dim"].cat.codes.to_numpy()
    direction = frame["direction"].astype(object).fillna("").astype(str).str.lower()
    rows = {
        "method": mcode,
        "q": result["quantity"].to_numpy(dtype=float).copy(),
        "energy": dim == DIMS.index("energy"),
        "volume": dim == DIMS.index("volume"),
        "co2e_unit": dim == DIMS.index("co2e"),
        "output": direction.eq("output").to_numpy(),
    }
    params = engine.factor_values(result, frame)
    for method_key, needs in engine.NEEDS.items():
        sel = mcode == engine.METHOD_INDEX[method_key]
        for need in needs:
            if not need.required and need.default is not None:
                col = params[need.slot].to_numpy()
                params[need.slot] = np.where(sel & np.isnan(col), need.default, col)
    rows.update({k: params[k].to_numpy(dtype=float).copy() for k in params})
    gwp = GwpTable(gwp_set)
    names = np.asarray(result.attrs["core"].value["combo_name"], dtype=object)
    names = names[result["factor_combo"].to_numpy()]
    release = np.isin(mcode, [engine.METHOD_INDEX[m] for m in engine.RELEASE_METHODS])
    gases, codes = np.unique(np.where(release, names, ""), return_inverse=True)
    props = gwp.properties([str(g) for g in gases])
    rows["gwp"] = np.where(release, props.gwp[codes], 0.0)
    for g in GROUPS:
        rows["fr_" + g] = np.where(release, props.fractions[g][codes], 0.0)
    rows["gwp_ch4"] = gwp.value("CH4")
    rows["gwp_n2o"] = gwp.value("N2O")
    return rows


def numpy_same_arithmetic(a: dict) -> dict:
    """Baseline B: the engine's formulas in plain numpy on resolved per-row factor arrays.

    The rows of each method found with one comparison, then that method's formula (as in
    :mod:`calculators.core.methods`) on those rows' own factors: fuel ``Q × NCV × CC × OF ×
    44/12``, IPCC ``Q × NCV × EF`` per gas, electricity/heat ``±Q × EF``, steam ``Q × (En −
    83.74) × 10⁻³ × EF``, carbonate ``M × P × F × EF``, carbon balance ``±M × C × 44/12``,
    recovery ``−Q × ρ × P``, releases ``m``; then the gas groups ``m × wᵢ`` and CO2e ``CO2 +
    CH4 × GWP + N2O × GWP + m × Σ wᵢ GWPᵢ`` (measured tCO2e as given). No lookup, no pandas.
    Returns the engine's ten numeric result columns.
    """
    from calculators.core.engine import METHOD_KEYS
    from calculators.core.methods import C_TO_CO2, WATER_ENTHALPY_20C

    q, m = a["q"], a["method"]
    n = len(q)
    co2, ch4, n2o, bio, gj, rel = (np.zeros(n) for _ in range(6))
    released = []
    for k, method in enumerate(METHOD_KEYS):
        i = np.flatnonzero(m == k)
        if not len(i):
            continue
        qi = q[i]
        if method in ("fuel_cn", "ipcc_tier1", "biomass"):
            ad = np.where(a["energy"][i], qi, qi * a["ncv"][i])
            gj[i] = ad
            if method == "fuel_cn":
                co2[i] = ad * a["carbon_content"][i] * a["oxidation_rate"][i] * C_TO_CO2
            else:
                (bio if method == "biomass" else co2)[i] = ad * a["ef_co2"][i]
                ch4[i] = ad * a["ef_ch4"][i]
                n2o[i] = ad * a["ef_n2o"][i]
        elif method == "fuel_cn_carbon_mass":
            co2[i] = qi * a["carbon_content_mass"][i] * a["oxidation_rate"][i] * C_TO_CO2
        elif method == "direct_ef":
            co2[i], ch4[i], n2o[i] = (qi * a[f"ef_{g}"][i] for g in ("co2", "ch4", "n2o"))
        elif method in (
            "purchased_electricity",
            "exported_electricity",
            "purchased_heat",
            "exported_heat",
            "steam_heat",
        ):
            if method == "steam_heat":
                ad = qi * (a["steam_enthalpy"][i] - WATER_ENTHALPY_20C) * 1e-3
            else:
                ad = -qi if method.startswith("exported") else qi
            gj[i] = ad
            co2[i], ch4[i], n2o[i] = (ad * a[f"ef_{g}"][i] for g in ("co2", "ch4", "n2o"))
        elif method == "carbonate":
            co2[i] = qi * a["purity"][i] * a["calcination_fraction"][i] * a["ef_co2"][i]
        elif method == "carbon_mass_balance":
            co2[i] = np.where(a["output"][i], -qi, qi) * a["carbon_fraction"][i] * C_TO_CO2
        elif method == "co2_recovery":
            co2[i] = -np.where(a["volume"][i], qi * a["density"][i], qi) * a["purity"][i]
        elif method in ("gas_release", "refrigerant_mass_balance"):
            rel[i] = qi
            released.append(i)
        elif method == "measured":  # tCO2e as given; a mass is a release of the row's gas
            rel[i] = np.where(a["co2e_unit"][i], qi / a["gwp"][i], qi)
            released.append(i)
    out = {"co2": co2, "ch4": ch4, "n2o": n2o}
    out.update({g: np.zeros(n) for g in ("hfcs", "pfcs", "sf6", "nf3")})
    out["co2_biogenic"] = bio
    out["co2e"] = co2 + ch4 * a["gwp_ch4"] + n2o * a["gwp_n2o"]
    out["energy_gj"] = gj
    if released:
        _released_groups(out, a, rel, np.concatenate(released))
    return out


def _released_groups(out: dict, a: dict, rel: np.ndarray, i: np.ndarray) -> None:
    """Released gases (rows ``i``): groups by mass fraction, CO2e by Σ wᵢ GWPᵢ (in place)."""
    r = rel[i]
    for g in ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"):
        out[g.lower()][i] += r * a["fr_" + g][i]
    out["co2e"][i] += r * a["gwp"][i]


def compiled_floor():
    """F, a compiled lower bound of the engine's per-row work, or None without numba.

    What every engine that returns per-row results must do per row, and nothing more:
    combine the row's key columns (method, unit, material, gas, month codes) into one
    combination key, find the distinct keys, and write per row the combination, the quantity
    in its canonical unit and its tCO2e (two gathers and two multiplies). No factor lookup, no
    per-gas columns, no overrides, no traceability: those would only add. Compiled by numba,
    parallel over the machine's cores, three passes (key, distinct-key marks, apply), each
    measured separately to be the fastest arrangement of this work. Timed beside A alone
    (not between engine calls, which evict caches and return pages), so the ratio F/A is the
    most that any engine could reach on this machine.
    """
    try:
        import numba
    except ImportError:
        return None

    @numba.njit(parallel=True, nogil=True, boundscheck=False, cache=True)
    def keys(a, b, c, d, e, strides, const, out):  # pragma: no cover - compiled
        for i in numba.prange(a.shape[0]):
            out[i] = (
                const
                + a[i] * strides[0]
                + b[i] * strides[1]
                + c[i] * strides[2]
                + d[i] * strides[3]
                + e[i] * strides[4]
            )

    @numba.njit(parallel=True, nogil=True, boundscheck=False, cache=True)
    def marks(key, span, threads):  # pragma: no cover - compiled
        seen = np.zeros((threads, span), dtype=np.uint8)
        chunk = (key.shape[0] + threads - 1) // threads
        for t in numba.prange(threads):
            row, prev = seen[t], -1
            for i in range(t * chunk, min(key.shape[0], (t + 1) * chunk)):
                if key[i] != prev:
                    prev = key[i]
                    row[prev] = 1
        return seen

    @numba.njit(parallel=True, nogil=True, boundscheck=False, cache=True)
    def apply(key, remap, quantity, ucode, ufactor, coef, q, co2e):  # pragma: no cover
        for i in numba.prange(key.shape[0]):
            c = remap[key[i]]
            key[i] = c
            qi = quantity[i] * ufactor[ucode[i]]
            q[i] = qi
            co2e[i] = qi * coef[c]

    threads = numba.get_num_threads()

    def floor(codes, cards, quantity, ucode, ufactor):
        strides = np.ones(len(cards), dtype=np.int64)
        for j in range(len(cards) - 2, -1, -1):
            strides[j] = strides[j + 1] * cards[j + 1]
        span = int(np.prod(cards))
        n = len(quantity)
        key = np.empty(n, dtype=np.int32)
        keys(*codes, strides, int(strides.sum()), key)  # codes −1 (blank) → +1 offset
        present = marks(key, span, threads).any(axis=0)
        uniq = np.flatnonzero(present)
        remap = np.zeros(span, dtype=np.int32)
        remap[uniq] = np.arange(len(uniq), dtype=np.int32)
        coef = np.linspace(0.5, 2.0, len(uniq))  # one coefficient per combination
        q, co2e = np.empty(n), np.empty(n)
        apply(key, remap, quantity, ucode, ufactor, coef, q, co2e)
        return key, q, co2e

    return floor


def _timed(fns: dict, rounds: int) -> dict:
    """Wall and CPU seconds of each callable, interleaved round by round (same load for all)."""
    wall: dict = {k: [] for k in fns}
    cpu: dict = {k: [] for k in fns}
    for _ in range(rounds):
        for key, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            cpu[key].append(time.process_time() - c0)
            wall[key].append(time.perf_counter() - t0)
    return {
        k: {
            "min": min(wall[k]),
            "median": float(np.median(wall[k])),
            "cpu_min": min(cpu[k]),
            "cpu_median": float(np.median(cpu[k])),
        }
        for k in fns
    }


def bench_engine(n: int = N_ROWS, rounds: int = 7) -> dict:
    """Engine vs two numpy baselines on ``n`` rows, and intake of an ``n``-row CSV.

    Baselines, measured in the same run, interleaved round by round with the engine:

    * A, ``q × f``: the literal single multiply of two float columns;
    * A′, ``q × f[code]``: the same with the factor looked up per row by material code;
    * B, the same arithmetic in plain numpy: the engine's formulas per method on per-row
      factor arrays already resolved (:func:`numpy_same_arithmetic`), producing the same ten
      result columns (checked equal to the engine's before timing);
    * W (a floor, not a baseline): writing ten float64 columns of ``n`` rows, what any code
      producing the result's numeric columns must at least do.

    Prints rows/s (from the median wall time; CPU time beside it, since the machine may be
    shared) and the engine's throughput as a fraction of each baseline's; returns the figures.
    """
    from calculators.core import engine
    from calculators.core.factors import FactorTable

    load_before = os.getloadavg()
    table = FactorTable.default()
    frame = activity_frame(n)
    t0 = time.perf_counter()
    result = engine.compute(frame, table, gwp_set="AR5")  # first call: unit and lookup caches
    t_first = time.perf_counter() - t0
    q = frame["quantity"].to_numpy()
    factor = np.random.default_rng(1).uniform(0.1, 3.0, n)
    mat_codes = frame["material"].cat.codes.to_numpy()
    small = np.random.default_rng(2).uniform(0.1, 3.0, len(frame["material"].cat.categories) + 1)
    resolved = resolved_rows(frame, result)
    same = numpy_same_arithmetic(resolved)
    for col, values in same.items():  # baseline B computes what the engine computes
        np.testing.assert_allclose(values, result[col].to_numpy(), rtol=1e-9, atol=1e-12)
    t = _timed(
        {
            "a": lambda: q * factor,
            "a_lookup": lambda: q * small[mat_codes],
            "b": lambda: numpy_same_arithmetic(resolved),
            "write": lambda: np.empty((10, n)).fill(0.0),
            "engine": lambda: engine.compute(frame, table, gwp_set="AR5"),
        },
        rounds,
    )
    floor = _time_floor(frame, factor, rounds * 3)
    if floor:
        t["floor"], t["a_beside_floor"] = floor["floor"], floor["a"]
    e = t["engine"]
    figures = {
        "rows": n,
        "rounds": rounds,
        "numpy_multiply_s": t["a"]["median"],
        "numpy_lookup_multiply_s": t["a_lookup"]["median"],
        "numpy_same_arithmetic_s": t["b"]["median"],
        "write_10_columns_s": t["write"]["median"],
        "engine_s": e["median"],
        "engine_first_call_s": t_first,
        "timings": t,
        "engine_rows_per_s": n / e["median"],
        "numpy_rows_per_s": n / t["a"]["median"],
        "numpy_same_arithmetic_rows_per_s": n / t["b"]["median"],
        "ratio_engine_to_numpy": t["a"]["median"] / e["median"],
        "ratio_engine_to_numpy_lookup": t["a_lookup"]["median"] / e["median"],
        "ratio_engine_to_same_arithmetic": t["b"]["median"] / e["median"],
        "ratio_engine_to_same_arithmetic_cpu": t["b"]["cpu_median"] / e["cpu_median"],
        "compiled_floor_s": t["floor"]["median"] if floor else None,
        "ratio_floor_to_numpy": (
            t["a_beside_floor"]["median"] / t["floor"]["median"] if floor else None
        ),
        "combinations": int(len(result.attrs["core"].value["combo_method"])),
        **_side_figures(frame, table, rounds),
        "total_tco2e": float(result["co2e"].sum()),
        "cpus": os.cpu_count(),
        "load_average": (load_before, os.getloadavg()),
    }
    _print_engine(figures)
    return figures


def _time_floor(frame: pd.DataFrame, factor: np.ndarray, rounds: int) -> dict:
    """F beside A (``{"floor", "a"}`` timings), or {} without numba. F is timed beside A only:
    its most favourable conditions (caches warm, pages reused)."""
    floor = compiled_floor()
    if floor is None:
        return {}
    q = frame["quantity"].to_numpy()
    key_cols = ("method", "unit", "material", "gas", "period")
    codes = tuple(frame[c].cat.codes.to_numpy().astype(np.int8) for c in key_cols)
    cards = np.array([len(frame[c].cat.categories) + 1 for c in key_cols], dtype=np.int64)
    ufactor = np.linspace(1.0, 3.0, len(frame["unit"].cat.categories) + 1)
    floor(codes, cards, q, codes[1], ufactor)  # compile (or load numba's cache) untimed
    return _timed(
        {"a": lambda: q * factor, "floor": lambda: floor(codes, cards, q, codes[1], ufactor)},
        rounds,
    )


def _side_figures(frame: pd.DataFrame, table, rounds: int) -> dict:
    """The engine's per-call cost, ``input_hash`` and intake of the same rows as a CSV.

    The per-call cost does not grow with the rows: the same mix (same combinations) on 2,000
    rows is almost only factor resolution, GWPs, coefficients and provenance.
    """
    from calculators.core import engine, intake

    few = frame.iloc[:2000].copy()
    t_fixed = _timed({"few": lambda: engine.compute(few, table, gwp_set="AR5")}, rounds)["few"]
    t_hash = _best(lambda: engine.input_hash(frame), repeat=1)

    csv_frame = frame.drop(columns=["row", "year"])
    csv_frame["quantity"] = csv_frame["quantity"].round(4)
    data = intake.to_csv_bytes(csv_frame, style="key")
    sources = sorted(frame["source"].cat.categories)
    t0 = time.perf_counter()
    parsed = intake.read_activity(
        data, sources=sources, period_start="2023-01", period_end="2025-12"
    )
    return {
        "engine_2000_rows_s": t_fixed["median"],
        "input_hash_s": t_hash,
        "csv_mb": len(data) / 1e6,
        "intake_s": time.perf_counter() - t0,
        "intake_issues": len(parsed.issues),
    }


def _print_engine(f: dict) -> None:
    """Print :func:`bench_engine`'s figures."""
    t, n, rounds, load = f["timings"], f["rows"], f["rounds"], f["load_average"]
    e, floor = t["engine"], f["compiled_floor_s"] is not None
    print(f"rows {n:,}; {rounds} interleaved rounds; median wall time (best; median CPU time)")
    print(f"load average before {load[0][0]:.2f}, after {load[1][0]:.2f}")
    for label, key in (
        ("A   numpy q × f", "a"),
        ("A′  numpy q × f[code]", "a_lookup"),
        ("B   numpy, same arithmetic", "b"),
        ("W   write 10 float columns", "write"),
        ("engine.compute (mixed)", "engine"),
        *([("F   compiled floor (beside A)", "floor")] if floor else []),
        *([("A   numpy q × f (beside F)", "a_beside_floor")] if floor else []),
    ):
        s = t[key]
        print(
            f"{label:<28}{s['median'] * 1e3:9.2f} ms ({s['min'] * 1e3:.2f}; "
            f"CPU {s['cpu_median'] * 1e3:.2f})   {n / s['median']:>15,.0f} rows/s"
        )
    print(f"engine first call             {f['engine_first_call_s'] * 1e3:9.2f} ms")
    combos, few = f["combinations"], f["engine_2000_rows_s"]
    print(
        f"engine on 2,000 rows           {few * 1e3:8.2f} ms   (the per-call cost "
        f"of {combos} combinations; {few / t['a']['median']:.1f} × A)"
    )
    for label, key in (("A", "a"), ("A′", "a_lookup"), ("B", "b")):
        ratio = t[key]["median"] / e["median"]
        cpu = t[key]["cpu_median"] / e["cpu_median"]
        verdict = "meets" if ratio >= 0.25 else "does not meet"
        print(
            f"engine / {label:<3} throughput       {ratio:9.3f}   (CPU {cpu:.3f}; ≥ 0.25: {verdict})"
        )
    if floor:
        ratio = t["a_beside_floor"]["median"] / t["floor"]["median"]
        print(
            f"compiled floor / A throughput {ratio:9.3f}   (the most any engine could reach: "
            f"{'≥' if ratio >= 0.25 else '<'} 0.25)"
        )
    else:
        print('compiled floor: numba not installed (pip install -e ".[bench]")')
    print(f"input_hash                    {f['input_hash_s'] * 1e3:9.2f} ms")
    print(
        f"intake CSV ({f['csv_mb']:.0f} MB)          {f['intake_s']:9.2f} s    issues: {f['intake_issues']}"
    )
    print(f"total                         {f['total_tco2e']:,.1f} tCO2e")


# --- the engine against an earlier revision of itself (same rows, same run, interleaved) ----
def engine_at(rev: str):
    """``calculators.core.engine`` as it was at git revision ``rev`` (a module or a package),
    imported under another name so that it runs beside today's; its own imports of the rest of
    the core resolve to today's modules."""
    import importlib.util
    import subprocess
    import tarfile
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="cems_engine_"))
    name = "engine_" + "".join(c for c in rev if c.isalnum())
    archive = subprocess.run(
        ["git", "archive", rev, "calculators/core/engine.py", "calculators/core/engine"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    ).stdout
    if not archive:  # only one of the two paths exists at ``rev``: ask for each
        for path in ("calculators/core/engine.py", "calculators/core/engine"):
            archive = subprocess.run(
                ["git", "archive", rev, path], cwd=ROOT, capture_output=True, check=False
            ).stdout
            if archive:
                break
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    source = folder / "calculators/core/engine"
    if source.is_dir():
        spec = importlib.util.spec_from_file_location(
            name, source / "__init__.py", submodule_search_locations=[str(source)]
        )
    else:
        spec = importlib.util.spec_from_file_location(name, source.with_suffix(".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bench_engine_against(rev: str = "09c909d", n: int = N_ROWS, rounds: int = 7) -> dict:
    """``engine.compute`` today and at revision ``rev`` on the same ``n`` rows, alternately
    round by round (the machine's load falls on both alike): medians and their ratio.

    Both results are checked equal (every numeric column, rtol 1e-12) before timing.
    """
    from calculators.core import engine
    from calculators.core.factors import FactorTable

    old = engine_at(rev)
    table = FactorTable.default()
    frame = activity_frame(n)
    new_result = engine.compute(frame, table, gwp_set="AR5")  # first calls: caches
    old_result = old.compute(frame, table, gwp_set="AR5")
    for col in engine.OUTPUT_COLUMNS:
        np.testing.assert_allclose(
            new_result[col].to_numpy(), old_result[col].to_numpy(), rtol=1e-12, atol=0
        )
    load_before = os.getloadavg()
    t = _timed(
        {
            "old": lambda: old.compute(frame, table, gwp_set="AR5"),
            "new": lambda: engine.compute(frame, table, gwp_set="AR5"),
        },
        rounds,
    )
    figures = {"rev": rev, "rows": n, "rounds": rounds, "timings": t}
    figures["ratio"] = t["new"]["median"] / t["old"]["median"]
    figures["ratio_cpu"] = t["new"]["cpu_median"] / t["old"]["cpu_median"]
    figures["load_average"] = (load_before, os.getloadavg())
    print(f"engine.compute on {n:,} rows, {rounds} alternating rounds, median (CPU median)")
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    for label, key in ((f"at {rev}", "old"), ("today", "new")):
        s = t[key]
        print(f"  {label:<16}{s['median'] * 1e3:9.1f} ms  (CPU {s['cpu_median'] * 1e3:.1f} ms)")
    print(
        f"  today / {rev}: {figures['ratio']:.3f} wall, {figures['ratio_cpu']:.3f} CPU "
        f"(held within ±10 %: {'yes' if abs(figures['ratio'] - 1) <= 0.10 else 'no'})"
    )
    return figures


# --- end to end (Django layer): CSV → stored dataset → approved → run → stored results ---------
E2E_DEFAULT_URLS = (
    "sqlite:////tmp/cems_bench_e2e.sqlite3",
    "postgres://postgres@127.0.0.1:5432/cems_bench_e2e",
)


def e2e_csv(n: int = N_ROWS) -> bytes:
    """``n`` template rows for the demo enterprise's sources: the demo year 2025, tiled."""
    from calculators.demo_data import generate_year, to_csv_bytes

    year = generate_year(2025)
    reps = -(-n // len(year))
    frame = pd.concat([year] * reps, ignore_index=True).iloc[:n]
    # each tile is another batch of records: say so, or intake refuses the repeats (8.5)
    frame["note"] = [f"batch {i // len(year)}" for i in range(len(frame))]
    return to_csv_bytes(frame)


#: Rows per part of a run over more than :data:`N_ROWS` rows (``calculators.services.chunks``).
LARGE_RUN_PART_ROWS = 500_000
#: SQLite as deployed (``settings/base.py``), not the test profile's ``synchronous=OFF``.
PRODUCTION_SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"


def _migrations_digest() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")) + sorted(
        ROOT.glob("site/*/*/migrations/*.py")
    ):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _fresh_database(database_url: str) -> None:
    """Django set up on an empty, migrated database at ``database_url`` (dropped first).

    Migrating takes minutes on a loaded machine, so a migrated template is kept beside the
    database (``<name>_tmpl``, a copy of the SQLite file or a PostgreSQL template database)
    and reused while the migration files are unchanged; nothing of it is timed.
    """
    import shutil
    import subprocess

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
    sys.path.insert(0, str(ROOT / "site"))
    digest = _migrations_digest()
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        template = Path(f"{path}.tmpl-{digest}")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if template.exists():
            shutil.copyfile(template, path)
    else:
        name = database_url.rsplit("/", 1)[1]
        base = database_url.rsplit("/", 1)[0]
        tmpl = f"{name}_tmpl_{digest}"
        have = subprocess.run(
            [
                "psql",
                f"{base}/postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{tmpl}'",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        create = f"CREATE DATABASE {name}" + (f" TEMPLATE {tmpl}" if have else "")
        for sql in (f"DROP DATABASE IF EXISTS {name}", create):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)  # with the test profile's fast pragmas
    connection.close()
    if database_url.startswith("sqlite"):
        if not template.exists():
            shutil.copyfile(path, template)
        # what is timed runs as deployed: WAL, synchronous=NORMAL (settings/base.py)
        connection.settings_dict["OPTIONS"]["init_command"] = PRODUCTION_SQLITE_INIT
    elif not have:
        subprocess.run(
            ["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {tmpl} TEMPLATE {name}"],
            check=True,
        )


def _peak_reset() -> None:
    """Start the peak-memory mark afresh (Linux: ``clear_refs`` 5 resets VmHWM)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    """Peak resident memory since :func:`_peak_reset` (VmHWM), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _ReadRecorder:
    """Records the queries :func:`calculators.services.bulk.queryset_frame` runs while
    installed (the load step), so the floor can replay them as plain reads."""

    def __init__(self):
        self.queries: list = []

    def __enter__(self):
        from calculators import selectors

        self._selectors, self._original = selectors, selectors.queryset_frame

        def recording(queryset, columns, **kwargs):
            sql, params = queryset.values_list(*columns).query.sql_with_params()
            self.queries.append((sql, params))
            return self._original(queryset, columns, **kwargs)

        selectors.queryset_frame = recording
        return self

    def __exit__(self, *exc):
        self._selectors.queryset_frame = self._original


def _rolled_back(fn) -> float:
    """Seconds ``fn()`` takes inside a transaction that is then rolled back."""
    from django.db import transaction

    with transaction.atomic():
        t0 = time.perf_counter()
        fn()
        seconds = time.perf_counter() - t0
        transaction.set_rollback(True)
    return seconds


def _stored_frame(model, **filters) -> pd.DataFrame:
    """The stored rows (every column but the id) as the bulk writer takes them (untimed)."""
    from calculators.services.bulk import queryset_frame

    names = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return queryset_frame(model.objects.filter(**filters).order_by("id"), names)


def _write_floor(model, frame: pd.DataFrame) -> dict:
    """The floor of storing ``frame`` into ``model``'s table, and ``frame_insert`` beside it.

    Floor: the same rows, prepared beforehand (untimed) as the database's own bulk input, put
    into the same table with the same indexes in one transaction, rolled back after: on
    PostgreSQL a plain ``COPY`` of a ready buffer, CSV and binary, the faster one counts;
    elsewhere ``executemany`` of ready tuples of every column. ``frame_insert`` of the same
    rows in the same conditions (also rolled back) is timed right after it.
    """
    from django.db import connection

    import psycopg

    from calculators.services import bulk

    columns = [model._meta.get_field(c).column for c in frame.columns]
    qn = connection.ops.quote_name
    table, column_sql = qn(model._meta.db_table), ", ".join(qn(c) for c in columns)
    floors = {}
    if connection.vendor == "postgresql":
        plan = bulk._columns(model, frame)
        text = [qn(c.column) for c in plan if c.kind == "text"]
        csv = io.StringIO()
        frame.to_csv(csv, header=False, index=False, na_rep="")
        csv = csv.getvalue().encode()
        binary = io.BytesIO()
        with connection.cursor() as cursor:
            copy = psycopg.Copy(cursor.cursor, binary=True, writer=psycopg.copy.FileWriter(binary))
            with copy:
                copy.set_types([c.pg_type for c in plan])
                for chunk in bulk.frame_chunks(frame):
                    values = [bulk._python_values(chunk[c.name], c, binary=True) for c in plan]
                    for row in zip(*values, strict=True):
                        copy.write_row(row)
        binary = binary.getvalue()
        options = {
            "csv": f"FORMAT csv, FORCE_NOT_NULL ({', '.join(text)})",
            "binary": "FORMAT binary",
        }

        def copy_in(data: bytes, fmt: str):
            with connection.cursor() as cursor:
                sql = f"COPY {table} ({column_sql}) FROM STDIN WITH ({options[fmt]})"
                with cursor.cursor.copy(sql) as copy:
                    for start in range(0, len(data), 1 << 20):
                        copy.write(data[start : start + (1 << 20)])

        floors["csv"] = _rolled_back(lambda: copy_in(csv, "csv"))
        floors["binary"] = _rolled_back(lambda: copy_in(binary, "binary"))
        del csv, binary
    else:
        plan = bulk._columns(model, frame)
        values = [bulk._python_values(frame[c.name], c, binary=False) for c in plan]
        rows = list(zip(*values, strict=True))
        del values
        sql = f"INSERT INTO {table} ({column_sql}) VALUES ({', '.join(['%s'] * len(columns))})"

        def insert():
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)

        floors["executemany"] = _rolled_back(insert)
        del rows
    replay = _rolled_back(lambda: bulk.frame_insert(model, frame))
    return {"floor": min(floors.values()), "floors": floors, "frame_insert": replay}


def _read_floor(queries: list) -> float:
    """Replaying the load's queries as plain reads into memory, no parsing: ``COPY (query)
    TO STDOUT`` into a buffer on PostgreSQL, ``fetchall`` elsewhere."""
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in queries:
            if connection.vendor == "postgresql":
                statement = cursor.cursor.mogrify(sql, params)
                buffer = io.BytesIO()
                with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
                    for block in copy:
                        buffer.write(block)
            else:
                cursor.execute(sql, params)
                cursor.fetchall()
    return time.perf_counter() - t0


def _e2e_users():
    from django.contrib.auth.models import Group, User

    from cems_registers.demo import accounting_registers
    from cems_registers.roles import Role

    accounting_registers()
    users = {}
    for name, role in (
        ("submitter", Role.DATA_SUBMITTERS),
        ("reviewer", Role.DATA_REVIEWERS),
        ("checker", Role.DATA_REVIEWERS),
    ):
        users[name] = User.objects.create_user(name, password="x")
        users[name].groups.add(Group.objects.get(name=role.value))
    return users


def _e2e_csv_file(n: int) -> Path:
    """The ``n``-row CSV, written once to a file beside the system's temp files (untimed)."""
    import tempfile

    path = Path(tempfile.gettempdir()) / f"cems_bench_e2e_{n}.csv"
    if not path.exists():
        part = path.with_suffix(".part")
        part.write_bytes(e2e_csv(n))
        part.rename(path)
    return path


def _e2e_in_process(n: int, database_url: str, floors: bool = True) -> dict:
    """One end-to-end measurement in THIS process (fresh database at ``database_url``)."""
    import datetime as dt

    if n > N_ROWS:  # the upload limit of a web form does not hold for a 10 M-row import
        os.environ["CEMS_MAX_UPLOAD_BYTES"] = str(n * 1000)
    _fresh_database(database_url)
    from django.db import connection

    from calculators.models import FactorSet, GwpSet, RunResult
    from calculators.services.datasets import dataset_review, dataset_submit
    from calculators.services.runs import run_approve, run_create

    users = _e2e_users()
    data = _e2e_csv_file(n).read_bytes()
    load_before = os.getloadavg()
    _peak_reset()
    timings: dict = {}
    t_all = time.perf_counter()
    dataset = dataset_submit(
        file_bytes=data,
        filename="bench.csv",
        user=users["submitter"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        store_file=False,
        timings=timings,
    ).dataset
    t0 = time.perf_counter()
    dataset_review(dataset=dataset, user=users["reviewer"], approve=True)
    timings["approve_dataset"] = time.perf_counter() - t0
    latest = {}
    for fs in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        latest.setdefault(fs.key, fs)
    run = run_create(
        user=users["submitter"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        factor_sets=list(latest.values()),
        gwp_set=GwpSet.objects.get(key="AR5"),
        enqueue=False,
    )
    run_timings: dict = {}
    with _ReadRecorder() as reads:
        run = _e2e_run(run, n, run_timings)
    total = time.perf_counter() - t_all
    peak_mb = _peak_mb()
    load_after = os.getloadavg()
    assert run.status == "done", run.message
    run_approve(run=run, user=users["checker"])
    figures = {
        "database": database_url.split(":", 1)[0],
        "vendor": connection.vendor,
        "rows": n,
        "csv_mb": len(data) / 1e6,
        "parse_validate_s": timings["parse_validate"],
        "store_activity_s": timings["store"],
        "approve_dataset_s": timings["approve_dataset"],
        "load_activity_s": run_timings["load"],
        "compute_s": run_timings["compute"],
        "store_results_s": run_timings["store"],
        "result_rows": RunResult.objects.filter(run=run).count(),
        "total_s": total,
        "total_tco2e": run.total_tco2e,
        "input_hash": run.input_hash,
        "peak_rss_mb": peak_mb,
        **(
            {"run_in_parts_s": run_timings["run_in_parts"]} if "run_in_parts" in run_timings else {}
        ),
        "load_average": [load_before[0], load_after[0]],
    }
    del data
    if floors and n <= N_ROWS:  # after the pipeline: its peak memory is already taken
        _e2e_floors(figures, reads.queries, dataset, run)
    return figures


def _e2e_run(run, n: int, run_timings: dict):
    """The run in this process; over :data:`N_ROWS` rows in parts, each read, computed and
    stored alone (``calculators.services.chunks``, django-q2 in sync mode here)."""
    from calculators.services import chunks
    from calculators.services.runs import run_execute

    if n <= N_ROWS:
        return run_execute(run=run, timings=run_timings)
    t0 = time.perf_counter()
    chunks.run_start(run=run, size=LARGE_RUN_PART_ROWS)
    run_timings.update(load=float("nan"), compute=float("nan"), store=float("nan"))
    run_timings["run_in_parts"] = time.perf_counter() - t0
    return type(run).objects.get(pk=run.pk)


def _e2e_floors(figures: dict, queries: list, dataset, run) -> None:
    """Each store and load step's floor (:func:`_read_floor`, :func:`_write_floor`)."""
    from calculators.models import ActivityRecord, RunResult

    figures["floor_load_s"] = _read_floor(queries)
    activity = _stored_frame(ActivityRecord, dataset=dataset)
    figures["floor_store_activity"] = _write_floor(ActivityRecord, activity)
    del activity
    results = _stored_frame(RunResult, run=run)
    figures["floor_store_results"] = _write_floor(RunResult, results)
    figures["load_average"].append(os.getloadavg()[0])


def _print_e2e(f: dict) -> None:
    n = f["rows"]
    load = ", ".join(f"{x:.1f}" for x in f["load_average"])
    print(
        f"\nend to end on {f['database']}: {n:,} rows, CSV {f['csv_mb']:.0f} MB; load average {load}"
    )
    floors = {
        "store_activity_s": f.get("floor_store_activity"),
        "load_activity_s": {"floor": f["floor_load_s"]} if "floor_load_s" in f else None,
        "store_results_s": f.get("floor_store_results"),
    }
    print(f"  {'step':<28}{'time':>9}{'rows/s':>14}{'floor':>10}{'ratio':>8}")
    steps = [
        ("parse + validate (intake)", "parse_validate_s", n),
        ("store activity rows", "store_activity_s", n),
        ("approve dataset", "approve_dataset_s", None),
    ]
    if "run_in_parts_s" in f:
        steps.append(("run in parts (load+compute+store)", "run_in_parts_s", n))
    else:
        steps += [
            ("load approved rows", "load_activity_s", n),
            ("compute (engine)", "compute_s", n),
            ("store results", "store_results_s", f["result_rows"]),
        ]
    for label, key, rows in steps:
        rate = f"{rows / f[key]:>14,.0f}" if rows else " " * 14
        floor = floors.get(key)
        tail = ""
        if floor:
            ratio = f[key] / floor["floor"]
            tail = f"{floor['floor']:9.2f}s{ratio:7.2f}×  ({'≤ 1.5: meets' if ratio <= 1.5 else '> 1.5: does not meet'})"
        print(f"  {label:<28}{f[key]:8.2f}s{rate}{tail}")
    for label, key in (
        ("store activity", "floor_store_activity"),
        ("store results", "floor_store_results"),
    ):
        if key in f:
            g = f[key]
            each = ", ".join(f"{k} {v:.2f} s" for k, v in g["floors"].items())
            print(
                f"    {label}: floors {each}; frame_insert alone in the floor's conditions "
                f"{g['frame_insert']:.2f} s ({g['frame_insert'] / g['floor']:.2f}×)"
            )
    verdict = "meets" if f["total_s"] <= 20 else "does not meet"
    print(f"  {'total':<28}{f['total_s']:8.2f}s   (target ≤ 20 s: {verdict})")
    print(
        f"  result rows {f['result_rows']:,}; total {f['total_tco2e']:,.1f} tCO2e; input hash {f['input_hash'][:16]}"
    )
    limit = 1536 if n <= 1_000_000 else 2048
    print(f"  peak RSS {f['peak_rss_mb']:,.0f} MB   (target ≤ {limit} MB)")


def bench_end_to_end(
    n: int = N_ROWS, database_urls: tuple[str, ...] | None = None, floors: bool = True
) -> list[dict]:
    """From an ``n``-row template CSV to a stored run ready for approval, per database.

    Each database runs in a fresh subprocess (so the peak memory is that run's own): SQLite
    in a temporary file with the production pragmas (WAL, ``synchronous=NORMAL``) and
    PostgreSQL at ``DATABASE_URL`` (or ``E2E_DEFAULT_URLS``). Times each step (intake,
    storing activity rows, loading them, engine, storing results) and, after the pipeline,
    the floor of each store and load step in the same process (:func:`_write_floor`,
    :func:`_read_floor`); prints each step, its floor and the ratio, rows/s, the peak
    resident memory of the pipeline and the load average before, after and after the floors.
    """
    import json
    import subprocess

    env_url = os.environ.get("DATABASE_URL", "")
    urls = database_urls or (
        E2E_DEFAULT_URLS[0],
        env_url if env_url.startswith("postgres") else E2E_DEFAULT_URLS[1],
    )
    figures = []
    for url in urls:
        out = subprocess.run(
            [sys.executable, __file__, "e2e-one", str(n), url, "floors" if floors else "no-floors"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        f = json.loads(out.strip().splitlines()[-1])
        _print_e2e(f)
        figures.append(f)
    return figures


def _arguments(argv: list[str]) -> dict:
    """``e2e [--rows N] [--sqlite URL] [--postgres URL] [--no-floors]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="bench/accounting.py e2e")
    parser.add_argument("--rows", type=int, default=N_ROWS)
    parser.add_argument("--sqlite", default=None, help="SQLite URL (or 'skip')")
    parser.add_argument("--postgres", default=None, help="PostgreSQL URL (or 'skip')")
    parser.add_argument("--no-floors", action="store_true")
    args = parser.parse_args(argv)
    env_url = os.environ.get("DATABASE_URL", "")
    urls = (
        args.sqlite or E2E_DEFAULT_URLS[0],
        args.postgres or (env_url if env_url.startswith("postgres") else E2E_DEFAULT_URLS[1]),
    )
    return {
        "n": args.rows,
        "database_urls": tuple(u for u in urls if u != "skip"),
        "floors": not args.no_floors,
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "e2e-one":
        import json

        floors = len(sys.argv) < 5 or sys.argv[4] != "no-floors"
        print(json.dumps(_e2e_in_process(int(sys.argv[2]), sys.argv[3], floors)))
    elif len(sys.argv) > 1 and sys.argv[1] == "against":
        bench_engine_against(*sys.argv[2:3], *(int(x) for x in sys.argv[3:5]))
    elif len(sys.argv) > 1 and sys.argv[1] == "e2e":
        bench_end_to_end(**_arguments(sys.argv[2:]))
    else:
        bench_engine(int(sys.argv[1]) if len(sys.argv) > 1 else N_ROWS)
        bench_end_to_end()
