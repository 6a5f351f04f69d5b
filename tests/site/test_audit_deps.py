"""scripts/audit_deps.py tells "no known vulnerabilities" from "could not check" (issue 13 §6).

pip-audit printed "No known vulnerabilities found" after checking none of 77 packages, its
vulnerability service unreachable. The samples under ``data/pip_audit/`` are pip-audit JSON
outputs: ``unreachable.json`` recorded on this machine (PyPI's per-release JSON unreachable,
every package skipped, pip-audit exit code 0), the others shaped like it.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).parent / "data" / "pip_audit"
_spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "scripts" / "audit_deps.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


def sample(name: str) -> str:
    return (SAMPLES / f"{name}.json").read_text(encoding="utf-8")


def test_unreachable_database_is_not_a_clean_audit():
    result = audit.classify(sample("unreachable"), returncode=0)
    assert result.status == "unchecked"
    assert result.checked == []
    assert {name for name, _reason in result.unchecked} == {
        "django",
        "wagtail",
        "pillow",
        "requests",
    }  # this project ("cems") is not on PyPI by design and does not count
    assert result.exit_code() == audit.EXIT_UNCHECKED
    assert result.exit_code(unchecked_fails=False) == audit.EXIT_OK
    text = audit.report(result)
    assert "COULD NOT CHECK 4 package(s)" in text
    assert "AUDIT NOT DONE" in text and "not 'no vulnerabilities'" in text
    assert "django: Dependency not found on PyPI" in text


def test_every_package_checked_and_none_vulnerable_is_ok():
    result = audit.classify(sample("clean"))
    assert result.status == "ok" and result.checked == ["django", "wagtail"]
    assert result.exit_code() == audit.EXIT_OK
    assert "result: ok" in audit.report(result)


def test_a_vulnerable_package_wins_over_unchecked_ones():
    result = audit.classify(sample("vulnerable"), returncode=1)
    assert result.status == "vulnerable"
    assert result.vulnerable == [("django", "5.2.1", ["PYSEC-2025-47"])]
    assert result.unchecked == [
        ("requests", "Dependency not found on PyPI and could not be audited: requests (2.32.5)")
    ]
    assert result.exit_code(unchecked_fails=False) == audit.EXIT_VULNERABLE
    text = audit.report(result)
    assert "VULNERABLE django 5.2.1: PYSEC-2025-47" in text and "COULD NOT CHECK 1" in text


def test_some_packages_unchecked_is_not_ok():
    result = audit.classify(sample("partial"))
    assert result.status == "unchecked" and result.checked == ["django"]
    assert result.exit_code() == audit.EXIT_UNCHECKED


@pytest.mark.parametrize(
    "text",
    ["", "Traceback (most recent call last): ConnectionError", "[]", '{"fixes": []}'],
)
def test_no_usable_json_is_unchecked(text):
    result = audit.classify(text, returncode=1)
    assert result.status == "unchecked"
    assert result.error
    assert "AUDIT NOT DONE" in audit.report(result)


def test_an_empty_dependency_list_is_unchecked():
    result = audit.classify('{"dependencies": [], "fixes": []}')
    assert result.status == "unchecked" and "no package" in result.error


def test_local_packages_can_be_named():
    result = audit.classify(sample("partial"), local=("cems", "Pillow"))
    assert result.status == "ok"


@pytest.mark.parametrize(
    ("name", "code"), [("clean", 0), ("vulnerable", 1), ("unreachable", 2), ("partial", 2)]
)
def test_the_command_line_exit_codes(name, code):
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "audit_deps.py"),
            "--from-json",
            str(SAMPLES / f"{name}.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == code, run.stdout + run.stderr
    assert "dependency audit result:" in run.stdout


def test_warn_mode_still_says_so_loudly():
    assert (
        audit.main(["--unchecked", "warn", "--from-json", str(SAMPLES / "unreachable.json")]) == 0
    )


def test_pip_audit_failing_is_unchecked(monkeypatch):
    def failing_run(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, stdout="", stderr="ConnectionError: boom\n")

    monkeypatch.setattr(audit.subprocess, "run", failing_run)
    result = audit.run_pip_audit([])
    assert result.status == "unchecked" and "boom" in result.error
