"""Factor library: CSV loader and the vectorised :class:`FactorTable` the engine reads (6.3.1 e).

Pure, no Django, issues no query. The shipped sets live in ``calculators/data/factors_*.csv``
(one row per set, material, parameter, gas and region, with year and a verification tag:
V verified, T third-party transcription, M unverified; ``measured`` for a user's own value).
Provenance is the official publication in both languages (``citation_zh``, ``citation_en``:
issuer, title, document number, date, table) and, apart, ``retrieved_from``: where the text
was read, which reports never print. The frame's ``source`` is ``citation_en``.
``factor_sets.csv`` describes the sets the same way. The Django layer builds the same frame from its ``Factor`` rows and hands
it to :class:`FactorTable`.

Canonical units (every value is converted once, when the table is built):

=====================  =============================================  ==================
parameter              canonical unit                                 ``per_dim``
=====================  =============================================  ==================
ncv, hhv               GJ/t or GJ/m³                                  mass / volume
carbon_content         tC/GJ                                          energy
carbon_content_mass    tC/t or tC/m³                                  mass / volume
ef (per gas)           t gas per t, m³, GJ or 万元 (CO2e tag dropped)  mass/volume/energy/currency
density                t/m³                                           volume
steam_enthalpy         kJ/kg                                          ""
oxidation_rate, purity, calcination_fraction, carbon_fraction (tC/t), gwp: fraction, ``""``
=====================  =============================================  ==================

Lookup (:meth:`FactorTable.lookup`) is by (material, parameter, gas, per_dim) and a year:
among the candidates, the set family first in the priority order wins, then the latest year
≤ the activity year, else the earliest later year; an undated row counts as older than any
dated one. A set's family is its key without a trailing ``_YYYY`` (``CN_elec_stat_2023`` →
``CN_elec_stat``), so yearly sets of one series compete by year only.
"""

import hashlib
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from calculators.core.units import convert_units

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FACTOR_FILES: tuple[str, ...] = (
    "factors_cn_fuel.csv",
    "factors_cn_electricity.csv",
    "factors_cn_heat.csv",
    "factors_process.csv",
    "factors_ipcc2006.csv",
    "factors_epa_hub.csv",
)
FACTOR_COLUMNS: tuple[str, ...] = (
    "set_key",
    "set_version",
    "material",
    "gas",
    "parameter",
    "value",
    "unit",
    "source",
    "year",
    "region",
    "verification",
    "note",
)
#: Header of the shipped ``factors_*.csv``: the frame's columns with the provenance split into
#: the official citation in both languages and where the text was read.
CSV_COLUMNS: tuple[str, ...] = (
    *FACTOR_COLUMNS[: FACTOR_COLUMNS.index("source")],
    "citation_zh",
    "citation_en",
    "retrieved_from",
    *FACTOR_COLUMNS[FACTOR_COLUMNS.index("source") + 1 :],
)
VERIFICATION_TAGS: tuple[str, ...] = ("V", "T", "M", "measured")

#: parameter → canonical target units, and the per_dim each target stands for.
PARAMETER_TARGETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ncv": (("GJ/t", "GJ/m**3"), ("mass", "volume")),
    "hhv": (("GJ/t", "GJ/m**3"), ("mass", "volume")),
    "carbon_content": (("t/GJ",), ("energy",)),
    "carbon_content_mass": (("t/t", "t/m**3"), ("mass", "volume")),
    "ef": (("t/t", "t/m**3", "t/GJ", "t/万元"), ("mass", "volume", "energy", "currency")),
    "density": (("t/m**3",), ("volume",)),
    "steam_enthalpy": (("kJ/kg",), ("",)),
}
DIMENSIONLESS = ("oxidation_rate", "purity", "calcination_fraction", "carbon_fraction", "gwp")

#: Default priority of set families: China defaults first, IPCC, EPA last.
DEFAULT_PRIORITY: tuple[str, ...] = (
    "CN_guideline_fuel_setA",
    "CN_MEE_power",
    "CN_elec_stat",
    "CN_ETS_grid",
    "CN_heat",
    "CN_co2_recovery",
    "IPCC2006_carbonates",
    "CN_foundry_carbon_defaults",
    "IPCC2006_T1_manufacturing",
    "IPCC2006_T1_energy",
    "EPA_Hub",
    "CN_guideline_fuel_setB",
)
#: Sets that the IPCC methods (ipcc_tier1, biomass) prefer over the China defaults.
IPCC_PREFERENCE: tuple[str, ...] = ("IPCC2006_T1_manufacturing", "IPCC2006_T1_energy")


class FactorDataError(ValueError):
    """The factor frame has rows whose unit does not fit their parameter."""

    def __init__(self, rows: pd.DataFrame):
        super().__init__(f"{len(rows)} factor rows with unusable units")
        self.rows = rows


def family(set_key: str) -> str:
    """Family of a set key: the key without a trailing ``_YYYY``."""
    return re.sub(r"_(19|20)\d\d$", "", str(set_key))


@lru_cache(maxsize=1)
def load_factor_sets() -> pd.DataFrame:
    """``factor_sets.csv``: set_key, set_version, name_en, name_zh, citation_zh, citation_en,
    retrieved_from, year."""
    return pd.read_csv(DATA_DIR / "factor_sets.csv", keep_default_na=False)


def load_factors(files: Sequence[str | Path] | None = None) -> pd.DataFrame:
    """The shipped factor CSVs as one frame with :data:`FACTOR_COLUMNS` (year: float, NaN = undated)."""
    paths = [DATA_DIR / f if not Path(f).is_absolute() else Path(f) for f in files or FACTOR_FILES]
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths]
    df = pd.concat(frames, ignore_index=True)
    if "source" not in df and "citation_en" in df:
        df["source"] = df["citation_en"]  # the engine's trace names the official publication
    return normalise_frame(df)


def normalise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Coerce a factor frame (CSV or DB rows) to :data:`FACTOR_COLUMNS` and dtypes."""
    df = df.copy()
    for col in FACTOR_COLUMNS:
        if col not in df:
            df[col] = ""
    df = df[list(FACTOR_COLUMNS)]
    for col in ("set_key", "material", "gas", "parameter", "unit", "source", "region", "note"):
        df[col] = df[col].fillna("").astype(str)
    df["verification"] = df["verification"].fillna("").astype(str)
    df["value"] = pd.to_numeric(df["value"], errors="raise").astype(float)
    df["year"] = pd.to_numeric(df["year"].replace("", np.nan), errors="coerce").astype(float)
    df["set_version"] = (
        pd.to_numeric(df["set_version"].replace("", np.nan), errors="coerce").fillna(1).astype(int)
    )
    return df


#: Columns of a factor row that a set's digest covers: every column the engine reads and the
#: run's input hash covers (:func:`calculators.run_adapter.inputs_hash`).
DIGEST_COLUMNS: tuple[str, ...] = ("factor_id", *FACTOR_COLUMNS)


def _missing(value) -> bool:
    """None, NaN or pandas' NA (a nullable column of the database frame)."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def set_digests(frame: pd.DataFrame) -> dict[tuple[str, int], str]:
    """SHA-256 of each factor set's rows in ``frame``, keyed by (set_key, set_version).

    ``frame``: factor rows as the database gives them to a run (``factor_id`` plus
    :data:`FACTOR_COLUMNS`). The rows of a set are taken in ``factor_id`` order and every
    cell as text, so the digest names exactly the values a run computed with: a run keeps
    them, and its approval compares them with the database's (6.3.2). Issues no query.
    """
    if not len(frame):
        return {}
    columns = [c for c in DIGEST_COLUMNS if c in frame]
    rows = frame[columns].sort_values(columns[0], kind="stable")
    out: dict[tuple[str, int], str] = {}
    for (key, version), group in rows.groupby(["set_key", "set_version"], sort=True):
        cells = [
            ["" if _missing(value) else str(value) for value in record]
            for record in group.itertuples(index=False, name=None)
        ]
        payload = json.dumps(cells, ensure_ascii=False, separators=(",", ":")).encode()
        out[(str(key), int(version))] = hashlib.sha256(payload).hexdigest()
    return out


def canonicalise(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``canonical`` (value in the canonical unit) and ``per_dim`` to a normalised frame.

    Raises :class:`FactorDataError` naming the rows whose unit is unknown or of the wrong
    dimension for their parameter. Conversion is per distinct (parameter, unit).
    """
    out = df.copy()
    out["canonical"] = np.nan
    out["per_dim"] = ""
    bad = np.zeros(len(out), dtype=bool)
    for parameter, idx in out.groupby("parameter", sort=False).indices.items():
        units = out["unit"].to_numpy()[idx]
        if parameter in PARAMETER_TARGETS:
            targets, dims = PARAMETER_TARGETS[parameter]
            conv = convert_units(units, targets, strip_co2e=parameter == "ef")
            ok = conv.ok
            per_dim = np.where(ok, np.asarray(dims, dtype=object)[np.maximum(conv.target, 0)], "")
            factor = conv.factor
        else:
            blank = np.array([str(u).strip() == "" for u in units])
            conv = convert_units(np.where(blank, "dimensionless", units), ("dimensionless",))
            ok = conv.ok
            factor = conv.factor
            per_dim = np.full(len(idx), "", dtype=object)
        out.iloc[idx, out.columns.get_loc("canonical")] = out["value"].to_numpy()[idx] * factor
        out.iloc[idx, out.columns.get_loc("per_dim")] = per_dim
        bad[idx] = ~ok
    if bad.any():
        raise FactorDataError(out[bad])
    return out


class FactorTable:
    """The factor rows the engine may use, canonicalised once, with a priority of set families.

    ``frame``: rows with :data:`FACTOR_COLUMNS` (from the CSVs or the database; an optional
    ``factor_id`` column is kept for traceability). ``priority``: set families (or set keys)
    in order of preference; families not listed rank after, in order of appearance.
    """

    def __init__(self, frame: pd.DataFrame, priority: Sequence[str] = DEFAULT_PRIORITY):
        extra = [c for c in ("factor_id",) if c in frame]
        table = canonicalise(
            normalise_frame(frame).join(frame[extra]) if extra else normalise_frame(frame)
        )
        table["family"] = table["set_key"].map(family)
        order = list(dict.fromkeys([*priority, *table["family"]]))
        table["rank"] = table["family"].map({f: i for i, f in enumerate(order)}).astype(int)
        table["year_key"] = table["year"].fillna(-1.0)
        if "factor_id" not in table:
            table["factor_id"] = np.arange(len(table))
        self.table = table.reset_index(drop=True)
        self.order = order
        self._family = self.table["family"].tolist()
        self._rank = self.table["rank"].tolist()
        self._year_key = self.table["year_key"].tolist()
        self._columns = {
            src: self.table[src].to_numpy() for src, _d in self.LOOKUP_COLUMNS.values()
        }
        self._index: dict[tuple, list[int]] = {}
        keys = zip(
            self.table["material"],
            self.table["parameter"],
            self.table["gas"],
            self.table["per_dim"],
            strict=True,
        )
        for i, key in enumerate(keys):
            self._index.setdefault(key, []).append(i)

    @classmethod
    def default(cls) -> "FactorTable":
        """The shipped library (all CSVs, :data:`DEFAULT_PRIORITY`)."""
        return _default_table()

    #: What :meth:`lookup` returns per key: result column → (table column, value if none).
    LOOKUP_COLUMNS: dict[str, tuple[str, object]] = {
        "value": ("canonical", np.nan),
        "raw_value": ("value", np.nan),
        "unit": ("unit", ""),
        "set_key": ("set_key", ""),
        "set_version": ("set_version", 0),
        "factor_year": ("year", np.nan),
        "source": ("source", ""),
        "verification": ("verification", ""),
        "region": ("region", ""),
        "factor_id": ("factor_id", -1),
    }

    def choose(self, keys: Sequence[Sequence], prefer: Sequence[str] = ()) -> np.ndarray:
        """Row of the table chosen for each key (−1 if none): one dict probe per key.

        ``keys``: the columns material, parameter, gas, per_dim, year (float, NaN = any), as
        equal-length sequences. ``prefer``: families ranked before the table's priority.
        """
        pref = {f: i for i, f in enumerate(prefer)}
        fam, rank, ykey, index = self._family, self._rank, self._year_key, self._index
        cols = [k.tolist() if isinstance(k, np.ndarray) else list(k) for k in keys]
        chosen = np.full(len(cols[0]) if cols else 0, -1, dtype=np.int64)
        for j, (mat, par, gas, dim, year) in enumerate(zip(*cols, strict=True)):
            cands = index.get((mat, par, gas, dim))
            if not cands:
                continue
            if len(cands) == 1:
                chosen[j] = cands[0]
                continue
            y = np.inf if year is None or year != year else year

            def order(i, y=y):
                later = ykey[i] > y
                return (
                    pref.get(fam[i], len(pref) + rank[i]),
                    later,
                    ykey[i] if later else -ykey[i],
                )

            chosen[j] = min(cands, key=order)
        return chosen

    def rows_at(self, chosen: np.ndarray) -> dict[str, np.ndarray]:
        """:data:`LOOKUP_COLUMNS` at the rows ``chosen`` (−1 → the column's 'none' value)."""
        ok = chosen >= 0
        idx = np.where(ok, chosen, 0)
        out = {}
        for name, (src, default) in self.LOOKUP_COLUMNS.items():
            column = self._columns[src]
            if not len(column):
                out[name] = np.full(len(chosen), default)
            elif ok.all():
                out[name] = column[idx]
            else:
                out[name] = np.where(ok, column[idx], default)
        out["factor_id"] = out["factor_id"].astype(np.int64)
        return out

    def lookup(self, keys: pd.DataFrame, prefer: Sequence[str] = ()) -> pd.DataFrame:
        """Resolve factors for a (small) frame of keys: one dict probe per key, no row loop.

        ``keys`` columns: material, parameter, gas, per_dim, year (float). Returns a frame
        aligned with ``keys`` with: value (canonical, NaN if none), raw_value, unit, set_key,
        set_version, factor_year, source, verification, region, factor_id (−1 if none).
        ``prefer``: families ranked before the table's priority for this lookup.
        """
        chosen = self.choose(
            [keys[c] for c in ("material", "parameter", "gas", "per_dim", "year")], prefer
        )
        return pd.DataFrame(self.rows_at(chosen), index=pd.RangeIndex(len(keys)))

    def materials(self) -> set[str]:
        """Material keys in the table."""
        return set(self.table["material"])


@lru_cache(maxsize=1)
def _default_table() -> FactorTable:
    return FactorTable(load_factors())
