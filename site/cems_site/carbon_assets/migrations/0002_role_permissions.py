"""Who keeps and reads the carbon assets (5.3): the management representative and the
register keepers keep the allowance ledger and the credits and draft statements; top
management approves statements; reviewers, top management and auditors read everything."""

from django.db import migrations

from cems_registers.roles import grant_model_permissions

MODELS = (
    "complianceperiod",
    "allowancetransaction",
    "creditproject",
    "creditblock",
    "retirement",
    "neutralitystatement",
)
READ = {model: ["view"] for model in MODELS}
KEEP = {model: ["view", "add", "change", "delete"] for model in MODELS}
GRANTS = {
    "Management representative": KEEP,
    "Register keepers": KEEP,
    "Top management": {**READ, "neutralitystatement": ["view", "approve"]},
    "Reviewers": READ,
    "Auditors": READ,
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_assets", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cems_assets", "0001_carbon_assets"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
