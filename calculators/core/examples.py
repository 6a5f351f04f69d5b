"""The reference worked examples (``calculators/data/examples.json``) as import templates.

A copy of ``reference/examples.json`` ships in ``calculators/data``. Each example becomes
template rows (:mod:`calculators.core.template`) carrying its inputs as per-row overrides
(6.3.1 e), so it runs through intake and the engine exactly like uploaded data. Used by the
core's tests and by the Django layer's command tests (``cems_account``). Pure, no Django.
"""

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from calculators.core.intake import to_csv_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "examples.json"
#: Source code every example row uses (add it to the known sources when validating).
SOURCE = "EX"
PERIOD = "2024-06"
DEFAULT_GWP = "AR5"


@lru_cache(maxsize=1)
def load_examples() -> tuple[dict, ...]:
    """All examples, in file order."""
    return tuple(json.loads(DATA.read_text(encoding="utf-8")))


def example(example_id: str) -> dict:
    """One example by id (``EX01`` …)."""
    return next(e for e in load_examples() if e["id"] == example_id)


def _q(spec: dict) -> tuple[float, str]:
    return float(spec["value"]), spec["unit"]


def _row(ex: dict, method: str, quantity: dict, **extra) -> dict:
    value, unit = _q(quantity)
    row = {
        "source": SOURCE,
        "period": PERIOD,
        "method": method,
        "quantity": value,
        "unit": unit,
        "data_source": ex["source"] or ex["id"],
        "note": ex["id"],
    }
    row.update({k: v for k, v in extra.items() if v is not None})
    return row


def _ef_gases(ef: dict) -> dict:
    """ef_co2/ef_ch4/ef_n2o + ef_unit from ``{"CO2": {...}, ...}`` (one shared unit)."""
    units = {spec["unit"] for spec in ef.values()}
    if len(units) != 1:
        raise ValueError("examples with per-gas EF units need one row per gas")
    out = {f"ef_{gas.lower()}": float(spec["value"]) for gas, spec in ef.items()}
    out["ef_unit"] = units.pop()
    return out


def example_rows(ex: dict) -> list[dict]:
    """Template rows (template keys) that reproduce example ``ex``."""
    i = ex["inputs"]
    cat = ex["category"]
    if cat in ("fuel_combustion_cn", "conversion"):
        if "carbon_content_mass" in i:
            return [
                _row(
                    ex,
                    "fuel_cn_carbon_mass",
                    i["quantity"],
                    carbon_content=i["carbon_content_mass"]["value"],
                    carbon_content_unit=i["carbon_content_mass"]["unit"],
                    oxidation_rate=i["oxidation_rate"],
                )
            ]
        return [
            _row(
                ex,
                "fuel_cn",
                i["quantity"],
                ncv=i.get("ncv", {}).get("value"),
                ncv_unit=i.get("ncv", {}).get("unit"),
                carbon_content=i["carbon_content"]["value"],
                carbon_content_unit=i["carbon_content"]["unit"],
                oxidation_rate=i["oxidation_rate"],
            )
        ]
    if cat in ("ipcc_tier1", "biomass"):
        method = "biomass" if cat == "biomass" else "ipcc_tier1"
        return [
            _row(
                ex,
                method,
                i["quantity"],
                ncv=i["ncv"]["value"],
                ncv_unit=i["ncv"]["unit"],
                **_ef_gases(i["ef"]),
            )
        ]
    if cat in ("electricity", "heat"):
        kind = "electricity" if cat == "electricity" else "heat"
        ef = {"ef_co2": i["ef"]["value"], "ef_unit": i["ef"]["unit"]}
        if "purchased" in i:
            return [
                _row(ex, f"purchased_{kind}", i["purchased"], **ef),
                _row(ex, f"exported_{kind}", i["exported"], **ef),
            ]
        return [_row(ex, f"purchased_{kind}", i["quantity"], **ef)]
    if cat == "fugitive":
        return [_row(ex, "gas_release", i["quantity"], gas=i["gas"])]
    if cat == "process":
        return [
            _row(
                ex,
                "carbonate",
                i["quantity"],
                purity=i["purity"],
                calcination_fraction=i["calcination_fraction"],
                ef_co2=i["ef"]["value"],
                ef_unit=i["ef"]["unit"],
            )
        ]
    if cat == "intensity":
        return [
            _row(ex, "measured", i["emissions"]),
            _row(ex, "production_value", i["output_value"]),
        ]
    raise ValueError(f"no template builder for category {cat!r}")


def example_frame(ex: dict) -> pd.DataFrame:
    """:func:`example_rows` as a frame."""
    return pd.DataFrame(example_rows(ex))


def example_csv(ex: dict, style: str = "bilingual") -> bytes:
    """:func:`example_rows` as a template CSV (UTF-8 with BOM)."""
    return to_csv_bytes(example_frame(ex), style=style)


def example_gwp(ex: dict) -> str:
    """The GWP set the example names (AR5 when it names none: CO2-only examples)."""
    return ex["inputs"].get("gwp_set", DEFAULT_GWP)


def example_options(ex: dict) -> dict:
    """The accounting rules the example names (docs/accounting_rules.md): ``biomass`` (memo
    when it names none) and ``ch4`` (the GWP set's default)."""
    return {"biomass": ex["inputs"].get("biomass_rule", "memo"), "ch4": "auto"}


def expected(ex: dict) -> dict:
    """What the example asserts: ``total`` (tCO2e, or tCO2e/万元 for intensity), ``by_gas`` (t).

    ``by_gas`` keys are engine result columns (``co2``, ``ch4``, ``n2o``, ``co2_biogenic``).
    """
    names = {"CO2": "co2", "CH4": "ch4", "N2O": "n2o", "CO2_biogenic_memo": "co2_biogenic"}
    by_gas = {names[k]: float(v) for k, v in ex.get("expected_by_gas_t", {}).items()}
    return {"total": float(ex["expected"]), "unit": ex["expected_unit"], "by_gas": by_gas}
