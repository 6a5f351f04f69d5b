"""django-q2 schedules of cems_pages, created idempotently by migration 0003.

* ``cems_pages.publish_scheduled``: every 5 minutes, publishes revisions whose go-live time
  has come and unpublishes expired pages (Wagtail's ``publish_scheduled``).
* ``cems_pages.review_reminders``: daily at 08:00 local time, one email per document owner
  listing documents due for review (7.3.3).
"""

import datetime as dt

from django.utils import timezone

from django_q.models import Schedule

#: name → (task path, schedule type, minutes for MINUTES type, hour of the first run)
SCHEDULES = {
    "cems_pages.publish_scheduled": ("cems_pages.tasks.publish_scheduled", "I", 5, None),
    "cems_pages.review_reminders": ("cems_pages.tasks.send_review_reminders", "D", None, 8),
}


def ensure_schedules(apps=None, schema_editor=None) -> list[str]:
    """Create or update every schedule of this app; return their names. Idempotent."""
    # a migration passes its historical models; the command, the real one
    schedule_model = Schedule if apps is None else apps.get_model("django_q", "Schedule")
    names = []
    now = timezone.localtime()
    for name, (func, schedule_type, minutes, hour) in SCHEDULES.items():
        first = now
        if hour is not None:
            first = now.replace(hour=hour, minute=0, second=0, microsecond=0)
            if first <= now:
                first += dt.timedelta(days=1)
        schedule = schedule_model.objects.filter(name=name).first()
        if schedule is None:
            schedule_model.objects.create(
                name=name,
                func=func,
                schedule_type=schedule_type,
                minutes=minutes,
                next_run=first,
                repeats=-1,
            )
        elif (schedule.func, schedule.schedule_type, schedule.minutes) != (
            func,
            schedule_type,
            minutes,
        ):
            schedule.func, schedule.schedule_type, schedule.minutes = func, schedule_type, minutes
            schedule.save(update_fields=["func", "schedule_type", "minutes"])
        names.append(name)
    return names
