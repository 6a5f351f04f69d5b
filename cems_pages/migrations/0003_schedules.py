"""django-q2 schedules: scheduled publishing and daily review reminders (idempotent)."""

from django.db import migrations

from cems_pages.schedules import ensure_schedules


class Migration(migrations.Migration):
    dependencies = [
        ("cems_pages", "0002_document_workflows"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(ensure_schedules, migrations.RunPython.noop)]
