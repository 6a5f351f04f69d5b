"""django-q2 schedules of the calculators, created idempotently by migration 0015.

* ``calculators.performance_monthly``: monthly, on the first day at 06:00 local time: the
  deviation alerts (9.1.3, missing data and path) and objectives progress, without a run.
* ``calculators.runs_sweep``: every ``SWEEP_MINUTES`` minutes from now: runs left "running"
  by a killed worker marked failed (:mod:`calculators.run_sweeper`).
"""

import datetime as dt

from django.utils import timezone

from django_q.models import Schedule

#: name → (task path, schedule type, hour of the first run; None: every SWEEP_MINUTES from now)
SCHEDULES = {
    "calculators.performance_monthly": ("calculators.tasks.performance_update", "M", 6),
    "calculators.runs_sweep": ("calculators.run_sweeper.runs_sweep_task", "I", None),
}
SWEEP_MINUTES = 10


def _first_run(now: dt.datetime, hour: int) -> dt.datetime:
    """The first day of the next month at ``hour``."""
    first = now.replace(day=1, hour=hour, minute=0, second=0, microsecond=0)
    if first <= now:
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return first


def ensure_schedules(apps=None, schema_editor=None) -> list[str]:
    """Create or update every schedule of this app; return their names. Idempotent."""
    # a migration passes its historical models; the command, the real one
    schedule_model = Schedule if apps is None else apps.get_model("django_q", "Schedule")
    names = []
    now = timezone.localtime()
    for name, (func, schedule_type, hour) in SCHEDULES.items():
        schedule = schedule_model.objects.filter(name=name).first()
        if schedule is None:
            schedule_model.objects.create(
                name=name,
                func=func,
                schedule_type=schedule_type,
                next_run=now if hour is None else _first_run(now, hour),
                minutes=SWEEP_MINUTES if hour is None else None,
                repeats=-1,
            )
        elif schedule.func != func or schedule.schedule_type != schedule_type:
            schedule.func, schedule.schedule_type = func, schedule_type
            schedule.save(update_fields=["func", "schedule_type"])
        names.append(name)
    return names
