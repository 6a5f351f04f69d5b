"""The pure accounting engine: activity frame + factor table + GWP set → per-row results.

T/CSES 146-2024 6.3.1 (f) (emissions per source, gas, scope, facility, month), 6.3.2 (every
result names its factors), GB/T 32150-2015 (structure and categories). No Django, no query.

Design (vectorised, no Python loop per row):

1. Each row's method, quantity dimension, lookup material, year and direction are reduced to
   a *combination* code; the library factors are resolved once per combination
   (:meth:`FactorTable.lookup`, a merge on a few hundred keys, not on the rows).
2. Every method is linear in the quantity, so each combination gets a coefficient per output
   column (t gas per canonical unit) from :mod:`calculators.core.methods`; a row's result is
   ``quantity × coefficient[combination]``.
3. Rows with per-row overrides (measured values, 6.3.1 e) get their own coefficients, from
   the same method functions on the library values with the overrides put in their place.
4. CO2e = CO2 + CH4 × GWP + N2O × GWP + released gas × Σ wᵢ GWPᵢ; biogenic CO2 is a memo
   column, outside the total unless ``Options.biomass_co2_in_total``.

Result columns: see :data:`RESULT_COLUMNS`.
"""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from calculators.core import methods as M
from calculators.core import template
from calculators.core.factors import FactorTable
from calculators.core.gwp import GROUPS, GwpError, GwpTable, canonical_gas
from calculators.core.messages import MISSING_FACTOR, UNKNOWN_GAS, UNKNOWN_GWP_SET
from calculators.core.normalise import (
    DIM_UNITS,
    DIMS,
    METHOD_INDEX,
    OVERRIDES,
    Sparse,
    overrides_sparse,
)
from calculators.core.units import convert_units

#: Gas-group result columns (t of gas), in GB/T 32150 order.
GAS_COLUMNS: dict[str, str] = {
    "CO2": "co2",
    "CH4": "ch4",
    "N2O": "n2o",
    "HFCs": "hfcs",
    "PFCs": "pfcs",
    "SF6": "sf6",
    "NF3": "nf3",
}
#: Numeric result columns: gas masses (t), biogenic CO2 memo (t), CO2e (t), energy (GJ).
OUTPUT_COLUMNS: tuple[str, ...] = (*GAS_COLUMNS.values(), "co2_biogenic", "co2e", "energy_gj")
RESULT_COLUMNS: tuple[str, ...] = (
    *OUTPUT_COLUMNS,
    "scope",
    "category",
    "method",
    "quantity",
    "quantity_dim",
    "factor_combo",
    "override_mask",
    "factors",
    "factor_sources",
    "verification",
    "overridden",
)
METHOD_KEYS = template.METHOD_KEYS
_MI = {m: i for i, m in enumerate(METHOD_KEYS)}
RELEASE_METHODS = ("gas_release", "refrigerant_mass_balance", "measured")
IPCC_METHODS = ("ipcc_tier1", "biomass")
_VERIFICATION_ORDER = {"M": 0, "T": 1, "V": 2, "measured": 3, "": 4}


@dataclass(frozen=True)
class Options:
    """Method options of a run (stored with the run; 6.3.2).

    ``ipcc_sector``: ``manufacturing`` (IPCC Table 2.3) or ``energy`` (Table 2.2) CH4/N2O.
    ``biomass_co2_in_total``: count biogenic CO2 (GB/T 32150: no, memo only).
    ``ch4_fossil_split``: use the fossil / non-fossil CH4 GWP where the set has one (AR5, AR6).
    ``strict``: raise :class:`EngineError` when a row lacks a factor (else NaN results).
    """

    ipcc_sector: str = "manufacturing"
    biomass_co2_in_total: bool = False
    ch4_fossil_split: bool = False
    strict: bool = True

    @classmethod
    def of(cls, value: "Options | dict | None") -> "Options":
        if isinstance(value, Options):
            return value
        known = {k: v for k, v in (value or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Issue:
    """A structured, translatable problem: message template (messages.py) and its params."""

    code: str
    message: str
    params: dict = field(default_factory=dict)

    @property
    def row(self):
        return self.params.get("row")

    @property
    def column(self):
        return self.params.get("column")

    @property
    def value(self):
        return self.params.get("value")

    def __str__(self) -> str:
        return self.message % self.params


class EngineError(ValueError):
    """The engine cannot compute: ``issues`` lists every row and factor that is missing."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(i) for i in issues[:5]))
        self.issues = issues


# --- what each method reads: (override key, library parameter, gas, per_dim rule, required, default)
# per_dim rule: "q" = the quantity's dimension, or a fixed dimension ("energy", "mass", "volume", "")
_EF3 = [
    ("ef_co2", "ef", "CO2", "energy", True, None),
    ("ef_ch4", "ef", "CH4", "energy", False, 0.0),
    ("ef_n2o", "ef", "N2O", "energy", False, 0.0),
]
_IPCC = [
    ("ncv", "ncv", "", "q", True, None),
    ("ef_co2", "ef", "CO2", "energy", True, None),
    ("ef_ch4", "ef", "CH4", "energy", True, None),
    ("ef_n2o", "ef", "N2O", "energy", True, None),
]
NEEDS: dict[str, list[tuple]] = {
    "fuel_cn": [
        ("ncv", "ncv", "", "q", True, None),
        ("carbon_content", "carbon_content", "", "energy", True, None),
        ("oxidation_rate", "oxidation_rate", "", "", True, None),
    ],
    "fuel_cn_carbon_mass": [
        ("carbon_content_mass", "carbon_content_mass", "", "q", True, None),
        ("oxidation_rate", "oxidation_rate", "", "", True, None),
    ],
    "ipcc_tier1": _IPCC,
    "biomass": _IPCC,
    "direct_ef": [
        ("ef_co2", "ef", "CO2", "q", False, 0.0),
        ("ef_ch4", "ef", "CH4", "q", False, 0.0),
        ("ef_n2o", "ef", "N2O", "q", False, 0.0),
    ],
    "purchased_electricity": _EF3,
    "exported_electricity": _EF3,
    "purchased_heat": _EF3,
    "exported_heat": _EF3,
    "steam_heat": [("steam_enthalpy", "steam_enthalpy", "", "", True, None), *_EF3],
    "carbonate": [
        ("ef_co2", "ef", "CO2", "mass", True, None),
        ("purity", "purity", "", "", True, None),
        ("calcination_fraction", "calcination_fraction", "", "", False, 1.0),
    ],
    "carbon_mass_balance": [("carbon_fraction", "carbon_fraction", "", "", True, None)],
    "co2_recovery": [
        ("purity", "purity", "", "", True, None),
        ("density", "density", "CO2", "volume", False, M.CO2_DENSITY_T_PER_WAN_NM3 / 1e4),
    ],
}
#: Every parameter slot of the combination matrix, in order.
PARAMS: tuple[str, ...] = (*OVERRIDES, "density")
_PI = {p: i for i, p in enumerate(PARAMS)}
_OVERRIDE_BIT = {p: 1 << i for i, p in enumerate(OVERRIDES)}
#: Rows per chunk of the result gathers (their combos and quantities stay in cache).
_CHUNK = 1 << 17


# ------------------------------------------------------------------------------ preparation
@dataclass
class Prepared:
    """An activity frame reduced to combinations (see :func:`prepare`).

    A *combination* is a distinct (method, quantity dimension, carbon-balance direction,
    lookup name, year): everything the factors and the formula of a row depend on. Per row
    only ``combo``, the canonical quantity and the (sparse) overrides remain.
    """

    n: int
    combo: np.ndarray  # per row: combination code (intp)
    q: np.ndarray  # per row: quantity in the canonical unit of its dimension
    u_m: np.ndarray  # per combination: method index, len(METHOD_KEYS) = unknown
    u_dim: np.ndarray  # quantity dimension code (normalise.DIMS), 5 = unusable
    u_out: np.ndarray  # bool, carbon mass balance output
    u_name: np.ndarray  # lookup name (object): material key or canonical gas, "" none
    u_year: np.ndarray  # int
    counts: np.ndarray  # rows per combination
    overrides: Sparse  # key → (row positions, canonical values), given cells only
    problems: list
    rows: np.ndarray  # file row numbers for messages

    @property
    def mcode(self) -> np.ndarray:
        """Method index per row (−1 unknown)."""
        return np.where(self.u_m < len(METHOD_KEYS), self.u_m, -1)[self.combo]

    @property
    def dim(self) -> np.ndarray:
        """Quantity dimension code per row (−1 unusable)."""
        return np.where(self.u_dim < len(DIMS), self.u_dim, -1)[self.combo]

    @property
    def year(self) -> np.ndarray:
        """Year per row."""
        return self.u_year[self.combo]

    def override(self, slot: str) -> np.ndarray | None:
        """The overrides of ``slot`` as a per-row array (NaN = not given), or None."""
        if slot not in self.overrides:
            return None
        pos, values = self.overrides[slot]
        full = np.full(self.n, np.nan)
        full[pos] = values
        return full


def _as_category(col: pd.Series) -> pd.Series:
    return col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")


def _text_codes(col: pd.Series | None, n: int) -> tuple[np.ndarray, list[str]]:
    """Category codes (−1 for blank) and the stripped category names."""
    if col is None or (col.dtype == object and col.isna().all()):
        return np.full(n, -1, dtype=np.int8), []
    cat = _as_category(col)
    names = [str(c).strip() for c in cat.cat.categories]
    codes = cat.cat.codes.to_numpy()
    if all(names):  # the usual case: no blank category, the codes are final
        return codes, names
    blank = np.array([not s for s in names] + [True])
    return np.where(blank[codes], -1, codes), names


@dataclass
class _Part:
    """One column of the combination key: value = ``codes + offset`` in ``[0, card)``."""

    codes: np.ndarray
    offset: int
    card: int


def _combine(
    parts: list[_Part], n: int, canon: Callable[[list[np.ndarray]], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Code per row of the distinct rows of the key parts, as ``canon`` numbers them.

    ``canon`` receives the values of each part per distinct row (offset removed) and returns
    each distinct row's final code. Returns (code per row (intp), rows per distinct row).
    Vectorised: a mixed-radix key built in place, then a dense count
    and a single gather over the key space when it is small.
    """
    span = 1
    for p in parts:
        span *= p.card
    if span >= 1 << 62:  # absurd key space: number the rows by hashing
        frame = pd.DataFrame({i: p.codes for i, p in enumerate(parts)})
        ngroup = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
        _u, first, inverse = np.unique(ngroup, return_index=True, return_inverse=True)
        final = canon([p.codes[first].astype(np.int64) for p in parts])
        return final.astype(np.intp)[inverse.reshape(-1)], np.bincount(inverse.reshape(-1))
    key = np.empty(n, dtype=np.intp)  # intp: bincount and the gather take it as it is
    key[...] = parts[0].codes
    const = parts[0].offset
    for p in parts[1:]:
        key *= p.card
        np.add(key, p.codes, out=key, casting="unsafe")
        const = const * p.card + p.offset
    if const:
        key += const
    dense = span <= max(2 * n, 1 << 20)
    if dense:  # count per key value
        counts = np.bincount(key, minlength=span)
        uniques = np.flatnonzero(counts)
        counts = counts[uniques]
    else:
        codes, uniques = pd.factorize(key)
        counts = np.bincount(codes, minlength=len(uniques))
    values = []
    rest = uniques.astype(np.int64)
    for p in reversed(parts):
        values.append(rest % p.card - p.offset)
        rest //= p.card
    final = np.asarray(canon(values[::-1]), dtype=np.intp)
    if dense:
        remap = np.zeros(span, dtype=np.intp)
        remap[uniques] = final
        return remap.take(key), counts
    return final[codes], counts


def _unit_tables(units: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, factor per code, dimension per code) of a unit column; the last slot (code −1)
    is blank: factor NaN, dimension −3. Dimension −1 unknown, −2 of no quantity dimension."""
    cat = _as_category(units)
    conv = convert_units(np.asarray(cat.cat.categories, dtype=object), DIM_UNITS)
    factor = np.append(conv.factor, np.nan)
    dim = np.append(conv.target, -3)
    return cat.cat.codes.to_numpy(), factor, dim


def _year_part(activity: pd.DataFrame, n: int) -> tuple[_Part, Callable]:
    """The year as a key part, and value → year."""
    if "year" in activity:
        year = activity["year"].to_numpy()
        if year.dtype.kind not in "iu":
            year = year.astype(np.int64)
    else:
        per = activity["period"]
        if pd.api.types.is_datetime64_any_dtype(per):
            year = per.dt.year.to_numpy(dtype=np.int64)
        else:
            cat = _as_category(per)
            lut = np.array(
                [int(str(c)[:4]) if str(c)[:4].isdigit() else 0 for c in cat.cat.categories] + [0],
                dtype=np.int64,
            )
            return _Part(cat.cat.codes.to_numpy(), 1, len(lut)), lambda v: lut[v]
    if not n:
        return _Part(np.zeros(0, dtype=np.int64), 0, 1), lambda v: v
    ymin, ymax = int(year.min()), int(year.max())
    return _Part(year, -ymin, ymax - ymin + 1), lambda v: v


def _output_part(activity: pd.DataFrame, method: _Part, mlut: np.ndarray, n: int):
    """The direction as a key part, and value → is an output. Only the carbon balance reads it."""
    if "direction" not in activity:
        return None, None
    col = activity["direction"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        names = [str(c).strip().lower() for c in col.cat.categories]
        is_out = np.array([s == "output" for s in names] + [False])
        return _Part(col.cat.codes.to_numpy(), 1, len(is_out)), lambda v: is_out[v]
    cmb = np.flatnonzero(mlut == _MI["carbon_mass_balance"])  # its category codes
    if not len(cmb):
        return None, None
    codes = method.codes
    at = codes == cmb[0]
    for c in cmb[1:]:
        at |= codes == c
    rows = np.flatnonzero(at)  # rows of the carbon balance only
    values = pd.Series(col.array.take(rows), dtype=object)
    codes, uniques = pd.factorize(values)
    is_out = np.array([str(u).strip().lower() == "output" for u in uniques] + [False])
    flag = np.zeros(n, dtype=np.int8)
    flag[rows] = is_out[codes]
    return _Part(flag, 0, 2), lambda v: v.astype(bool)


def prepare(activity: pd.DataFrame) -> Prepared:
    """Reduce an activity frame (intake output or stored rows) to combinations; vectorised.

    Reads ``method``, ``quantity`` + ``unit`` (or ``quantity_normalised`` + ``unit_normalised``),
    ``period`` (or ``year``), ``material`` (blank → ``source_material``), ``gas``, ``direction``
    and the override columns with their units. Per row: one key from the category codes of
    these columns, its distinct values (combinations), the quantity in its canonical unit;
    everything else (method, dimension, lookup name, year) is worked out per combination.
    """
    n = len(activity)
    method = _as_category(activity["method"])
    mlut = np.array(
        [METHOD_INDEX.get(str(c).strip(), -1) for c in method.cat.categories], dtype=np.int64
    )
    m_part = _Part(method.cat.codes.to_numpy(), 1, len(mlut) + 1)
    if "quantity_normalised" in activity and "unit_normalised" in activity:
        qcol, ucol = activity["quantity_normalised"], activity["unit_normalised"]
    else:
        qcol, ucol = activity["quantity"], activity["unit"]
    ucodes, ufactor, udim = _unit_tables(ucol)
    quantity = (
        qcol.to_numpy()
        if qcol.dtype.kind == "f"
        else pd.to_numeric(qcol, errors="coerce").to_numpy(dtype=float)
    )
    q = quantity * ufactor.take(ucodes)  # code −1 → the last slot (NaN)
    mat_codes, mat_names = _text_codes(activity.get("material"), n)
    parts = [m_part, _Part(ucodes, 1, len(ufactor)), _Part(mat_codes, 1, len(mat_names) + 1)]
    src_names: list[str] = []
    if "source_material" in activity and (mat_codes < 0).any():
        s_codes, src_names = _text_codes(activity["source_material"], n)
        parts.append(_Part(s_codes, 1, len(src_names) + 1))
    gas_codes, gas_names = _text_codes(activity.get("gas"), n)
    parts.append(_Part(gas_codes, 1, len(gas_names) + 1))
    y_part, year_of = _year_part(activity, n)
    parts.append(y_part)
    o_part, out_of = _output_part(activity, m_part, mlut, n)
    if o_part is not None:
        parts.append(o_part)
    found: dict = {}

    def canon(values: list[np.ndarray]) -> np.ndarray:
        """Per distinct key: method, dimension, lookup name, year, output → combination."""
        v_m, v_u, v_mat, *rest = values
        v_src = rest.pop(0) if src_names else None
        v_gas, v_year = rest[0], rest[1]
        r_m = np.append(mlut, -1)[v_m]
        r_dim = udim[v_u]
        r_year = year_of(v_year)
        cmb = r_m == _MI["carbon_mass_balance"]
        r_out = out_of(rest[2]) & cmb if o_part is not None else np.zeros(len(r_m), dtype=bool)
        mats = np.asarray([*mat_names, ""], dtype=object)[v_mat]
        if v_src is not None:
            srcs = np.asarray([*src_names, ""], dtype=object)[v_src]
            mats = np.where(v_mat >= 0, mats, srcs)
        names = mats.copy()
        rel = np.flatnonzero(np.isin(r_m, [_MI[k] for k in RELEASE_METHODS]))
        if len(rel):  # released gas: the row's gas, else the material's; bare measured: CO2
            gas = np.asarray([*(canonical_gas(g) or g for g in gas_names), ""], dtype=object)
            gas = gas[v_gas[rel]]
            m_codes, m_uniq = pd.factorize(mats[rel])
            mat = np.asarray([*(canonical_gas(x) or x for x in m_uniq), ""], dtype=object)
            mat = mat[m_codes]
            bare = np.where(r_m[rel] == _MI["measured"], "CO2", "")
            names[rel] = np.where(gas != "", gas, np.where(mat != "", mat, bare))
        # combinations: distinct (method, dimension, output, name, year), in that order
        name_codes, name_uniques = pd.factorize(names, sort=True)
        ymin = int(r_year.min()) if len(r_year) else 0
        yspan = int(r_year.max()) - ymin + 1 if len(r_year) else 1
        r_m = np.where(r_m < 0, len(METHOD_KEYS), r_m)
        ckey = r_m.astype(np.int64) * 8 + (r_dim + 3)
        ckey = ckey * 2 + r_out
        ckey = ckey * (len(name_uniques) + 1) + name_codes
        ckey = ckey * yspan + (r_year - ymin)
        _u, first, inverse = np.unique(ckey, return_index=True, return_inverse=True)
        found["u_m"] = r_m[first]
        found["u_dim"] = np.where(r_dim < 0, len(DIMS), r_dim)[first]
        found["u_out"] = r_out[first].astype(bool)
        found["u_name"] = np.asarray(names, dtype=object)[first]
        found["u_year"] = np.asarray(r_year, dtype=np.int64)[first]
        found["inverse"] = inverse.reshape(-1)
        return found["inverse"]

    combo, counts = _combine(parts, n, canon)
    u_m, u_dim = found["u_m"], found["u_dim"]
    prep = Prepared(
        n=n,
        combo=combo,
        q=q,
        u_m=u_m,
        u_dim=u_dim,
        u_out=found["u_out"],
        u_name=found["u_name"],
        u_year=found["u_year"],
        counts=np.bincount(found["inverse"], weights=counts, minlength=len(u_m)).astype(np.int64),
        overrides={},
        problems=[],
        rows=(
            activity["row"].to_numpy()
            if "row" in activity
            else (
                activity["row_number"].to_numpy() if "row_number" in activity else np.arange(n) + 2
            )
        ),
    )
    prep.overrides, prep.problems = overrides_sparse(
        activity, lambda pos: u_m[combo[pos]], lambda pos: u_dim[combo[pos]]
    )
    return prep


def _dense_factorize(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of non-negative int keys; dense bincount when the key space is small."""
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    top = int(key.max()) + 1
    if top <= 1 << 24:
        present = np.bincount(key, minlength=top) > 0
        uniques = np.flatnonzero(present)
        remap = np.cumsum(present) - 1  # intp: fancy indexing is fastest with it
        return remap[key], uniques
    codes, uniques = pd.factorize(key, sort=True)
    return codes, uniques


# ------------------------------------------------------------------------------ resolution
@dataclass
class Resolution:
    """Library factors per combination, and the per-row pieces the engine needs."""

    prep: Prepared
    combo: np.ndarray  # per row
    u_m: np.ndarray
    u_dim: np.ndarray
    u_year: np.ndarray
    u_out: np.ndarray
    u_name: np.ndarray
    lib: np.ndarray  # U × len(PARAMS), canonical values, NaN = none
    trace: pd.DataFrame  # per (combo, parameter) provenance
    missing_rows: np.ndarray  # row positions lacking a required factor
    missing_params: list[str]  # parameter per missing row


def _per_dim(rule: str, dim: np.ndarray) -> np.ndarray:
    if rule != "q":
        return np.full(len(dim), rule, dtype=object)
    names = np.asarray([*DIMS, "", "", ""], dtype=object)
    return names[np.where(dim < 0, len(DIMS), dim)]


def resolve(activity_or_prep, factors: FactorTable, options: Options | None = None) -> Resolution:
    """Resolve library factors per combination and find rows lacking a required factor."""
    options = Options.of(options)
    prep = activity_or_prep if isinstance(activity_or_prep, Prepared) else prepare(activity_or_prep)
    combo, u_m, u_dim, u_year, u_out, u_name = (
        prep.combo,
        prep.u_m,
        prep.u_dim,
        prep.u_year,
        prep.u_out,
        prep.u_name,
    )
    n_u = len(u_m)
    lib = np.full((n_u, len(PARAMS)), np.nan)
    # one lookup per preference group
    prefer_ipcc = (
        ("IPCC2006_T1_energy", "IPCC2006_T1_manufacturing")
        if options.ipcc_sector == "energy"
        else ("IPCC2006_T1_manufacturing", "IPCC2006_T1_energy")
    )
    # the keys to look up: per method, its parameters for its combinations
    pieces: dict[str, list] = {k: [] for k in ("combo", "slot", "parameter", "gas", "rule")}
    for mk, needs in NEEDS.items():
        sel = np.flatnonzero(u_m == _MI[mk])
        if not len(sel):
            continue
        for slot, parameter, gas, rule, _req, _default in needs:
            s = sel
            if slot == "ncv":
                s = sel[u_dim[sel] != DIMS.index(template.ENERGY)]
            if slot == "density":
                s = sel[u_dim[sel] == DIMS.index(template.VOLUME)]
            if not len(s):
                continue
            pieces["combo"].append(s)
            for name, value in (("slot", slot), ("parameter", parameter), ("gas", gas)):
                pieces[name].append(np.full(len(s), value, dtype=object))
            pieces["rule"].append(_per_dim(rule, u_dim[s]))
    if pieces["combo"]:
        k_combo = np.concatenate(pieces["combo"])
        slot = np.concatenate(pieces["slot"])
        # sorted by (combination, slot name), as the trace is read
        slot_rank = {p: i for i, p in enumerate(sorted(PARAMS))}
        order = np.argsort(
            k_combo * len(PARAMS) + np.array([slot_rank[x] for x in slot.tolist()]),
            kind="stable",
        )
        k_combo, slot = k_combo[order], slot[order]
        cols = {
            "combo": k_combo,
            "slot": slot,
            "material": u_name[k_combo],
            "parameter": np.concatenate(pieces["parameter"])[order],
            "gas": np.concatenate(pieces["gas"])[order],
            "per_dim": np.concatenate(pieces["rule"])[order],
            "year": u_year[k_combo].astype(float),
            "ipcc": np.isin(u_m[k_combo], [_MI[m] for m in IPCC_METHODS]),
        }
        keys = [cols[c] for c in ("material", "parameter", "gas", "per_dim", "year")]
        chosen = np.full(len(k_combo), -1, dtype=np.int64)
        for is_ipcc in (False, True):
            at = np.flatnonzero(cols["ipcc"] == is_ipcc)
            if len(at):
                chosen[at] = factors.choose(
                    [k[at] for k in keys], prefer=prefer_ipcc if is_ipcc else ()
                )
        cols.update(factors.rows_at(chosen))
        value = cols["value"].astype(float)
        ok = ~np.isnan(value)
        lib[k_combo[ok], np.array([_PI[x] for x in slot[ok].tolist()], dtype=np.intp)] = value[ok]
        trace = pd.DataFrame(cols)
    else:
        trace = pd.DataFrame(columns=["combo", "slot", "material", "parameter", "gas", "value"])
    res = Resolution(
        prep=prep,
        combo=combo,
        u_m=u_m,
        u_dim=u_dim,
        u_year=u_year,
        u_out=u_out,
        u_name=u_name,
        lib=lib,
        trace=trace,
        missing_rows=np.zeros(0, dtype=np.int64),
        missing_params=[],
    )
    _find_missing(res)
    return res


def _find_missing(res: Resolution) -> None:
    """Rows whose method needs a factor found neither in the library nor in the row."""
    prep = res.prep
    rows_out: list[np.ndarray] = []
    params_out: list[str] = []
    for mk, needs in NEEDS.items():
        mi = _MI[mk]
        combos = np.flatnonzero(res.u_m == mi)
        if not len(combos):
            continue
        for slot, _parameter, _gas, _rule, required, _default in needs:
            if not required:
                continue
            col = res.lib[:, _PI[slot]]
            lacking = combos[np.isnan(col[combos])]
            if slot == "ncv":
                lacking = lacking[res.u_dim[lacking] != DIMS.index(template.ENERGY)]
            if not len(lacking):
                continue
            flag = np.zeros(len(res.u_m), dtype=bool)
            flag[lacking] = True
            rows = np.flatnonzero(flag[res.combo])
            if slot in prep.overrides:
                rows = rows[~np.isin(rows, prep.overrides[slot][0])]
            rows_out.append(rows)
            params_out.extend([slot] * len(rows))
    # direct_ef needs at least one gas factor
    mi = _MI["direct_ef"]
    combos = np.flatnonzero(res.u_m == mi)
    if len(combos):
        any_lib = ~np.isnan(res.lib[:, [_PI["ef_co2"], _PI["ef_ch4"], _PI["ef_n2o"]]]).all(axis=1)
        flag = np.zeros(len(res.u_m), dtype=bool)
        flag[combos[~any_lib[combos]]] = True
        rows = np.flatnonzero(flag[res.combo])
        for slot in ("ef_co2", "ef_ch4", "ef_n2o"):
            if slot in prep.overrides:
                rows = rows[~np.isin(rows, prep.overrides[slot][0])]
        rows_out.append(rows)
        params_out.extend(["ef"] * len(rows))
    if rows_out:
        res.missing_rows = np.concatenate(rows_out)
        res.missing_params = params_out


def missing_factor_issues(res: Resolution, activity: pd.DataFrame) -> list[Issue]:
    """One :data:`MISSING_FACTOR` issue per row and lacking parameter."""
    issues = []
    mats = activity.get("material", None)
    for pos, param in zip(res.missing_rows.tolist(), res.missing_params, strict=True):
        value = res.u_name[res.combo[pos]]
        if mats is not None and isinstance(mats.iloc[pos], str) and mats.iloc[pos].strip():
            value = mats.iloc[pos].strip()
        issues.append(
            Issue(
                "missing_factor",
                MISSING_FACTOR,
                {
                    "row": int(res.prep.rows[pos]),
                    "column": "material",
                    "value": value,
                    "parameter": param,
                    "year": int(res.u_year[res.combo[pos]]),
                },
            )
        )
    return issues


# ------------------------------------------------------------------------------ coefficients
def _coefficients(
    m: np.ndarray,
    dim: np.ndarray,
    out: np.ndarray,
    P: np.ndarray,
    gprops: dict[str, np.ndarray],
    options: Options,
) -> dict[str, np.ndarray]:
    """Result per unit of canonical quantity for each entry (combination or overridden row).

    ``P``: parameters (len × len(PARAMS)), defaults already applied. Vectorised per method.
    """
    k = len(m)
    one = np.ones(k)
    raw = {
        key: np.zeros(k)
        for key in ("CO2", "CH4", "N2O", "release", "co2_biogenic", "co2e_direct", "energy_gj")
    }
    energy = dim == DIMS.index(template.ENERGY)

    def p(name, sel):
        return P[sel, _PI[name]]

    for mk in METHOD_KEYS:
        sel = np.flatnonzero(m == _MI[mk])
        if not len(sel):
            continue
        q = one[sel]
        if mk == "fuel_cn":
            r = M.fuel_cn(
                q, p("ncv", sel), p("carbon_content", sel), p("oxidation_rate", sel), energy[sel]
            )
        elif mk == "fuel_cn_carbon_mass":
            r = M.fuel_cn_carbon_mass(q, p("carbon_content_mass", sel), p("oxidation_rate", sel))
        elif mk in ("ipcc_tier1", "biomass"):
            fn = M.ipcc_tier1 if mk == "ipcc_tier1" else M.biomass
            r = fn(
                q, p("ncv", sel), p("ef_co2", sel), p("ef_ch4", sel), p("ef_n2o", sel), energy[sel]
            )
        elif mk == "direct_ef":
            r = M.direct_ef(q, p("ef_co2", sel), p("ef_ch4", sel), p("ef_n2o", sel))
        elif mk in (
            "purchased_electricity",
            "exported_electricity",
            "purchased_heat",
            "exported_heat",
        ):
            sign = float(template.METHODS[mk].sign)
            fn = M.electricity if "electricity" in mk else M.heat
            r = fn(q, p("ef_co2", sel), sign)
            r["CH4"] = sign * q * p("ef_ch4", sel)
            r["N2O"] = sign * q * p("ef_n2o", sel)
        elif mk == "steam_heat":
            r = M.steam_heat(q, p("steam_enthalpy", sel), p("ef_co2", sel))
            gj = r["energy_gj"]
            r["CH4"] = gj * p("ef_ch4", sel)
            r["N2O"] = gj * p("ef_n2o", sel)
        elif mk in ("gas_release", "refrigerant_mass_balance"):
            r = M.gas_release(q)
        elif mk == "carbonate":
            r = M.carbonate(q, p("purity", sel), p("calcination_fraction", sel), p("ef_co2", sel))
        elif mk == "carbon_mass_balance":
            r = M.carbon_mass_balance(q, p("carbon_fraction", sel), out[sel])
        elif mk == "co2_recovery":
            is_vol = dim[sel] == DIMS.index(template.VOLUME)
            r = M.co2_recovery(q, p("purity", sel), p("density", sel), is_vol)
        elif mk == "measured":
            r = M.measured(q, dim[sel] == DIMS.index(template.CO2E))
        else:  # production data: no emissions
            r = {}
        for key, arr in r.items():
            raw[key][sel] = arr
    g = gprops
    gwp_eff = g["gwp"]
    with np.errstate(invalid="ignore", divide="ignore"):
        direct_mass = np.where(raw["co2e_direct"] != 0, raw["co2e_direct"] / gwp_eff, 0.0)
    rel = raw["release"] + direct_mass
    has_rel = rel != 0
    res = {}
    for group, col in GAS_COLUMNS.items():
        base = raw.get(group, 0.0) if group in ("CO2", "CH4", "N2O") else 0.0
        res[col] = base + np.where(has_rel, rel * g["fr_" + group], 0.0)
    res["co2_biogenic"] = raw["co2_biogenic"]
    co2e = raw["CO2"] + raw["CH4"] * g["gwp_ch4"] + raw["N2O"] * g["gwp_n2o"]
    co2e = co2e + np.where(has_rel, rel * gwp_eff, 0.0)
    if options.biomass_co2_in_total:
        co2e = co2e + raw["co2_biogenic"]
    res["co2e"] = co2e
    res["energy_gj"] = raw["energy_gj"]
    return res


def _gas_properties(res: Resolution, gwp: GwpTable, options: Options) -> tuple[dict, list[str]]:
    """Per combination: effective GWP, group fractions, group GWPs, CH4 and N2O GWPs."""
    n_u = len(res.u_m)
    rel_m = np.isin(res.u_m, [_MI[m] for m in RELEASE_METHODS])
    names = [str(x) for x in res.u_name]
    gases = sorted({canonical_gas(names[i]) or names[i] for i in np.flatnonzero(rel_m)})
    props = gwp.properties(gases)
    idx = {g: i for i, g in enumerate(gases)}
    out = {"gwp": np.zeros(n_u)}
    for grp in GROUPS:
        out["fr_" + grp] = np.zeros(n_u)
        out["gw_" + grp] = np.zeros(n_u)
    unknown: list[str] = []
    for i in np.flatnonzero(rel_m):
        gname = canonical_gas(names[i]) or names[i]
        j = idx[gname]
        out["gwp"][i] = props.gwp[j]
        for grp in GROUPS:
            out["fr_" + grp][i] = props.fractions[grp][j]
            fr = props.fractions[grp][j]
            out["gw_" + grp][i] = props.weighted[grp][j] / fr if fr else 0.0
        if np.isnan(props.gwp[j]) or canonical_gas(names[i]) is None:
            unknown.append(names[i])
    ch4 = gwp.value("CH4")
    ch4_f = gwp.value("CH4_fossil") if options.ch4_fossil_split else np.nan
    ch4_nf = gwp.value("CH4_nonfossil") if options.ch4_fossil_split else np.nan
    is_bio = res.u_m == _MI["biomass"]
    out["gwp_ch4"] = np.where(
        is_bio,
        ch4_nf if not np.isnan(ch4_nf) else ch4,
        ch4_f if not np.isnan(ch4_f) else ch4,
    )
    out["gwp_n2o"] = np.full(n_u, gwp.value("N2O"))
    out["gw_CH4"] = np.where(out["fr_CH4"] > 0, out["gw_CH4"], out["gwp_ch4"])
    out["gw_N2O"] = np.where(out["fr_N2O"] > 0, out["gw_N2O"], out["gwp_n2o"])
    out["gw_CO2"] = np.ones(n_u)
    return out, sorted(set(unknown))


def _with_defaults(m: np.ndarray, P: np.ndarray) -> np.ndarray:
    for mk, needs in NEEDS.items():
        sel = m == _MI[mk]
        if not sel.any():
            continue
        for slot, _p, _g, _r, required, default in needs:
            if not required and default is not None:
                j = _PI[slot]
                P[sel, j] = np.where(np.isnan(P[sel, j]), default, P[sel, j])
    return P


# ------------------------------------------------------------------------------ compute
def compute(
    activity: pd.DataFrame,
    factors: FactorTable,
    *,
    gwp_set: "str | pd.DataFrame | GwpTable",
    options: "Options | dict | None" = None,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Per-row results of an activity frame (6.3.1 f); see the module docstring.

    ``activity``: the intake frame (template columns; ``quantity``/``unit`` or
    ``quantity_normalised``/``unit_normalised``); optional ``scope``/``category`` columns
    (from the source register) take precedence over the method defaults.
    ``gwp_set``: ``SAR``/``AR4``/``AR5``/``AR6`` (shipped values) or a GWP frame/table.
    Returns a frame aligned with ``activity``'s index with :data:`RESULT_COLUMNS` plus the
    passthrough columns ``row``, ``source``, ``facility``, ``period``, ``material``, ``gas``
    where present; ``attrs`` holds ``gwp_set``, ``options`` and the core's per-combination
    tables (read them with :func:`trace` and :func:`factor_values`; the trace gives per combination
    and parameter: value, unit, set, year, source, verification, factor_id).
    Raises :class:`EngineError` (strict) when a row lacks a factor or a gas lacks a GWP.
    """
    options = Options.of(options)
    try:
        gwp = gwp_set if isinstance(gwp_set, GwpTable) else GwpTable(gwp_set)
    except GwpError as exc:
        raise EngineError(
            [Issue("unknown_gwp_set", UNKNOWN_GWP_SET, {"value": str(gwp_set)})]
        ) from exc
    res = resolve(activity, factors, options)
    prep = res.prep
    if progress:
        progress(0.3)
    gprops, unknown_gases = _gas_properties(res, gwp, options)
    issues: list[Issue] = []
    if len(res.missing_rows):
        issues.extend(missing_factor_issues(res, activity))
    if unknown_gases:
        bad = set(unknown_gases)
        for pos in np.flatnonzero(np.isin(res.u_name[res.combo], list(bad))):
            issues.append(
                Issue(
                    "unknown_gas",
                    UNKNOWN_GAS,
                    {
                        "row": int(prep.rows[pos]),
                        "column": "gas",
                        "value": res.u_name[res.combo[pos]],
                    },
                )
            )
    if issues and options.strict:
        raise EngineError(issues)
    # combination coefficients (library values + defaults)
    P = _with_defaults(res.u_m, res.lib.copy())
    coef = _coefficients(res.u_m, res.u_dim, res.u_out, P, gprops, options)
    # overridden rows: only the overrides the row's method reads count
    used_bits = np.zeros(len(METHOD_KEYS) + 1, dtype=np.int32)
    for mk, needs in NEEDS.items():
        for slot, *_ in needs:
            used_bits[_MI[mk]] |= _OVERRIDE_BIT.get(slot, 0)
    mask = np.zeros(prep.n, dtype=np.int32)
    used_pos = []
    for slot, (pos, _values) in prep.overrides.items():
        bit = _OVERRIDE_BIT.get(slot, 0)
        p = pos[(used_bits[res.u_m[res.combo[pos]]] & bit) != 0]
        if len(p):
            mask[p] |= bit
            used_pos.append(p)
    ov_rows = np.unique(np.concatenate(used_pos)) if used_pos else np.zeros(0, dtype=np.intp)
    q = prep.q
    out: dict[str, np.ndarray] = {}
    if len(ov_rows):
        c = res.combo[ov_rows]
        Po = res.lib[c].copy()
        for slot, (pos, values) in prep.overrides.items():
            if slot in _PI:
                k = np.minimum(np.searchsorted(ov_rows, pos), len(ov_rows) - 1)
                hit = ov_rows[k] == pos
                Po[k[hit], _PI[slot]] = values[hit]
        Po = _with_defaults(res.u_m[c], Po)
        gsub = {k: v[c] for k, v in gprops.items()}
        coef_o = _coefficients(res.u_m[c], res.u_dim[c], res.u_out[c], Po, gsub, options)
    # result = quantity × coefficient[combination], the non-zero columns into one block (a
    # single allocation), a chunk of rows at a time so that its combos and quantities stay in
    # cache across the columns
    nonzero = [
        col for col in OUTPUT_COLUMNS if np.any(coef[col]) or (len(ov_rows) and np.any(coef_o[col]))
    ]
    block = np.empty((len(nonzero), prep.n))
    if nonzero:
        table = [coef[col] for col in nonzero]
        for start in range(0, prep.n, _CHUNK):
            rows = slice(start, start + _CHUNK)
            combo, qc = res.combo[rows], q[rows]
            for j, cvec in enumerate(table):
                np.multiply(cvec.take(combo), qc, out=block[j, rows])
        if len(ov_rows):
            block[:, ov_rows] = np.stack([coef_o[col] for col in nonzero]) * q[ov_rows]
        if len(res.missing_rows):
            block[:, res.missing_rows] = np.nan
    for col in OUTPUT_COLUMNS:
        if col in nonzero:
            out[col] = block[nonzero.index(col)]
        else:
            out[col] = np.zeros(prep.n)
            if len(res.missing_rows):
                out[col][res.missing_rows] = np.nan
    if progress:
        progress(0.8)
    out.update(_annotate(activity, res, mask, ov_rows, gprops, gwp))
    result = pd.DataFrame(out, index=activity.index, copy=False)
    result.attrs["gwp_set"] = gwp.name
    result.attrs["options"] = asdict(options)
    result.attrs["core"] = _Shared(
        {
            "trace": res.trace,
            "combo_gwp": {grp: gprops["gw_" + grp] for grp in GROUPS},
            "combo_name": res.u_name,
            "combo_lib": res.lib,
            "combo_method": res.u_m,
        }
    )
    if progress:
        progress(1.0)
    return result


def _annotate(activity, res: Resolution, mask, ov_rows, gprops, gwp: GwpTable) -> dict:
    """Scope, category, method, quantity and the traceability columns (no row-wise Python).

    Every per-row column is a gather from a per-combination table by ``combo``.
    """
    result: dict = {}
    prep = res.prep
    combo = res.combo
    u_m = res.u_m  # len(METHOD_KEYS) = unknown: the last slot of the tables below
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
        sub, sub_uniq = _dense_factorize(combo[ov].astype(np.int64) * (1 << nbits) + mask[ov])
        uniq = np.concatenate([uniq, sub_uniq])
    labels = _trace_labels(res, uniq >> nbits, uniq & ((1 << nbits) - 1), gprops, gwp)
    # per-row codes: gathers from per-combination tables by ``combo``; the pairs of the
    # overridden rows put in afterwards
    per_combo = [
        scope_lut[u_m],
        cat_lut[u_m],
        np.where(u_m < len(METHOD_KEYS), u_m, -1),
        np.where(res.u_dim < len(DIMS), res.u_dim, -1),
    ]
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

    else:
        pair = combo
        if len(ov):
            pair = combo.copy()
            pair[ov] = n_u + sub

        def column(j):
            if j < 4:
                return per_combo[j].astype(np.int8)[combo]
            c = label_codes[j - 4]
            small = np.int8 if len(c) < 127 else np.int16 if len(c) < 32000 else np.int32
            return c.astype(small)[pair]

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
    for c, mk in zip(u_combo.tolist(), u_mask.tolist(), strict=True):
        parts, worst, srcs = [], "measured" if mk else "", []
        over = [s for s, b in _OVERRIDE_BIT.items() if mk & b]
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
            if _VERIFICATION_ORDER.get(tag, 4) < _VERIFICATION_ORDER.get(worst, 4):
                worst = tag
        parts.extend(f"{s}=measured" for s in over)
        m_i = int(res.u_m[c])
        if m_i < len(METHOD_KEYS) and METHOD_KEYS[m_i] in RELEASE_METHODS:
            name = str(res.u_name[c])
            parts.append(f"GWP({name}, {gwp_name})={gprops['gwp'][c]:g}")
            srcs.append(f"IPCC {gwp_name} GWP-100")
            is_measured = METHOD_KEYS[m_i] == "measured"
            tag = "measured" if is_measured else ("M" if len(gwp.composition(name)) > 1 else "V")
            if _VERIFICATION_ORDER[tag] < _VERIFICATION_ORDER.get(worst, 4):
                worst = tag
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
    given = _as_category(activity["category"])
    names = [str(c).strip() for c in given.cat.categories]
    keys = cat_keys + sorted({n for n in names if n} - set(cat_keys))
    lut = np.array([keys.index(n) if n else -1 for n in names] + [-1], dtype=np.int32)
    codes = lut[given.cat.codes.to_numpy()]  # code −1 (missing) picks the last slot: −1
    codes = np.where(codes >= 0, codes, default_codes)
    return _from_codes(codes.astype(np.int32), keys)


def _from_codes(codes: np.ndarray, categories: list) -> pd.Categorical:
    """A categorical from codes already known valid (−1 = missing); no validation pass."""
    return pd.Categorical.from_codes(codes, categories=categories, validate=False)


class _Shared:
    """Holder for the result's per-combination tables in ``attrs``.

    pandas deep-copies ``attrs`` on every derived frame or column; the tables never change
    after compute(), so a deep copy returns the same holder (column access stays cheap).
    """

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __deepcopy__(self, memo):
        return self


def trace(result: pd.DataFrame) -> pd.DataFrame:
    """Per combination (``factor_combo``) and parameter: the library factor used, with value,
    unit, set, version, year, source, verification and factor_id (6.3.2)."""
    return result.attrs["core"].value["trace"]


def factor_values(result: pd.DataFrame, activity: pd.DataFrame) -> pd.DataFrame:
    """Per row, the value of every parameter its method used (canonical units; NaN = not used).

    The row's measured override where given, else the library value of its combination;
    columns :data:`PARAMS` (``ncv`` GJ/t or GJ/m³, ``carbon_content`` tC/GJ, ``ef_*`` t gas
    per canonical quantity unit, fractions …). Meant for reports and exports of a few rows.
    """
    info = result.attrs["core"].value
    combo = result["factor_combo"].to_numpy()
    lib = info["combo_lib"][combo]
    prep = prepare(activity)
    used = np.zeros((len(info["combo_method"]), len(PARAMS)), dtype=bool)
    for mk, needs in NEEDS.items():
        sel = info["combo_method"] == _MI[mk]
        for slot, *_ in needs:
            used[sel, _PI[slot]] = True
    out = {}
    for slot, j in _PI.items():
        values = lib[:, j].copy()
        if slot in prep.overrides:
            pos, given = prep.overrides[slot]
            values[pos] = given
        out[slot] = np.where(used[combo, j], values, np.nan)
    return pd.DataFrame(out, index=result.index)


# ------------------------------------------------------------------------------ aggregation
SUM_COLUMNS: tuple[str, ...] = (*GAS_COLUMNS.values(), "co2_biogenic", "co2e", "energy_gj")


def totals(
    result: pd.DataFrame, by: str | Sequence[str] | None = None
) -> "pd.DataFrame | pd.Series":
    """Sums of gas masses (t), biogenic memo (t), CO2e (t) and energy (GJ).

    ``by``: None (one Series), or columns such as ``scope``, ``category``, ``source``,
    ``facility``, ``period`` (month), ``method``. Production rows contribute zeros.
    """
    cols = [c for c in SUM_COLUMNS if c in result]
    if by is None:
        return result[cols].sum()
    return result.groupby(by, observed=True, sort=True)[cols].sum()


def totals_by_gas(result: pd.DataFrame) -> pd.Series:
    """Total mass per gas group (t), indexed by the group names of clause 3."""
    s = result[list(GAS_COLUMNS.values())].sum()
    s.index = list(GAS_COLUMNS)
    return s


def production(result: pd.DataFrame, per: str = "t", by=None):
    """Production quantity: t of product (``per='t'``) or 万元 of output value (``'万元'``)."""
    method = "production_output" if per == "t" else "production_value"
    rows = result[result["method"] == method]
    if by is None:
        return float(rows["quantity"].sum())
    return rows.groupby(by, observed=True)["quantity"].sum()


def intensity(result: pd.DataFrame, per: str = "t", by=None):
    """Emission intensity (ACCOUNTING.md 11): total tCO2e / production.

    ``per='t'``: tCO2e per t of product; ``per='万元'``: per 10⁴ CNY of output value
    (1 亿元 = 10⁴ 万元; the quantities are already in 万元). NaN where production is 0.
    With ``by``, a frame of co2e, production and intensity per group.
    """
    if by is None:
        return float(M.intensity(result["co2e"].sum(), production(result, per)))
    e = result.groupby(by, observed=True)["co2e"].sum()
    p = production(result, per, by).reindex(e.index).fillna(0.0)
    return pd.DataFrame(
        {"co2e": e, "production": p, "intensity": M.intensity(e.to_numpy(), p.to_numpy())}
    )


# ------------------------------------------------------------------------------ input hash
#: Columns that determine a computation; others (note, data_source) do not enter the hash.
HASH_COLUMNS: tuple[str, ...] = (
    "source",
    "facility",
    "period",
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    "quantity_normalised",
    "unit_normalised",
    "direction",
    *template.OVERRIDE_KEYS,
)


def _hash_text(value, column: str):
    if isinstance(value, float) and np.isnan(value):
        return None
    text = str(value).strip()
    if column == "period":
        text = text[:7]
    return text or None


def input_hash(df: pd.DataFrame) -> str:
    """Stable SHA-256 of the normalised activity frame (6.3.2: a run can be recomputed).

    Independent of row order, column order, index and categorical vs. object dtype: text cells
    are stripped (blank = missing, ``period`` cut to ``YYYY-MM``) and hashed once per distinct
    value; numbers are hashed as float64 (−0.0 = 0.0); each row's column hashes are combined
    in :data:`HASH_COLUMNS` order; the row hashes are sorted and SHA-256 is taken over them and
    the column names. Vectorised: no Python per row.
    """
    from pandas.util import hash_array

    cols = [c for c in HASH_COLUMNS if c in df]
    n = len(df)
    h = np.full(n, np.uint64(0x9E3779B97F4A7C15), dtype=np.uint64)
    mult = np.uint64(1000003)
    for c in cols:
        col = df[c]
        if col.dtype.kind in "iufb":
            values = col.to_numpy(dtype=float) + 0.0
            col_hash = hash_array(values)
        else:
            if pd.api.types.is_datetime64_any_dtype(col):
                col = col.dt.strftime("%Y-%m")
            if isinstance(col.dtype, pd.CategoricalDtype):
                codes = col.cat.codes.to_numpy()
                uniq = list(col.cat.categories)
            else:
                codes, uniq = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
            names = np.asarray([*[_hash_text(v, c) or "\x00" for v in uniq], "\x00"], dtype=object)
            col_hash = hash_array(names, categorize=False)[codes]
        h = (h * mult) ^ col_hash
    rows = np.sort(h)
    digest = hashlib.sha256()
    digest.update(("|".join(cols) + f"|{n}").encode())
    digest.update(rows.tobytes())
    return digest.hexdigest()


# ------------------------------------------------------------------------------ Django adapter
@dataclass
class Computation:
    """What :func:`compute_frames` returns: wide per-row ``result``, ``rows`` per gas, ``summary``."""

    result: pd.DataFrame
    rows: pd.DataFrame
    summary: dict


#: Activity columns copied into the per-gas rows when present.
PASSTHROUGH: tuple[str, ...] = (
    "id",
    "record_id",
    "dataset_id",
    "row_number",
    "row",
    "source_id",
    "facility_id",
    "source",
    "facility",
    "period",
)


def long_rows(result: pd.DataFrame, activity: pd.DataFrame) -> pd.DataFrame:
    """One row per activity row and gas group with a non-zero mass (biogenic CO2 on the CO2 row).

    Columns: the :data:`PASSTHROUGH` columns present, scope, category, method, material, gas
    (species or blend for releases, else the group), gas_group, mass_t, gwp (t CO2e per t of
    the group), tco2e, biogenic_t, factors, factor_source, verification. The tco2e of a row's
    groups add up to its ``co2e``. No query.
    """
    columns = [
        *[c for c in PASSTHROUGH if c in activity],
        "scope",
        "category",
        "method",
        "material",
        "gas",
        "gas_group",
        "mass_t",
        "gwp",
        "tco2e",
        "biogenic_t",
        "factors",
        "factor_sources",
        "verification",
    ]
    material = activity["material"].astype(object) if "material" in activity else None
    if material is None:
        material = pd.Series(None, index=activity.index, dtype=object)
    material = material.where(material.fillna("").astype(str).str.strip() != "", None)
    if "source_material" in activity:
        material = material.where(material.notna(), activity["source_material"].astype(object))
    info = result.attrs["core"].value
    gas_name = np.asarray(info["combo_name"], dtype=object)[result["factor_combo"].to_numpy()]
    release = result["method"].isin(RELEASE_METHODS).to_numpy()
    biogenic = result["co2_biogenic"].to_numpy(dtype=float)
    bio_in_total = bool(result.attrs.get("options", {}).get("biomass_co2_in_total"))
    combo = result["factor_combo"].to_numpy()
    combo_gwp = info["combo_gwp"]
    frames = []
    for group, col in GAS_COLUMNS.items():
        mass = result[col].to_numpy(dtype=float)
        keep = (mass != 0) | ((biogenic != 0) if group == "CO2" else False)
        idx = np.flatnonzero(keep)
        if not len(idx):
            continue
        m = mass[idx]
        gwp = np.ones(len(idx)) if group == "CO2" else combo_gwp[group][combo[idx]]
        tco2e = m * gwp
        if group == "CO2" and bio_in_total:
            tco2e = tco2e + biogenic[idx]
        frame = pd.DataFrame({c: activity[c].to_numpy()[idx] for c in PASSTHROUGH if c in activity})
        frame["scope"] = result["scope"].to_numpy()[idx]
        frame["category"] = np.asarray(result["category"].astype(object))[idx]
        frame["method"] = np.asarray(result["method"].astype(object))[idx]
        frame["material"] = material.to_numpy()[idx]
        names = gas_name[idx]
        frame["gas"] = np.where(release[idx] & (names != ""), names, group)
        frame["gas_group"] = group
        frame["mass_t"] = m
        frame["gwp"] = gwp
        frame["tco2e"] = tco2e
        frame["biogenic_t"] = biogenic[idx] if group == "CO2" else 0.0
        for c in ("factors", "factor_sources", "verification"):
            frame[c] = np.asarray(result[c].astype(object))[idx]
        frame["_pos"] = idx
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=columns)
    rows = pd.concat(frames, ignore_index=True).sort_values(["_pos"], kind="stable")
    rows = rows.drop(columns="_pos").reset_index(drop=True)
    return rows.rename(columns={"factor_sources": "factor_source"})


def summary(result: pd.DataFrame) -> dict:
    """JSON-safe totals of a result: total_tco2e, biogenic_t, by_scope, by_category, by_gas, intensity."""

    def num(x):
        x = float(x)
        return None if np.isnan(x) else x

    by_scope = totals(result, "scope")["co2e"]
    by_cat = totals(result, "category")["co2e"]
    return {
        "total_tco2e": num(result["co2e"].sum()),
        "biogenic_t": num(result["co2_biogenic"].sum()),
        "energy_gj": num(result["energy_gj"].sum()),
        "by_scope": {str(int(k)): num(v) for k, v in by_scope.items() if int(k) > 0},
        "by_category": {str(k): num(v) for k, v in by_cat.items()},
        "by_gas": {k: num(v) for k, v in totals_by_gas(result).items()},
        "intensity": {
            "per_t": num(intensity(result, per="t")),
            "per_10k_cny": num(intensity(result, per="万元")),
        },
        "gwp_set": result.attrs.get("gwp_set"),
    }


def compute_frames(
    activity: pd.DataFrame,
    *,
    factors: "pd.DataFrame | FactorTable",
    gwp: "pd.DataFrame | str | GwpTable",
    options: "dict | Options | None" = None,
    progress: Callable[[float], None] | None = None,
) -> Computation:
    """The Django layer's entry: frames in, :class:`Computation` out. No query.

    ``factors``: rows with :data:`calculators.core.factors.FACTOR_COLUMNS` (+ ``factor_id``)
    or a :class:`FactorTable`; ``gwp``: a GWP frame (species, gas_group, value, composition)
    or a set name; ``options``: :class:`Options` fields (unknown keys are ignored).
    """
    table = factors if isinstance(factors, FactorTable) else FactorTable(factors)
    result = compute(activity, table, gwp_set=gwp, options=options, progress=progress)
    return Computation(result=result, rows=long_rows(result, activity), summary=summary(result))
