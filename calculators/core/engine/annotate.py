"""The per-row columns of a result beside the numbers: scope, category, method, dimension and
the traceability columns (6.3.2: every result names its factors, their sources and their
weakest verification tag; GB/T 32150-2015 categories).

Every per-row column is a gather from a per-combination (or per (combination, override mask))
table; the texts are built once per pair. No Django, no query.
"""

from collections.abc import Callable

import numpy as np
import pandas as pd

from calculators.core import template
from calculators.core.gwp import GwpTable
from calculators.core.normalise import DIMS, OVERRIDES

from .prepare import as_category, dense_factorize
from .resolve import Resolution
from .spec import (
    IPCC_METHODS,
    METHOD_KEYS,
    OVERRIDE_BIT,
    PARAM_INDEX,
    RELEASE_METHODS,
    UNKNOWN_METHOD,
    VERIFICATION_ORDER,
)


def annotate(activity, res: Resolution, mask, ov_rows, gprops, gwp: GwpTable) -> dict:
    """Scope, category, method, quantity and the traceability columns (no row-wise Python).

    Every per-row column is a gather from a per-combination table by ``combo``.
    """
    result: dict = {}
    prep = res.prep
    combo = res.combo
    u_m = res.u_m  # UNKNOWN_METHOD: the last slot of the tables below
    scope_lut = np.array([template.METHODS[m].scope for m in METHOD_KEYS] + [0], dtype=np.int8)
    cat_keys = list(template.CATEGORIES)
    cat_lut = np.array(
        [cat_keys.index(template.METHODS[m].category) for m in METHOD_KEYS] + [-1], dtype=np.int8
    )
    # traceability: one description per distinct (combination, override mask) pair
    nbits = len(OVERRIDES)
    n_u = len(u_m)
    uniq = np.arange(n_u, dtype=np.int64) << nbits  # rows without overrides: pair = combination
    ov = ov_rows
    if len(ov):  # rows with overrides: their distinct (combination, mask) pairs come after
        sub, sub_uniq = dense_factorize(combo[ov].astype(np.int64) * (1 << nbits) + mask[ov])
        uniq = np.concatenate([uniq, sub_uniq])
    else:
        sub = None
    labels = _trace_labels(res, uniq >> nbits, uniq & ((1 << nbits) - 1), gprops, gwp)
    # per-row codes: gathers from per-combination tables by ``combo``; the pairs of the
    # overridden rows put in afterwards
    per_combo = [
        scope_lut[u_m],
        cat_lut[u_m],
        np.where(u_m < UNKNOWN_METHOD, u_m, -1),
        np.where(res.u_dim < len(DIMS), res.u_dim, -1),
    ]
    column, label_cats = _code_columns(per_combo, labels, combo, ov, sub)
    scope = column(0)
    if "scope" in activity:
        given = pd.to_numeric(activity["scope"], errors="coerce").to_numpy(dtype=float)
        scope = np.where(np.isnan(given) | (given <= 0), scope, given).astype(np.int8)
    result["scope"] = scope
    result["category"] = _given_category(activity, column(1), cat_keys)
    result["method"] = _from_codes(column(2), list(METHOD_KEYS))
    result["quantity"] = prep.q
    result["quantity_dim"] = _from_codes(column(3), list(DIMS))
    for col in ("row", "source", "facility", "period", "material", "gas"):
        if col in activity:
            result[col] = activity[col].array
    result["factor_combo"] = combo
    result["override_mask"] = mask
    for j, col in enumerate(("factors", "factor_sources", "verification", "overridden")):
        result[col] = _from_codes(column(4 + j), label_cats[j])
    return result


def _code_columns(per_combo: list, labels: tuple, combo, ov, sub) -> tuple[Callable, list]:
    """(column j → per-row codes, the categories of each label column).

    Columns 0–3 are gathered from ``per_combo`` by combination, 4– are the label codes of each
    row's (combination, override mask) pair; ``sub``: the pair of each overridden row ``ov``.
    """
    n_u = len(per_combo[0])
    label_cats, label_codes = [], []
    for texts in labels:
        cats, inv = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
        label_cats.append(list(cats))
        label_codes.append(inv.reshape(-1))
    if all(len(c) < 127 for c in label_cats):  # int8 codes: one gather of 8 bytes per row
        table = np.stack([*per_combo, *(c[:n_u] for c in label_codes)], axis=1).astype(np.int8)
        codes = np.take(table, combo, axis=0)
        if len(ov):
            codes[ov, 4:] = np.stack([c[n_u:] for c in label_codes], axis=1)[sub]

        def column(j):
            return codes[:, j]  # a strided view: no copy

        return column, label_cats
    pair = combo
    if len(ov):
        pair = combo.copy()
        pair[ov] = n_u + sub

    def wide_column(j):
        if j < 4:
            return per_combo[j].astype(np.int8)[combo]
        c = label_codes[j - 4]
        small = np.int8 if len(c) < 127 else np.int16 if len(c) < 32000 else np.int32
        return c.astype(small)[pair]

    return wide_column, label_cats


def _trace_labels(res: Resolution, u_combo, u_mask, gprops, gwp: GwpTable) -> tuple[list, ...]:
    """Per (combination, override mask) pair: factors description, sources, worst verification
    tag, overridden parameters (6.3.2)."""
    trace = res.trace
    by_combo: dict[int, list] = {}
    if len(trace):
        names = list(trace.columns)
        for values in zip(*(trace[c].tolist() for c in names), strict=True):
            rec = dict(zip(names, values, strict=True))
            by_combo.setdefault(int(rec["combo"]), []).append(rec)
    descs, tags, overs, cites = [], [], [], []
    gwp_name = gwp.name
    ch4_bit = OVERRIDE_BIT.get("ef_ch4", 0)
    for c, bits in zip(u_combo.tolist(), u_mask.tolist(), strict=True):
        parts, worst, srcs = [], "measured" if bits else "", []
        over = [s for s, b in OVERRIDE_BIT.items() if bits & b]
        for rec in by_combo.get(c, []):
            if rec["slot"] in over or pd.isna(rec.get("value")):
                continue
            if rec["source"] and rec["source"] not in srcs:
                srcs.append(str(rec["source"]))
            year = "" if pd.isna(rec["factor_year"]) else f" {int(rec['factor_year'])}"
            unit = f" {rec['unit']}" if rec["unit"] else ""
            parts.append(
                f"{rec['slot']}={rec['raw_value']:g}{unit} "
                f"[{rec['set_key']} v{int(rec['set_version'])}{year}, {rec['verification']}]"
            )
            tag = str(rec["verification"])
            if VERIFICATION_ORDER.get(tag, 4) < VERIFICATION_ORDER.get(worst, 4):
                worst = tag
        parts.extend(f"{s}=measured" for s in over)
        m_i = int(res.u_m[c])
        if m_i < UNKNOWN_METHOD and METHOD_KEYS[m_i] in RELEASE_METHODS:
            name = str(res.u_name[c])
            parts.append(f"GWP({name}, {gwp_name})={gprops['gwp'][c]:g}")
            srcs.append(f"IPCC {gwp_name} GWP-100")
            is_measured = METHOD_KEYS[m_i] == "measured"
            tag = "measured" if is_measured else ("M" if len(gwp.composition(name)) > 1 else "V")
            if VERIFICATION_ORDER[tag] < VERIFICATION_ORDER.get(worst, 4):
                worst = tag
        ch4_slot = PARAM_INDEX["ef_ch4"]
        if m_i < UNKNOWN_METHOD and (
            METHOD_KEYS[m_i] in IPCC_METHODS or res.lib[c, ch4_slot] > 0 or bits & ch4_bit
        ):  # the GWPs that turned the row's CH4 and N2O into CO2e (6.3.2)
            parts.append(
                f"GWP(CH4, {gwp_name})={gprops['gwp_ch4'][c]:g}; "
                f"GWP(N2O, {gwp_name})={gprops['gwp_n2o'][c]:g}"
            )
        descs.append("; ".join(parts))
        tags.append(worst)
        overs.append(",".join(over))
        cites.append(" | ".join(srcs))
    return descs, cites, tags, overs


def _given_category(activity, default_codes: np.ndarray, cat_keys: list) -> pd.Categorical:
    """The source register's category where the row has one, else the method's default.

    Any non-blank category survives, also one that is not a GB/T 32150 key (a scope-3
    category, ``other``): it is the register's word for the source (6.3.1 c), and totals by
    category must not fold it into the method's default. Works on the categories, not per row.
    """
    if "category" not in activity:
        return _from_codes(default_codes, cat_keys)
    given = as_category(activity["category"])
    names = [str(c).strip() for c in given.cat.categories]
    keys = cat_keys + sorted({n for n in names if n} - set(cat_keys))
    lut = np.array([keys.index(n) if n else -1 for n in names] + [-1], dtype=np.int32)
    codes = lut[given.cat.codes.to_numpy()]  # code −1 (missing) picks the last slot: −1
    codes = np.where(codes >= 0, codes, default_codes)
    return _from_codes(codes.astype(np.int32), keys)


def _from_codes(codes: np.ndarray, categories: list) -> pd.Categorical:
    """A categorical from codes already known valid (−1 = missing); no validation pass."""
    return pd.Categorical.from_codes(codes, categories=categories, validate=False)
