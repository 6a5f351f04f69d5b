"""Who keeps and who reads verification engagements (5.3; 6.3.3, 9.3).

The management representative, who answers for the CEMS to the verifier, records engagements,
samples, findings and the enterprise's responses; top management, the carbon management body
(reviewers), data reviewers, register keepers and auditors read them. Auditors (internal or a
third-party verifier) also read pages' revisions and compare them, without any right to edit,
publish or revert (:data:`~cems_site.verification.models.PAGE_REVISIONS_PERMISSION`).
"""

from django.db import migrations

from cems_registers.roles import Role, grant_model_permissions

MODELS = ("engagement", "sample", "finding")
READ = {model: ["view"] for model in MODELS}
GRANTS = {
    Role.MANAGEMENT_REPRESENTATIVE.value: {
        model: ["view", "add", "change", "delete"] for model in MODELS
    },
    Role.TOP_MANAGEMENT.value: READ,
    Role.REVIEWERS.value: READ,
    Role.DATA_REVIEWERS.value: READ,
    Role.REGISTER_KEEPERS.value: READ,
    # the permission on the page revisions is declared on the engagement model's Meta
    Role.AUDITORS.value: {**READ, "page_revisions": ["view"]},
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_verification", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cems_verification", "0001_engagements"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
