"""Deployment settings: production refuses to start without SECRET_KEY; check --deploy clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-key-for-the-deploy-check-0123456789"


def run_manage(*args, env_overrides):
    env = {**os.environ, **env_overrides, "DJANGO_SETTINGS_MODULE": "cems_site.settings.production"}
    env.pop("SECRET_KEY", None) if "SECRET_KEY" not in env_overrides else None
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_overrides={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_production_refuses_a_short_secret_key():
    result = run_manage("check", env_overrides={"SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "cems.example.com"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_api_base_url_and_cors_come_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.WAGTAILAPI_BASE_URL, settings.CEMS_API_CORS_ALLOWED_ORIGINS)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cems_site.settings.dev",
        "WAGTAILAPI_BASE_URL": "https://cems.example.com",
        "API_CORS_ALLOWED_ORIGINS": "https://a.example.com/, https://b.example.com",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 1) == [
        "https://cems.example.com",
        "['https://a.example.com', 'https://b.example.com']\n",
    ]
    env.pop("WAGTAILAPI_BASE_URL")
    env.pop("API_CORS_ALLOWED_ORIGINS")
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout == "None []\n"


def test_dev_settings_follow_the_demo_port_and_write_mail_to_files():
    code = (
        "from django.conf import settings;"
        "print(settings.WAGTAILADMIN_BASE_URL, settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cems_site.settings.dev", "PORT": "8105"}
    for name in ("WAGTAILADMIN_BASE_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    base_url, backend, path = result.stdout.split()
    assert base_url == "http://127.0.0.1:8105"
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(ROOT / "var" / "mail")


def test_make_demo_serves_on_the_port_given():
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8105"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "runserver 127.0.0.1:8105" in result.stdout
    assert "8000" not in result.stdout
