"""Activity frame → combinations: integer codes per row, everything else per combination.

T/CSES 146-2024 6.3.1 (f). A *combination* is a distinct (method, quantity dimension,
carbon-balance direction, lookup name, year): everything the factors and the formula of a row
depend on. Vectorised: one mixed-radix key per row from the columns' category codes, a dense
count over the key space, and one gather; no Python per row. No Django, no query.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.core.gwp import canonical_gas
from calculators.core.normalise import DIM_UNITS, DIMS, Sparse, overrides_sparse
from calculators.core.units import convert_units

from .spec import METHOD_INDEX, RELEASE_METHODS, UNKNOWN_METHOD


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
    u_m: np.ndarray  # per combination: method index, UNKNOWN_METHOD = unknown
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
        return np.where(self.u_m < UNKNOWN_METHOD, self.u_m, -1)[self.combo]

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


def as_category(col: pd.Series) -> pd.Series:
    return col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")


def _text_codes(col: pd.Series | None, n: int) -> tuple[np.ndarray, list[str]]:
    """Category codes (−1 for blank) and the stripped category names."""
    if col is None or (col.dtype == object and col.isna().all()):
        return np.full(n, -1, dtype=np.int8), []
    cat = as_category(col)
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
    cat = as_category(units)
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
            cat = as_category(per)
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
    cmb = np.flatnonzero(mlut == METHOD_INDEX["carbon_mass_balance"])  # its category codes
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
    keys = _KeyColumns.of(activity, n)
    combo, counts = _combine(keys.parts, n, keys.canon)
    found = keys.found
    u_m, u_dim = found["u_m"], found["u_dim"]
    prep = Prepared(
        n=n,
        combo=combo,
        q=keys.quantity,
        u_m=u_m,
        u_dim=u_dim,
        u_out=found["u_out"],
        u_name=found["u_name"],
        u_year=found["u_year"],
        counts=np.bincount(found["inverse"], weights=counts, minlength=len(u_m)).astype(np.int64),
        overrides={},
        problems=[],
        rows=_row_numbers(activity, n),
    )
    prep.overrides, prep.problems = overrides_sparse(
        activity, lambda pos: u_m[combo[pos]], lambda pos: u_dim[combo[pos]]
    )
    return prep


def _row_numbers(activity: pd.DataFrame, n: int) -> np.ndarray:
    """File row numbers for messages: ``row``, else ``row_number``, else 2, 3, … (header = 1)."""
    if "row" in activity:
        return activity["row"].to_numpy()
    if "row_number" in activity:
        return activity["row_number"].to_numpy()
    return np.arange(n) + 2


def _quantity(activity: pd.DataFrame) -> tuple[np.ndarray, pd.Series]:
    """(quantity as floats, its unit column): the normalised pair when the frame has it."""
    if "quantity_normalised" in activity and "unit_normalised" in activity:
        qcol, ucol = activity["quantity_normalised"], activity["unit_normalised"]
    else:
        qcol, ucol = activity["quantity"], activity["unit"]
    quantity = (
        qcol.to_numpy()
        if qcol.dtype.kind == "f"
        else pd.to_numeric(qcol, errors="coerce").to_numpy(dtype=float)
    )
    return quantity, ucol


@dataclass
class _KeyColumns:
    """The key parts of an activity frame and the tables that decode their values.

    :meth:`canon` turns the distinct keys into combinations and keeps the per-combination
    arrays in ``found``.
    """

    parts: list[_Part]
    quantity: np.ndarray  # per row, in the canonical unit of its dimension
    method_lut: np.ndarray  # method category code → METHOD_KEYS index (−1 unknown)
    unit_dim: np.ndarray  # unit code → dimension code (negative: unusable)
    mat_names: list[str]
    src_names: list[str]
    gas_names: list[str]
    year_of: Callable
    out_of: Callable | None
    found: dict

    @classmethod
    def of(cls, activity: pd.DataFrame, n: int) -> "_KeyColumns":
        method = as_category(activity["method"])
        method_lut = np.array(
            [METHOD_INDEX.get(str(c).strip(), -1) for c in method.cat.categories], dtype=np.int64
        )
        m_part = _Part(method.cat.codes.to_numpy(), 1, len(method_lut) + 1)
        quantity, ucol = _quantity(activity)
        ucodes, ufactor, udim = _unit_tables(ucol)
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
        o_part, out_of = _output_part(activity, m_part, method_lut, n)
        if o_part is not None:
            parts.append(o_part)
        return cls(parts, q, method_lut, udim, mat_names, src_names, gas_names, year_of, out_of, {})

    def canon(self, values: list[np.ndarray]) -> np.ndarray:
        """Per distinct key: method, dimension, lookup name, year, output → combination."""
        v_m, v_u, v_mat, *rest = values
        v_src = rest.pop(0) if self.src_names else None
        v_gas, v_year = rest[0], rest[1]
        r_m = np.append(self.method_lut, -1)[v_m]
        r_dim = self.unit_dim[v_u]
        r_year = self.year_of(v_year)
        cmb = r_m == METHOD_INDEX["carbon_mass_balance"]
        if self.out_of is not None:
            r_out = self.out_of(rest[2]) & cmb
        else:
            r_out = np.zeros(len(r_m), dtype=bool)
        names = self._lookup_names(r_m, v_mat, v_src, v_gas)
        # combinations: distinct (method, dimension, output, name, year), in that order
        name_codes, name_uniques = pd.factorize(names, sort=True)
        ymin = int(r_year.min()) if len(r_year) else 0
        yspan = int(r_year.max()) - ymin + 1 if len(r_year) else 1
        r_m = np.where(r_m < 0, UNKNOWN_METHOD, r_m)
        ckey = r_m.astype(np.int64) * 8 + (r_dim + 3)
        ckey = ckey * 2 + r_out
        ckey = ckey * (len(name_uniques) + 1) + name_codes
        ckey = ckey * yspan + (r_year - ymin)
        _u, first, inverse = np.unique(ckey, return_index=True, return_inverse=True)
        found = self.found
        found["u_m"] = r_m[first]
        found["u_dim"] = np.where(r_dim < 0, len(DIMS), r_dim)[first]
        found["u_out"] = r_out[first].astype(bool)
        found["u_name"] = np.asarray(names, dtype=object)[first]
        found["u_year"] = np.asarray(r_year, dtype=np.int64)[first]
        found["inverse"] = inverse.reshape(-1)
        return found["inverse"]

    def _lookup_names(self, r_m, v_mat, v_src, v_gas) -> np.ndarray:
        """Per distinct key: the material (blank → the source's), or for the release methods
        the released gas (the row's gas, else the material's; bare measured: CO2)."""
        mats = np.asarray([*self.mat_names, ""], dtype=object)[v_mat]
        if v_src is not None:
            srcs = np.asarray([*self.src_names, ""], dtype=object)[v_src]
            mats = np.where(v_mat >= 0, mats, srcs)
        names = mats.copy()
        rel = np.flatnonzero(np.isin(r_m, [METHOD_INDEX[k] for k in RELEASE_METHODS]))
        if len(rel):
            gas = np.asarray([*(canonical_gas(g) or g for g in self.gas_names), ""], dtype=object)
            gas = gas[v_gas[rel]]
            m_codes, m_uniq = pd.factorize(mats[rel])
            mat = np.asarray([*(canonical_gas(x) or x for x in m_uniq), ""], dtype=object)
            mat = mat[m_codes]
            bare = np.where(r_m[rel] == METHOD_INDEX["measured"], "CO2", "")
            names[rel] = np.where(gas != "", gas, np.where(mat != "", mat, bare))
        return names


def dense_factorize(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
