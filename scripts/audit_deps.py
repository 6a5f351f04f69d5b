"""Dependency audit for CI (issue 13 §5, §6): run pip-audit and tell three cases apart.

pip-audit prints "No known vulnerabilities found" even when it could check none of the
packages (its vulnerability service unreachable: each package gets a ``skip_reason``). This
wrapper reads pip-audit's JSON and says which case it is:

* ``ok``         every package was checked and none has a known vulnerability (exit 0);
* ``vulnerable`` at least one checked package has a known vulnerability (exit 1);
* ``unchecked``  pip-audit failed, printed no usable JSON, or could not check some packages
  (exit 2 with ``--unchecked fail``, the default; 0 with ``--unchecked warn``, still printed
  loudly). "Could not check" is never reported as "no vulnerabilities".

Packages that are not on PyPI by design (this project itself) are named with ``--local`` and
do not count as unchecked.

Usage::

    python scripts/audit_deps.py [--unchecked fail|warn] [--local cems] [-- pip-audit args]
    python scripts/audit_deps.py --from-json recorded.json   # classify a recorded output
"""

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK, EXIT_VULNERABLE, EXIT_UNCHECKED = 0, 1, 2
DEFAULT_LOCAL = ("cems",)


@dataclass
class AuditResult:
    """What one pip-audit run found."""

    status: str  # "ok", "vulnerable" or "unchecked"
    checked: list[str] = field(default_factory=list)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    vulnerable: list[tuple[str, str, list[str]]] = field(default_factory=list)  # name, ver, ids
    error: str = ""

    def exit_code(self, *, unchecked_fails: bool = True) -> int:
        if self.status == "vulnerable":
            return EXIT_VULNERABLE
        if self.status == "unchecked":
            return EXIT_UNCHECKED if unchecked_fails else EXIT_OK
        return EXIT_OK


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def classify(text: str, *, returncode: int = 0, local=DEFAULT_LOCAL) -> AuditResult:
    """Classify pip-audit's JSON output ``text`` (and its exit code)."""
    try:
        data = json.loads(text) if text.strip() else None
    except ValueError as exc:
        return AuditResult("unchecked", error=f"pip-audit printed no valid JSON ({exc})")
    if not isinstance(data, dict) or not isinstance(data.get("dependencies"), list):
        return AuditResult(
            "unchecked", error=f"pip-audit gave no dependency list (exit code {returncode})"
        )
    local_names = {normalise(name) for name in local}
    result = AuditResult("ok")
    for dep in data["dependencies"]:
        name = str(dep.get("name", "?"))
        if "skip_reason" in dep:
            if normalise(name) not in local_names:
                result.unchecked.append((name, str(dep["skip_reason"])))
            continue
        result.checked.append(name)
        vulns = dep.get("vulns") or []
        if vulns:
            ids = [str(v.get("id", "?")) for v in vulns]
            result.vulnerable.append((name, str(dep.get("version", "?")), ids))
    if result.vulnerable:
        result.status = "vulnerable"
    elif result.unchecked or not result.checked:
        result.status = "unchecked"
        if not result.checked and not result.unchecked:
            result.error = "pip-audit listed no package at all"
    return result


def report(result: AuditResult) -> str:
    """The lines CI prints."""
    lines = [f"dependency audit: {len(result.checked)} package(s) checked"]
    for name, version, ids in result.vulnerable:
        lines.append(f"  VULNERABLE {name} {version}: {', '.join(ids)}")
    if result.unchecked:
        lines.append(f"  COULD NOT CHECK {len(result.unchecked)} package(s):")
        lines.extend(f"    {name}: {reason}" for name, reason in result.unchecked[:20])
        if len(result.unchecked) > 20:
            lines.append(f"    … and {len(result.unchecked) - 20} more")
    if result.error:
        lines.append(f"  COULD NOT CHECK: {result.error}")
    verdict = {
        "ok": "no known vulnerabilities in the checked packages, and every package was checked",
        "vulnerable": "known vulnerabilities found",
        "unchecked": "AUDIT NOT DONE: the vulnerability data could not be reached for all "
        "packages; this is not 'no vulnerabilities'",
    }[result.status]
    lines.append(f"dependency audit result: {result.status}: {verdict}")
    return "\n".join(lines)


def run_pip_audit(extra: list[str], *, local=DEFAULT_LOCAL) -> AuditResult:
    command = [sys.executable, "-m", "pip_audit", "-f", "json", "--progress-spinner", "off"]
    try:
        proc = subprocess.run(
            [*command, *extra], capture_output=True, text=True, timeout=900, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return AuditResult("unchecked", error=f"pip-audit did not run: {exc}")
    result = classify(proc.stdout, returncode=proc.returncode, local=local)
    failed = proc.returncode not in (0, 1) or (proc.returncode and result.status == "unchecked")
    if failed and result.status != "vulnerable":
        tail = proc.stderr.strip().splitlines()[-3:]
        result.status = "unchecked"
        result.error = f"pip-audit exit code {proc.returncode}: {' | '.join(tail)}"
    return result


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unchecked", choices=("fail", "warn"), default="fail")
    parser.add_argument("--local", action="append", default=list(DEFAULT_LOCAL))
    parser.add_argument("--from-json", type=Path, help="classify a recorded pip-audit JSON")
    parser.add_argument("pip_audit_args", nargs="*")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.from_json:
        result = classify(args.from_json.read_text(encoding="utf-8"), local=args.local)
    else:
        result = run_pip_audit(args.pip_audit_args, local=args.local)
    print(report(result))
    return result.exit_code(unchecked_fails=args.unchecked == "fail")


if __name__ == "__main__":
    sys.exit(main())
