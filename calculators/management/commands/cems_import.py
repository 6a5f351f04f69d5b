"""Submit an activity-data file as a dataset: ``manage.py cems_import FILE --user U`` (8.5)."""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from calculators.api import parse_month
from calculators.models import DatasetChannel
from calculators.services.datasets import SubmitError, dataset_submit


class Command(BaseCommand):
    help = (
        "Check and submit an activity-data file (CSV/XLSX import template) as USER; "
        "all rows or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username of the submitter.")
        parser.add_argument("--start", help="First month, YYYY-MM (default: January this year).")
        parser.add_argument("--end", help="Last month, YYYY-MM (default: December of --start).")

    def handle(self, *args, file: Path, user: str, start=None, end=None, **options):
        submitter = get_user_model().objects.filter(username=user).first()
        if submitter is None:
            raise CommandError(f"No user {user!r}.")
        try:
            period_start = parse_month(start) if start else dt.date(dt.date.today().year, 1, 1)
            period_end = parse_month(end) if end else period_start.replace(month=12)
        except ValueError as exc:
            raise CommandError(f"Not a month (YYYY-MM): {exc}") from exc
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = dataset_submit(
                file_bytes=data,
                filename=file.name,
                user=submitter,
                period_start=period_start,
                period_end=period_end,
                channel=DatasetChannel.COMMAND,
            )
        except SubmitError as exc:
            for error in exc.errors:
                self.stderr.write(error["message"])
            raise CommandError(f"{len(exc.errors)} errors; nothing was saved.") from exc
        dataset = result.dataset
        verb = "submitted" if result.created else "already submitted, unchanged"
        self.stdout.write(
            f"dataset {dataset.pk}: {dataset.row_count} rows {verb} ({dataset.status})"
        )
