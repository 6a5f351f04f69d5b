"""Start-up, command line and admin dashboard of cems beside a vanilla Wagtail 8 site (issue 13
§3; not run by the tests): ``python bench/startup.py [--runs 7] [--rounds 3] [--cems-db PATH]``.

Builds, in a temporary folder, the same two sites as ``bench/public_pages.py`` (its code):
the cems demo database (``--cems-db``; built when missing) and a ``wagtail start`` project in
the same venv, both under their production settings, each with a superuser. Then, interleaved
(vanilla, cems, vanilla, cems …), it measures:

* ``django.setup()``: a fresh interpreter per run, timed inside the child around
  ``import django; django.setup()`` (wall and CPU), median of ``--runs``; the child also says
  which of pandas, numpy, pint, openpyxl, xhtml2pdf, reportlab it loaded. Target: cems ≤ 1.5 ×
  vanilla.
* ``manage.py cems_account`` on a 5-row activity file (the first rows of the demo year): the
  whole command's wall and CPU time (interpreter, start-up, pandas, compute, output), median
  of ``--runs``. Target ≤ 1.5 s; printed beside vanilla's bare ``django.setup()`` child.
* the admin dashboard (``/admin/``) of a logged-in superuser through Django's test client in
  one process per site and round: median of 20 requests after 5 warm-up requests, and the
  number of queries of one request. Target: cems ≤ 1.5 × vanilla's time.

The machine is shared and small (2 cores): the load average is printed before and after each
part, CPU time beside wall time; run it several times and report every run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import public_pages as pp  # the sites are built by the public-pages bench's code

ROOT = pp.ROOT
PYTHON = str(pp.BIN / "python")
HEAVY = ("pandas", "numpy", "pint", "openpyxl", "xhtml2pdf", "reportlab")
TARGET = 1.5
ACCOUNT_TARGET_S = 1.5

SETUP_CHILD = f"""
import json, resource, sys, time
wall, cpu = time.perf_counter(), time.process_time()
import django
django.setup()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
heavy = [m for m in {HEAVY!r} if m in sys.modules]
print(json.dumps({{"wall": wall, "cpu": cpu, "heavy": heavy, "modules": len(sys.modules)}}))
"""

DASHBOARD_CHILD = """
import json, statistics, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()  # the test client's host, as a test does
client = Client()
client.force_login(get_user_model().objects.get(username=sys.argv[1]))
for _ in range(5):
    response = client.get("/admin/")
    assert response.status_code == 200, response.status_code
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    client.get("/admin/")
    times.append(time.perf_counter() - start)
with CaptureQueriesContext(connection) as queries:
    client.get("/admin/")
print(json.dumps({"median": statistics.median(times), "queries": len(queries)}))
"""

VANILLA_SUPERUSER = (
    "from django.contrib.auth import get_user_model; U = get_user_model(); "
    "U.objects.filter(username='admin').exists() or "
    "U.objects.create_superuser('admin', 'admin@example.com', 'bench-only')"
)


def child_json(args: list[str], env: dict, cwd: Path) -> dict:
    out = pp.run(args, env=env, cwd=cwd).stdout
    return json.loads(out.strip().splitlines()[-1])


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def five_rows(folder: Path, env: dict) -> Path:
    """The header and the first five rows of the demo year's activity file."""
    path = folder / "five_rows.csv"
    script = (
        "import sys; from pathlib import Path; from calculators.demo_data import year_csv; "
        "lines = year_csv(2025).splitlines(keepends=True); "
        f"Path({str(path)!r}).write_bytes(b''.join(lines[:6]))"
    )
    pp.run([PYTHON, "manage.py", "shell", "-c", script], env=env, cwd=ROOT)
    return path


def measure_setup(sites: dict, runs: int) -> dict:
    figures = {name: [] for name in sites}
    for _ in range(runs):
        for name, (env, cwd) in sites.items():
            figures[name].append(child_json([PYTHON, "-c", SETUP_CHILD], env, cwd))
    return figures


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_account(env: dict, rows: Path, runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) of each whole ``manage.py cems_account`` process."""
    figures = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), children_cpu()
        pp.run([PYTHON, "manage.py", "cems_account", str(rows)], env=env, cwd=ROOT)
        figures.append((time.perf_counter() - start, children_cpu() - cpu))
    return figures


def measure_dashboard(sites: dict, rounds: int, requests: int) -> dict:
    figures = {name: [] for name in sites}
    for _ in range(rounds):
        for name, (env, cwd) in sites.items():
            args = [PYTHON, "-c", DASHBOARD_CHILD, "admin", str(requests)]
            figures[name].append(child_json(args, env, cwd))
    return figures


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "NOT met"


def report_setup(figures: dict) -> None:
    median = {
        name: {key: statistics.median(f[key] for f in runs) for key in ("wall", "cpu")}
        for name, runs in figures.items()
    }
    for name, runs in figures.items():
        heavy = sorted({m for f in runs for m in f["heavy"]})
        walls = ", ".join(f"{f['wall']:.2f}" for f in runs)
        print(
            f"  {name:8} django.setup() median wall {median[name]['wall']:.3f} s, "
            f"cpu {median[name]['cpu']:.3f} s; modules {runs[-1]['modules']}; "
            f"heavy libraries loaded: {heavy or 'none'}; runs: {walls}"
        )
    for key in ("wall", "cpu"):
        ratio = median["cems"][key] / median["vanilla"][key]
        print(
            f"  ratio cems/vanilla ({key}): {ratio:.2f}x (target <= {TARGET}x: "
            f"{verdict(ratio, TARGET)})"
        )


def report_account(figures: list[tuple[float, float]], vanilla_setup: dict) -> None:
    wall = statistics.median(f[0] for f in figures)
    cpu = statistics.median(f[1] for f in figures)
    print(
        f"  cems_account on 5 rows: median wall {wall:.3f} s, CPU {cpu:.3f} s "
        f"(walls: {', '.join(f'{f[0]:.2f}' for f in figures)}); target <= {ACCOUNT_TARGET_S} s "
        f"wall: {verdict(wall, ACCOUNT_TARGET_S)} (CPU: {verdict(cpu, ACCOUNT_TARGET_S)})"
    )
    print(
        f"  beside vanilla's bare django.setup() in the same window (wall "
        f"{vanilla_setup['wall']:.3f} s, CPU {vanilla_setup['cpu']:.3f} s): "
        f"{wall / vanilla_setup['wall']:.2f}x wall, {cpu / vanilla_setup['cpu']:.2f}x CPU"
    )


def report_dashboard(figures: dict) -> None:
    median = {name: statistics.median(f["median"] for f in runs) for name, runs in figures.items()}
    for name, runs in figures.items():
        queries = sorted({f["queries"] for f in runs})
        rounds = ", ".join(f"{f['median'] * 1000:.1f}" for f in runs)
        print(
            f"  {name:8} /admin/ median {median[name] * 1000:.1f} ms, queries {queries}; "
            f"rounds: {rounds} ms"
        )
    ratio = median["cems"] / median["vanilla"]
    print(f"  ratio cems/vanilla: {ratio:.2f}x (target <= {TARGET}x: {verdict(ratio, TARGET)})")


def prepare(work: Path, cems_db: Path) -> dict:
    """The two sites, as (environment, working folder), under production settings."""
    static_root, home = pp.prepare_cems(cems_db, work)
    vanilla = pp.prepare_vanilla(work, home)
    vanilla_env = pp.vanilla_env(vanilla)
    pp.run([PYTHON, "manage.py", "shell", "-c", VANILLA_SUPERUSER], env=vanilla_env, cwd=vanilla)
    cems_env = {
        **pp.cems_env(cems_db, static_root, cache_seconds=0),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    }
    return {"vanilla": (vanilla_env, vanilla), "cems": (cems_env, ROOT)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="django.setup() / command runs")
    parser.add_argument("--rounds", type=int, default=3, help="dashboard rounds (processes)")
    parser.add_argument("--requests", type=int, default=20, help="dashboard requests per round")
    parser.add_argument(
        "--cems-db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cems-bench-public.sqlite3",
        help="demo database (built when missing)",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; load average before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cems-bench-startup-") as folder:
        work = Path(folder)
        sites = prepare(work, args.cems_db.resolve())
        rows = five_rows(work, sites["cems"][0])
        print(f"\ndjango.setup(), {args.runs} runs each, interleaved (load {load()})", flush=True)
        setup = measure_setup(sites, args.runs)
        report_setup(setup)
        print(f"\nmanage.py cems_account, {args.runs} runs (load {load()})", flush=True)
        account = measure_account(sites["cems"][0], rows, args.runs)
        report_account(
            account,
            {k: statistics.median(f[k] for f in setup["vanilla"]) for k in ("wall", "cpu")},
        )
        print(
            f"\nadmin dashboard, {args.rounds} rounds x {args.requests} requests (load {load()})",
            flush=True,
        )
        report_dashboard(measure_dashboard(sites, args.rounds, args.requests))
    print(f"\nload average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
