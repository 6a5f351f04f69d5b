"""The runs chosen for a compliance period or a neutrality statement (carbon assets; 6.3.1,
9.1): only approved runs, and only within the years (cems_site/carbon_assets/forms.py)."""

import datetime as dt
from types import SimpleNamespace

from django.utils import translation

from cems_site.carbon_assets.forms import _run_years_error


def _run(pk, start, end, status="approved"):
    return SimpleNamespace(pk=pk, status=status, period_start=start, period_end=end)


YEAR_2025 = _run(7, dt.date(2025, 1, 1), dt.date(2025, 12, 1))


def test_approved_runs_within_the_years_pass():
    assert _run_years_error([YEAR_2025], 2025, 2025) is None
    assert (
        _run_years_error([YEAR_2025, _run(8, dt.date(2026, 1, 1), dt.date(2026, 6, 1))], 2025, 2026)
        is None
    )
    assert _run_years_error([], 2025, 2025) is None


def test_a_run_not_approved_is_named():
    with translation.override("en"):
        error = str(
            _run_years_error(
                [YEAR_2025, _run(9, YEAR_2025.period_start, YEAR_2025.period_end, "done")],
                2025,
                2025,
            )
        )
    assert error == "Run #9 is not approved: only approved runs count."


def test_a_run_outside_the_years_is_named_with_its_months():
    with translation.override("en"):
        before = str(_run_years_error([YEAR_2025], 2026, 2027))
        after = str(
            _run_years_error([_run(3, dt.date(2025, 6, 1), dt.date(2026, 2, 1))], 2025, 2025)
        )
    assert before == "Run #7 covers 2025-01 to 2025-12, outside 2026–2027."
    assert after == "Run #3 covers 2025-06 to 2026-02, outside 2025–2025."
