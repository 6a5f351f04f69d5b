"""Activity-data intake: template CSV/XLSX → validated, normalised frame (6.3.1 d, 8.5).

Pure, no Django, issues no query. :func:`read_activity` parses a file (bytes, path or an
already-read frame), maps the header (English keys, Chinese or English labels, see
:mod:`calculators.core.template`), and validates VECTORISED: every text column is handled
per distinct value (categoricals), every unit column per distinct unit. ALL problems are
collected as :class:`~calculators.core.issues.Issue` objects carrying a message template
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

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from calculators.core import messages as msg
from calculators.core import template
from calculators.core.engine import missing_factors
from calculators.core.factors import FactorTable
from calculators.core.gwp import canonical_gas
from calculators.core.issues import Issue, issue
from calculators.core.methods import refrigerant_release
from calculators.core.normalise import DIM_UNITS, DIMS, overrides_canonical
from calculators.core.units import convert_units

_TEXT_KEYS = tuple(
    c.key for c in template.COLUMNS if c.type in (template.TEXT, template.CHOICE, template.UNIT)
)
#: The largest number a cell may hold, and a quantity in its canonical unit (t, m³, GJ,
#: tCO2e): beyond any enterprise's activity, and far from float overflow in the arithmetic.
MAX_NUMBER = 1e12
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
    #: rows of the file as read, blank ones included (where the next piece's rows start)
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues


# ------------------------------------------------------------------------------ reading
def _read_csv(data: bytes, **kw) -> pd.DataFrame:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(io.BytesIO(data), encoding=enc, skipinitialspace=True, **kw)
        except UnicodeDecodeError:
            continue
    raise ValueError("encoding")


def read_table(data, filename: str | None = None) -> pd.DataFrame:
    """Read CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX; header mapped to template keys.

    Numeric template columns are parsed as floats by the C parser when every cell is a number
    (the fast path); otherwise every column is read as text and coerced later. Unknown and
    duplicate headers keep their text (``_map_header`` reports them). ``data``: bytes, a path
    or a file-like object. Raises on an unreadable file.
    """
    if isinstance(data, (str, Path)):
        filename = filename or str(data)
        data = Path(data).read_bytes()
    elif hasattr(data, "read"):
        data = data.read()
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return pd.read_excel(io.BytesIO(data), dtype=object, header=0, engine="openpyxl")
    header = _read_csv(data, nrows=0, dtype=object).columns
    aliases = template.header_aliases()
    numeric = {
        c: "float64" for c in header if aliases.get(template.normalise_header(c)) in _NUMBER_KEYS
    }
    dtypes = dict.fromkeys(header, object)
    try:
        return _read_csv(data, dtype={**dtypes, **numeric}, keep_default_na=False, na_values=[""])
    except (ValueError, TypeError):
        return _read_csv(data, dtype=object, keep_default_na=False, na_values=[""])


#: Columns the engine reads beside the template's, accepted where the caller keeps them
#: (``cems_account``: a file computed on the spot); stored datasets do not keep them yet.
ENGINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "ch4_origin": ("ch4_origin", "甲烷来源", "methane origin", "甲烷来源(ch4_origin)"),
}


def split_engine_columns(data, filename: str | None = None) -> tuple[object, pd.DataFrame]:
    """(the file without :data:`ENGINE_COLUMNS`, those columns by file row number).

    ``data``: as :func:`read_table`. When the file has none of them, ``data`` is returned as it
    is (no second read). The extra frame is indexed by the row number in the file (header = 1)
    so it joins :func:`read_activity`'s ``row`` column; an unreadable file is returned as it is
    (:func:`read_activity` reports it).
    """
    if isinstance(data, pd.DataFrame):
        raw = data
    else:
        try:
            raw = read_table(data, filename)
        except (ValueError, OSError):
            return data, pd.DataFrame()
    norm = template.normalise_header
    spellings = {norm(text): key for key, texts in ENGINE_COLUMNS.items() for text in texts}
    found = {c: spellings[norm(c)] for c in raw.columns if norm(c) in spellings}
    if not found:
        return data, pd.DataFrame()
    extra = raw[list(found)].rename(columns=found)
    extra.index = pd.RangeIndex(2, len(raw) + 2)
    return raw.drop(columns=list(found)), extra.fillna("").astype(str)


def _map_header(frame: pd.DataFrame, issues: list[Issue]) -> pd.DataFrame:
    aliases = template.header_aliases()
    mapping: dict[str, str] = {}
    seen: set[str] = set()
    drop = []
    for col in frame.columns:
        key = aliases.get(template.normalise_header(col))
        mangled = re.fullmatch(r"(.+)\.\d+", str(col))  # pandas renames a repeated header "x.1"
        if (
            key is None
            and mangled
            and aliases.get(template.normalise_header(mangled.group(1))) in seen
        ):
            key = aliases[template.normalise_header(mangled.group(1))]
        if key is None:
            blank = str(col).startswith("Unnamed:") or not str(col).strip()
            if blank and frame[col].isna().all():
                drop.append(col)
                continue
            issues.append(
                issue("unknown_column", msg.UNKNOWN_COLUMN, row=1, column=str(col), value=str(col))
            )
            drop.append(col)
            continue
        if key in seen:
            issues.append(
                issue("duplicate_column", msg.DUPLICATE_COLUMN, row=1, column=key, value=str(col))
            )
            drop.append(col)
            continue
        seen.add(key)
        mapping[col] = key
    out = frame.drop(columns=drop)
    out.columns = [mapping[c] for c in out.columns]
    for key in template.REQUIRED_KEYS:
        if key not in out:
            issues.append(issue("missing_column", msg.MISSING_COLUMN, row=1, column=key, value=""))
    return out


@dataclass
class _Text:
    """A text column as codes (−1 = blank) into stripped, distinct names: work per distinct value."""

    codes: np.ndarray
    names: list

    @classmethod
    def of(cls, col: "pd.Series | None", n: int) -> "_Text":
        if col is None:
            return cls(_blank_codes(n), [])
        if isinstance(col.dtype, pd.CategoricalDtype):
            codes, uniq = col.cat.codes.to_numpy().astype(np.int64), list(col.cat.categories)
        else:
            codes, uniq = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
            codes = codes.astype(np.int64)
        return cls(codes, list(uniq)).map(_strip)

    def map(self, fn) -> "_Text":
        """Names through ``fn`` (None = blank); equal results merge into one code."""
        new: dict = {}
        lut = np.empty(len(self.names) + 1, dtype=np.int64)
        for i, name in enumerate(self.names):
            v = fn(name)
            lut[i] = -1 if v is None else new.setdefault(v, len(new))
        lut[-1] = -1
        return _Text(lut[self.codes], list(new))

    def values(self, pos) -> object:
        c = self.codes[pos]
        return "" if c < 0 else self.names[c]

    def lut(self, fn, dtype=object, default=None) -> np.ndarray:
        """``fn`` per name as an array indexable by ``codes`` (last slot: blank)."""
        return np.asarray([*[fn(x) for x in self.names], default], dtype=dtype)

    def take(self, arr: np.ndarray) -> np.ndarray:
        """``arr[code]`` per row; blank (−1) takes the last slot by numpy's negative indexing."""
        return arr[self.codes]

    def isin(self, allowed) -> np.ndarray:
        return self.take(self.lut(lambda x: x in allowed, dtype=bool, default=False))

    def categorical(self) -> pd.Categorical:
        return pd.Categorical.from_codes(self.codes, categories=pd.Index(self.names, dtype=object))

    def fill(self, other: "_Text") -> "_Text":
        """Blank cells take ``other``'s value (same rows)."""
        names = list(dict.fromkeys([*self.names, *other.names]))
        index = {x: i for i, x in enumerate(names)}
        a = np.asarray([index[x] for x in self.names] + [-1], dtype=np.int64)
        b = np.asarray([index[x] for x in other.names] + [-1], dtype=np.int64)
        codes = np.where(self.codes >= 0, self.take(a), other.take(b))
        return _Text(codes, names)


@lru_cache(maxsize=2)
def _nan_column(n: int) -> np.ndarray:
    """One read-only all-NaN column shared by every absent numeric column (no copy per column)."""
    arr = np.full(n, np.nan)
    arr.flags.writeable = False
    return arr


@lru_cache(maxsize=2)
def _blank_codes(n: int) -> np.ndarray:
    arr = np.full(n, -1, dtype=np.int64)
    arr.flags.writeable = False
    return arr


def _strip(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if hasattr(value, "year") and hasattr(value, "month") and not isinstance(value, str):
        return f"{value.year:04d}-{value.month:02d}"  # Excel date cells
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _to_number(col: "pd.Series | None", n: int) -> tuple[np.ndarray, np.ndarray, _Text | None]:
    """(floats, positions that are non-blank but not numbers, text of the column or None).

    Float columns (the C parser's fast path) pass through; text is converted per distinct
    value, tolerant of ``1,234.5`` and full-width digits.
    """
    if col is None:
        return _nan_column(n), np.zeros(0, dtype=np.int64), None
    if col.dtype.kind == "f":
        return col.to_numpy(dtype=float, copy=True), np.zeros(0, dtype=np.int64), None
    text = _Text.of(col, n)
    vals = text.lut(_number, dtype=float, default=np.nan)
    num = text.take(vals)
    bad = np.flatnonzero(np.isnan(num) & (text.codes >= 0))
    return num, bad, text


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?")


def _number(text: str) -> float:
    t = text.translate(_FULL_WIDTH).strip()
    scale = 1.0
    if t.endswith(("%", "％")):  # 99% → 0.99
        t, scale = t[:-1].strip(), 0.01
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    try:
        value = float(t) * scale
    except ValueError:
        return np.nan
    return value if np.isfinite(value) else np.nan


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
    max_lengths: dict[str, int] | None = None,
    first_row: int = 2,
    check_duplicates: bool = True,
) -> IntakeResult:
    """Parse and validate an activity file; see the module docstring for the frame.

    ``data``: bytes, a path, a file-like object, or a frame of template columns.
    ``sources``: known source codes (iterable), or a frame with ``code`` and optionally
    ``facility`` (its facility code) and ``material_key`` (defaults for blank cells).
    ``facilities``: known facility codes (iterable or frame with ``code``).
    ``period_start``/``period_end``: the accounting period (dates or ``YYYY-MM``); rows outside
    are errors. ``factors``: the library to check factors against (default: shipped sets);
    ``check_factors=False`` skips that check (it runs on the rows that have no other issue).
    ``max_lengths``: ``{template key: most characters}`` of the text columns as they are
    stored (the caller derives them from its model); a longer cell is an issue.
    ``first_row``: the file row number of the first data row (2 under the header; a piece of
    a large file starts further down). ``check_duplicates=False`` leaves the repeats to the
    caller, which sees every piece (:func:`repeated_rows` is the rule).

    Each concern is one check below, in this order, all feeding one :class:`_Collector`.
    """
    issues: list[Issue] = []
    raw = _raw_frame(data, filename, issues)
    if raw is None:
        return IntakeResult(pd.DataFrame(), issues)
    frame = _map_header(raw, issues)
    if any(i.code == "missing_column" for i in issues):
        return IntakeResult(pd.DataFrame(), issues)
    cells = _Cells.of(frame, first_row)
    if cells is None:
        issues.append(issue("file_empty", msg.FILE_EMPTY, row=1, column="", value=""))
        return IntakeResult(pd.DataFrame(), issues, len(raw))
    out = _Collector(cells.rows, issues)
    _check_numbers_parse(out, cells)
    _check_method(out, cells)
    _check_source(out, cells, sources, facilities)
    _check_facility(out, cells, facilities)
    _check_period(out, cells, period_start, period_end)
    _check_ranges(out, cells, frame)
    _check_quantity(out, cells)
    _check_mass_balance(out, cells)
    _check_gas(out, cells)
    _check_direction(out, cells)
    result = cells.frame()
    _check_overrides(out, cells, result)
    _check_lengths(out, result, max_lengths or {})
    # repeats among the rows that are otherwise valid (a broken row is reported for itself)
    if check_duplicates:
        issues.extend(_duplicate_issues(out.clean(result)))
    # missing factors, on the rows that are otherwise valid, so that one upload reports all
    if check_factors:
        clean = out.clean(result)
        if len(clean):
            issues.extend(missing_factors(clean, factors or FactorTable.default()))
    issues.sort(key=lambda i: (i.params.get("row", 0), _col_order(i.params.get("column"))))
    return IntakeResult(result, issues, len(raw))


#: Errors of pandas (ParserError, EmptyDataError: ValueError), the codecs (UnicodeDecodeError),
#: the csv module and openpyxl (BadZipFile, KeyError of a missing part) on an unreadable file.
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, OSError, csv.Error, zipfile.BadZipFile)


def _raw_frame(data, filename: str | None, issues: list[Issue]) -> pd.DataFrame | None:
    """The file (or frame) as read, header not yet mapped; None (and an issue) if unreadable."""
    if isinstance(data, pd.DataFrame):
        return data.astype(object).where(data.notna(), None)
    try:
        return read_table(data, filename)
    except UNREADABLE as exc:  # a file-level issue
        issues.append(
            issue(  # the parser's own words are no help to a user: name the file
                "file_unreadable",
                msg.FILE_UNREADABLE,
                row=1,
                column="file",
                value=filename or "",
                detail=type(exc).__name__,
            )
        )
        return None


class _Collector:
    """The issue list of one file, and how a check adds to it: per flagged row."""

    def __init__(self, rows: np.ndarray, issues: list[Issue]):
        self.rows = rows  # file row number per data row
        self.issues = issues

    def add(self, pos, code: str, message: str, column: str, value, **extra) -> None:
        """One issue at data row ``pos``."""
        self.issues.append(
            issue(code, message, row=int(self.rows[pos]), column=column, value=value, **extra)
        )

    def report(
        self,
        mask,
        code: str,
        message: str,
        column: str,
        text: "_Text | None" = None,
        values=None,
        **extra,
    ) -> None:
        """One issue per row of ``mask``; its value from ``text``, else ``values``, else ""."""
        for pos in np.flatnonzero(mask):
            if text is not None:
                v = text.values(pos)
            elif values is not None:
                v = values[pos]
            else:
                v = ""
            self.add(pos, code, message, column, v, **extra)

    def clean(self, result: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``result`` without an issue so far."""
        flagged = {i.params.get("row") for i in self.issues}
        return result[~np.isin(self.rows, list(flagged))] if flagged else result


@dataclass
class _Cells:
    """The data rows of a file, column by column, as the checks read and normalise them.

    ``texts``: text columns per distinct value; ``numbers``: per number column (floats,
    positions that are not numbers, its text or None); the checks fill in the method, the
    period, the quantity and its unit.
    """

    rows: np.ndarray
    texts: dict[str, _Text]
    numbers: dict[str, tuple]
    method: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    method_key: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    year: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    quantity: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unit_factor: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unit_dim: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    method_text: "_Text | None" = None  # the method cells as written

    @classmethod
    def of(cls, frame: pd.DataFrame, first_row: int = 2) -> "_Cells | None":
        """The template columns of ``frame`` less the rows blank in every cell (Excel leaves
        them), numbered from ``first_row``; None when no row is left."""
        n_all = len(frame)
        texts: dict[str, _Text] = {}
        numbers: dict[str, tuple] = {}
        for key in template.COLUMN_KEYS:
            col = frame.get(key, None)
            if key in _NUMBER_KEYS:
                numbers[key] = _to_number(col, n_all)
            else:
                texts[key] = _Text.of(col, n_all)
        blank = np.ones(n_all, dtype=bool)
        for t in texts.values():
            blank &= t.codes < 0
        for num, bad, _t in numbers.values():
            blank &= np.isnan(num)
            blank[bad] = False
        keep = np.flatnonzero(~blank)
        if not len(keep):
            return None
        if len(keep) < n_all:
            texts = {k: _Text(t.codes[keep], t.names) for k, t in texts.items()}
            remap = np.full(n_all, -1, dtype=np.int64)
            remap[keep] = np.arange(len(keep))
            numbers = {
                k: (
                    num[keep],
                    remap[bad][remap[bad] >= 0],
                    t if t is None else _Text(t.codes[keep], t.names),
                )
                for k, (num, bad, t) in numbers.items()
            }
        return cls(keep + first_row, texts, numbers)  # header is row 1

    @property
    def n(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        """The normalised frame (see the module docstring), indexed by file row number."""
        out: dict[str, object] = {"row": self.rows}
        for key in template.COLUMN_KEYS:
            if key in self.texts:
                out[key] = self.texts[key].categorical()
            else:
                out[key] = self.numbers[key][0]
        dim = self.unit_dim
        out["quantity"] = self.quantity
        out["year"] = self.year
        with np.errstate(over="ignore"):  # rows too large for it are reported
            out["quantity_normalised"] = self.quantity * self.unit_factor
        out["unit_normalised"] = pd.Categorical.from_codes(
            np.where(dim < 0, -1, dim), categories=list(DIM_UNITS)
        )
        out["quantity_dim"] = pd.Categorical.from_codes(
            np.where(dim < 0, -1, dim), categories=list(DIMS)
        )
        return pd.DataFrame(out, index=pd.Index(self.rows, name=None), copy=False)


_METHOD_KEYS = template.METHOD_KEYS
_UNKNOWN_METHOD = len(_METHOD_KEYS)


def _check_numbers_parse(out: _Collector, cells: _Cells) -> None:
    """Number cells that are not numbers."""
    for key, (_num, bad, text) in cells.numbers.items():
        flag = np.zeros(cells.n, dtype=bool)
        flag[bad] = True
        out.report(flag, "not_a_number", msg.NOT_A_NUMBER, key, text)


def _check_method(out: _Collector, cells: _Cells) -> None:
    """The method: required, a known key (case-insensitive); sets ``method``, ``method_key``."""
    method = cells.texts["method"]
    mlow = method.map(lambda x: x.lower())
    known = mlow.isin(template.METHODS)
    out.report(method.codes < 0, "required", msg.REQUIRED_VALUE, "method")
    out.report(~known & (method.codes >= 0), "unknown_method", msg.UNKNOWN_METHOD, "method", method)
    cells.method = mlow.take(
        mlow.lut(
            lambda x: _METHOD_KEYS.index(x) if x in _METHOD_KEYS else _UNKNOWN_METHOD,
            dtype=np.int64,
            default=_UNKNOWN_METHOD,
        )
    )
    cells.method_key = np.asarray([*_METHOD_KEYS, ""], dtype=object)[cells.method]
    cells.method_text = method
    cells.texts["method"] = mlow


def _check_source(out: _Collector, cells: _Cells, sources, facilities) -> None:
    """The source: required and registered; the register's facility and material fill blank
    cells, and a facility given in the row must be the source's own (the register is the
    truth)."""
    src_codes, src_facility, src_material = _register(sources)
    texts = cells.texts
    source = texts["source"]
    out.report(source.codes < 0, "required", msg.REQUIRED_VALUE, "source")
    if src_codes is not None:
        out.report(
            ~source.isin(src_codes) & (source.codes >= 0),
            "unknown_source",
            msg.UNKNOWN_SOURCE,
            "source",
            source,
        )
    if src_facility:
        registered = source.map(lambda c: _strip(src_facility.get(c)))
        given = texts["facility"]
        index = {name: i for i, name in enumerate(registered.names)}
        given_as = given.take(given.lut(lambda x: index.get(x, -2), dtype=np.int64, default=-1))
        mismatch = (given.codes >= 0) & (registered.codes >= 0) & (given_as != registered.codes)
        if _codes(facilities) is not None:  # an unknown facility is reported as such
            mismatch &= given.isin(_codes(facilities))
        for pos in np.flatnonzero(mismatch):
            out.add(
                pos,
                "facility_mismatch",
                msg.FACILITY_MISMATCH,
                "facility",
                given.values(pos),
                source=source.values(pos),
                expected=registered.values(pos),
            )
        texts["facility"] = given.fill(registered)
    if src_material:
        production = np.isin(
            cells.method,
            [_METHOD_KEYS.index("production_output"), _METHOD_KEYS.index("production_value")],
        )
        default = source.map(lambda c: _strip(src_material.get(c)))
        default = _Text(np.where(production, -1, default.codes), default.names)
        texts["material"] = texts["material"].fill(default)


def _check_facility(out: _Collector, cells: _Cells, facilities) -> None:
    """A facility given (or taken from the register) must be a known facility."""
    fac_codes = _codes(facilities)
    if fac_codes is None:
        return
    fac = cells.texts["facility"]
    out.report(
        ~fac.isin(fac_codes) & (fac.codes >= 0),
        "unknown_facility",
        msg.UNKNOWN_FACILITY,
        "facility",
        fac,
    )


def _check_period(out: _Collector, cells: _Cells, period_start, period_end) -> None:
    """The month: required, readable, inside the accounting period; sets ``year``."""
    per = cells.texts["period"]
    parsed = per.map(_parse_period)
    out.report(per.codes < 0, "required", msg.REQUIRED_VALUE, "period")
    out.report((per.codes >= 0) & (parsed.codes < 0), "bad_period", msg.BAD_PERIOD, "period", per)
    start, end = _month(period_start), _month(period_end)
    if start or end:
        outside = parsed.lut(
            lambda p: bool((start and p < start) or (end and p > end)), dtype=bool, default=False
        )
        out.report(
            parsed.take(outside),
            "period_outside",
            msg.PERIOD_OUTSIDE,
            "period",
            parsed,
            start=start or "",
            end=end or "",
        )
    cells.year = parsed.take(parsed.lut(lambda p: int(p[:4]), dtype=np.int64, default=0))
    cells.texts["period"] = parsed


def _check_ranges(out: _Collector, cells: _Cells, frame: pd.DataFrame) -> None:
    """Numbers: not negative where they cannot be, not absurdly large, fractions within 0–1."""
    for col in template.COLUMNS:
        if col.type != template.NUMBER or col.key not in frame:
            continue
        vals, _bad, text = cells.numbers[col.key]
        raw_vals = None if text is not None else vals
        if col.low == 0.0:
            out.report(vals < 0, "negative", msg.NEGATIVE_VALUE, col.key, text, raw_vals)
        # finite but absurd numbers would overflow to infinity in the arithmetic
        out.report(
            np.abs(vals) > MAX_NUMBER,
            "too_large",
            msg.TOO_LARGE,
            col.key,
            text,
            raw_vals,
            high=f"{MAX_NUMBER:g}",
        )
        if col.high is not None:
            out_range = ((vals > col.high) | (vals < (col.low or 0.0))) & (vals >= 0)
            out.report(
                out_range,
                "out_of_range",
                msg.OUT_OF_RANGE,
                col.key,
                text,
                raw_vals,
                low=col.low,
                high=col.high,
            )


def _check_quantity(out: _Collector, cells: _Cells) -> None:
    """The quantity and its unit, per distinct unit: required, a known unit of a dimension
    the method takes, not too large in the canonical unit; sets ``quantity`` and the unit's
    factor and dimension."""
    q = cells.numbers["quantity"][0].copy()
    q_missing = np.isnan(q) & (cells.method_key != "refrigerant_mass_balance")
    q_missing[cells.numbers["quantity"][1]] = False
    out.report(q_missing, "required", msg.REQUIRED_VALUE, "quantity")
    unit = cells.texts["unit"]
    conv = convert_units(unit.categorical(), DIM_UNITS)
    factor, dim = conv.factor, conv.target
    out.report(dim == -3, "required", msg.REQUIRED_VALUE, "unit")
    out.report(dim == -1, "unknown_unit", msg.UNKNOWN_UNIT, "unit", unit)
    with np.errstate(over="ignore", invalid="ignore"):
        huge = (np.abs(q) <= MAX_NUMBER) & (np.abs(q * factor) > MAX_NUMBER)
    q_text = cells.numbers["quantity"][2]
    for pos in np.flatnonzero(huge):  # in a large unit (万t, 亿kWh …): the limit in that unit
        out.add(
            pos,
            "too_large",
            msg.TOO_LARGE,
            "quantity",
            q_text.values(pos) if q_text is not None else q[pos],
            high=f"{MAX_NUMBER / factor[pos]:g} {unit.values(pos)}",
        )
    _check_dimension(out, cells, unit, dim)
    cells.quantity, cells.unit_factor, cells.unit_dim = q, factor, dim


def _check_dimension(out: _Collector, cells: _Cells, unit: _Text, dim: np.ndarray) -> None:
    """The quantity's unit must be of a dimension its method takes (with the expected units)."""
    allowed = np.zeros((_UNKNOWN_METHOD + 1, len(DIMS)), dtype=bool)
    for i, method_key in enumerate(_METHOD_KEYS):
        for d in template.METHODS[method_key].dimensions:
            allowed[i, DIMS.index(d)] = True
    mi = cells.method
    dim_ok = np.where(dim >= 0, allowed[mi, np.clip(dim, 0, None)], True)
    wrong = (dim == -2) | ((dim >= 0) & ~dim_ok & (mi < _UNKNOWN_METHOD))
    method = cells.method_text
    for pos in np.flatnonzero(wrong):
        m = cells.method_key[pos]
        dims = template.METHODS[m].dimensions if m else DIMS
        out.add(
            pos,
            "wrong_dimension",
            msg.WRONG_DIMENSION,
            "unit",
            unit.values(pos),
            method=m or method.values(pos),
            expected="; ".join(template.UNIT_EXAMPLES[d] for d in dims),
        )


def _check_mass_balance(out: _Collector, cells: _Cells) -> None:
    """Refrigerant mass balance rows: start and end inventories required, the release from the
    components (never negative) becomes the quantity."""
    is_mb = cells.method_key == "refrigerant_mass_balance"
    if not is_mb.any():
        return
    comps = {k: cells.numbers[k][0] for k in template.MASS_BALANCE_KEYS}
    for key in ("inventory_start", "inventory_end"):
        out.report(is_mb & np.isnan(comps[key]), "missing_component", msg.MISSING_COMPONENT, key)
    release = refrigerant_release(*(np.nan_to_num(comps[k]) for k in template.MASS_BALANCE_KEYS))
    ok = is_mb & ~np.isnan(comps["inventory_start"]) & ~np.isnan(comps["inventory_end"])
    out.report(
        ok & (release < 0),
        "negative_release",
        msg.NEGATIVE_RELEASE,
        "quantity",
        values=np.round(release, 9),
    )
    cells.quantity = np.where(ok, release, cells.quantity)


def _check_gas(out: _Collector, cells: _Cells) -> None:
    """Gases of the release methods: known, canonical names; a blank gas is the material's."""
    texts, method_key = cells.texts, cells.method_key
    gas_rows = np.isin(cells.method, [_METHOD_KEYS.index(m) for m in _GAS_METHODS])
    gas = texts["gas"]
    gcanon = gas.map(canonical_gas)
    out.report(
        gas_rows & (gas.codes >= 0) & (gcanon.codes < 0), "unknown_gas", msg.UNKNOWN_GAS, "gas", gas
    )
    mat = texts["material"]
    mcanon = mat.map(canonical_gas)
    no_gas = gas_rows & (gas.codes < 0) & (method_key != "measured")
    out.report(no_gas & (mcanon.codes < 0), "unknown_gas", msg.UNKNOWN_GAS, "material", mat)
    as_gas = _Text(np.where(gas_rows, gcanon.codes, -1), gcanon.names)
    from_mat = _Text(np.where(no_gas, mcanon.codes, -1), mcanon.names)
    other = _Text(np.where(gas_rows, -1, gas.codes), gas.names)
    texts["gas"] = as_gas.fill(from_mat).fill(other)


def _check_direction(out: _Collector, cells: _Cells) -> None:
    """The carbon balance direction: input or output (also 输入/输出 …)."""
    dirs = cells.texts["direction"]
    dnorm = dirs.map(lambda x: _DIRECTION_ALIASES.get(x.lower()))
    out.report(
        (dirs.codes >= 0) & (dnorm.codes < 0),
        "unknown_direction",
        msg.UNKNOWN_DIRECTION,
        "direction",
        dirs,
    )
    cells.texts["direction"] = dnorm


def _check_overrides(out: _Collector, cells: _Cells, result: pd.DataFrame) -> None:
    """Measured values' units: known, of the dimension the row's method needs (6.3.1 e)."""
    mi = cells.method
    _ov, problems = overrides_canonical(
        result, np.where(mi < _UNKNOWN_METHOD, mi, -1), cells.unit_dim
    )
    seen = set()
    for p in problems:
        if (p.pos, p.column) in seen:
            continue
        seen.add((p.pos, p.column))
        if p.kind == "unknown_unit":
            out.add(p.pos, "unknown_unit", msg.UNKNOWN_UNIT, p.column, p.value)
        elif p.kind == "required":
            out.add(p.pos, "required", msg.REQUIRED_VALUE, p.column, "")
        else:
            out.add(
                p.pos,
                "wrong_dimension",
                msg.WRONG_DIMENSION,
                p.column,
                p.value,
                method=p.params.get("method", ""),
                expected=_expected(p.column),
            )


#: What makes two rows the same record (8.5): the amount would count twice.
DUPLICATE_KEY = ("source", "facility", "period", "method", "material", "quantity", "unit")


def _check_lengths(out: _Collector, result: pd.DataFrame, max_lengths: dict[str, int]) -> None:
    """Text longer than its column may store: per distinct value (``str.len()`` on the
    categories), so a million rows cost what their distinct texts cost."""
    for key, most in max_lengths.items():
        column = result.get(key)
        if column is None or not isinstance(column.dtype, pd.CategoricalDtype):
            continue
        names = pd.Series(column.cat.categories, dtype=object).astype(str)
        long = np.flatnonzero(names.str.len().to_numpy() > most)
        if not len(long):
            continue
        codes = column.cat.codes.to_numpy()
        for pos in np.flatnonzero(np.isin(codes, long)):
            text = names.iloc[codes[pos]]
            shown = text if len(text) <= 60 else text[:59] + "…"
            out.add(pos, "too_long", msg.TOO_LONG, key, shown, length=len(text), most=most)


def repeated_rows(frame: pd.DataFrame, *, with_reason: bool) -> pd.DataFrame:
    """Rows that repeat an earlier row of ``frame`` in :data:`DUPLICATE_KEY`.

    ``with_reason=False``: exact repeats, also equal in every other column (``note`` and
    ``data_source`` included), which cannot be two records. ``with_reason=True``: repeats
    whose other columns differ (a note, a data source), accepted but shown to the reviewer.
    Returns ``row`` (the repeating row) and ``first`` (the row it repeats). Issues no query;
    the full comparison runs only on the few rows that share the key.
    """
    key = [c for c in DUPLICATE_KEY if c in frame.columns]
    if frame.empty or not key:
        return pd.DataFrame({"row": [], "first": []}, dtype="int64")
    candidates = frame[frame.duplicated(subset=key, keep=False)]
    if candidates.empty:
        return pd.DataFrame({"row": [], "first": []}, dtype="int64")
    full = [c for c in template.COLUMN_KEYS if c in candidates.columns]
    rows = candidates["row"] if "row" in candidates else pd.Series(candidates.index)
    rows = pd.Series(np.asarray(rows), index=candidates.index)
    first_of_key = rows.groupby(
        [candidates[c] for c in key], observed=True, dropna=False
    ).transform("min")
    exact = candidates.duplicated(subset=full, keep="first")
    repeat = candidates.duplicated(subset=key, keep="first")
    chosen = exact if not with_reason else (repeat & ~exact)
    if not with_reason:  # an exact repeat names the first row exactly like it
        first = rows.groupby([candidates[c] for c in full], observed=True, dropna=False).transform(
            "min"
        )
    else:
        first = first_of_key
    return pd.DataFrame(
        {
            "row": rows[chosen].to_numpy(dtype="int64"),
            "first": first[chosen].to_numpy(dtype="int64"),
        }
    )


def _duplicate_issues(frame: pd.DataFrame) -> list[Issue]:
    found = repeated_rows(frame, with_reason=False)
    return [
        issue(
            "duplicate_row",
            msg.DUPLICATE_ROW,
            row=int(r),
            column="note",
            value="",
            first=int(f),
        )
        for r, f in zip(found["row"], found["first"], strict=True)
    ]


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
