"""The per-gas split of an engine result: one row per activity row and gas group (6.3.1 f).

What a run stores (``RunResult``): per row and gas group the mass, the GWP applied and the
tCO2e, the lines of a row adding up to its CO2e; biogenic CO2 a memo on the CO2 line
(GB/T 32150-2015). Under the ``exclude`` biomass rule a biomass row's lines keep their masses and
GWPs with 0 tCO2e: they are accounted apart and not in the total. No Django, no query.
"""

import numpy as np
import pandas as pd

from calculators.core.gwp import GwpTable

from .spec import GAS_COLUMNS, Options


def month_labels(series: pd.Series, length: int) -> pd.Categorical:
    """Dates or ISO strings → categorical ``YYYY-MM`` (or ``YYYY-MM-DD``), per distinct value."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, sort=True)
    return pd.Categorical.from_codes(codes, [str(u)[:length] for u in uniques])


_F_GROUPS = ("HFCs", "PFCs", "SF6", "NF3")
#: Columns of :func:`gas_rows`, the stored result rows of a run.
GAS_ROW_COLUMNS: tuple[str, ...] = (
    "id",
    "source_id",
    "facility_id",
    "scope",
    "row_pos",
    "gas_group",
    "mass_t",
    "gwp",
    "tco2e",
    "biogenic_t",
    "period",
    "category",
    "method",
    "material",
    "gas",
    "factors",
    "verification",
    "overridden",
)


def gas_rows(wide: pd.DataFrame, activity: pd.DataFrame, *, gwp: GwpTable) -> pd.DataFrame:
    """Engine rows (one per activity row, a column per gas group) → one row per group (6.3.1 f).

    CO2e per group: CH4 and N2O mass × their GWP, F-gas groups mass × the gas's group GWP,
    the CO2 line the rest of the row's CO2e (so the lines add up to the engine's CO2e
    exactly, measured tCO2e included). A row with a single non-zero group gets the row's
    CO2e on that line. Biogenic CO2 is a memo on the CO2 line. No query.

    ``wide``: :func:`~calculators.core.engine.compute`'s result (its ``attrs`` give the
    options); ``activity``: the stored activity rows (``id``, ``source_id``, ``facility_id``,
    ``period``, ``material``, ``gas``) in the same order; ``gwp``: the run's GWP table.
    Columns: :data:`GAS_ROW_COLUMNS`.
    """
    options = Options.of(wide.attrs.get("options"))
    co2e = np.nan_to_num(wide["co2e"].to_numpy(dtype=float))
    masses = {g: np.nan_to_num(wide[c].to_numpy(dtype=float)) for g, c in GAS_COLUMNS.items()}
    group_gwp = _group_gwp(wide, activity, masses, gwp, options)
    tco2e = _group_tco2e(masses, group_gwp, co2e)
    if "co2e_excluded" in wide:  # exclude rule: the row's lines count nothing
        excluded = np.nan_to_num(wide["co2e_excluded"].to_numpy(dtype=float)) != 0
        if excluded.any():
            tco2e = {g: np.where(excluded, 0.0, v) for g, v in tco2e.items()}
    rows = _stack(wide, activity, masses, group_gwp, tco2e)
    if rows is None:
        return pd.DataFrame(columns=list(GAS_ROW_COLUMNS))
    pos = rows["row_pos"].to_numpy()
    periods = month_labels(activity["period"], 10)
    rows["period"] = np.asarray(periods.categories, dtype=object)[periods.codes[pos]]
    for name, source in (
        ("category", wide["category"]),
        ("method", wide["method"]),
        ("material", activity["material"]),
        ("gas", activity["gas"]),
        ("factors", wide["factors"]),
        ("verification", wide["verification"]),
        ("overridden", wide["overridden"]),
    ):
        rows[name] = take_text(source, pos)
    return rows.reset_index(drop=True)


def _group_gwp(wide, activity, masses: dict, gwp: GwpTable, options: Options) -> dict:
    """GWP per row of CH4 (the engine's ``gwp_ch4``: fossil or non-fossil by origin under the
    split), N2O and each F-gas group (the group GWP of the row's gas: Σ wᵢ GWPᵢ / Σ wᵢ over
    the group). A result without ``gwp_ch4`` (computed before it existed) reads the method."""
    n = len(wide)
    method = wide["method"].astype(object).to_numpy()
    gas = activity["gas"].astype(object).to_numpy()
    ch4_gwp = gwp.value("CH4")
    if "gwp_ch4" in wide:
        ch4_row = wide["gwp_ch4"].to_numpy(dtype=float)
    elif options.ch4_split(gwp.name):
        fossil, non_fossil = gwp.value("CH4_fossil"), gwp.value("CH4_nonfossil")
        ch4_row = np.where(
            method == "biomass",
            non_fossil if not np.isnan(non_fossil) else ch4_gwp,
            fossil if not np.isnan(fossil) else ch4_gwp,
        )
    else:
        ch4_row = np.full(n, ch4_gwp)
    group_gwp = {"CH4": ch4_row, "N2O": np.full(n, gwp.value("N2O"))}
    f_rows = np.zeros(n, dtype=bool)
    for g in _F_GROUPS:
        f_rows |= masses[g] != 0
        group_gwp[g] = np.zeros(n)
    codes, names = pd.factorize(pd.Series(gas).where(f_rows, None))
    if len(names):
        props = gwp.properties([str(x) for x in names])
        for g in _F_GROUPS:
            fraction = props.fractions[g]
            weighted = props.weighted[g] if props.weighted else fraction * props.gwp
            per_gas = np.divide(
                weighted, fraction, out=np.zeros_like(weighted), where=fraction != 0
            )
            group_gwp[g] = np.where(codes >= 0, per_gas[np.maximum(codes, 0)], 0.0)
    return group_gwp


def _group_tco2e(masses: dict, group_gwp: dict, co2e: np.ndarray) -> dict:
    """tCO2e per row and group: mass × GWP, the CO2 line the remainder of the row's CO2e; a
    row with a single group puts its whole CO2e there."""
    tco2e = {g: masses[g] * group_gwp[g] for g in group_gwp}
    tco2e["CO2"] = co2e - sum(tco2e.values())
    nonzero = np.vstack([masses[g] != 0 for g in GAS_COLUMNS])
    count = nonzero.sum(axis=0)
    for i, g in enumerate(GAS_COLUMNS):
        if g == "CO2":
            continue
        only = (count == 1) & nonzero[i]
        tco2e[g] = np.where(only, co2e, tco2e[g])
        tco2e["CO2"] = np.where(only, 0.0, tco2e["CO2"])
    # float noise of the CO2 remainder on rows without CO2 goes to their first other group
    noise = (
        (masses["CO2"] == 0)
        & (count > 0)
        & (np.abs(tco2e["CO2"]) <= 1e-9 * np.abs(co2e))
        & (tco2e["CO2"] != 0)
    )
    if noise.any():
        first = np.argmax(nonzero, axis=0)
        for i, g in enumerate(GAS_COLUMNS):
            if g != "CO2":
                tco2e[g] = np.where(noise & (first == i), tco2e[g] + tco2e["CO2"], tco2e[g])
        tco2e["CO2"] = np.where(noise, 0.0, tco2e["CO2"])
    return tco2e


def _stack(wide, activity, masses: dict, group_gwp: dict, tco2e: dict) -> pd.DataFrame | None:
    """The numeric columns of the lines, ordered by row and group; None when there are none."""
    bio = np.nan_to_num(wide["co2_biogenic"].to_numpy(dtype=float))
    keep = {
        "id": activity["id"].to_numpy(),
        "source_id": activity["source_id"].to_numpy(),
        "facility_id": activity["facility_id"].to_numpy(),
        "scope": wide["scope"].to_numpy(),
    }
    pieces = []
    for g in GAS_COLUMNS:
        sel = masses[g] != 0
        if g == "CO2":
            sel |= (bio != 0) | (tco2e[g] != 0)
        idx = np.flatnonzero(sel)
        if not len(idx):
            continue
        piece = pd.DataFrame({name: values[idx] for name, values in keep.items()})
        piece["row_pos"] = idx
        piece["gas_group"] = g
        piece["mass_t"] = masses[g][idx]
        piece["gwp"] = 1.0 if g == "CO2" else group_gwp[g][idx]
        piece["tco2e"] = tco2e[g][idx]
        piece["biogenic_t"] = bio[idx] if g == "CO2" else 0.0
        pieces.append(piece)
    if not pieces:
        return None
    return pd.concat(pieces, ignore_index=True).sort_values(["row_pos", "gas_group"], kind="stable")


def take_text(series: pd.Series, pos: np.ndarray) -> np.ndarray:
    """Text of ``series`` at positions ``pos``, per distinct value (categoricals stay cheap)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series.astype(object))
    labels = np.asarray([*(str(u) for u in uniques), ""], dtype=object)
    return labels[codes[pos]]
