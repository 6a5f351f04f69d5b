"""Load the built-in factor library and GWP sets from ``calculators/data`` (idempotent)."""

from django.core.management.base import BaseCommand

from calculators.services.factors import factor_library_load


class Command(BaseCommand):
    help = "Load the shipped factor sets and GWP sets into the database (6.3.1 e); idempotent."

    def handle(self, *args, **options):
        factor_library_load(stdout=self.stdout)
