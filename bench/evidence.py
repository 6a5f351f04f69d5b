"""Evidence-pack benchmark (not run by the tests): ``python bench/evidence.py [ROWS] [DATABASE_URL]``.

Builds an approved run of ``ROWS`` (default 1,000,000) activity rows as ``bench/accounting.py``
does (the demo year tiled, a fresh database: a temporary SQLite file, or ``DATABASE_URL``,
which is dropped and created; its report issued at approval), then, in a fresh process so that
the peak memory is the build's own, writes its evidence pack with the one builder
(``cems_site.evidence.builder.pack_write``) twice: as shipped (the trace produced by a forked
child, ``cems_site.evidence.spool``) and in one process (the baseline), checks that both are
the same bytes, and prints each step's wall and CPU time beside floors measured in the same
process right after:

* Q: the database giving the trace's and the rows' tuples (the builder's own SQL and cursor);
* C: ``csv.writer`` writing those tuples; P: ``pandas.DataFrame.to_csv`` of the same batches;
* Z: ``zipfile`` writing the same files' bytes (extracted first) at the same DEFLATE level.

``python bench/evidence.py report RUN_ID DATABASE_URL WORKDIR ROWS`` measures an existing run
(set ``CEMS_PRIVATE_ROOT`` to the folder its setup used). The machine's load average is
printed: on a shared machine compare the ratios, not the seconds.

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


def _build(run, path: Path, *, child: bool) -> dict:
    """One timed build of the pack into ``path``; ``child``: the trace in a forked child."""
    import resource

    from cems_site.evidence import spool, zipwriter
    from cems_site.evidence.builder import pack_write

    steps: dict = {}
    write = zipwriter.PackZip.write

    def timed(self, name, chunks, **kwargs):
        t0, c0 = time.perf_counter(), time.process_time()
        entry = write(self, name, chunks, **kwargs)
        steps[name] = (time.perf_counter() - t0, time.process_time() - c0)
        return entry

    minimum = spool.MIN_ROWS
    spool.MIN_ROWS = minimum if child else 1 << 62
    zipwriter.PackZip.write = timed
    children = os.times()
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        with path.open("wb") as out:
            manifest = pack_write(run=run, out=out)
    finally:
        zipwriter.PackZip.write, spool.MIN_ROWS = write, minimum
    after = os.times()
    rows = [v for k, v in steps.items() if k.endswith("/rows.csv")]
    child_cpu = (after.children_user + after.children_system) - (
        children.children_user + children.children_system
    )
    return {
        "wall": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "child_cpu": child_cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "trace": steps.get("trace/results.csv", (0, 0)),
        "rows": (sum(w for w, _ in rows), sum(c for _, c in rows)),
        "files": len(manifest["files"]),
        "sha256": _sha256(path),
    }


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _floors(run) -> dict:
    """Q: the database giving the trace's and rows' tuples (the builder's own SQL and cursor);
    C: ``csv.writer`` of those tuples; P: ``pandas.DataFrame.to_csv`` of the same batches."""
    import csv
    import io

    import pandas as pd

    from calculators.models import Dataset
    from cems_site.evidence import sections

    sources = [(sections.trace_rows(run), sections.TRACE_FIELDS)] + [
        (sections.dataset_rows(d), sections.ROW_FIELDS)
        for d in Dataset.objects.filter(pk__in=run.dataset_ids or []).order_by("pk")
    ]
    out = {"q": [0.0, 0.0], "c": [0.0, 0.0], "p": [0.0, 0.0], "rows": 0}

    def add(key, t0, c0):
        out[key][0] += time.perf_counter() - t0
        out[key][1] += time.process_time() - c0

    for queryset, fields in sources:
        batches = sections.row_batches(queryset, fields)
        while True:
            t0, c0 = time.perf_counter(), time.process_time()
            rows = next(batches, None)
            add("q", t0, c0)
            if rows is None:
                break
            out["rows"] += len(rows)
            t0, c0 = time.perf_counter(), time.process_time()
            csv.writer(io.StringIO(), lineterminator="\r\n").writerows(rows)
            add("c", t0, c0)
            frame = pd.DataFrame.from_records(rows)
            t0, c0 = time.perf_counter(), time.process_time()
            frame.to_csv(io.StringIO(), header=False, index=False)
            add("p", t0, c0)
    return out


def _floor_zip(pack: Path, workdir: str) -> tuple[float, float, float]:
    """Z: ``zipfile`` writing the pack's files (extracted first) at the same DEFLATE level."""
    from cems_site.evidence.zipwriter import COMPRESS_LEVEL

    extracted = Path(workdir) / "x"
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(extracted)
    files = sorted(p for p in extracted.rglob("*") if p.is_file())
    t0, c0 = time.perf_counter(), time.process_time()
    with zipfile.ZipFile(
        Path(workdir) / "floor.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
    ) as floor:
        for path in files:
            floor.write(path, path.relative_to(extracted).as_posix())
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    raw_mb = sum(p.stat().st_size for p in files) / 1e6
    for path in files:
        path.unlink()
    return wall, cpu, raw_mb


def measure(run_id: int, database_url: str, workdir: str) -> dict:
    """Build the pack with the trace in a child (as shipped; peak RSS), then in one process
    (the baseline), check both are the same bytes, then the floors; all in this process."""
    _open(database_url)
    from django.db import connection

    from calculators.models import AccountingRun

    run = AccountingRun.objects.get(pk=run_id)
    load = [os.getloadavg()[0]]
    child = _build(run, Path(workdir) / "pack.zip", child=True)
    load.append(os.getloadavg()[0])
    alone = _build(run, Path(workdir) / "pack-one-process.zip", child=False)
    load.append(os.getloadavg()[0])
    assert child["sha256"] == alone["sha256"], "the two builds differ"
    floors = _floors(run)
    zip_wall, zip_cpu, raw_mb = _floor_zip(Path(workdir) / "pack.zip", workdir)
    load.append(os.getloadavg()[0])
    return {
        "run": run_id,
        "backend": connection.vendor,
        "zip_mb": (Path(workdir) / "pack.zip").stat().st_size / 1e6,
        "raw_mb": raw_mb,
        "child": child,
        "alone": alone,
        "floors": {**floors, "z": [zip_wall, zip_cpu]},
        "load": load,
    }


def report(n: int, f: dict, setup_s: float) -> None:
    """Print the figures: each step beside its floor from the same run, and the ratios."""
    c, a, fl = f["child"], f["alone"], f["floors"]
    print(f"evidence pack of a {n:,}-row approved run ({f['backend']}; setup {setup_s:.0f} s)")
    print(
        f"  pack: {c['files']} files, {f['raw_mb']:,.0f} MB of content, ZIP {f['zip_mb']:,.0f} MB;"
        f" both builds the same bytes (SHA-256 {c['sha256'][:12]}…)"
    )
    print(
        "  load average (1 min) before, between, after: " + " ".join(f"{x:.1f}" for x in f["load"])
    )
    print("                                          wall s    CPU s (this process + child)")
    print(
        f"  build, trace in a child (target < 60 s) {c['wall']:8.1f}  {c['cpu']:7.1f} + {c['child_cpu']:.1f}"
    )
    print(f"  build, one process (baseline)          {a['wall']:8.1f}  {a['cpu']:7.1f}")
    print(f"    ratio baseline / child                 {a['wall'] / c['wall']:5.2f} x")
    print(f"  step rows.csv (one process)            {a['rows'][0]:8.1f}  {a['rows'][1]:7.1f}")
    print(f"  step trace/results.csv (one process)   {a['trace'][0]:8.1f}  {a['trace'][1]:7.1f}")
    print(f"  floor Q: database tuples, {fl['rows']:,} rows {fl['q'][0]:6.1f}  {fl['q'][1]:7.1f}")
    print(f"  floor C: csv.writer of those tuples     {fl['c'][0]:8.1f}  {fl['c'][1]:7.1f}")
    print(f"  floor P: pandas to_csv of the same      {fl['p'][0]:8.1f}  {fl['p'][1]:7.1f}")
    print(f"  floor Z: zipfile of the same bytes      {fl['z'][0]:8.1f}  {fl['z'][1]:7.1f}")
    floor_cpu = fl["q"][1] + fl["c"][1] + fl["z"][1]
    print(
        f"    one-process CPU / (Q + C + Z) CPU        {a['cpu'] / floor_cpu:5.2f} x"
        f"   (floor {floor_cpu:.1f} s of CPU)"
    )
    print(
        f"  peak RSS: builder {c['rss_mb']:,.0f} MB, child {c['child_rss_mb']:,.0f} MB"
        f" (target < 2048 MB)"
    )


def main(n: int = N_ROWS, database_url: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="cems-bench-evidence-") as workdir:
        url = database_url or f"sqlite:///{workdir}/bench.sqlite3"
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
    report(n, f, setup_s)
    return f


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "setup":
        print(json.dumps({"run": setup(int(sys.argv[2]), sys.argv[3])}))
    elif len(sys.argv) > 1 and sys.argv[1] == "measure":
        print(json.dumps(measure(int(sys.argv[2]), sys.argv[3], sys.argv[4])))
    elif len(sys.argv) > 1 and sys.argv[1] == "report":  # measure an existing run and print
        run_id, url, workdir = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        report(int(sys.argv[5]), measure(run_id, url, workdir), 0)
    else:
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else N_ROWS,
            sys.argv[2] if len(sys.argv) > 2 else None,
        )
