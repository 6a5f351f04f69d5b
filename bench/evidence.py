"""Evidence-pack benchmark (not run by the tests): ``python bench/evidence.py [ROWS]``.

Builds an approved run of ``ROWS`` (default 1,000,000) activity rows as ``bench/accounting.py``
does (the demo year tiled, a fresh SQLite database, its report issued at approval), then, in a
fresh process so that the peak memory is the build's own, writes its evidence pack with the
one builder (``cems_site.evidence.builder.pack_write``) and prints the time and peak RSS
beside two floors measured in the same process right after:

* Z: ``zipfile`` writing the same entries' bytes (extracted to files first) with the same
  compression: the cost of compressing and writing the pack, with no database and no CSV;
* Q: the database reading the trace's and the rows' columns with a raw cursor, no CSV, no ZIP.

Targets (issue 12): under 60 s and under 2 GB peak memory. Prints the figures recorded in
docs/evidence.md.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

N_ROWS = 1_000_000


def setup(n: int, database_url: str) -> int:
    """A fresh database holding one approved run of ``n`` rows and its issued report; its id."""
    import datetime as dt

    from accounting import _fresh_database, e2e_csv

    os.environ["DATABASE_URL"] = database_url  # before the settings are read (_private_root)
    _private_root()
    _fresh_database(database_url)
    from django.contrib.auth.models import Group, User

    from calculators.models import FactorSet, GwpSet
    from calculators.services.datasets import dataset_review, dataset_submit
    from calculators.services.report_archive import reports_issue
    from calculators.services.runs import run_approve, run_create, run_execute
    from cems_registers.demo import accounting_registers
    from cems_registers.roles import Role

    accounting_registers()
    users = {}
    for name, role in (("submitter", Role.DATA_SUBMITTERS), ("checker", Role.DATA_REVIEWERS)):
        users[name] = User.objects.create_user(name, password="x")
        users[name].groups.add(Group.objects.get(name=role.value))
    dataset = dataset_submit(
        file_bytes=e2e_csv(n),
        filename="bench.csv",
        user=users["submitter"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
    ).dataset
    dataset_review(dataset=dataset, user=users["checker"], approve=True)
    latest = {}
    for fs in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        latest.setdefault(fs.key, fs)
    run = run_create(
        user=users["submitter"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        factor_sets=list(latest.values()),
        gwp_set=GwpSet.objects.get(key="AR5"),
        enqueue=False,
    )
    run = run_execute(run=run)
    assert run.status == "done", run.message
    run = run_approve(run=run, user=users["checker"])
    reports_issue(run=run)  # issued at approval in production (a django-q2 task)
    return run.pk


def _open(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
    sys.path.insert(0, str(ROOT / "site"))
    _private_root()
    import django

    django.setup()


def _private_root() -> None:
    """The benchmark's files in its own folder (the test settings fix another one); set
    before ``django.setup()``, since the file fields take their storage when models load."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
    sys.path.insert(0, str(ROOT / "site"))
    from django.conf import settings

    if os.environ.get("CEMS_PRIVATE_ROOT"):
        settings.CEMS_PRIVATE_ROOT = Path(os.environ["CEMS_PRIVATE_ROOT"])


def measure(run_id: int, database_url: str, workdir: str) -> dict:
    """Build the pack (timed, peak RSS), then the two floors, in this process."""
    import resource

    _open(database_url)
    from django.db import connection

    from calculators.models import AccountingRun
    from cems_site.evidence.builder import pack_write
    from cems_site.evidence.zipwriter import COMPRESS_LEVEL

    run = AccountingRun.objects.get(pk=run_id)
    target = Path(workdir) / "pack.zip"
    t0, c0 = time.perf_counter(), time.process_time()
    with target.open("wb") as out:
        manifest = pack_write(run=run, out=out)
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # floor Z: the same bytes zipped with the same compression, from files
    extracted = Path(workdir) / "x"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(extracted)
    files = sorted(p for p in extracted.rglob("*") if p.is_file())
    t0, c0 = time.perf_counter(), time.process_time()
    with zipfile.ZipFile(
        Path(workdir) / "floor.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
    ) as floor:
        for path in files:
            floor.write(path, path.relative_to(extracted).as_posix())
    zip_s, zip_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    raw_mb = sum(p.stat().st_size for p in files) / 1e6

    # floor Q: the database reads the trace's and the rows' columns, raw cursor, nothing kept
    t0, c0 = time.perf_counter(), time.process_time()
    rows = 0
    with connection.cursor() as cursor:
        for sql in (
            "SELECT r.id, a.dataset_id, a.row_number, s.code, f.code, r.period, r.scope,"
            " r.category, r.method, r.material, r.gas, a.quantity, a.unit,"
            " a.quantity_normalised, a.unit_normalised, r.gas_group, r.mass_t, r.gwp, r.tco2e,"
            " r.biogenic_t, r.verification, r.overridden, r.factors"
            " FROM calculators_runresult r"
            " LEFT JOIN calculators_activityrecord a ON a.id = r.record_id"
            " JOIN cems_registers_emissionsource s ON s.id = r.source_id"
            " JOIN cems_registers_facility f ON f.id = r.facility_id"
            " WHERE r.run_id = %s ORDER BY r.id",
            "SELECT a.* FROM calculators_activityrecord a WHERE a.dataset_id IN"
            " (SELECT value FROM json_each((SELECT dataset_ids FROM calculators_accountingrun"
            " WHERE id = %s))) ORDER BY a.id",
        ):
            cursor.execute(sql, [run_id])
            while batch := cursor.fetchmany(20_000):
                rows += len(batch)
    query_s, query_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    return {
        "run": run_id,
        "files": len(manifest["files"]),
        "zip_mb": target.stat().st_size / 1e6,
        "raw_mb": raw_mb,
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "floor_zip_cpu_s": zip_cpu_s,
        "floor_query_cpu_s": query_cpu_s,
        "peak_rss_mb": peak_mb,
        "floor_zip_s": zip_s,
        "floor_query_s": query_s,
        "floor_query_rows": rows,
    }


def main(n: int = N_ROWS) -> dict:
    with tempfile.TemporaryDirectory(prefix="cems-bench-evidence-") as workdir:
        url = f"sqlite:///{workdir}/bench.sqlite3"
        env = {**os.environ, "CEMS_PRIVATE_ROOT": f"{workdir}/private"}
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "setup", str(n), url],
            check=True,
            stdout=subprocess.PIPE,  # stderr shown: a failing step says why
            text=True,
            env=env,
        ).stdout
        run_id = json.loads(out.strip().splitlines()[-1])["run"]
        setup_s = time.perf_counter() - t0
        out = subprocess.run(
            [sys.executable, __file__, "measure", str(run_id), url, workdir],
            check=True,
            stdout=subprocess.PIPE,  # stderr shown: a failing step says why
            text=True,
            env=env,
        ).stdout
        f = json.loads(out.strip().splitlines()[-1])
    load = os.getloadavg()
    print(f"evidence pack of a {n:,}-row approved run (SQLite; setup {setup_s:.0f} s)")
    print(
        f"  pack: {f['files']} files, {f['raw_mb']:,.0f} MB of content, ZIP {f['zip_mb']:,.0f} MB"
    )
    print("                                    wall       CPU of this process")
    print(f"  build (target < 60 s)         {f['build_s']:8.2f} s {f['build_cpu_s']:8.2f} s")
    print(
        f"  floor Z: zipfile, same bytes  {f['floor_zip_s']:8.2f} s {f['floor_zip_cpu_s']:8.2f} s"
    )
    print(
        f"  floor Q: raw cursor, {f['floor_query_rows']:,} rows"
        f" {f['floor_query_s']:8.2f} s {f['floor_query_cpu_s']:8.2f} s"
    )
    print(f"  peak RSS                      {f['peak_rss_mb']:8,.0f} MB  (target < 2048 MB)")
    print(f"  load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return f


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "setup":
        print(json.dumps({"run": setup(int(sys.argv[2]), sys.argv[3])}))
    elif len(sys.argv) > 1 and sys.argv[1] == "measure":
        print(json.dumps(measure(int(sys.argv[2]), sys.argv[3], sys.argv[4])))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else N_ROWS)
