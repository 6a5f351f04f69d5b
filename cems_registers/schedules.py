"""django-q2 schedules of the registers, created idempotently.

:func:`ensure_schedules` can be called from a data migration (``RunPython``) or from the
``cems_schedules`` management command that ``make demo`` runs.
"""

import datetime as dt

from django.utils import timezone

from django_q.models import Schedule

#: name → (task path, schedule type, hour of the first run, local time)
SCHEDULES = {
    "cems_registers.due_digest": ("cems_registers.tasks.send_due_digest", "D", 7),
}


def ensure_schedules(apps=None, schema_editor=None) -> list[str]:
    """Create or update every schedule of this app; return their names. Idempotent."""
    # a migration passes its historical models; the command, the real one
    schedule_model = Schedule if apps is None else apps.get_model("django_q", "Schedule")
    names = []
    now = timezone.localtime()
    for name, (func, schedule_type, hour) in SCHEDULES.items():
        first = now.replace(hour=hour, minute=0, second=0, microsecond=0)
        if first <= now:
            first += dt.timedelta(days=1)
        schedule = schedule_model.objects.filter(name=name).first()
        if schedule is None:
            schedule_model.objects.create(
                name=name, func=func, schedule_type=schedule_type, next_run=first, repeats=-1
            )
        elif schedule.func != func or schedule.schedule_type != schedule_type:
            schedule.func, schedule.schedule_type = func, schedule_type
            schedule.save(update_fields=["func", "schedule_type"])
        names.append(name)
    return names
