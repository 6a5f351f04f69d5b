"""The admin actions of carbon performance (9.1.3 → 10.2, 6.5): acknowledging a deviation alert
or raising it as a nonconformity from the progress page, and recalculating the base year —
each with its refusal shown as a message, nothing changed."""

import datetime as dt
from decimal import Decimal

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import AlertStatus, DeviationAlert, PerformanceSettings
from calculators.performance import services
from calculators.services.runs import run_approve

from ..refusals import assert_denied_in_admin
from .test_performance import _indicator, _objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_run(done_run, data_reviewer, django_capture_on_commit_callbacks):
    """The 2025 run approved; its performance task runs (sync queue) on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return run_approve(run=done_run, user=data_reviewer)


@pytest.fixture
def alert(approved_run, management_representative):
    total = approved_run.total_tco2e
    indicator = _indicator(
        _objective(management_representative),
        baseline_year=2025,
        baseline_value=Decimal(str(round(total * 0.5, 4))),
        baseline_reason="set low on purpose",
        target_value=Decimal(str(round(total * 0.4, 4))),
        alert_path_pct=Decimal("10"),
    )
    services.indicator_update(indicator=indicator)
    return services.alerts_check(today=dt.date(2026, 1, 20), notify=False)[0]


def _post(client, name, *args):
    with translation.override("en"):
        return client.post(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="en")


def _messages(response) -> list[str]:
    """The messages of this request (those of earlier requests not read are left out)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


def test_alert_acknowledged_then_refused_a_second_time(client, alert, register_keeper):
    client.force_login(register_keeper)
    response = _post(client, "calculators_performance_alert", alert.pk, "acknowledge")
    assert response.status_code == 302 and response.url.endswith("#alerts")
    assert _messages(response) == ["Alert acknowledged."]
    assert DeviationAlert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED
    again = _post(client, "calculators_performance_alert", alert.pk, "acknowledge")
    assert _messages(again) == ["Only an open alert can be acknowledged."]


def test_alert_raised_as_a_nonconformity_once(client, alert, register_keeper):
    client.force_login(register_keeper)
    response = _post(client, "calculators_performance_alert", alert.pk, "nonconformity")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NONCONFORMITY
    assert _messages(response) == [
        f"Nonconformity {alert.nonconformity.code} raised from the alert."
    ]
    again = _post(client, "calculators_performance_alert", alert.pk, "nonconformity")
    assert _messages(again) == ["This alert is already a nonconformity."]


def test_unknown_alert_action_and_readers_are_refused(client, alert, register_keeper, auditor):
    client.force_login(register_keeper)
    assert_denied_in_admin(_post(client, "calculators_performance_alert", alert.pk, "delete"))
    client.force_login(auditor)  # reads alerts, handles none
    assert_denied_in_admin(_post(client, "calculators_performance_alert", alert.pk, "acknowledge"))
    assert DeviationAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN


def test_base_year_recalculation_without_a_base_year_is_refused_with_a_message(
    client,
    approved_run,
    management_representative,
):
    client.force_login(management_representative)
    response = _post(client, "calculators_performance_recalculate")
    assert response.status_code == 302 and response.url.endswith("#base-year")
    assert _messages(response) == ["Set the base year first."]


def test_base_year_recalculation_starts_a_run(
    client,
    approved_run,
    management_representative,
):
    from django.contrib.auth.models import Permission

    settings = PerformanceSettings.load()
    settings.base_year = 2025
    settings.save()
    services.base_year_check(run=approved_run)
    management_representative.user_permissions.add(
        Permission.objects.get(codename="add_accountingrun")
    )
    client.force_login(management_representative)
    response = _post(client, "calculators_performance_recalculate")
    run_pk = int(response.url.rstrip("/").split("/")[-1])
    assert run_pk != approved_run.pk
    assert _messages(response) == [
        f"Run #{run_pk} recalculates the base year; once approved it replaces the base run."
    ]
