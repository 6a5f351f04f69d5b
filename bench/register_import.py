"""Register import of many rows sharing one code (issue 13 §6): ``python bench/register_import.py``.

The probe behind the issue uploaded an XLSX whose rows all repeat one emission source code
(8,000 rows took 1.3 s, 32,000 took 19.7 s, 64,000 took 73 s: quadratic). For each size this
prints the import's time (every row but the first is reported as "the same record as row 2",
nothing is written) beside a floor measured in the same run on the same bytes: openpyxl
reading the same file in read-only mode, values only. Linear time shows as a ratio to the
floor that stays flat as the size grows.

The cap on rows per upload (``CEMS_IMPORT_MAX_ROWS``, default 20,000) is lifted for the run.
Options: ``--sizes 8000,32000,64000``; ``--root PATH`` imports the code from another checkout
(e.g. ``git archive HEAD~1 | tar -x -C /tmp/old``) to measure it the same way.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(root: Path, database: str):
    sys.path[:0] = [str(root), str(root / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.test")
    os.environ.setdefault("DATABASE_URL", database)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    settings.CEMS_IMPORT_MAX_ROWS = 10_000_000


def workbook(n: int) -> bytes:
    from openpyxl import Workbook

    from cems_registers.imports import get_spec

    spec = get_spec("emission_sources")
    names = ["code", "name", "facility", "kind", "scope", "category", "activity_unit"]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([spec.column(name).header for name in names])
    for _ in range(n):
        sheet.append(
            ["S1", "燃气锅炉", "BENCH", "combustion_equipment", "1", "fuel_combustion", "t"]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def floor(data: bytes) -> float:
    """Seconds openpyxl takes to read every value of the first sheet (read-only mode)."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for _row in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - started


def measure(data: bytes, expected_errors: int) -> float:
    from cems_registers.imports import RegisterImportError, get_spec, import_file

    started = time.perf_counter()
    try:
        import_file(spec=get_spec("emission_sources"), name="bench.xlsx", data=data, dry_run=True)
    except RegisterImportError as exc:
        assert len(exc.errors) == expected_errors, len(exc.errors)
    else:  # pragma: no cover - the file repeats one code
        raise AssertionError("the repeated rows were not reported")
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8000,32000,64000")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--database", default="sqlite:////tmp/cems_bench_register_import.sqlite3")
    args = parser.parse_args()
    setup(args.root.resolve(), args.database)
    from django.utils import translation

    from cems_registers.models import Facility

    Facility.objects.get_or_create(code="BENCH", defaults={"name": "基准测试工厂"})
    translation.activate("zh-hans")
    print(f"code from {args.root.resolve()}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'rows':>8} {'import s':>9} {'floor s':>8} {'ratio':>6} {'µs/row':>7}")
    for n in (int(size) for size in args.sizes.split(",")):
        data = workbook(n)
        base = floor(data)
        seconds = measure(data, n - 1)
        print(
            f"{n:>8,} {seconds:>9.2f} {base:>8.2f} {seconds / base:>6.1f} {seconds / n * 1e6:>7.0f}"
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
