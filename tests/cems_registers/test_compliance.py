"""Compliance evaluations (9.2) move the obligation's next review (4.2.2)."""

import datetime as dt

from django.urls import reverse

import pytest

from cems_registers.services.compliance import add_months, compliance_evaluation_record

from . import factories as f


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 15), 12, dt.date(2027, 11, 15)),
        (dt.date(2026, 12, 1), 3, dt.date(2027, 3, 1)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_evaluation_schedules_next_review(db, register_keeper):
    obligation = f.ComplianceObligationFactory(review_interval_months=6, next_review=None)
    evaluation = compliance_evaluation_record(
        obligation=obligation,
        evaluated_on=dt.date(2026, 3, 10),
        result="partial",
        actions="补充监测计划",
        owner=register_keeper,
    )
    obligation.refresh_from_db()
    assert obligation.next_review == dt.date(2026, 9, 10)
    assert evaluation.owner == register_keeper
    compliance_evaluation_record(
        obligation=obligation, evaluated_on=dt.date(2025, 1, 1), result="compliant"
    )
    obligation.refresh_from_db()
    assert obligation.next_review == dt.date(2026, 9, 10)


def test_evaluation_added_in_the_admin_schedules_next_review(client, register_keeper):
    obligation = f.ComplianceObligationFactory(review_interval_months=12, next_review=None)
    client.force_login(register_keeper)
    response = client.post(
        reverse("wagtailsnippets_cems_registers_complianceevaluation:add"),
        {"obligation": obligation.pk, "evaluated_on": "2026-04-01", "result": "compliant"},
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.next_review == dt.date(2027, 4, 1)
