"""Reads of the verification app (6.3.3, 9.3)."""

from dataclasses import dataclass

from calculators.models import ActivityRecord, RunResult


@dataclass(frozen=True)
class RunLine:
    """One stored result line of a run row (one gas group), as the trace shows it."""

    gas_group: str
    tco2e: float
    source_code: str
    period: object
    method: str
    material: str


def run_row_lines(*, run_id: int, dataset_id: int, row_number: int) -> list[RunLine]:
    """The run's result lines of the row ``row_number`` of dataset ``dataset_id``; [] when the
    run does not hold that row. Two queries (the row, then its lines through the run's
    ``(run, period)`` index)."""

    record = (
        ActivityRecord.objects.filter(dataset_id=dataset_id, row_number=row_number)
        .values("pk", "period")
        .first()
    )
    if record is None:
        return []
    lines = (
        RunResult.objects.filter(run_id=run_id, period=record["period"], record_id=record["pk"])
        .order_by("gas_group")
        .values_list("gas_group", "tco2e", "source__code", "period", "method", "material")
    )
    return [RunLine(*line) for line in lines]
