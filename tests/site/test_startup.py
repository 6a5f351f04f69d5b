"""Start-up stays light (issue 13 §3): ``django.setup()`` imports none of the heavy libraries,
the unit registry is built once on first use, and every view referenced lazily exists.

Behaviour, not timing: each check runs in a fresh interpreter and reads ``sys.modules``
(``bench/startup.py`` measures the time).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.urls import get_resolver

import pytest

from cems_registers.lazy_views import LazyObject, _resolve

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "pint", "openpyxl", "xhtml2pdf", "reportlab", "pypdf", "scipy")
SECRET = "startup-test-" + "k" * 60


def child(code: str, settings: str) -> dict:
    """Run ``code`` in a fresh interpreter under ``settings``; its last line of output as JSON."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


SETUP = f"""
import json, sys
import django
django.setup()
from wagtail import hooks
hooks.get_hooks("register_admin_urls")  # every wagtail_hooks module imported
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


@pytest.mark.parametrize(
    "settings",
    ["cems_site.settings.dev", "cems_site.settings.test", "cems_site.settings.production"],
)
def test_django_setup_imports_no_heavy_library(settings):
    assert child(SETUP, settings) == []


UNITS = """
import json, sys
from calculators.core import units
before = "pint" in sys.modules
first = units.convert(1.0, "万kWh", "MWh")
registry = units.registry()
print(json.dumps({
    "before": before,
    "after": "pint" in sys.modules,
    "value": first,
    "same": units.ureg is registry is units.registry(),
}))
"""


def test_unit_registry_is_built_once_at_first_use():
    result = child(UNITS, "cems_site.settings.test")
    assert result["before"] is False
    assert result["after"] is True
    assert result["value"] == pytest.approx(10.0)
    assert result["same"] is True


def _patterns(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern)
        else:
            yield pattern


def test_every_lazy_view_resolves():
    """A typo in a dotted path would only show at the view's first request: import them all."""
    lazy = [p for p in _patterns(get_resolver()) if hasattr(p.callback, "lazy_target")]
    assert len(lazy) >= 10
    for pattern in lazy:
        target = pattern.callback.lazy_target
        view = _resolve(target, False)
        assert callable(view), target


def test_lazy_view_class_attributes_resolve():
    from calculators.viewsets import AccountingRunViewSet, DatasetViewSet

    for viewset in (DatasetViewSet, AccountingRunViewSet):
        for name, value in vars(viewset).items():
            if isinstance(value, LazyObject):
                assert isinstance(getattr(viewset, name), type), f"{viewset.__name__}.{name}"


LIGHT = """
import contextlib, io, json, sys
path = sys.argv[1]
from calculators.management.light import run_light_command
out = io.StringIO()
with contextlib.redirect_stdout(out):
    ran = run_light_command(["manage.py", "cems_account", path, "--format", "json"])
from django.apps import apps
print(json.dumps({
    "ran": ran,
    "apps": len(apps.get_app_configs()),
    "wagtail": "wagtail.models" in sys.modules,
    "payload": json.loads(out.getvalue()),
}))
"""


def test_cems_account_starts_without_the_apps_and_prints_the_same(tmp_path):
    """``manage.py cems_account`` runs its command with no app installed (no model, no
    Wagtail), and prints what the command prints under the full start-up."""
    from io import StringIO

    from django.core.management import call_command

    from calculators.core import examples as X

    path = tmp_path / "ex07.csv"
    path.write_bytes(X.example_csv(X.example("EX07")))
    env_code = LIGHT.replace("sys.argv[1]", repr(str(path)))
    result = child(env_code, "cems_site.settings.test")
    assert result["ran"] is True
    assert result["apps"] == 0
    assert result["wagtail"] is False
    full = StringIO()
    call_command("cems_account", str(path), "--format", "json", stdout=full)
    assert result["payload"] == json.loads(full.getvalue())
    assert result["payload"]["total_tco2e"] > 0


def test_other_commands_take_the_ordinary_path():
    from calculators.management.light import run_light_command

    assert run_light_command(["manage.py", "check"]) is False
    assert run_light_command(["manage.py", "cems_account", "x.csv", "--settings", "a.b"]) is False
