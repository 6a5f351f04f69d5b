"""The admin dashboard reads in a number of queries that does not grow with the data (issue 13
§3): the full demo (``manage.py cems_demo``), then the same demo with much more on every panel
(every register record due today, every dataset waiting for review, every run waiting for
approval, every objective waiting for top management, more documents in review), in the same
number of queries. The panels serve 5.1, 7.3.3, 8.5, 9.1 and the registers' due dates."""

import datetime as dt
import io

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page, WorkflowState

import pytest

from calculators.models import AccountingRun, Dataset, DatasetStatus, RunStatus
from cems_pages.models import PolicyPage
from cems_registers.due import due_models
from cems_registers.models import Objective, ObjectiveStatus

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DASHBOARD = "/admin/"
#: Users of the demo whose dashboards differ: everything, documents, data, approvals.
USERS = ("admin", "reviewer", "datareviewer", "ceo", "keeper")


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("cems_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def dashboard_queries(client, username: str) -> int:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert client.get(DASHBOARD).status_code == 200  # caches warmed as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    client.logout()
    return len(queries)


def submit_more_documents() -> int:
    """Every live policy page not in review sent to its workflow again by the editor."""
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="editor")
    sent = 0
    for page in PolicyPage.objects.live():
        workflow = page.get_workflow()
        if workflow is None or WorkflowState.objects.active().filter(object_id=str(page.pk)):
            continue
        page.save_revision(user=editor)
        workflow.start(page, editor)
        sent += 1
    return sent


def put_everything_on_the_dashboard() -> None:
    today = timezone.localdate()
    for model in due_models():
        model.objects.update(**{model.due_date_field: today + dt.timedelta(days=1)})
    Dataset.objects.exclude(status=DatasetStatus.WITHDRAWN).update(status=DatasetStatus.SUBMITTED)
    AccountingRun.objects.update(status=RunStatus.DONE)
    Objective.objects.update(status=ObjectiveStatus.DRAFT, approved_at=None)


def test_dashboard_queries_do_not_grow_with_data(demo_db, client):
    before = {user: dashboard_queries(client, user) for user in USERS}
    in_review = WorkflowState.objects.active().count()
    assert submit_more_documents() >= 1
    assert WorkflowState.objects.active().count() > in_review
    put_everything_on_the_dashboard()
    assert Page.objects.count() > 2
    after = {user: dashboard_queries(client, user) for user in USERS}
    assert after == before
