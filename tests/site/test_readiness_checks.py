"""Readiness checks on small fixtures (T/CSES 146—2024 chapters 4–10; site/cems_site/readiness).

Each named check gives met, partly or not met from the records; clauses combine their checks;
the score counts met as 1 and partly as 0.5 and leaves n/a clauses out; an n/a needs a reason.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cems_registers import models as m
from cems_site.readiness.checks import Status, get_check, months_before, registered_checks
from cems_site.readiness.rules import CLAUSES
from cems_site.readiness.selectors import combine, readiness_evaluate, score
from cems_site.readiness.services import clause_exclusion_set
from tests.cems_registers import factories as f

TODAY = dt.date(2026, 12, 3)


def _clause(results, number):
    return next(c for c in results["clauses"] if c["clause"] == number)


def test_every_rule_names_a_registered_check_and_chapters_4_to_10_are_covered():
    names = set(registered_checks())
    assert {spec["check"] for rule in CLAUSES for spec in rule["checks"]} <= names
    chapters = {rule["clause"].split(".")[0] for rule in CLAUSES}
    assert chapters == {"4", "5", "6", "7", "8", "9", "10"}
    assert len({rule["clause"] for rule in CLAUSES}) == len(CLAUSES)


def test_combine_and_score():
    assert combine([Status.MET, Status.MET]) == Status.MET
    assert combine([Status.MET, Status.NOT_MET]) == Status.PARTLY
    assert combine([Status.NOT_MET]) == Status.NOT_MET
    assert score([Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_APPLICABLE]) == 0.5
    assert score([Status.NOT_APPLICABLE]) is None


def test_months_before_clamps_to_the_month_end():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 12, 3), 12) == dt.date(2025, 12, 3)


@pytest.mark.django_db
def test_records_recent_met_partly_not_met():
    check = get_check("records_recent")
    params = {
        "today": TODAY,
        "model": "cems_registers.ComplianceEvaluation",
        "date_field": "evaluated_on",
        "months": 12,
    }
    assert check(**params).status == Status.NOT_MET
    old = f.ComplianceEvaluationFactory(evaluated_on=dt.date(2025, 1, 10))
    result = check(**params)
    assert result.status == Status.PARTLY
    assert str(old.pk) in result.url  # links to what is there, though too old
    recent = f.ComplianceEvaluationFactory(evaluated_on=dt.date(2026, 6, 1))
    result = check(**params)
    assert result.status == Status.MET
    assert result.url.endswith(f"/{recent.pk}/")
    assert result.params["recent"] == 1 and result.params["total"] == 2


@pytest.mark.django_db
def test_records_on_time_instruments_calibration_9_1_4():
    params = {
        "today": TODAY,
        "model": "cems_registers.MeasuringInstrument",
        "due_field": "next_calibration",
        "open_filter": {},
        "filter": {"status": "in_service"},
    }
    check = get_check("records_on_time")
    assert check(**params).status == Status.NOT_MET
    f.MeasuringInstrumentFactory(next_calibration=dt.date(2027, 3, 1))
    assert check(**params).status == Status.MET
    late = f.MeasuringInstrumentFactory(next_calibration=dt.date(2026, 11, 1))
    result = check(**params)
    assert result.status == Status.PARTLY
    assert result.params["overdue"] == 1
    assert result.url.endswith(f"/{late.pk}/")  # the overdue one is opened first


@pytest.mark.django_db
def test_records_complete_interested_parties_4_2_1():
    params = {
        "today": TODAY,
        "model": "cems_registers.InterestedParty",
        "fields": ["needs_expectations", "review_date"],
    }
    check = get_check("records_complete")
    assert check(**params).status == Status.NOT_MET
    f.InterestedPartyFactory(needs_expectations="减排信息披露", review_date=dt.date(2027, 1, 1))
    assert check(**params).status == Status.MET
    f.InterestedPartyFactory(needs_expectations="", review_date=None)
    assert check(**params).status == Status.PARTLY


@pytest.mark.django_db
def test_nonconformities_closed_in_time_clause_10():
    results = readiness_evaluate(today=TODAY)
    assert _clause(results, "10")["status"] == Status.NOT_MET
    f.NonconformityFactory(due_date=dt.date(2026, 10, 1), status=m.NonconformityStatus.CLOSED)
    assert _clause(readiness_evaluate(today=TODAY), "10")["status"] == Status.MET
    f.NonconformityFactory(due_date=dt.date(2026, 10, 1), status=m.NonconformityStatus.OPEN)
    assert _clause(readiness_evaluate(today=TODAY), "10")["status"] == Status.PARTLY


@pytest.mark.django_db
def test_na_needs_a_reason_naming_the_field_and_excludes_the_clause(make_user):
    rep = make_user("rep-na")
    with pytest.raises(ValidationError) as exc:
        clause_exclusion_set(clause="8.2", reason="  ", user=rep)
    assert "reason" in exc.value.message_dict
    assert "8.2" in exc.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as exc:
        clause_exclusion_set(clause="99.9", reason="x", user=rep)
    assert "clause" in exc.value.message_dict
    from cems_site.readiness.models import ClauseExclusion

    assert not ClauseExclusion.objects.exists()
    clause_exclusion_set(clause="8.2", reason="本企业不从事产品设计", user=rep)
    results = readiness_evaluate(today=TODAY)
    design = _clause(results, "8.2")
    assert design["status"] == Status.NOT_APPLICABLE and design["reason"]
    chapter8 = next(c for c in results["chapters"] if c["chapter"] == "8")
    assert chapter8["not_applicable"] == 1


@pytest.mark.django_db
def test_evaluation_query_count_does_not_depend_on_the_data():
    with CaptureQueriesContext(connection) as empty:
        readiness_evaluate(today=TODAY)
    f.RiskFactory.create_batch(5)
    f.MeasuringInstrumentFactory.create_batch(4, next_calibration=dt.date(2026, 1, 1))
    f.NonconformityFactory.create_batch(3, due_date=dt.date(2026, 1, 1))
    with CaptureQueriesContext(connection) as full:
        readiness_evaluate(today=TODAY)
    assert len(full) == len(empty)
    # one query for the exclusions, then at most two per check
    checks = sum(len(rule["checks"]) for rule in CLAUSES)
    assert len(empty) <= 1 + 2 * checks
