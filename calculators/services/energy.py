"""Writes of a run's energy per carrier (T/CSES 146-2024 6.3.2, 9.1; GB/T 2589-2020).

:func:`run_energy_store` is called where a run stores its results (one line beside
``series_store``): it takes the run's series rows (carrier, category, month, GJ), converts them
with the core's :func:`calculators.core.energy.energy_by_carrier` and replaces the run's
:class:`~calculators.models.RunEnergy` rows. Reads: :func:`run_energy_rows`.
"""

import pandas as pd

from calculators.core import energy
from calculators.models import AccountingRun, RunEnergy

#: Run option: how electricity is converted to tce (``calorific`` default, ``coal_equivalent``).
ELECTRICITY_OPTION = "electricity"


def run_electricity_method(options: dict | None) -> str:
    """The run's electricity conversion (calorific equivalent unless the run asked otherwise)."""
    value = (options or {}).get(ELECTRICITY_OPTION) or "calorific"
    return value if value in energy.ELECTRICITY_METHODS else "calorific"


def run_energy_store(*, run: AccountingRun, series: pd.DataFrame) -> int:
    """Replace the run's energy rows by those of its series rows; returns how many. Two
    queries (delete, bulk insert)."""
    table = energy.energy_by_carrier(series, electricity=run_electricity_method(run.options))
    RunEnergy.objects.filter(run=run).delete()
    RunEnergy.objects.bulk_create(
        [
            RunEnergy(
                run=run,
                carrier=rec["carrier"][:80],
                kind=rec["kind"],
                direction=rec["direction"],
                energy_gj=rec["energy_gj"],
                tce=rec["tce"],
                coefficient=rec["coefficient"],
                coefficient_unit=rec["coefficient_unit"],
                basis=rec["basis"],
                citation=rec["citation_zh"],
                citation_en=rec["citation_en"],
                verification=rec["verification"],
            )
            for rec in table.to_dict("records")
        ]
    )
    return len(table)


def run_energy_rows(run: AccountingRun) -> list[RunEnergy]:
    """The run's energy rows in report order (fuel, electricity, heat; carrier). One query."""
    order = {kind: i for i, kind in enumerate(energy.KINDS)}
    rows = list(RunEnergy.objects.filter(run=run).order_by("carrier", "direction"))
    return sorted(rows, key=lambda row: order.get(row.kind, len(order)))
