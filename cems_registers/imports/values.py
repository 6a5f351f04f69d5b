"""Column-wise conversion of cell text to Python values; issues no query.

Dates are read in the formats the activity-data import accepts for its periods, down to the
day: ``2026-03-31``, ``2026/3/31``, ``2026.03.31``, ``20260331``, ``2026年3月31日``, with or
without a time after them, and Excel date cells (serial day numbers). Numbers may carry
thousands separators (``1,234.5``) and full-width digits.
"""

from __future__ import annotations

import decimal
import re

import pandas as pd

TRUE_WORDS = {"1", "true", "yes", "y", "t", "是", "真", "对", "有", "✓", "√", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "f", "否", "假", "错", "无", "✗", "×"}

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－／", "0123456789,.-/")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:[ T].*)?$"
    r"|^\s*(\d{4})(\d{2})(\d{2})\s*$"
)
#: Excel serial day numbers of 1900-01-01 … 2173-10-14; larger numbers are not dates.
MAX_SERIAL = 100_000


def plain_text(text: pd.Series) -> pd.Series:
    """Half-width digits and punctuation, trimmed."""
    return text.str.translate(_FULL_WIDTH).str.strip()


def numbers(text: pd.Series) -> pd.Series:
    """Floats (NaN where not a number); ``1,234.5`` is 1234.5, ``1,2`` is not a number."""
    plain = plain_text(text)
    grouped = plain.str.fullmatch(_THOUSANDS.pattern)
    plain = plain.where(~grouped, plain.str.replace(",", "", regex=False))
    return pd.to_numeric(plain.where(~plain.str.contains(",", regex=False)), errors="coerce")


def decimals(text: pd.Series) -> pd.Series:
    """``Decimal`` values (``None`` where not a number), exact as written."""
    plain = plain_text(text)
    grouped = plain.str.fullmatch(_THOUSANDS.pattern)
    plain = plain.where(~grouped, plain.str.replace(",", "", regex=False))
    return plain.map(_to_decimal).astype(object)


def _to_decimal(value: str):
    if not value or "," in value:
        return None
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation:
        return None
    return number if number.is_finite() else None


def dates(text: pd.Series) -> pd.Series:
    """``datetime.date`` values (``None`` where empty or not a date)."""
    plain = plain_text(text)
    parts = plain.str.extract(_DATE)
    year = parts[0].fillna(parts[3])
    month = parts[1].fillna(parts[4])
    day = parts[2].fillna(parts[5])
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).apply(
        pd.to_numeric, errors="coerce"
    )
    written = pd.to_datetime(frame, errors="coerce") if len(frame) else pd.Series([], dtype=object)
    serial = pd.to_numeric(plain.where(year.isna()), errors="coerce")
    serial = serial.where((serial > 0) & (serial < MAX_SERIAL))
    from_serial = pd.to_datetime(serial, unit="D", origin="1899-12-30", errors="coerce")
    result = written.where(written.notna(), from_serial) if len(frame) else written
    return result.map(_as_date).astype(object)


def _as_date(value):
    """A ``datetime.date``, or ``None`` for a blank or a date Python cannot hold (year 0)."""
    if pd.isna(value):
        return None
    try:
        return value.date()
    except (ValueError, OverflowError, NotImplementedError):
        return None


def booleans(text: pd.Series) -> pd.Series:
    """``True``/``False`` (``None`` where neither)."""
    folded = text.str.strip().str.casefold()
    return folded.map(
        lambda v: True if v in TRUE_WORDS else False if v in FALSE_WORDS else None
    ).astype(object)
