"""Receivers that connect the registers to the performance loop (4.3, 6.5, 8.4).

``cems_registers`` imports nothing from ``calculators``: the calculators listen to it. A change
of the change register saved as approved or implemented queues the base-year check
(:func:`calculators.performance.services.base_year_change_check`) once its transaction commits;
an observed value deleted in the admin has its indicator's progress recomputed.
Connected in :meth:`calculators.apps.CalculatorsConfig.ready`.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from django_q.tasks import async_task

from calculators.models import IndicatorObservation
from cems_registers.models import Change


def change_saved(sender, instance, raw=False, **kwargs) -> None:
    """Queue the base-year check of an approved or implemented change (fixtures excepted)."""
    if raw:
        return
    from calculators.performance.services import base_year_change_check_later  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

    base_year_change_check_later(instance)


def observation_deleted(sender, instance, **kwargs) -> None:
    """An observed value deleted: its indicator's progress is recomputed once committed."""
    indicator_id = instance.indicator_id

    def enqueue():

        async_task("calculators.tasks.indicator_progress_update", indicator_id)

    transaction.on_commit(enqueue)


def connect() -> None:

    post_save.connect(change_saved, sender=Change, dispatch_uid="calculators_change_base_year")
    post_delete.connect(
        observation_deleted,
        sender=IndicatorObservation,
        dispatch_uid="calculators_observation_deleted",
    )
