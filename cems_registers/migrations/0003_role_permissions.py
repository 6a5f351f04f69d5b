"""Grant the role groups their permissions on the registers (clause 5.3).

Register keepers keep every register; the management representative reads and changes;
top management reads and approves objectives; auditors, editors and reviewers read; data
submitters and data reviewers read facilities and emission sources.
"""

from django.db import migrations

from cems_registers.roles import Role, grant_model_permissions

REGISTERS = [
    "facility",
    "emissionsource",
    "contextissue",
    "interestedparty",
    "complianceobligation",
    "complianceevaluation",
    "responsibility",
    "risk",
    "riskaction",
    "reductionopportunity",
    "objective",
    "indicator",
    "implementationplan",
    "milestone",
    "trainingplan",
    "trainingsession",
    "competence",
    "designreview",
    "supplier",
    "productfootprint",
    "change",
    "measuringinstrument",
    "auditprogramme",
    "audit",
    "auditfinding",
    "nonconformity",
    "correctiveaction",
    "managementreview",
    "reviewdecision",
]

ALL = ["add", "change", "delete", "view"]


def grants():
    read = {model: ["view"] for model in REGISTERS}
    return {
        Role.REGISTER_KEEPERS.value: {model: ALL for model in REGISTERS},
        Role.MANAGEMENT_REPRESENTATIVE.value: {model: ["view", "change"] for model in REGISTERS},
        Role.TOP_MANAGEMENT.value: {**read, "objective": ["view", "approve"]},
        Role.AUDITORS.value: read,
        Role.EDITORS.value: read,
        Role.REVIEWERS.value: read,
        Role.DATA_SUBMITTERS.value: {"facility": ["view"], "emissionsource": ["view"]},
        Role.DATA_REVIEWERS.value: {"facility": ["view"], "emissionsource": ["view"]},
    }


def grant(apps, schema_editor):
    grant_model_permissions(apps, "cems_registers", grants())


class Migration(migrations.Migration):
    dependencies = [
        ("cems_registers", "0002_registers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
