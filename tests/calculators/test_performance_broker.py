"""The performance update runs through django-q2's Redis broker too (issue 9, real parts).

Settings choose the broker from ``REDIS_URL`` (Redis) or fall back to the ORM broker; tests run
django-q2 in sync mode. Here the task is enqueued, not run: on a Redis broker (``REDIS_URL``,
or Redis answering on 127.0.0.1:6379, as on the CI machines), then dequeued and executed by
django-q2's own worker function in this process and its result saved by the monitor's
``save_task``, as a ``qcluster`` would. The ORM broker gets the same round trip.
"""

import os
import uuid
from multiprocessing import Queue, Value

import pytest

from calculators.models import IndicatorProgress, SeriesRun
from calculators.services.runs import run_approve
from cems_registers.models import Indicator, Objective, ObjectiveStatus

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        import redis  # optional: only the Redis broker needs it
    except ImportError:
        return False
    try:
        return bool(redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def _objective(owner):
    from decimal import Decimal

    from django.utils import timezone

    objective = Objective.objects.create(
        code="OBJ-Q",
        title="broker",
        status=ObjectiveStatus.APPROVED,
        approved_at=timezone.now(),
        owner=owner,
    )
    return Indicator.objects.create(
        objective=objective,
        name="total",
        metric="total_emissions",
        unit="tCO2e",
        baseline_year=2025,
        baseline_value=Decimal("1"),
        target_value=Decimal("1"),
        target_year=2030,
    )


def _round_trip(broker, run_id: int) -> dict:
    """Enqueue the performance update on ``broker`` (not sync), then run it as a cluster
    would: dequeue, the worker function, the monitor's save. Returns the saved task."""
    from django_q.monitor import save_task
    from django_q.signing import SignedPackage
    from django_q.tasks import async_task, fetch
    from django_q.worker import worker

    task_id = async_task(
        "calculators.tasks.performance_update",
        run_id,
        broker=broker,
        sync=False,
        task_name=f"broker test {run_id}",
    )
    assert broker.queue_size() == 1
    assert not IndicatorProgress.objects.exists()  # nothing ran yet
    [(ack_id, pack)] = broker.dequeue()
    task = SignedPackage.loads(pack)
    task["ack_id"] = ack_id
    tasks, results = Queue(), Queue()
    tasks.put(task)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    done = results.get(timeout=30)
    save_task(done, broker)
    if ack_id is not None:
        broker.acknowledge(ack_id)
    saved = fetch(task_id)
    assert saved is not None, "the monitor saved no result"
    return saved


def _approve_without_queue(done_run, data_reviewer):
    """Approve; the update it queues on commit never runs (the test's transaction does not
    commit): the broker carries it instead."""
    return run_approve(run=done_run, user=data_reviewer)


def test_performance_update_through_the_redis_broker(
    done_run, data_reviewer, management_representative, monkeypatch
):
    if not _redis_answers():
        pytest.fail(f"Redis does not answer at {REDIS_URL}; CI has Redis")  # never a skip
    from django_q.brokers.redis_broker import Redis
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    indicator = _objective(management_representative)
    run = _approve_without_queue(done_run, data_reviewer)
    broker = Redis(list_key=f"cems-test-{uuid.uuid4().hex}")
    try:
        assert broker.ping()
        saved = _round_trip(broker, run.pk)
    finally:
        broker.delete_queue()
    assert saved.success, saved.result
    assert saved.result["run"] == run.pk and saved.result["indicators"] == 1
    assert SeriesRun.objects.filter(run=run).exists()
    progress = IndicatorProgress.objects.get(indicator=indicator, year=2025)
    assert progress.run_id == run.pk and progress.actual == pytest.approx(run.total_tco2e)


def test_performance_update_through_the_orm_broker(
    done_run, data_reviewer, management_representative
):
    from django_q.brokers.orm import ORM

    indicator = _objective(management_representative)
    run = _approve_without_queue(done_run, data_reviewer)
    broker = ORM(list_key=f"cems-test-{uuid.uuid4().hex}")
    saved = _round_trip(broker, run.pk)
    assert saved.success, saved.result
    assert IndicatorProgress.objects.get(indicator=indicator, year=2025).run_id == run.pk
