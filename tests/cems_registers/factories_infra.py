"""Factories for the shared register machinery tests (history, export, import, due)."""

import factory

from cems_registers.models import EmissionSource, Facility, Risk


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"F{n:02d}")
    name = factory.Sequence(lambda n: f"工厂 {n}")


class EmissionSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmissionSource

    code = factory.Sequence(lambda n: f"S{n:05d}")
    name = factory.Sequence(lambda n: f"燃气锅炉 {n}")
    facility = factory.SubFactory(FacilityFactory)
    kind = "combustion_equipment"
    category = "fuel_combustion"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    title = factory.Sequence(lambda n: f"碳价上涨风险 {n}")
    category = "transition_ets"
    likelihood = 3
    impact = 3


def bulk_sources(count: int, facility=None, prefix: str = "B") -> list:
    """``count`` emission sources created with one bulk insert (no history rows)."""
    facility = facility or FacilityFactory()
    return EmissionSource.objects.bulk_create(
        EmissionSource(
            code=f"{prefix}{i:06d}",
            name=f"排放源 {i}",
            facility=facility,
            kind="combustion_equipment",
            category="fuel_combustion",
        )
        for i in range(count)
    )
