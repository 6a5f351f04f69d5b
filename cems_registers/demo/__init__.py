"""Demo records for every register: data in :mod:`.data`, one loader per register group in
:mod:`.loaders` (the enterprise's facilities and sources in :mod:`.enterprise`, shared with
the other apps' demo loaders; reduction opportunities in :mod:`.opportunities`).

:func:`load_demo` creates the demo facilities and all 24 emission sources, then linked
records in every register: finding → nonconformity → corrective action → effectiveness
check; risk → action; objective → indicator → plan; instrument → sources; obligation →
evaluation. Dates are relative to today so that some records are due soon and some are
overdue. Idempotent: records are found by their natural key (code, title, name …), so a
second run adds nothing.
"""

from .. import models as m
from .loaders import LOADERS, accounting_enterprise, new_load


def accounting_registers() -> dict:
    """Only the demo facilities and sources, with what accounting reads; a few queries.

    For tests and benchmarks that need the enterprise without the other registers' demo
    records. Returns ``{"facilities": {code: Facility}, "sources": {code: EmissionSource}}``.
    """
    demo = new_load({})
    accounting_enterprise(demo)
    return {"facilities": demo.refs[m.Facility], "sources": demo.refs[m.EmissionSource]}


def load_demo(*, users: dict, stdout=None) -> str:
    """Create the demo records; return a one-line summary of what the registers hold."""
    demo = new_load(users)
    for loader in LOADERS:
        loader(demo)
    counts = {model._meta.model_name: model.objects.count() for model in m.REGISTER_MODELS}
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    if stdout is not None:
        stdout.write(f"registers: {summary}")
    return f"{len(counts)} registers, {sum(counts.values())} records"
