"""Who may build and download evidence packs (5.3; 6.3.3, 9.3): data reviewers, the management
representative, top management and auditors. Data submitters may not."""

from django.db import migrations

from cems_registers.roles import grant_model_permissions

PACK = {"evidencepack": ["view", "download"]}
GRANTS = {
    "Data reviewers": PACK,
    "Management representative": PACK,
    "Top management": PACK,
    "Auditors": PACK,
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_evidence", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cems_evidence", "0001_evidence_pack"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
