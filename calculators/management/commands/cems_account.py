"""Compute an activity-data file with the built-in factor library; writes nothing (6.3.1).

``manage.py cems_account FILE [--gwp AR5] [--factor-set KEY ...] [--format table|json|csv]
[--biomass exclude|memo|include] [--ch4 auto|single|split] [--electricity calorific|coal_equivalent]``

Reads the template file, validates it with core's intake (no register check: any source
code is accepted), computes it with the factor library shipped in ``calculators/data`` and
prints per-row results (tCO2e and each gas in t), the totals, the rules applied with the GWP
values used (T/CSES 146-2024 6.3.1 a, 6.3.2) and the energy per carrier in GJ and tce
(6.3.2, 9.1; GB/T 2589-2020). A ``ch4_origin`` column (fossil / non_fossil) overrides a row's
methane origin. It touches no database.
"""

import csv
import io
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from calculators.core import energy, engine, intake
from calculators.core.engine import BIOMASS_RULES, CH4_RULES, GAS_COLUMNS, ch4_values
from calculators.core.factors import DEFAULT_PRIORITY, FactorTable, load_factors
from calculators.core.gwp import GwpError, GwpTable

ROW_COLUMNS = ("row", "source", "period", "method", "material", "gas", "quantity", "unit")
VALUE_COLUMNS = ("co2e", *GAS_COLUMNS.values(), "co2_biogenic", "co2e_excluded", "energy_gj")


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class Command(BaseCommand):
    help = (
        "Compute a template CSV/XLSX with the built-in factor library and print per-row "
        "results and totals; writes nothing."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--gwp", default="AR5", help="GWP set: SAR, AR4, AR5 or AR6.")
        parser.add_argument(
            "--factor-set",
            action="append",
            dest="factor_sets",
            default=[],
            help="Prefer this built-in set (key or family); repeatable, first wins.",
        )
        parser.add_argument("--format", default="table", choices=["table", "json", "csv"])
        parser.add_argument(
            "--biomass",
            default="exclude",
            choices=BIOMASS_RULES,
            help="Biomass combustion: exclude (GB/T 32150, the default: none in the total), "
            "memo (GHG Protocol / ISO 14064-1: biogenic CO2 a memo, CH4 and N2O counted), "
            "include (all counted).",
        )
        parser.add_argument(
            "--ch4",
            default="auto",
            choices=CH4_RULES,
            help="CH4 GWP: split (fossil / non-fossil by origin), single, or auto (split under "
            "AR6, single otherwise).",
        )
        parser.add_argument(
            "--electricity",
            default="calorific",
            choices=energy.ELECTRICITY_METHODS,
            help="Electricity to tce: calorific equivalent 0.1229 kgce/kWh (GB/T 2589) or the "
            "coal-equivalent method.",
        )

    def handle(self, *args, file: Path, gwp: str, factor_sets, format: str, biomass, **opts):
        try:
            data = file.read_bytes()
            gwp_table = GwpTable(gwp)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except GwpError as exc:
            raise CommandError(f"{gwp} is not a GWP set (SAR, AR4, AR5, AR6).") from exc
        table = (
            FactorTable(load_factors(), priority=[*factor_sets, *DEFAULT_PRIORITY])
            if factor_sets
            else FactorTable.default()
        )
        data, extra = intake.split_engine_columns(data, file.name)
        parsed = intake.read_activity(data, filename=file.name, factors=table)
        if parsed.issues:
            for issue in parsed.issues:
                self.stderr.write(gettext(issue.message) % issue.params)
            raise CommandError(f"{len(parsed.issues)} errors in {file.name}.")
        frame = parsed.frame
        for name in extra.columns:
            frame = frame.assign(**{name: extra[name].reindex(frame["row"]).fillna("").to_numpy()})
        options = {"biomass": biomass, "ch4": opts["ch4"]}
        try:
            result = engine.compute(frame, table, gwp_set=gwp_table, options=options)
        except engine.EngineError as exc:
            for issue in exc.issues:
                self.stderr.write(gettext(issue.message) % issue.params)
            raise CommandError(f"{len(exc.issues)} errors in {file.name}.") from exc
        rows = []
        for position in range(len(result)):
            row = {c: _plain(parsed.frame[c].iloc[position]) for c in ROW_COLUMNS}
            row.update({c: _plain(result[c].iloc[position]) for c in VALUE_COLUMNS})
            row["scope"] = _plain(result["scope"].iloc[position])
            row["factors"] = str(result["factors"].iloc[position])
            rows.append(row)
        totals = {c: float(result[c].sum()) for c in VALUE_COLUMNS}
        intensity = {}
        for per, key in (("t", "per_t"), ("万元", "per_wan_yuan")):
            production = engine.production(result, per)
            if production:
                intensity[key] = {
                    "production": production,
                    "intensity": engine.intensity(result, per),
                }
        fossil, non_fossil = ch4_values(gwp_table, engine.Options.of(options))
        carriers = energy.energy_by_carrier(
            energy.result_energy_rows(result), electricity=opts["electricity"]
        )
        payload = {
            "file": file.name,
            "gwp_set": result.attrs.get("gwp_set", gwp),
            "rules": {
                "biomass": biomass,
                "ch4": opts["ch4"],
                "gwp": {
                    "CH4_fossil": fossil,
                    "CH4_non_fossil": non_fossil,
                    "N2O": gwp_table.value("N2O"),
                },
                "electricity": opts["electricity"],
            },
            "rows": rows,
            "total_tco2e": totals["co2e"],
            "totals": totals,
            "intensity": intensity,
            "energy": {
                "carriers": [
                    {k: _plain(v) for k, v in rec.items()}
                    for rec in carriers.drop(columns=["citation_zh"]).to_dict("records")
                ],
                **energy.totals(carriers),
            },
        }
        if format == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
        elif format == "csv":
            self.stdout.write(self._csv(rows, totals))
        else:
            self.stdout.write(self._table(payload))

    def _csv(self, rows: list[dict], totals: dict) -> str:
        buffer = io.StringIO()
        columns = [*ROW_COLUMNS, "scope", *VALUE_COLUMNS, "factors"]
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        writer.writerow({"row": "total", **totals})
        return buffer.getvalue()

    def _table(self, payload: dict) -> str:
        lines = [
            f"{'row':>5} {'source':<8} {'period':<7} {'method':<26} {'tCO2e':>14} "
            f"{'CO2 t':>12} {'CH4 t':>10} {'N2O t':>10} {'F-gas t':>10} {'bio CO2 t':>10}"
        ]
        for r in payload["rows"]:
            fgas = sum(r[c] or 0.0 for c in ("hfcs", "pfcs", "sf6", "nf3"))
            lines.append(
                f"{r['row']:>5} {str(r['source'] or ''):<8} {str(r['period'] or ''):<7} "
                f"{str(r['method'] or ''):<26} {r['co2e'] or 0:>14.6f} {r['co2'] or 0:>12.6f} "
                f"{r['ch4'] or 0:>10.6f} {r['n2o'] or 0:>10.6f} {fgas:>10.6f} "
                f"{r['co2_biogenic'] or 0:>10.6f}"
            )
        lines.append(f"total {payload['total_tco2e']:.6f} tCO2e (GWP {payload['gwp_set']})")
        for key, value in payload["intensity"].items():
            lines.append(f"intensity {key}: {value['intensity']:.6f}")
        rules, gwp = payload["rules"], payload["rules"]["gwp"]
        lines.append(
            f"rules: biomass {rules['biomass']}; CH4 {rules['ch4']} (fossil {gwp['CH4_fossil']:g}, "
            f"non-fossil {gwp['CH4_non_fossil']:g}); N2O {gwp['N2O']:g}; "
            f"electricity {rules['electricity']}"
        )
        excluded = payload["totals"]["co2e_excluded"]
        if excluded:
            lines.append(
                f"biomass CH4 and N2O accounted apart, not in the total: {excluded:.6f} tCO2e"
            )
        lines.append(f"{'energy carrier':<32} {'direction':<9} {'GJ':>14} {'tce':>12}  coefficient")
        for c in payload["energy"]["carriers"]:
            lines.append(
                f"{c['carrier']:<32} {c['direction']:<9} {c['energy_gj']:>14.3f} {c['tce']:>12.4f}  "
                f"{c['coefficient']:g} {c['coefficient_unit']}"
            )
        lines.append(
            f"energy total {payload['energy']['energy_gj']:.3f} GJ = {payload['energy']['tce']:.4f} tce"
        )
        return "\n".join(lines)
