"""Runs spread over workers (issue 13 §2): one q cluster against two, on PostgreSQL + Redis.

``python bench/workers.py [ROWS] [REPEATS]`` (defaults 1,000,000 and 3):

1. a fresh PostgreSQL database (``DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/g_bench_workers``, dropped and recreated) with the
   demo enterprise and an approved dataset of ``ROWS`` template rows (``bench/accounting.py``'s
   ``e2e_csv``, the demo year tiled), stored through the real intake;
2. for each round, in turn: the run in ONE task on one q cluster with one worker (today's
   single-task path, ``CEMS_RUN_CHUNK_ROWS=0``: the baseline "one process"); the run split
   into parts on one cluster with one worker; the run split into parts on TWO clusters with
   one worker each (two ``manage.py qcluster`` processes, as on two machines). Every cluster
   uses the Redis broker at ``REDIS_URL`` (default ``redis://127.0.0.1:6379/7``, flushed);
3. prints each wall time (from queueing ``calculators.tasks.run_compute`` to the run done,
   polled every 0.2 s), the ratio two clusters / one process (target ≤ 0.7) and two clusters /
   one cluster in parts, the load average before and after each round, and checks that every
   run has the same input hash and total.

The machine's two cores are shared with other jobs: run it several times; the figures are
ratios measured in the same window.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/g_bench_workers"
DEFAULT_REDIS = "redis://127.0.0.1:6379/7"
TARGET = 0.7

#: name → (q clusters, rows per part; 0 = one task)
SETUPS = {
    "one task, 1 cluster": (1, 0),
    "parts, 1 cluster": (1, None),
    "parts, 2 clusters": (2, None),
}


def _env(database_url: str, redis_url: str, chunk_rows: int) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="cems_site.settings.dev",
        CEMS_Q_SYNC="0",
        Q_WORKERS="1",
        CEMS_RUN_CHUNK_ROWS=str(chunk_rows),
        LOG_LEVEL="ERROR",
    )
    return env


def _prepare(n: int, database_url: str) -> dict:
    """The fresh database with ``n`` approved rows; the users and run arguments.

    ``BENCH_REUSE=1``: the database prepared by an earlier call, as it is."""
    from accounting import _fresh_database, e2e_csv

    os.environ["DJANGO_SETTINGS_MODULE"] = "cems_site.settings.dev"
    os.environ["CEMS_Q_SYNC"] = "0"
    if os.environ.get("BENCH_REUSE"):
        import django

        os.environ["DATABASE_URL"] = database_url
        sys.path.insert(0, str(ROOT / "site"))
        django.setup()
    else:
        _fresh_database(database_url)
    from django.contrib.auth.models import Group, User

    from calculators.models import Dataset
    from calculators.services.datasets import dataset_review, dataset_submit
    from cems_registers.demo import accounting_registers
    from cems_registers.roles import Role

    if os.environ.get("BENCH_REUSE"):
        print(f"reusing {Dataset.objects.get().row_count:,} approved rows")
        return _run_arguments(User.objects.get(username="submitter"))
    accounting_registers()
    users = {}
    for name, role in (("submitter", Role.DATA_SUBMITTERS), ("reviewer", Role.DATA_REVIEWERS)):
        users[name] = User.objects.create_user(name, password="x")
        users[name].groups.add(Group.objects.get(name=role.value))
    t0 = time.perf_counter()
    dataset = dataset_submit(
        file_bytes=e2e_csv(n),
        filename="bench.csv",
        user=users["submitter"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        store_file=False,
    ).dataset
    dataset_review(dataset=dataset, user=users["reviewer"], approve=True)
    print(f"prepared {dataset.row_count:,} approved rows in {time.perf_counter() - t0:.1f} s")
    return _run_arguments(users["submitter"])


def _run_arguments(user) -> dict:
    from calculators.models import FactorSet, GwpSet

    latest = {}
    for fs in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        latest.setdefault(fs.key, fs)
    return {
        "user": user,
        "factor_sets": list(latest.values()),
        "gwp_set": GwpSet.objects.get(key="AR5"),
    }


def _clusters(count: int, env: dict) -> list[subprocess.Popen]:
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(count)
    ]
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.status import Stat

    broker = get_broker()
    deadline = time.monotonic() + 600  # start-up takes minutes on a loaded machine
    while time.monotonic() < deadline:
        if len([s for s in Stat.get_all(broker) if str(s.status) == str(Conf.IDLE)]) >= count:
            return procs
        time.sleep(0.5)
    _stop(procs)
    raise RuntimeError("the q clusters did not start within 600 s")


def _stop(procs: list[subprocess.Popen]) -> None:
    # SIGTERM to the main process only: to the whole group it hangs qcluster (STACK_NOTES)
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _one(setup: str, args: dict, database_url: str, redis_url: str, chunk_rows: int) -> dict:
    """One timed run under ``setup``; the clusters are up before the clock starts."""
    import redis
    from django_q.tasks import async_task

    from calculators.models import AccountingRun, RunChunk, RunResult, SeriesPoint
    from calculators.services.runs import run_create

    count, size = SETUPS[setup]
    size = chunk_rows if size is None else size
    redis.Redis.from_url(redis_url).flushdb()
    procs = _clusters(count, _env(database_url, redis_url, size))
    try:
        run = run_create(
            user=args["user"],
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 1),
            factor_sets=args["factor_sets"],
            gwp_set=args["gwp_set"],
            enqueue=False,
        )
        t0 = time.perf_counter()
        async_task("calculators.tasks.run_compute", run.pk, task_name=f"bench run {run.pk}")
        while True:
            status = AccountingRun.objects.filter(pk=run.pk).values_list("status", flat=True)[0]
            if status in ("done", "failed"):
                break
            if time.perf_counter() - t0 > 1800:
                raise RuntimeError(f"run {run.pk} still {status} after 30 minutes")
            time.sleep(0.2)
        wall = time.perf_counter() - t0
    finally:
        _stop(procs)
    run.refresh_from_db()
    if run.status != "done":
        raise RuntimeError(f"run {run.pk} failed: {run.message}")
    figures = {
        "setup": setup,
        "wall_s": wall,
        "parts": RunChunk.objects.filter(run=run).count(),
        "input_hash": run.input_hash,
        "total": run.total_tco2e,
        "rows": run.input_rows,
    }
    # the next run starts from the same table sizes (not timed)
    RunResult.objects.filter(run=run)._raw_delete(RunResult.objects.db)
    SeriesPoint.objects.filter(run=run).delete()
    RunChunk.objects.filter(run=run).delete()
    return figures


def main(n: int = 1_000_000, repeats: int = 3, chunk_rows: int = 100_000) -> list[dict]:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        database_url = DEFAULT_DB
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    os.environ["REDIS_URL"] = redis_url  # this process queues through the same broker
    args = _prepare(n, database_url)
    print(f"{os.cpu_count()} cores; parts of {chunk_rows:,} rows; broker {redis_url}")
    rounds = []
    for i in range(1, repeats + 1):
        before = os.getloadavg()
        figures = {
            setup: _one(setup, args, database_url, redis_url, chunk_rows) for setup in SETUPS
        }
        after = os.getloadavg()
        base = figures["one task, 1 cluster"]["wall_s"]
        one = figures["parts, 1 cluster"]["wall_s"]
        two = figures["parts, 2 clusters"]["wall_s"]
        print(
            f"\nround {i}: load average {before[0]:.2f} before, {after[0]:.2f} after "
            f"(1-min; 5-min {after[1]:.2f})"
        )
        for setup, f in figures.items():
            print(f"  {setup:<22}{f['wall_s']:8.2f} s   {f['parts']:>3} parts")
        print(
            f"  ratio 2 clusters / one process {two / base:.2f}   (target ≤ {TARGET}; "
            f"{'met' if two / base <= TARGET else 'NOT met'})"
        )
        print(f"  ratio 2 clusters / 1 cluster, both in parts {two / one:.2f}")
        hashes = {f["input_hash"] for f in figures.values()}
        totals = {f["total"] for f in figures.values()}
        print(f"  same input hash: {len(hashes) == 1}; same total: {len(totals) == 1}")
        rounds.append({"round": i, "load": (before, after), **figures})
    return rounds


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        int(sys.argv[3]) if len(sys.argv) > 3 else 100_000,
    )
