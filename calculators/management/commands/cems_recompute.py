"""Recompute a run from its stored inputs and compare: ``manage.py cems_recompute RUN`` (6.3.2).

Exit code 0 when identical, 1 on any difference or when the inputs no longer compute (a
factor it used is gone, for instance).
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from calculators.core.engine import EngineError
from calculators.models import AccountingRun
from calculators.services.runs import run_recompute


class Command(BaseCommand):
    help = "Recompute an accounting run from its stored inputs; exit 1 if anything differs."

    def add_arguments(self, parser):
        parser.add_argument("run", type=int)

    def handle(self, *args, run: int, **options):
        instance = AccountingRun.objects.filter(pk=run).first()
        if instance is None:
            raise CommandError(f"No accounting run {run}.")
        try:
            report = run_recompute(run=instance)
        except EngineError as exc:  # e.g. a factor the run used is gone
            raise CommandError(
                f"run {run} cannot be recomputed from its stored inputs: {exc}"
            ) from exc
        self.stdout.write(
            f"run {run}: stored {report.stored_rows} rows, total {report.stored_total:.6f} tCO2e; "
            f"recomputed {report.recomputed_rows} rows, total {report.recomputed_total:.6f} tCO2e"
        )
        self.stdout.write(f"input hash {'same' if report.input_hash_same else 'DIFFERENT'}")
        if report.identical:
            self.stdout.write(self.style.SUCCESS("identical"))
            return
        self.stdout.write(self.style.ERROR(f"{report.differing_rows} rows differ"))
        self.stdout.write(report.differences.head(20).to_string())
        sys.exit(1)
