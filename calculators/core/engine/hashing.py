"""The input hash of an activity frame (6.3.2: a run can be recomputed and checked).

No Django, no query.
"""

import hashlib

import numpy as np
import pandas as pd
from pandas.util import hash_array

from calculators.core import template
from calculators.core.normalise import ACTIVITY_KEYS

#: Columns that determine a computation; others (note, data_source) do not enter the hash.
HASH_COLUMNS: tuple[str, ...] = ("source", "facility", *ACTIVITY_KEYS, *template.OVERRIDE_KEYS)


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
    cols, rows = row_hashes(df)
    return rows_digest(cols, rows)


def row_hashes(df: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The hashed columns and one uint64 hash per row (unsorted), as :func:`input_hash` takes
    them; the hashes of a frame's parts, concatenated, are the hashes of the whole frame."""
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
    return cols, h


def rows_digest(cols: list[str], rows: np.ndarray) -> str:
    """SHA-256 over the column names, the row count and the sorted row hashes."""
    rows = np.sort(rows.astype(np.uint64, copy=False))
    digest = hashlib.sha256()
    digest.update(("|".join(cols) + f"|{len(rows)}").encode())
    digest.update(rows.tobytes())
    return digest.hexdigest()
