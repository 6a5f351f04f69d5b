"""django-q2 tasks of the calculators: thin adapters that take ids and call a service."""

from calculators.models import AccountingRun
from calculators.services.runs import run_execute


def run_compute(run_id: int) -> int:
    """Compute accounting run ``run_id`` (6.3.1); returns its status-independent id."""
    run = run_execute(run=AccountingRun.objects.get(pk=run_id))
    return run.pk
