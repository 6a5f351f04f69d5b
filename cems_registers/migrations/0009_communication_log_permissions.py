"""Who handles the communication log (clauses 5.3 c, 8.1 b) and so sees its personal data.

Register keepers keep it (add, change, delete, view), the management representative answers
and changes entries, top management reads it. Auditors, editors, reviewers and the data roles
do not see it: entries hold senders' names and addresses; auditors see how communications were
handled in the management review's inputs (9.5.2), which carry no personal data.
"""

from django.db import migrations

from cems_registers.roles import Role, grant_model_permissions


def grants():
    return {
        Role.REGISTER_KEEPERS.value: {"communication": ["add", "change", "delete", "view"]},
        Role.MANAGEMENT_REPRESENTATIVE.value: {"communication": ["view", "change"]},
        Role.TOP_MANAGEMENT.value: {"communication": ["view"]},
    }


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_registers", grants())


class Migration(migrations.Migration):
    dependencies = [
        ("cems_registers", "0008_communication_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
