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
