"""Who reads the clause-readiness self-assessment (5.3, 9.5): top management, the management
representative, reviewers (carbon management body) and auditors; the representative also takes
assessments and records why a clause does not apply."""

from django.db import migrations

from cems_registers.roles import grant_model_permissions

READ = {"readinessassessment": ["view"], "clauseexclusion": ["view"]}
GRANTS = {
    "Top management": READ,
    "Reviewers": READ,
    "Auditors": READ,
    "Management representative": {
        "readinessassessment": ["view", "add"],
        "clauseexclusion": ["view", "add", "change", "delete"],
    },
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_readiness", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cems_readiness", "0001_readiness_assessment"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
