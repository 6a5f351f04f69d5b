"""Receivers that connect the registers to the performance loop (4.3, 6.5, 8.4).

``cems_registers`` imports nothing from ``calculators``: the calculators listen to it. A change
of the change register saved as approved or implemented queues the base-year check
(:func:`calculators.performance.services.base_year_change_check`) once its transaction commits.
Connected in :meth:`calculators.apps.CalculatorsConfig.ready`.
"""

from django.db.models.signals import post_save


def change_saved(sender, instance, raw=False, **kwargs) -> None:
    """Queue the base-year check of an approved or implemented change (fixtures excepted)."""
    if raw:
        return
    from calculators.performance.services import base_year_change_check_later

    base_year_change_check_later(instance)


def connect() -> None:
    from cems_registers.models import Change

    post_save.connect(change_saved, sender=Change, dispatch_uid="calculators_change_base_year")
