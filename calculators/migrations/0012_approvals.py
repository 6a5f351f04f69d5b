"""Approval comment of a run (6.3.2, 9.1); results readable by the roles that review them.

Top management reviews performance and approves objectives (5.1, 9.5), the management
representative reports on it (5.3) and the carbon management body (Reviewers) checks the
accounting before it is disclosed: they read runs, results, activity data and factors.
Editors write the public disclosure from the results (7.4): they read runs, results and
factors, not the activity data.
"""

from django.db import migrations, models

from cems_registers.roles import grant_model_permissions

READ_ACCOUNTING = {
    "factorset": ["view"],
    "factor": ["view"],
    "gwpset": ["view"],
    "gwpvalue": ["view"],
    "dataset": ["view"],
    "activityrecord": ["view"],
    "accountingrun": ["view"],
    "runresult": ["view"],
}
READ_RESULTS = {
    "factorset": ["view"],
    "factor": ["view"],
    "gwpset": ["view"],
    "gwpvalue": ["view"],
    "accountingrun": ["view"],
    "runresult": ["view"],
}

GRANTS = {
    "Top management": READ_ACCOUNTING,
    "Management representative": READ_ACCOUNTING,
    "Reviewers": READ_ACCOUNTING,
    "Editors": READ_RESULTS,
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "calculators", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("calculators", "0011_issued_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="accountingrun",
            name="approval_comment",
            field=models.TextField(
                blank=True,
                help_text=(
                    "What the approver checked before approving; kept with the run, whose "
                    "factor sets approval freezes (6.3.2, 9.1)."
                ),
                verbose_name="approval comment",
            ),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
