"""Public pages and API of cems beside a vanilla Wagtail 8 site, under gunicorn (not run by
the tests): ``python bench/public_pages.py [--seconds 20] [--rounds 1] [--cems-db PATH]``.

Builds, in a temporary folder:

* **vanilla**: ``wagtail start`` with the same venv, its ``HomePage`` given a ``body`` rich-text
  field holding the cems home page's own text (same length), the API v2 pages endpoint at
  ``/api/v2/``, production settings (DEBUG off, manifest static files);
* **cems**: the demo database (``--cems-db``; migrated and loaded with ``cems_demo`` when the
  file does not exist yet), production settings, once with the public response cache off
  (``CEMS_PUBLIC_CACHE_SECONDS=0``: every request renders) and once with it on.

Each is served by gunicorn, 2 sync workers, on 127.0.0.1; every URL is checked to answer 200,
warmed up, then measured by ``wrk`` (10 connections, 2 threads, ``--seconds`` each), one URL
after the other and, with ``--rounds`` > 1, round after round in the same order (interleaved;
the median round is reported). Prints req/s, p50, p99 and errors of each, beside its
baseline, the ratio and the target (issue 10 §4):

* cems home and policy, uncached  ≥ 0.7 × vanilla home;
* cems home, cached               ≥ 5 × cems home uncached;
* cems API list (uncached)        ≥ 0.7 × vanilla API list;
* no errors anywhere.

Needs ``wrk`` (Debian package) and gunicorn (``pip install -e .[bench]``). Prints the machine
(cores) and the load average before and after: run it on a quiet machine when you can.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2
CONNECTIONS = 10
SECRET = "bench-only-" + "x" * 60

VANILLA_HOME_MODEL = """from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    api_fields = [APIField("body")]
"""
VANILLA_HOME_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-homepage{% endblock %}
{% block content %}<h1>{{ page.title }}</h1>{{ page.body|richtext }}{% endblock content %}
"""
VANILLA_API = """from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
"""
VANILLA_LOCAL_SETTINGS = f"""SECRET_KEY = {SECRET!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
"""


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def run(args, **kwargs):
    result = subprocess.run(args, check=False, text=True, capture_output=True, **kwargs)
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{result.stderr[-3000:]}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cems_env(db: Path, static_root: Path, *, cache_seconds: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cems_site.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{db}",
        "STATIC_ROOT": str(static_root),
        "CEMS_PUBLIC_CACHE_SECONDS": str(cache_seconds),
        "CEMS_Q_SYNC": "1",
        "LOG_LEVEL": "ERROR",
    }


def prepare_cems(db: Path, work: Path) -> tuple[Path, dict]:
    """The demo database (built when missing), static files collected; the home page's text."""
    static_root = work / "cems-static"
    env = cems_env(db, static_root, cache_seconds=0)
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "cems_site.settings.dev"}
    exists = db.exists()
    if not exists:
        print(f"building the demo database {db} (migrate, cems_demo) …", flush=True)
    run([*manage, "migrate", "--noinput", "-v0"], env=dev_env, cwd=ROOT)
    if not exists:
        run([*manage, "cems_demo"], env=dev_env, cwd=ROOT)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT)
    script = (
        "import json; from cems_pages.models import HomePage; "
        "from wagtail.models import Locale; "
        "from cems_pages.models import PolicyPage; "
        "home = HomePage.objects.live().filter(locale__language_code='zh-hans').first(); "
        "policy = PolicyPage.objects.live().filter(locale__language_code='zh-hans', "
        "is_public=True).first(); "
        "print(json.dumps({'title': home.title, 'text': home.search_text, 'policy': policy.url}))"
    )
    out = run([*manage, "shell", "-c", script], env=env, cwd=ROOT).stdout
    return static_root, json.loads(out.strip().splitlines()[-1])


def prepare_vanilla(work: Path, home: dict) -> Path:
    """A ``wagtail start`` project whose home page holds the cems home page's text."""
    site = work / "vanilla"
    site.mkdir()
    run([str(BIN / "wagtail"), "start", "vanilla", str(site)])
    (site / "home" / "models.py").write_text(VANILLA_HOME_MODEL)
    (site / "home" / "templates" / "home" / "home_page.html").write_text(VANILLA_HOME_TEMPLATE)
    (site / "vanilla" / "api.py").write_text(VANILLA_API)
    production = site / "vanilla" / "settings" / "production.py"
    production.write_text(production.read_text() + "\n" + VANILLA_LOCAL_SETTINGS)
    urls = site / "vanilla" / "urls.py"
    text = urls.read_text()
    text = text.replace(
        '    path("search/", search_views.search, name="search"),\n',
        '    path("search/", search_views.search, name="search"),\n'
        '    path("api/v2/", api_router.urls),\n',
    )
    urls.write_text("from .api import api_router\n" + text)
    env = vanilla_env(site)
    manage = [str(BIN / "python"), "manage.py"]
    run([*manage, "makemigrations", "home", "-v0"], env=env, cwd=site)
    run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=site)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=site)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in home["text"].splitlines()[1:])
    script = (
        "import json, sys; from home.models import HomePage; "
        "data = json.loads(sys.stdin.read()); page = HomePage.objects.first(); "
        "page.title = data['title']; page.body = data['body']; page.save_revision().publish(); "
        "print(len(page.body))"
    )
    run(
        [*manage, "shell", "-c", script],
        env=env,
        cwd=site,
        input=json.dumps({"title": home["title"], "body": body}),
    )
    return site


def vanilla_env(site: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vanilla.settings.production",
        "PYTHONPATH": str(site),
    }


def gunicorn(*, chdir: Path, app: str, env: dict, pythonpath: str = "") -> tuple:
    port = free_port()
    args = [
        str(BIN / "gunicorn"),
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(chdir),
        "--log-level",
        "warning",
        "--timeout",
        "120",
        "--no-control-socket",  # gunicorn ≥ 25 would share one socket between servers
    ]
    if pythonpath:
        args += ["--pythonpath", pythonpath]
    process = subprocess.Popen([*args, app], env=env, cwd=chdir)
    return process, f"http://127.0.0.1:{port}"


def wait_ok(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
                last = response.status
        except OSError as error:
            last = error
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer 200 ({last})")


def warm(url: str, times: int = 20) -> None:
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.status != 200:
                raise SystemExit(f"{url}: HTTP {response.status}")
            response.read()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(url: str, seconds: int) -> Result:
    out = run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(rps, p50, p99, errors, requests)


#: (name, server key, path, baseline name, target ratio): measured in this order, interleaved.
TARGETS = [
    ("vanilla home", "vanilla", "/", None, None),
    ("cems home, uncached", "cems", "/zh-hans/", "vanilla home", 0.7),
    ("cems policy, uncached", "cems", "{policy}", "vanilla home", 0.7),
    ("cems home, cached", "cached", "/zh-hans/", "cems home, uncached", 5.0),
    ("vanilla API list", "vanilla", "/api/v2/pages/", None, None),
    ("cems API list, uncached", "cems", "/api/v2/pages/", "vanilla API list", 0.7),
    ("cems API list, cached", "cached", "/api/v2/pages/", "cems API list, uncached", 5.0),
]


def measure(servers: dict, paths: dict, *, seconds: int, rounds: int) -> dict[str, Result]:
    runs: dict[str, list[Result]] = {name: [] for name, *_ in TARGETS}
    for _name, server, path, *_ in TARGETS:
        wait_ok(servers[server] + path.format(**paths))
        warm(servers[server] + path.format(**paths))
    for round_number in range(rounds):
        for name, server, path, *_ in TARGETS:
            result = wrk(servers[server] + path.format(**paths), seconds)
            runs[name].append(result)
            print(
                f"  round {round_number + 1}: {name:26} {result.rps:8.1f} req/s",
                flush=True,
            )
    return {
        name: sorted(results, key=lambda r: r.rps)[len(results) // 2]
        for name, results in runs.items()
    }


def report(results: dict[str, Result]) -> bool:
    ok = True
    print()
    print(f"{'':28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}   baseline → ratio (target)")
    for name, _server, _path, baseline, target in TARGETS:
        result = results[name]
        line = (
            f"{name:28}{result.rps:9.1f}{result.p50_ms:9.1f}{result.p99_ms:9.1f}{result.errors:8d}"
        )
        if baseline:
            base = results[baseline].rps
            ratio = result.rps / base if base else 0.0
            met = ratio >= target
            ok &= met
            line += (
                f"   {baseline} {base:.1f} → {ratio:.2f}× (≥ {target}×) "
                f"{'met' if met else 'NOT MET'}"
            )
        ok &= result.errors == 0
        print(line)
    print("errors: " + ("none" if all(r.errors == 0 for r in results.values()) else "SOME"))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=20, help="wrk duration per URL and round")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds (median)")
    parser.add_argument(
        "--cems-db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cems-bench-public.sqlite3",
        help="demo database (built when missing)",
    )
    args = parser.parse_args()
    # a terminated benchmark still stops its servers (the finally below)
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()}", flush=True)
    processes = []
    with tempfile.TemporaryDirectory(prefix="cems-bench-public-") as folder:
        work = Path(folder)
        try:
            static_root, home = prepare_cems(args.cems_db.resolve(), work)
            vanilla = prepare_vanilla(work, home)
            print(f"home page text: {len(home['text'])} characters on both sites", flush=True)
            servers = {}
            for key, cache_seconds in (("cems", 0), ("cached", 600)):
                env = cems_env(args.cems_db.resolve(), static_root, cache_seconds=cache_seconds)
                process, servers[key] = gunicorn(
                    chdir=ROOT, app="cems_site.wsgi:application", env=env, pythonpath="site"
                )
                processes.append(process)
            process, servers["vanilla"] = gunicorn(
                chdir=vanilla, app="vanilla.wsgi:application", env=vanilla_env(vanilla)
            )
            processes.append(process)
            print(f"cems policy page: {home['policy']}", flush=True)
            results = measure(
                servers, {"policy": home["policy"]}, seconds=args.seconds, rounds=args.rounds
            )
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    ok = report(results)
    print(f"load average after: {os.getloadavg()}")
    print(f"median of {args.rounds} round(s), {args.seconds} s each, {CONNECTIONS} connections")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
