"""Activity-data intake: template CSV/XLSX → validated, normalised frame (6.3.1 d, 8.5).

Pure, no Django, issues no query. :func:`read_activity` parses a file (bytes, path or an
already-read frame), maps the header (English keys, Chinese or English labels, see
:mod:`calculators.core.template`), and validates VECTORISED: every text column is handled
per distinct value (categoricals), every unit column per distinct unit. ALL problems are
collected as :class:`~calculators.core.engine.Issue` objects carrying a message template
from :mod:`calculators.core.messages` and ``params`` with ``row`` (as in the file, header =
row 1), ``column`` (template key) and ``value``. The caller stores nothing unless
``issues`` is empty (all or nothing).

The returned frame (one row per data row, index = file row number) has:

* ``row``: the row number in the file;
* every template column (:data:`template.COLUMN_KEYS`): text stripped (``None`` when blank),
  numbers as float (NaN when blank); ``facility`` and ``material`` filled from the source
  register when blank; ``gas`` canonical (``HFC134a`` → ``HFC-134a``); ``method`` and
  ``direction`` lower-case keys; ``period`` ``YYYY-MM``;
* ``year`` (int), ``quantity_normalised`` (float, in ``unit_normalised``), ``unit_normalised``
  (canonical unit of the quantity's dimension: t, m**3, GJ, tCO2e or 万元), ``quantity_dim``;
* refrigerant mass balance rows: ``quantity`` = the computed release (in ``unit``).
"""

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from calculators.core import messages as msg
from calculators.core import template
from calculators.core.engine import Issue, missing_factor_issues, prepare, resolve
from calculators.core.factors import FactorTable
from calculators.core.gwp import canonical_gas
from calculators.core.methods import refrigerant_release
from calculators.core.normalise import DIM_UNITS, DIMS, overrides_canonical, quantity_canonical

_TEXT_KEYS = tuple(
    c.key for c in template.COLUMNS if c.type in (template.TEXT, template.CHOICE, template.UNIT)
)
_NUMBER_KEYS = tuple(c.key for c in template.COLUMNS if c.type == template.NUMBER)
_GAS_METHODS = ("gas_release", "refrigerant_mass_balance", "measured")
_DIRECTION_ALIASES = {
    "input": "input",
    "in": "input",
    "输入": "input",
    "投入": "input",
    "output": "output",
    "out": "output",
    "输出": "output",
    "产出": "output",
}
_PERIOD_RE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:月)?(?:[-/.]\s*\d{1,2}(?:日)?)?(?:[ T].*)?|(\d{2}))\s*$"
)


@dataclass
class IntakeResult:
    """``frame``: the normalised rows (empty when the file could not be read); ``issues``: all problems."""

    frame: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


def _plain(value):
    """Python scalars only in params (numpy scalars would leak into JSON and messages)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _issue(code: str, message: str, **params) -> Issue:
    return Issue(code, message, {k: _plain(v) for k, v in params.items()})


# ------------------------------------------------------------------------------ reading
def read_table(data, filename: str | None = None) -> pd.DataFrame:
    """Read CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX into a frame of strings.

    ``data``: bytes, a path, or a file-like object. Raises ValueError if unreadable.
    """
    if isinstance(data, (str, Path)):
        filename = filename or str(data)
        data = Path(data).read_bytes()
    elif hasattr(data, "read"):
        data = data.read()
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        frame = pd.read_excel(io.BytesIO(data), dtype=str, header=0, engine="openpyxl")
        return frame
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True
        )
    raise ValueError("encoding")


def _map_header(frame: pd.DataFrame, issues: list[Issue]) -> pd.DataFrame:
    aliases = template.header_aliases()
    mapping: dict[str, str] = {}
    seen: set[str] = set()
    drop = []
    for col in frame.columns:
        key = aliases.get(template.normalise_header(col))
        if key is None:
            blank = str(col).startswith("Unnamed:") or not str(col).strip()
            if blank and frame[col].fillna("").astype(str).str.strip().eq("").all():
                drop.append(col)
                continue
            issues.append(
                _issue("unknown_column", msg.UNKNOWN_COLUMN, row=1, column=str(col), value=str(col))
            )
            drop.append(col)
            continue
        if key in seen:
            issues.append(
                _issue("duplicate_column", msg.DUPLICATE_COLUMN, row=1, column=key, value=str(col))
            )
            drop.append(col)
            continue
        seen.add(key)
        mapping[col] = key
    out = frame.drop(columns=drop).rename(columns=mapping)
    for key in template.REQUIRED_KEYS:
        if key not in out:
            issues.append(_issue("missing_column", msg.MISSING_COLUMN, row=1, column=key, value=""))
    return out


def _clean_text(col: pd.Series) -> pd.Series:
    """Stripped text as a categorical; blank → NaN. Work is per distinct value."""
    cat = col.astype("category")
    cats = [str(c).strip() for c in cat.cat.categories]
    values = np.asarray(
        [*[c if c and c.lower() != "nan" else None for c in cats], None], dtype=object
    )
    return pd.Series(values[cat.cat.codes.to_numpy()], index=col.index, dtype=object).astype(
        "category"
    )


def _to_number(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(floats, positions that are non-blank but not numbers); tolerant of 1,234.5 and full-width."""
    raw = col.astype(object)
    num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, copy=True)
    nan = np.flatnonzero(np.isnan(num))
    if not len(nan):
        return num, nan
    texts = raw.iloc[nan].astype(str).str.strip()
    blank = texts.eq("") | texts.str.lower().isin(["nan", "none"])
    fixed = texts[~blank].str.translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-"))
    fixed = fixed.where(
        ~fixed.str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d*)?"), fixed.str.replace(",", "")
    )
    vals = pd.to_numeric(fixed, errors="coerce").to_numpy(dtype=float)
    pos = nan[~blank.to_numpy()]
    num[pos] = vals
    return num, pos[np.isnan(vals)]


def _parse_period(text: str) -> str | None:
    m = _PERIOD_RE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2) or m.group(3))
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return f"{year:04d}-{month:02d}"


def _month(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "year") and hasattr(value, "month"):
        return f"{value.year:04d}-{value.month:02d}"
    return _parse_period(str(value))


# ------------------------------------------------------------------------------ validation
def read_activity(
    data,
    *,
    filename: str | None = None,
    sources=None,
    facilities=None,
    period_start=None,
    period_end=None,
    factors: FactorTable | None = None,
    check_factors: bool = True,
) -> IntakeResult:
    """Parse and validate an activity file; see the module docstring for the frame.

    ``sources``: known source codes (iterable), or a frame with ``code`` and optionally
    ``facility`` (its facility code) and ``material_key`` (defaults for blank cells).
    ``facilities``: known facility codes (iterable or frame with ``code``).
    ``period_start``/``period_end``: the accounting period (dates or ``YYYY-MM``); rows outside
    are errors. ``factors``: the library to check factors against (default: shipped sets);
    ``check_factors=False`` skips that check.
    """
    issues: list[Issue] = []
    if isinstance(data, pd.DataFrame):
        raw = data.astype(object).where(data.notna(), "").astype(str)
    else:
        try:
            raw = read_table(data, filename)
        except Exception as exc:  # any parser error is a file-level issue
            return IntakeResult(
                pd.DataFrame(),
                [
                    _issue(
                        "file_unreadable",
                        msg.FILE_UNREADABLE,
                        row=1,
                        column="",
                        value=type(exc).__name__,
                    )
                ],
            )
    frame = _map_header(raw, issues)
    if any(i.code == "missing_column" for i in issues):
        return IntakeResult(pd.DataFrame(), issues)
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    # drop rows that are blank in every cell (Excel leaves them)
    if len(frame):
        blank = np.ones(len(frame), dtype=bool)
        for col in frame.columns:
            s = frame[col].astype(object)
            blank &= (s.isna() | s.astype(str).str.strip().eq("")).to_numpy()
        frame = frame[~blank]
    if not len(frame):
        issues.append(_issue("file_empty", msg.FILE_EMPTY, row=1, column="", value=""))
        return IntakeResult(pd.DataFrame(), issues)
    n = len(frame)
    rows = frame.index.to_numpy()
    out = pd.DataFrame(index=frame.index)
    out["row"] = rows
    raw_text: dict[str, pd.Series] = {}
    not_numbers: dict[str, np.ndarray] = {}
    for key in template.COLUMN_KEYS:
        if key not in frame:
            out[key] = (
                np.nan if key in _NUMBER_KEYS else pd.Categorical(np.full(n, None, dtype=object))
            )
            continue
        if key in _NUMBER_KEYS:
            raw_text[key] = frame[key]
            values, bad = _to_number(frame[key])
            not_numbers[key] = bad
            for pos in bad:
                issues.append(
                    _issue(
                        "not_a_number",
                        msg.NOT_A_NUMBER,
                        row=int(rows[pos]),
                        column=key,
                        value=str(frame[key].iloc[pos]),
                    )
                )
            out[key] = values
        else:
            out[key] = _clean_text(frame[key])

    def bad_rows(mask: np.ndarray, code: str, message: str, column: str, values, **extra):
        for pos in np.flatnonzero(mask):
            v = values[pos] if values is not None else ""
            issues.append(
                _issue(
                    code,
                    message,
                    row=int(rows[pos]),
                    column=column,
                    value="" if v is None or (isinstance(v, float) and np.isnan(v)) else v,
                    **extra,
                )
            )

    # method
    method = out["method"]
    cats = [str(c).strip().lower() for c in method.cat.categories]
    known = np.array([c in template.METHODS for c in cats] + [False])
    mcodes = method.cat.codes.to_numpy()
    mvals = np.asarray([*cats, None], dtype=object)[mcodes]
    out["method"] = pd.Categorical(mvals, categories=sorted(set(cats) & set(template.METHODS)))
    method_blank = mcodes < 0
    bad_rows(method_blank, "required", msg.REQUIRED_VALUE, "method", None)
    bad_rows(
        ~known[mcodes] & ~method_blank,
        "unknown_method",
        msg.UNKNOWN_METHOD,
        "method",
        np.asarray(method.astype(object)),
    )
    mkey = np.where(known[mcodes], mvals, "")
    # source and defaults from the register
    src_codes, src_facility, src_material = _register(sources)
    source = out["source"].astype(object).to_numpy()
    bad_rows(pd.isna(source), "required", msg.REQUIRED_VALUE, "source", None)
    if src_codes is not None:
        unknown = ~out["source"].isin(src_codes).to_numpy() & ~pd.isna(source)
        bad_rows(unknown, "unknown_source", msg.UNKNOWN_SOURCE, "source", source)
    if src_facility:
        fill = out["source"].astype(object).map(src_facility)
        out["facility"] = out["facility"].astype(object).where(out["facility"].notna(), fill)
    if src_material:
        fill = out["source"].astype(object).map(src_material)
        use = out["material"].isna() & ~np.isin(mkey, ("production_output", "production_value"))
        out["material"] = out["material"].astype(object).where(~use, fill)
    fac_codes = _codes(facilities)
    if fac_codes is not None:
        fac = out["facility"].astype(object)
        bad_rows(
            (~fac.isin(fac_codes) & fac.notna()).to_numpy(),
            "unknown_facility",
            msg.UNKNOWN_FACILITY,
            "facility",
            fac.to_numpy(),
        )
    # period
    per = out["period"]
    pcats = [_parse_period(str(c)) for c in per.cat.categories]
    pvals = np.asarray([*pcats, None], dtype=object)[per.cat.codes.to_numpy()]
    given = per.cat.codes.to_numpy() >= 0
    bad_rows(~given, "required", msg.REQUIRED_VALUE, "period", None)
    bad_rows(
        given & pd.isna(pvals),
        "bad_period",
        msg.BAD_PERIOD,
        "period",
        np.asarray(per.astype(object)),
    )
    start, end = _month(period_start), _month(period_end)
    if start or end:
        pv = np.where(pd.isna(pvals), "", pvals).astype(str)
        outside = (pv != "") & (((pv < start) if start else False) | ((pv > end) if end else False))
        bad_rows(
            np.asarray(outside),
            "period_outside",
            msg.PERIOD_OUTSIDE,
            "period",
            pv,
            start=start or "",
            end=end or "",
        )
    out["period"] = pd.Categorical(pvals)
    out["year"] = _years_fast(pvals)
    # numbers: negative, range
    q = out["quantity"].to_numpy(dtype=float)
    is_mb = mkey == "refrigerant_mass_balance"
    for col in template.COLUMNS:
        if col.type != template.NUMBER or col.key not in frame:
            continue
        vals = out[col.key].to_numpy(dtype=float)
        if col.low == 0.0:
            bad_rows(
                vals < 0, "negative", msg.NEGATIVE_VALUE, col.key, raw_text[col.key].to_numpy()
            )
        if col.high is not None:
            bad_rows(
                ((vals > col.high) | (vals < (col.low or 0.0))) & (vals >= 0),
                "out_of_range",
                msg.OUT_OF_RANGE,
                col.key,
                raw_text[col.key].to_numpy(),
                low=col.low,
                high=col.high,
            )
    q_missing = np.isnan(q) & ~is_mb
    q_missing[not_numbers.get("quantity", [])] = False
    bad_rows(q_missing, "required", msg.REQUIRED_VALUE, "quantity", None)
    # units of the quantity
    factor, dim = quantity_canonical(out["unit"])
    units = out["unit"].astype(object).to_numpy()
    bad_rows(dim == -3, "required", msg.REQUIRED_VALUE, "unit", None)
    bad_rows(dim == -1, "unknown_unit", msg.UNKNOWN_UNIT, "unit", units)
    allowed = np.zeros((len(template.METHOD_KEYS) + 1, len(DIMS)), dtype=bool)
    for i, mk in enumerate(template.METHOD_KEYS):
        for d in template.METHODS[mk].dimensions:
            allowed[i, DIMS.index(d)] = True
    mi = _method_index(mkey)
    dim_ok = np.where(dim >= 0, allowed[mi, np.clip(dim, 0, None)], True)
    wrong = (dim == -2) | ((dim >= 0) & ~dim_ok & (mi < len(template.METHOD_KEYS)))
    raw_methods = np.asarray(method.astype(object))
    for pos in np.flatnonzero(wrong):
        m = mkey[pos]
        dims = template.METHODS[m].dimensions if m else DIMS
        expected = ", ".join(template.CANONICAL_UNIT[d] for d in dims)
        m = m or (raw_methods[pos] if isinstance(raw_methods[pos], str) else "")
        issues.append(
            _issue(
                "wrong_dimension",
                msg.WRONG_DIMENSION,
                row=int(rows[pos]),
                column="unit",
                value=units[pos],
                method=m,
                expected=expected,
            )
        )
    # refrigerant mass balance components
    if is_mb.any():
        comps = {}
        for key in template.MASS_BALANCE_KEYS:
            comps[key] = out[key].to_numpy(dtype=float)
        for key in ("inventory_start", "inventory_end"):
            bad_rows(
                is_mb & np.isnan(comps[key]), "missing_component", msg.MISSING_COMPONENT, key, None
            )
        release = refrigerant_release(
            *(np.nan_to_num(comps[k]) for k in template.MASS_BALANCE_KEYS)
        )
        ok = is_mb & ~np.isnan(comps["inventory_start"]) & ~np.isnan(comps["inventory_end"])
        bad_rows(
            ok & (release < 0),
            "negative_release",
            msg.NEGATIVE_RELEASE,
            "quantity",
            np.round(release, 9),
        )
        q = np.where(ok, release, q)
        out["quantity"] = q
    # gases of release methods
    gas = out["gas"]
    gcats = [canonical_gas(c) for c in gas.cat.categories]
    graw = np.asarray(gas.astype(object))
    gcanon = np.asarray([*gcats, None], dtype=object)[gas.cat.codes.to_numpy()]
    gas_rows = np.isin(mkey, _GAS_METHODS)
    bad_rows(
        gas_rows & ~pd.isna(graw) & pd.isna(gcanon), "unknown_gas", msg.UNKNOWN_GAS, "gas", graw
    )
    mat = out["material"].astype(object).to_numpy()
    mat_gas = np.asarray(
        [canonical_gas(m) if isinstance(m, str) else None for m in pd.unique(mat)], dtype=object
    )
    mat_lut = dict(zip(pd.unique(mat), mat_gas, strict=True))
    no_gas = gas_rows & pd.isna(graw) & (mkey != "measured")
    mat_canon = pd.Series(mat).map(mat_lut).to_numpy()
    bad_rows(no_gas & pd.isna(mat_canon), "unknown_gas", msg.UNKNOWN_GAS, "material", mat)
    out["gas"] = np.where(
        gas_rows & ~pd.isna(gcanon), gcanon, np.where(gas_rows & pd.isna(graw), mat_canon, graw)
    )
    # direction
    dirs = out["direction"]
    dcats = [_DIRECTION_ALIASES.get(str(c).strip().lower()) for c in dirs.cat.categories]
    dvals = np.asarray([*dcats, None], dtype=object)[dirs.cat.codes.to_numpy()]
    given = dirs.cat.codes.to_numpy() >= 0
    bad_rows(
        given & pd.isna(dvals),
        "unknown_direction",
        msg.UNKNOWN_DIRECTION,
        "direction",
        np.asarray(dirs.astype(object)),
    )
    out["direction"] = dvals
    # overrides: units and dimensions
    mcode_arr = np.where(mi < len(template.METHOD_KEYS), mi, -1)
    _ov, problems = overrides_canonical(out, mcode_arr, dim)
    seen = set()
    for p in problems:
        if (p.pos, p.column) in seen:
            continue
        seen.add((p.pos, p.column))
        if p.kind == "unknown_unit":
            issues.append(
                _issue(
                    "unknown_unit",
                    msg.UNKNOWN_UNIT,
                    row=int(rows[p.pos]),
                    column=p.column,
                    value=p.value,
                )
            )
        elif p.kind == "required":
            issues.append(
                _issue(
                    "required", msg.REQUIRED_VALUE, row=int(rows[p.pos]), column=p.column, value=""
                )
            )
        else:
            issues.append(
                _issue(
                    "wrong_dimension",
                    msg.WRONG_DIMENSION,
                    row=int(rows[p.pos]),
                    column=p.column,
                    value=p.value,
                    method=p.params.get("method", ""),
                    expected=_expected(p.column),
                )
            )
    # normalised quantity
    dim_names = np.asarray([*DIMS, None, None, None], dtype=object)
    unit_names = np.asarray([*DIM_UNITS, None, None, None], dtype=object)
    dsafe = np.where(dim < 0, len(DIMS), dim)
    out["quantity_normalised"] = q * factor
    out["unit_normalised"] = pd.Categorical(unit_names[dsafe], categories=list(DIM_UNITS))
    out["quantity_dim"] = pd.Categorical(dim_names[dsafe], categories=list(DIMS))
    for key in ("source", "facility", "material", "gas"):
        out[key] = out[key].astype(object).where(out[key].notna(), None).astype("category")
    # missing factors, on rows that are otherwise valid
    if check_factors and not issues:
        table = factors or FactorTable.default()
        res = resolve(prepare(out), table)
        issues.extend(missing_factor_issues(res, out))
    issues.sort(key=lambda i: (i.params.get("row", 0), _col_order(i.params.get("column"))))
    return IntakeResult(out, issues)


def _years_fast(pvals: np.ndarray) -> np.ndarray:
    cat = pd.Categorical(pvals)
    lut = np.array([int(str(c)[:4]) for c in cat.categories] + [0], dtype=np.int64)
    return lut[cat.codes]


def _method_index(mkey: np.ndarray) -> np.ndarray:
    cat = pd.Categorical(mkey)
    keys = template.METHOD_KEYS
    lut = np.array(
        [keys.index(c) if c in keys else len(keys) for c in cat.categories] + [len(keys)]
    )
    return lut[cat.codes]


def _expected(column: str) -> str:
    return {
        "ncv_unit": "GJ/t, GJ/万Nm3",
        "carbon_content_unit": "tC/GJ, tC/t",
        "ef_unit": "tCO2/MWh, tCO2/GJ, kg/TJ, tCO2/t",
    }.get(column, "")


_COLUMN_ORDER = {k: i for i, k in enumerate(template.COLUMN_KEYS)}


def _col_order(column) -> int:
    return _COLUMN_ORDER.get(column, -1)


def _codes(obj) -> set[str] | None:
    if obj is None:
        return None
    if isinstance(obj, pd.DataFrame):
        return {str(c) for c in obj["code"]}
    return {str(c) for c in obj}


def _register(sources) -> tuple[set[str] | None, dict, dict]:
    if sources is None:
        return None, {}, {}
    if isinstance(sources, pd.DataFrame):
        codes = {str(c) for c in sources["code"]}
        fac = (
            dict(zip(sources["code"].astype(str), sources["facility"], strict=True))
            if "facility" in sources
            else {}
        )
        mat_col = (
            "material_key"
            if "material_key" in sources
            else ("material" if "material" in sources else None)
        )
        mat = (
            {str(c): m for c, m in zip(sources["code"], sources[mat_col], strict=True) if m}
            if mat_col
            else {}
        )
        return codes, fac, mat
    return {str(c) for c in sources}, {}, {}


# ------------------------------------------------------------------------------ writing
def template_header(style: str = "bilingual") -> list[str]:
    """Header cells of an empty template (``bilingual``, ``zh``, ``en`` or ``key``)."""
    return [template.header(k, style) for k in template.COLUMN_KEYS]


def to_csv_bytes(rows: "pd.DataFrame | Iterable[dict]", style: str = "key") -> bytes:
    """A template CSV (UTF-8 with BOM, so Excel shows Chinese) of ``rows`` (template keys)."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    frame = frame.reindex(columns=[k for k in template.COLUMN_KEYS if k in frame])
    frame.columns = [template.header(k, style) for k in frame.columns]
    return frame.to_csv(index=False).encode("utf-8-sig")
