"""Grant the calculators' permissions to the role groups (clause 5.3, 8.5 maker–checker)."""

from django.db import migrations

from cems_registers.roles import grant_model_permissions

VIEW_ALL = {
    "factorset": ["view"],
    "factor": ["view"],
    "gwpset": ["view"],
    "gwpvalue": ["view"],
    "dataset": ["view"],
    "activityrecord": ["view"],
    "accountingrun": ["view"],
    "runresult": ["view"],
}

GRANTS = {
    "Data submitters": {
        **VIEW_ALL,
        "dataset": ["add", "view"],
        "accountingrun": ["add", "view"],
    },
    "Data reviewers": {
        **VIEW_ALL,
        "dataset": ["view", "review"],
        "factorset": ["add", "change", "delete", "view", "new_version"],
        "factor": ["add", "change", "delete", "view"],
        "accountingrun": ["add", "view", "approve"],
    },
    "Auditors": VIEW_ALL,
    "Register keepers": VIEW_ALL,
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "calculators", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("calculators", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
