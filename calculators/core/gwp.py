"""GWP-100 sets (SAR, AR4, AR5, AR6), gas names, gas groups and blends (clause 3, 6.3.1).

Pure data access, no Django. ``calculators/data/gwp.csv`` holds one row per set and species
(from openclimatedata/globalwarmingpotentials, CC0, with the AR6/AR5 fossil CH4 values tagged
[T]); ``calculators/data/blends.csv`` holds refrigerant blends by mass fraction (ASHRAE 34
designations, tagged [M]). A blend's GWP is Σ wᵢ × GWPᵢ (GHG Protocol); it is counted in the
gas groups of its components.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GWP_SETS: tuple[str, ...] = ("SAR", "AR4", "AR5", "AR6")
GROUPS: tuple[str, ...] = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")

#: Extra spellings → canonical species (normalised by :func:`_norm`).
_ALIASES = {
    "PFC14": "CF4",
    "R14": "CF4",
    "PFC116": "C2F6",
    "R116": "C2F6",
    "PFC218": "C3F8",
    "R218": "C3F8",
    "PFC318": "c-C4F8",
    "RC318": "c-C4F8",
    "CARBONDIOXIDE": "CO2",
    "METHANE": "CH4",
    "NITROUSOXIDE": "N2O",
    "二氧化碳": "CO2",
    "甲烷": "CH4",
    "氧化亚氮": "N2O",
    "六氟化硫": "SF6",
    "三氟化氮": "NF3",
}


def _norm(name: object) -> str:
    return re.sub(r"[\s\-_]", "", str(name)).upper()


class GwpError(KeyError):
    """Unknown GWP set."""


def set_name(gwp_set: str) -> str:
    """``AR5``/``GWP_AR5``/``ar5`` → ``AR5``; raises :class:`GwpError`."""
    s = str(gwp_set).upper().removeprefix("GWP_")
    if s not in GWP_SETS:
        raise GwpError(gwp_set)
    return s


@lru_cache(maxsize=1)
def load_gwp() -> pd.DataFrame:
    """All GWP rows: set_key, set_version, gas, gas_group, parameter, value, … (file order)."""
    df = pd.read_csv(DATA_DIR / "gwp.csv", dtype={"note": "string"}, keep_default_na=False)
    df["value"] = df["value"].astype(float)
    return df


@lru_cache(maxsize=1)
def load_blends() -> pd.DataFrame:
    """Blend compositions: blend, component, mass_fraction, source, verification, note."""
    df = pd.read_csv(DATA_DIR / "blends.csv", keep_default_na=False)
    df["mass_fraction"] = df["mass_fraction"].astype(float)
    return df


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = {_norm(g): g for g in load_gwp()["gas"].unique()}
    names.update({_norm(b): b for b in load_blends()["blend"].unique()})
    for sp in list(names.values()):
        if sp.startswith("HFC-"):
            names.setdefault(_norm("R-" + sp[4:]), sp)
    names.update(_ALIASES)
    return names


def canonical_gas(name: object) -> str | None:
    """Canonical species or blend name of ``name`` (``HFC134a`` → ``HFC-134a``), or None."""
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return None
    return _names().get(_norm(name))


def gas_group(species: str) -> str | None:
    """Group of a canonical species (``HFC-32`` → ``HFCs``); None for blends or unknown."""
    return _group_table().get(species)


@lru_cache(maxsize=1)
def _blend_table() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for rec in load_blends().to_dict("records"):
        out.setdefault(rec["blend"], {})[rec["component"]] = float(rec["mass_fraction"])
    return out


@lru_cache(maxsize=1)
def _group_table() -> dict[str, str]:
    df = load_gwp()
    return dict(zip(df["gas"], df["gas_group"], strict=True))


def composition(gas: str) -> dict[str, float]:
    """Mass fractions of a canonical gas: a blend's components, or {species: 1.0}."""
    return dict(_blend_table().get(gas, {gas: 1.0}))


@dataclass(frozen=True)
class GasProperties:
    """Per distinct gas: effective GWP and the mass fraction that falls in each group."""

    gwp: np.ndarray
    fractions: dict[str, np.ndarray]
    missing: list[str]  # gases (or components) without a GWP in the set
    weighted: dict[str, np.ndarray] | None = None  # Σ wᵢ GWPᵢ of the components in each group


def gwp_values(gwp_set: str) -> dict[str, float]:
    """Species → GWP-100 in ``gwp_set`` (SAR, AR4, AR5, AR6)."""
    return dict(_gwp_values(set_name(gwp_set)))


@lru_cache(maxsize=8)
def _gwp_values(gwp_set: str) -> dict[str, float]:
    df = load_gwp()
    sub = df[df["set_key"] == f"GWP_{set_name(gwp_set)}"]
    return dict(zip(sub["gas"], sub["value"], strict=True))


class GwpTable:
    """GWP values of one set, from the shipped CSV (``GwpTable("AR5")``) or a frame.

    A frame (the Django layer's GWP rows) has columns ``species`` (or ``gas``), ``value``,
    ``gas_group`` and optionally ``composition`` (dict of mass fractions, for blends) and
    ``key`` (the set name). Blends not in the frame come from ``blends.csv``.
    """

    def __init__(self, gwp_set: "str | pd.DataFrame", name: str | None = None):
        if isinstance(gwp_set, pd.DataFrame):
            df = gwp_set
            col = "species" if "species" in df else "gas"
            self.name = name or str(df["key"].iloc[0] if "key" in df and len(df) else "custom")
            self.values: dict[str, float] = {}
            self.groups: dict[str, str] = {}
            self.compositions: dict[str, dict[str, float]] = {}
            for rec in df.to_dict("records"):
                sp = str(rec[col])
                comp = rec.get("composition") or {}
                if comp:
                    self.compositions[sp] = {str(k): float(v) for k, v in comp.items()}
                else:
                    self.values[sp] = float(rec["value"])
                    self.groups[sp] = str(rec.get("gas_group") or gas_group(sp) or "")
        else:
            self.name = set_name(gwp_set)
            self.values = gwp_values(self.name)
            self.groups = dict(_group_table())
            self.compositions = {}

    def composition(self, gas: str) -> dict[str, float]:
        """Mass fractions of ``gas``: its blend composition, or {gas: 1.0}."""
        if gas in self.compositions:
            return self.compositions[gas]
        return composition(gas)

    def value(self, species: str) -> float:
        """GWP of a species (NaN if the set has none)."""
        return self.values.get(species, np.nan)

    def properties(self, gases: "list[str]") -> GasProperties:
        """Effective GWP (Σ wᵢ GWPᵢ) and group fractions for each of ``gases`` (canonical).

        A gas or component without a GWP in the set gives NaN and is listed in ``missing``.
        """
        gwp = np.zeros(len(gases))
        fr = {g: np.zeros(len(gases)) for g in GROUPS}
        wg = {g: np.zeros(len(gases)) for g in GROUPS}
        missing: list[str] = []
        for i, gas in enumerate(gases):
            for comp, w in self.composition(gas).items():
                group = self.groups.get(comp) or gas_group(comp)
                value = self.values.get(comp)
                if value is None or not group or group not in fr:
                    gwp[i] = np.nan
                    missing.append(gas)
                    continue
                gwp[i] += w * value
                fr[group][i] += w
                wg[group][i] += w * value
        return GasProperties(gwp=gwp, fractions=fr, missing=missing, weighted=wg)


def properties(gases: list[str], gwp_set: str) -> GasProperties:
    """:meth:`GwpTable.properties` of the shipped set ``gwp_set``."""
    return GwpTable(gwp_set).properties(gases)


@lru_cache(maxsize=1)
def material_origins() -> dict[str, str]:
    """Material key → ``fossil`` or ``non_fossil`` (biomass, waste, agriculture), from
    ``calculators/data/material_origin.csv``: the origin that picks a methane GWP under the
    fossil / non-fossil split (IPCC AR6 WG1 Table 7.15; GHG Protocol AR6 GWP table). A material
    not listed is fossil; the ``biomass`` method is always non-fossil."""
    df = pd.read_csv(DATA_DIR / "material_origin.csv", keep_default_na=False)
    return dict(zip(df["material"], df["origin"], strict=True))


def blend_rows() -> pd.DataFrame:
    """Each blend's GWP in every set, with its composition (for loading GWP sets into a DB).

    Columns: set_key, gas (blend), gas_group, value (NaN if a component lacks a value),
    composition (dict), source, verification.
    """
    bl = load_blends()
    out = []
    for blend, rows in bl.groupby("blend", sort=False):
        comp = dict(zip(rows["component"], rows["mass_fraction"], strict=True))
        groups = {gas_group(c) for c in comp}
        for s in GWP_SETS:
            p = properties([blend], s)
            out.append(
                {
                    "set_key": f"GWP_{s}",
                    "gas": blend,
                    "gas_group": groups.pop() if len(groups) == 1 else "HFCs",
                    "value": float(p.gwp[0]),
                    "composition": comp,
                    "source": str(rows["source"].iloc[0]),
                    "verification": str(rows["verification"].iloc[0]),
                }
            )
            groups = {gas_group(c) for c in comp}
    return pd.DataFrame(out)
