"""Factories and builders for the calculators' Django tests.

The ``enterprise`` fixture (conftest) creates the demo enterprise's facilities and sources with
``cems_registers.demo.accounting_registers``.
"""

import datetime as dt
import io

import factory
import pandas as pd

from calculators.core.template import COLUMN_KEYS
from calculators.models import Factor, FactorSet


def template_csv(rows: list[dict]) -> bytes:
    """Rows (dicts of template keys) → CSV bytes with a key header, as a user would upload."""
    frame = pd.DataFrame(rows)
    columns = [c for c in COLUMN_KEYS if c in frame.columns]
    buffer = io.StringIO()
    frame[columns].to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def electricity_row(period: str = "2025-01", quantity: float = 1000.0, **extra) -> dict:
    return {
        "source": "S18",
        "period": period,
        "method": "purchased_electricity",
        "material": "electricity_cn_east",
        "quantity": quantity,
        "unit": "MWh",
        **extra,
    }


def gas_row(period: str = "2025-01", quantity: float = 3.8, **extra) -> dict:
    return {
        "source": "S01",
        "period": period,
        "method": "fuel_cn",
        "material": "natural_gas",
        "quantity": quantity,
        "unit": "万Nm3",
        **extra,
    }


JAN_2025 = dt.date(2025, 1, 1)
DEC_2025 = dt.date(2025, 12, 1)


class FactorSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactorSet

    key = factory.Sequence(lambda n: f"user_set_{n}")
    version = 1
    name = factory.LazyAttribute(lambda o: f"Set {o.key}")


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor

    factor_set = factory.SubFactory(FactorSetFactory)
    material = "natural_gas"
    parameter = "ncv"
    value = 389.31
    unit = "GJ/万Nm3"
    verification = "measured"


def builtin_sets() -> list:
    """The newest version of every built-in factor set."""
    latest = {}
    for fs in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        latest.setdefault(fs.key, fs)
    return list(latest.values())


def run_2025(user, **options):
    """A run over 2025 with every built-in set and AR5, computed (sync queue in tests)."""
    from calculators.models import GwpSet
    from calculators.services.runs import run_create

    run = run_create(
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key="AR5"),
        options=options or None,
    )
    run.refresh_from_db()
    return run
