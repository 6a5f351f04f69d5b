"""Load test (issue 13 §5): cems under gunicorn with production settings, a bounded mixed
workload on 127.0.0.1 (not run by the tests):
``python bench/load.py [--seconds 60] [--workers N] [--upload-every 5] [--demo-db PATH]``.

* The demo database (``--demo-db``; migrated and loaded with ``cems_demo`` when the file does
  not exist yet) is **copied** into a temporary folder with its media and private files: the
  uploads of the run create datasets in the copy only, thrown away at the end.
* gunicorn serves ``cems_site.wsgi`` with ``cems_site.settings.production`` (DEBUG off,
  manifest static files, HTTPS redirect off for plain HTTP on 127.0.0.1), ``--workers`` sync
  workers (2 × cores + 1 by default, gunicorn's advice); background tasks queue in the ORM
  broker (no cluster runs), as in production.
* Five classes of clients, each a fixed number of threads in a closed loop (a request, its
  answer, the next), so the load is bounded by the clients, not by a rate:

  ============== ======= ==========================================================
  class          clients what
  ============== ======= ==========================================================
  public pages   3       anonymous: home pages zh/en, policy, scope and other pages
  API            2       ``/api/v2/pages/`` list, details, ``find``
  admin lists    2       ``admin``: dashboard, registers, datasets, runs, explorer
  register search 1      ``keeper``: register lists with a Chinese search term
  uploads        1       ``submitter``: the upload form, then a 30-row activity CSV,
                         one every ``--upload-every`` seconds (each a new dataset)
  ============== ======= ==========================================================

Before the mix, each URL is requested alone (one client, sequentially) for the baseline:
the figure printed beside each class's p50 is its p50 alone, on the same server, in the
same run. An error is any answer other than the one expected (200; 302 to the new dataset
for an upload; 302 for the API's ``find``) or a failed connection. Prints per class requests, req/s, p50, p99, errors,
the baseline and the ratio; the load average before and after; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import itertools
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET = "bench-only-" + "y" * 60
PASSWORD = os.environ.get("CEMS_DEMO_PASSWORD", "cems-demo-2026")
UPLOAD_URL = "/admin/calculators/datasets/upload/"

#: What the manage.py shell prints for the workload: URLs that exist in this demo database
#: and the small activity file every upload varies.
INFO_SCRIPT = """
import json
from wagtail.models import Page
from calculators.demo_data import year_csv
pages = (Page.objects.live().public().filter(depth__gte=2).order_by("depth", "path")
         .specific())
public = []
for page in pages[:40]:
    if getattr(page, "is_public", True) is False:
        continue
    url = page.get_url()
    if url and url not in public:
        public.append(url)
ids = [p.pk for p in Page.objects.live().public().filter(depth__gte=2).order_by("path")[:8]]
rows = [line for line in year_csv(2025).decode("utf-8-sig").splitlines()]
small = [rows[0]] + [line for line in rows[1:] if ",2025-01," in line][:30]
print(json.dumps({"public": public[:10], "ids": ids, "csv": "\\n".join(small) + "\\n"}))
"""


def run(args, **kwargs):
    result = subprocess.run(args, check=False, text=True, capture_output=True, **kwargs)
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{result.stderr[-3000:]}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cems_site.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "CEMS_PRIVATE_ROOT": str(work / "private"),
        "CEMS_Q_SYNC": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }


def prepare(demo_db: Path, work: Path) -> dict:
    """The demo database (built when missing) copied with its files; static files; the
    workload's URLs and upload file."""
    demo_files = demo_db.parent / (demo_db.stem + "-files")
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    if not demo_db.exists():
        print(f"building the demo database {demo_db} (migrate, cems_demo) …", flush=True)
        dev_env = {
            **server_env(work),
            "DJANGO_SETTINGS_MODULE": "cems_site.settings.dev",
            "DATABASE_URL": f"sqlite:///{demo_db}",
            "MEDIA_ROOT": str(demo_files / "media"),
            "CEMS_PRIVATE_ROOT": str(demo_files / "private"),
            "CEMS_Q_SYNC": "1",
        }
        run([*manage, "migrate", "--noinput", "-v0"], env=dev_env, cwd=ROOT)
        run([*manage, "cems_demo"], env=dev_env, cwd=ROOT)
    # the online backup API copies a consistent database even while another process reads it
    run(
        [
            str(BIN / "python"),
            "-c",
            "import sqlite3, sys; s = sqlite3.connect(sys.argv[1]); d = sqlite3.connect(sys.argv[2]);"
            " s.backup(d); d.close(); s.close()",
            str(demo_db),
            str(work / "db.sqlite3"),
        ]
    )
    for name in ("media", "private"):
        if (demo_files / name).is_dir():
            shutil.copytree(demo_files / name, work / name)
        else:
            (work / name).mkdir()
    env = server_env(work)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT)
    out = run([*manage, "shell", "-c", INFO_SCRIPT], env=env, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def count_datasets(work: Path) -> int:
    script = "from calculators.models import Dataset; print(Dataset.objects.count())"
    out = run(
        [str(BIN / "python"), str(ROOT / "manage.py"), "shell", "-c", script],
        env=server_env(work),
        cwd=ROOT,
    ).stdout
    return int(out.strip().splitlines()[-1])


# --- HTTP clients -----------------------------------------------------------------------------


class Session:
    """Cookies of one logged-in (or anonymous) user, shared by the threads of a class."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, conn, method, path, body=None, headers=None):
        headers = dict(headers or {})
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Accept-Language", "zh-hans")
        headers.setdefault("Accept", "text/html,application/json")
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        set_cookies = response.headers.get_all("Set-Cookie") or []
        if set_cookies:
            with self.lock:
                for header in set_cookies:
                    jar = SimpleCookie()
                    jar.load(header)
                    for key, morsel in jar.items():
                        self.cookies[key] = morsel.value
        return response, data

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def login(self, username: str) -> None:
        conn = self.connection()
        response, data = self.request(conn, "GET", "/admin/login/")
        token = csrf_token(data)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": PASSWORD,
                "next": "/admin/",
            }
        )
        response, _data = self.request(
            conn,
            "POST",
            "/admin/login/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        conn.close()
        if response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login of {username} failed: HTTP {response.status}")


def csrf_token(html: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise SystemExit("no CSRF token in the page")
    return match.group(1).decode()


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"cemsload{time.monotonic_ns()}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def varied_csv(text: str, number: int) -> bytes:
    """The small activity file with every quantity scaled by upload number (a new file each
    time: the same file twice is recognised as one submission)."""
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("quantity")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        if row[column]:  # mass-balance rows carry their quantities in other columns
            row[column] = f"{float(row[column]) * (1 + number * 1e-5):.6f}"
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# --- the workload ---------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(error)


@dataclass
class Klass:
    name: str
    clients: int
    session: Session
    paths: list[str]
    upload: bool = False
    stats: Stats = field(default_factory=Stats)
    baseline: Stats = field(default_factory=Stats)


def get(klass: Klass, conn, path: str, stats: Stats) -> None:
    started = time.perf_counter()
    # the API's find answers with a redirect to the page's detail, as Wagtail's does
    expected = 302 if "/find/" in path else 200
    try:
        response, _data = klass.session.request(conn, "GET", path)
        error = None if response.status == expected else f"{path}: HTTP {response.status}"
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        error = f"{path}: {exc!r}"
    stats.add(time.perf_counter() - started, error)


def upload(klass: Klass, conn, number: int, csv_text: str, stats: Stats) -> None:
    """The upload form (for its CSRF token), then the file: a new dataset, 302 to its page."""
    started = time.perf_counter()
    try:
        response, data = klass.session.request(conn, "GET", UPLOAD_URL)
        if response.status != 200:
            raise OSError(f"upload form: HTTP {response.status}")
        body, content_type = multipart(
            {
                "csrfmiddlewaretoken": csrf_token(data),
                "kept": "",
                "period_start": "2025-01",
                "period_end": "2025-01",
            },
            {"file": (f"load-{number}.csv", varied_csv(csv_text, number), "text/csv")},
        )
        response, data = klass.session.request(
            conn,
            "POST",
            UPLOAD_URL,
            body=body,
            headers={"Content-Type": content_type, "Referer": f"http://127.0.0.1{UPLOAD_URL}"},
        )
        location = response.headers.get("Location", "")
        ok = response.status == 302 and re.search(r"/datasets/\d+/$", location)
        error = None if ok else f"upload: HTTP {response.status} {location} {data[:200]!r}"
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        error = f"upload: {exc!r}"
    stats.add(time.perf_counter() - started, error)


def client_loop(klass: Klass, index: int, deadline: float, options) -> None:
    conn = klass.session.connection()
    if klass.upload:
        number = index * 100000
        while time.monotonic() < deadline:
            started = time.monotonic()
            number += 1
            upload(klass, conn, number, options.csv, klass.stats)
            pause = options.upload_every - (time.monotonic() - started)
            if pause > 0 and time.monotonic() + pause < deadline:
                time.sleep(pause)
            elif pause > 0:
                break
        return
    paths = itertools.cycle(klass.paths[index % len(klass.paths) :] + klass.paths)
    while time.monotonic() < deadline:
        get(klass, conn, next(paths), klass.stats)
    conn.close()


def baseline(klasses: list[Klass], options, rounds: int = 3) -> None:
    """Each URL alone, one client, sequentially: the floor beside each class's p50."""
    for klass in klasses:
        conn = klass.session.connection()
        if klass.upload:
            for number in range(rounds):
                upload(klass, conn, 900000 + number, options.csv, klass.baseline)
        else:
            for _round in range(rounds):
                for path in klass.paths:
                    get(klass, conn, path, klass.baseline)
        conn.close()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(klasses: list[Klass], seconds: float) -> int:
    print()
    print(
        f"{'class':17}{'clients':>8}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'errors':>7}   p50 alone (baseline) → ratio"
    )
    total_errors = 0
    for klass in klasses:
        stats = klass.stats
        count = len(stats.latencies)
        p50 = percentile(stats.latencies, 0.5) * 1000
        p99 = percentile(stats.latencies, 0.99) * 1000
        alone = statistics.median(klass.baseline.latencies) * 1000
        total_errors += stats.errors + klass.baseline.errors
        print(
            f"{klass.name:17}{klass.clients:8d}{count:9d}{count / seconds:8.1f}{p50:8.0f}"
            f"{p99:8.0f}{stats.errors:7d}   {alone:.0f} ms → {p50 / alone:.1f}×"
        )
        for sample in stats.error_samples + klass.baseline.error_samples:
            print(f"    error: {sample}")
    every = [lat for klass in klasses for lat in klass.stats.latencies]
    print(
        f"{'all':17}{sum(k.clients for k in klasses):8d}{len(every):9d}"
        f"{len(every) / seconds:8.1f}{percentile(every, 0.5) * 1000:8.0f}"
        f"{percentile(every, 0.99) * 1000:8.0f}{total_errors:7d}"
    )
    return total_errors


def gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    args = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--pythonpath",
        "site",
        "--log-level",
        "warning",
        "--timeout",
        "120",
        "--no-control-socket",
        "cems_site.wsgi:application",
    ]
    return subprocess.Popen(args, env=env, cwd=ROOT), port


def wait_ok(port: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/zh-hans/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer 200")


def workload(port: int, info: dict) -> list[Klass]:
    anonymous = Session(port)
    admin, keeper, submitter = Session(port), Session(port), Session(port)
    admin.login("admin")
    keeper.login("keeper")
    submitter.login("submitter")
    ids = info["ids"]
    registers = "/admin/snippets/cems_registers/"
    return [
        Klass("public pages", 3, anonymous, info["public"]),
        Klass(
            "API",
            2,
            anonymous,
            [
                "/api/v2/pages/",
                "/api/v2/pages/?locale=en",
                *[f"/api/v2/pages/{pk}/" for pk in ids[:4]],
                "/api/v2/pages/find/?html_path=/",
            ],
        ),
        Klass(
            "admin lists",
            2,
            admin,
            [
                "/admin/",
                f"{registers}emissionsource/",
                f"{registers}risk/",
                f"{registers}measuringinstrument/",
                f"{registers}complianceobligation/",
                "/admin/calculators/datasets/",
                "/admin/calculators/runs/",
                f"/admin/pages/{ids[0]}/",
            ],
        ),
        Klass(
            "register search",
            1,
            keeper,
            [
                f"{registers}emissionsource/?q=%E9%94%85%E7%82%89",  # 锅炉
                f"{registers}risk/?q=%E7%A2%B3",  # 碳
                f"{registers}complianceobligation/?q=%E6%8E%92%E6%94%BE",  # 排放
                f"{registers}measuringinstrument/?q=%E8%A1%A8",  # 表
            ],
        ),
        Klass("uploads", 1, submitter, [UPLOAD_URL], upload=True),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn sync workers (default: gunicorn's advice, 2 × cores + 1)",
    )
    parser.add_argument("--upload-every", type=float, default=5.0, help="seconds between uploads")
    parser.add_argument(
        "--demo-db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cems-bench-load.sqlite3",
        help="demo database (built when missing; never written: a copy is served)",
    )
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cems-bench-load-") as folder:
        work = Path(folder)
        info = prepare(options.demo_db.resolve(), work)
        options.csv = info["csv"]
        before = count_datasets(work)
        server, port = gunicorn(server_env(work), options.workers)
        try:
            wait_ok(port)
            klasses = workload(port, info)
            for klass in klasses:
                for path in klass.paths:
                    if not klass.upload:
                        get(klass, klass.session.connection(), path, Stats())
            baseline(klasses, options)
            print(f"load average at the mix's start: {os.getloadavg()}", flush=True)
            deadline = time.monotonic() + options.seconds
            started = time.monotonic()
            threads = [
                threading.Thread(target=client_loop, args=(klass, index, deadline, options))
                for klass in klasses
                for index in range(klass.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        errors = report(klasses, elapsed)
        uploads = next(k for k in klasses if k.upload)
        created = count_datasets(work) - before
        expected = len(uploads.stats.latencies) + len(uploads.baseline.latencies)
        expected -= uploads.stats.errors + uploads.baseline.errors
        print(f"datasets created by the uploads: {created} (successful uploads: {expected})")
        if created != expected:
            errors += 1
    print(f"load average after: {os.getloadavg()}")
    print(
        f"{options.seconds:.0f} s, gunicorn {options.workers} sync workers, production settings, "
        f"SQLite copy of the demo; total errors: {errors}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
