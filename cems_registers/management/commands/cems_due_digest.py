"""Send the due/overdue reminder digest now (the daily schedule does the same)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from cems_registers.reminders import reminders_send_digest


class Command(BaseCommand):
    help = "Email each owner the register records due or overdue (one email per owner)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        sent = reminders_send_digest(today=today or timezone.localdate())
        self.stdout.write(f"digests sent: {sent}")
