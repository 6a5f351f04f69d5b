"""Create the registers' django-q2 schedules (daily reminder digest); safe to run twice."""

from django.core.management.base import BaseCommand

from cems_registers.schedules import ensure_schedules


class Command(BaseCommand):
    help = "Create or update the registers' background schedules (idempotent)."

    def handle(self, *args, **options):
        for name in ensure_schedules():
            self.stdout.write(f"schedule ready: {name}")
