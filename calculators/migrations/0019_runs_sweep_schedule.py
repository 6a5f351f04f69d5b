"""The schedule that marks runs left running by a killed worker as failed (calculators.run_sweeper)."""

from django.db import migrations

from calculators.schedules import ensure_schedules


class Migration(migrations.Migration):
    dependencies = [
        ("calculators", "0018_mee_report"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(ensure_schedules, migrations.RunPython.noop)]
