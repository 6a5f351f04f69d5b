"""The roles of the carbon management system (clause 5.3) as Django groups.

Group names are stable identifiers stored in the database; their labels are translated.
Every app's data migration grants the permissions on its own models with
:func:`grant_model_permissions`, so this module is the one place that names the groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITORS = "Editors", _("Editors")
    REVIEWERS = "Reviewers", _("Reviewers (carbon management body)")
    MANAGEMENT_REPRESENTATIVE = "Management representative", _("Management representative")
    TOP_MANAGEMENT = "Top management", _("Top management")
    REGISTER_KEEPERS = "Register keepers", _("Register keepers")
    DATA_SUBMITTERS = "Data submitters", _("Data submitters")
    DATA_REVIEWERS = "Data reviewers", _("Data reviewers")
    AUDITORS = "Auditors", _("Auditors")


def ensure_groups(apps) -> dict[str, object]:
    """Create every role group (idempotent) with admin access; return them by name."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_ct, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_ct,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    groups = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.add(access_admin)
        groups[role.value] = group
    return groups


def grant_model_permissions(apps, app_label: str, grants: dict[str, dict[str, list[str]]]):
    """Grant model permissions to role groups in a data migration.

    ``grants`` maps a role name to ``{model_name: [actions]}`` where actions are
    ``add``, ``change``, ``delete``, ``view`` (or any custom codename prefix). The app's
    permissions are created first, since Django only creates them after migrate.
    """

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    groups = ensure_groups(apps)
    for role, models_actions in grants.items():
        for model_name, actions in models_actions.items():
            codenames = [f"{action}_{model_name}" for action in actions]
            perms = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            groups[role].permissions.add(*perms)
