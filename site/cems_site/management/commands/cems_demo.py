"""Load the bilingual demo enterprise and create the demo users (idempotent)."""

import importlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from cems_registers.roles import Role

#: Each app's demo loader, in dependency order: registers (facilities, sources) first.
DEMO_LOADERS = (
    "cems_registers.demo",
    "cems_registers.demo.communications",  # an internal notice in the communication log
    "cems_pages.demo",
    "cems_pages.feedback_demo",  # the feedback page and three handled submissions
    "calculators.demo",
    "calculators.assessment.demo",  # needs an approved run of calculators.demo
    "cems_pages.disclosure_demo",  # the 2025 results disclosure, from the approved 2025 run
    "cems_site.carbon_assets.demo",  # 2025 allowances, CCER credits, neutrality statement
    "cems_site.verification.demo",  # the 2025 run's verification: samples, findings, statement
    "cems_site.readiness.demo",  # one stored clause-readiness assessment (whole standard)
    "cems_site.demo_review",  # the review sees the approved runs, progress and assessment
)

ADMIN_USERNAME = "admin"
#: Demo people's names (family name, given name): lists and reports show names, not logins.
NAMES = {
    "editor": ("李", "娜"),
    "reviewer": ("赵", "敏"),
    "rep": ("陈", "刚"),
    "ceo": ("王", "建国"),
    "keeper": ("刘", "洋"),
    "submitter": ("张", "伟"),
    "datareviewer": ("孙", "丽"),
    "auditor": ("周", "平"),
}
#: Demo users, one per role, all with the demo password.
ROLE_USERS = {
    "editor": Role.EDITORS,
    "reviewer": Role.REVIEWERS,
    "rep": Role.MANAGEMENT_REPRESENTATIVE,
    "ceo": Role.TOP_MANAGEMENT,
    "keeper": Role.REGISTER_KEEPERS,
    "submitter": Role.DATA_SUBMITTERS,
    "datareviewer": Role.DATA_REVIEWERS,
    "auditor": Role.AUDITORS,
}


class Command(BaseCommand):
    help = "Load the demo enterprise (both languages) and print the admin login."

    def handle(self, *args, **options):
        password = os.environ.get("CEMS_DEMO_PASSWORD", "cems-demo-2026")
        users = self._users(password)
        for module_name in DEMO_LOADERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            load_demo = getattr(module, "load_demo", None)
            if load_demo is None:
                continue
            with transaction.atomic():
                summary = load_demo(users=users, stdout=self.stdout)
            self.stdout.write(f"{module_name}: {summary or 'loaded'}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {ADMIN_USERNAME} / {password}  "
                f"({settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/)\n"
                f"Role users (same password): {', '.join(ROLE_USERS)}"
            )
        )

    def _users(self, password: str) -> dict:

        User = get_user_model()
        admin, _ = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@example.com", "first_name": "管理员"},
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(password)
        admin.save()
        users = {ADMIN_USERNAME: admin}
        for username, role in ROLE_USERS.items():
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            if not (user.first_name or user.last_name):
                user.last_name, user.first_name = NAMES.get(username, ("", ""))
            user.set_password(password)
            user.save()
            group, _ = Group.objects.get_or_create(name=role.value)
            user.groups.add(group)
            users[username] = user
        return users
