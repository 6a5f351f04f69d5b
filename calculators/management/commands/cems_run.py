"""Run the accounting for a year: ``manage.py cems_run --year 2025 [--gwp AR5] [--approve-as U]
[--biomass exclude|memo|include] [--ch4 auto|single|split] [--electricity calorific|coal_equivalent]``
(6.3.1, 6.3.2): the rules as on the run form, stored in the run's options."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from calculators.core.energy import ELECTRICITY_METHODS
from calculators.core.engine import BIOMASS_RULES, CH4_RULES
from calculators.models import FactorSet, GwpSet, RunStatus
from calculators.services.runs import run_approve, run_create, run_execute


class Command(BaseCommand):
    help = "Compute an accounting run over the approved activity data of a year (6.3.1)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--gwp", default="AR5", help="GWP set: SAR, AR4, AR5 or AR6.")
        parser.add_argument(
            "--factor-set",
            action="append",
            dest="factor_sets",
            help="Factor-set key (latest version), repeatable; default: every built-in set.",
        )
        parser.add_argument("--user", help="Username recorded as the creator.")
        parser.add_argument("--approve-as", help="Approve the run as this data reviewer.")
        parser.add_argument(
            "--biomass",
            default="exclude",
            choices=BIOMASS_RULES,
            help="Biomass combustion: exclude (GB/T 32150, the default), memo or include.",
        )
        parser.add_argument(
            "--ch4",
            default="auto",
            choices=CH4_RULES,
            help="CH4 GWP: split by origin, single, or auto (split under AR6).",
        )
        parser.add_argument(
            "--electricity",
            default="calorific",
            choices=ELECTRICITY_METHODS,
            help="Electricity to tce: calorific equivalent (GB/T 2589) or coal equivalent.",
        )

    def handle(self, *args, year, gwp, factor_sets=None, user=None, approve_as=None, **options):
        User = get_user_model()
        creator = User.objects.filter(username=user).first() if user else None
        if user and creator is None:
            raise CommandError(f"No user {user!r}.")
        gwp_set = GwpSet.objects.filter(key=gwp.upper().removeprefix("GWP_")).first()
        if gwp_set is None:
            raise CommandError(f"No GWP set {gwp!r}.")
        sets = _latest_sets(factor_sets)
        if not sets:
            raise CommandError("No factor set found; run cems_load_factors.")
        run = run_create(
            user=creator,
            name=f"{year}",
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 1),
            factor_sets=sets,
            gwp_set=gwp_set,
            options={
                "biomass": options["biomass"],
                "ch4": options["ch4"],
                "electricity": options["electricity"],
            },
            enqueue=False,
        )
        run = run_execute(run=run)
        if run.status != RunStatus.DONE:
            raise CommandError(f"run {run.pk} {run.status}: {run.message}")
        self.stdout.write(
            f"run {run.pk}: {run.input_rows} rows, total {run.total_tco2e:.3f} tCO2e "
            f"(biogenic CO2 memo {run.biogenic_co2_t or 0:.3f} t)"
        )
        if approve_as:
            reviewer = User.objects.filter(username=approve_as).first()
            if reviewer is None:
                raise CommandError(f"No user {approve_as!r}.")
            run_approve(run=run, user=reviewer)
            self.stdout.write(f"run {run.pk} approved by {approve_as}")


def _latest_sets(keys: list[str] | None) -> list[FactorSet]:
    """Latest version of each key (all built-in keys when none given), in the given order."""
    if keys:
        found = []
        for key in keys:
            fs = FactorSet.objects.filter(key=key).order_by("-version").first()
            if fs is None:
                raise CommandError(f"No factor set {key!r}.")
            found.append(fs)
        return found
    latest = {}
    for fs in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        latest.setdefault(fs.key, fs)
    return list(latest.values())
