"""The check of a verifier's recalculated value against the run (6.3.3, 9.3); no query here."""

from dataclasses import dataclass

#: Differences below this many tCO2e are rounding, whatever the materiality (a row of 0 t).
ROUNDING_TCO2E = 0.0005


@dataclass(frozen=True)
class SampleCheck:
    """The run's value, the difference and whether it is within the materiality."""

    run_tco2e: float
    difference_tco2e: float
    #: Difference relative to the run's value, in %; ``None`` when the run's value is 0.
    difference_pct: float | None
    within_materiality: bool


def sample_check(*, run_tco2e: float, recalculated_tco2e: float, materiality_pct) -> SampleCheck:
    """Compare the verifier's value with the run's (both tCO2e); issues no query.

    difference = recalculated − run; relative difference = |difference| / |run| × 100 %. The row
    is within materiality when the relative difference is at most ``materiality_pct`` (or the
    difference is below :data:`ROUNDING_TCO2E`, which also decides a row the run puts at 0).
    """
    difference = float(recalculated_tco2e) - float(run_tco2e)
    pct = abs(difference) / abs(run_tco2e) * 100 if run_tco2e else None
    within = abs(difference) < ROUNDING_TCO2E or (pct is not None and pct <= float(materiality_pct))
    return SampleCheck(
        run_tco2e=float(run_tco2e),
        difference_tco2e=difference,
        difference_pct=pct,
        within_materiality=within,
    )
