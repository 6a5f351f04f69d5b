"""Register benchmarks (not run by the tests): ``python bench/registers.py``.

Creates 10,000 emission sources and 100,000 history rows in bulk in a scratch database
(``DATABASE_URL``, default a SQLite file under /tmp), then measures, logged in as a
register keeper through the Django test client:

* the admin list view of emission sources (median of N requests, query count);
* the field-history view of one source that has 1,000 history rows;
* the XLSX import of 10,000 new rows with history, and the re-import of the same file
  (nothing changes, so nothing is written).

Prints the figures recorded in docs/registers_infra.md. Targets: list and history under
300 ms median; import under 10 s.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/cems_bench_registers.sqlite3")

N_RECORDS = 10_000
N_HISTORY = 100_000
N_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "15"))
HOT_HISTORY = 1_000  # history rows of the record whose field history is measured
PREFIX = "BN"


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def reset(EmissionSource, Facility):
    EmissionSource.history.filter(code__startswith=PREFIX).delete()
    EmissionSource.objects.filter(code__startswith=PREFIX).delete()
    EmissionSource.history.filter(code__startswith="IM").delete()
    EmissionSource.objects.filter(code__startswith="IM").delete()
    facility, _ = Facility.objects.get_or_create(code="BENCH", defaults={"name": "基准测试工厂"})
    return facility


def keeper():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cems_registers.roles import Role

    user, _ = get_user_model().objects.get_or_create(
        username="bench-keeper", defaults={"email": "bench@example.com"}
    )
    user.groups.add(Group.objects.get(name=Role.REGISTER_KEEPERS.value))
    return user


def create_records(EmissionSource, facility, user):
    from django.db import transaction
    from django.utils import timezone

    started = time.perf_counter()
    with transaction.atomic():
        sources = EmissionSource.objects.bulk_create(
            (
                EmissionSource(
                    code=f"{PREFIX}{i:06d}",
                    name=f"燃气锅炉 {i} 号",
                    facility=facility,
                    kind="combustion_equipment",
                    category="fuel_combustion",
                    activity_unit="万Nm3",
                )
                for i in range(N_RECORDS)
            ),
            batch_size=2000,
        )
        history = EmissionSource.history.model
        now = timezone.now()
        hot = sources[0]
        per_record = -(-(N_HISTORY - HOT_HISTORY) // (N_RECORDS - 1))  # ceil: at least N_HISTORY

        def rows():
            for k in range(HOT_HISTORY):
                yield hot, k
            for source in sources[1:]:
                for k in range(per_record):
                    yield source, k

        batch = []
        for source, k in rows():
            batch.append(
                history(
                    id=source.pk,
                    code=source.code,
                    name=f"{source.name}（第 {k} 版）",
                    facility_id=facility.pk,
                    kind=source.kind,
                    ghgs=source.ghgs,
                    scope=source.scope,
                    category=source.category,
                    activity_unit=source.activity_unit if k % 2 else "t",
                    in_boundary=bool(k % 3),
                    created_at=now,
                    updated_at=now,
                    history_date=now - timezone.timedelta(minutes=N_HISTORY - k),
                    history_type="+" if k == 0 else "~",
                    history_user=user,
                )
            )
            if len(batch) == 5000:
                history.objects.bulk_create(batch)
                batch = []
        if batch:
            history.objects.bulk_create(batch)
    return hot, time.perf_counter() - started


def measure(client, url, n=N_REQUESTS):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(timings), min(timings), max(timings), len(ctx.captured_queries)


def import_workbook(spec, facility_code: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    names = ["code", "name", "facility", "kind", "scope", "category", "activity_unit"]
    sheet.append([spec.column(name).header for name in names])
    # Half the rows give the kind by its Chinese label, as keepers do.
    kind_zh = {value: zh for value, zh, _en in spec.column("kind").choice_help()}
    combustion_zh = kind_zh["combustion_equipment"]
    for i in range(N_RECORDS):
        sheet.append(
            [
                f"IM{i:06d}",
                f"导入排放源 {i}",
                facility_code,
                combustion_zh if i % 2 else "combustion_equipment",
                "1",
                "fuel_combustion",
                "t",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main():
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from cems_registers.imports import get_spec, import_file
    from cems_registers.models import EmissionSource, Facility

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(
        f"machine: {os.cpu_count()} CPU(s); python {sys.version.split()[0]}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    facility = reset(EmissionSource, Facility)
    user = keeper()
    hot, seconds = create_records(EmissionSource, facility, user)
    print(
        f"setup: {N_RECORDS:,} records and {EmissionSource.history.filter(code__startswith=PREFIX).count():,} "
        f"history rows in {seconds:.1f} s (bulk)"
    )

    client = Client()
    client.force_login(user)
    viewset = EmissionSource.snippet_viewset
    list_url = reverse(viewset.get_url_name("list"))
    median, low, high, queries = measure(client, list_url)
    print(
        f"list view ({N_RECORDS:,} records, page of 20): median {median:.0f} ms "
        f"(min {low:.0f}, max {high:.0f}), {queries} queries"
    )
    median, low, high, queries = measure(client, f"{list_url}?q=锅炉 99")
    print(f"list view, search '锅炉 99' (icontains): median {median:.0f} ms, {queries} queries")
    history_url = reverse(viewset.get_url_name("field_history"), args=(hot.pk,))
    median, low, high, queries = measure(client, history_url)
    print(
        f"field history ({HOT_HISTORY:,} rows, page of 50 diffs): median {median:.0f} ms "
        f"(min {low:.0f}, max {high:.0f}), {queries} queries"
    )

    spec = get_spec("emission_sources")
    data = import_workbook(spec, facility.code)
    before = EmissionSource.history.count()
    started = time.perf_counter()
    result = import_file(spec=spec, name="bench.xlsx", data=data, user=user)
    seconds = time.perf_counter() - started
    written = EmissionSource.history.count() - before
    print(
        f"import {N_RECORDS:,} XLSX rows with history: {seconds:.2f} s "
        f"({N_RECORDS / seconds:,.0f} rows/s); created {result.created:,}, history rows {written:,}"
    )
    started = time.perf_counter()
    result = import_file(spec=spec, name="bench.xlsx", data=data, user=user)
    seconds = time.perf_counter() - started
    print(
        f"re-import of the same file: {seconds:.2f} s; unchanged {result.unchanged:,}, "
        f"history rows written {EmissionSource.history.count() - before - written}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    reset(EmissionSource, Facility)


if __name__ == "__main__":
    main()
