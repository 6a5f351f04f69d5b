"""Fail if a translation catalogue is incomplete or out of date.

* complete: no untranslated and no fuzzy entry in any ``zh_Hans`` or ``en`` catalogue;
* Chinese: no ``zh_Hans`` msgstr is its English msgid copied over, unless every Latin word
  left in it, outside placeholders and tags, is a code or unit on ``LATIN_ALLOWED``;
* current: ``makemessages`` finds no msgid that the committed catalogues lack.

Runs makemessages on a copy of the tree so the working files are left untouched.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIRS = ["locale", "cems_pages/locale", "cems_registers/locale", "calculators/locale"]
LANGS = ["zh_Hans", "en"]
IGNORE = [".venv", "tests", "bench", "var", "media", "static_collected", "node_modules", ".git"]

#: Latin words that stay as they are in Chinese text: codes, units, formats, standards.
LATIN_ALLOWED = frozenset(
    {"CO2", "CO2e", "tCO2", "tCO2e", "kgCO2e", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"}
    | {"GWP", "SAR", "AR4", "AR5", "AR6", "IPCC", "GB", "T", "CSES", "ISO", "cems"}
    | {"PDF", "XLSX", "CSV", "API", "URL", "ID", "SHA", "UTC", "JSON"}
    | {"t", "kg", "m", "m3", "Nm3", "kWh", "MWh", "GJ", "TJ", "tce", "kgce"}
)
PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr%]|\{[^{}]*\}|<[^>]*>|&\w+;"
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def copied_english(po: Path) -> list[str]:
    """Entries of a ``zh_Hans`` catalogue whose msgstr repeats its English msgid."""
    found = []
    for entry in polib.pofile(str(po)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for msgid, msgstr in pairs:
            if not msgstr or msgstr.strip() != msgid.strip():
                continue
            words = set(LATIN_WORD.findall(PLACEHOLDER.sub(" ", msgstr)))
            if words - LATIN_ALLOWED:
                context = f"{entry.msgctxt}|" if entry.msgctxt else ""
                found.append(f"{context}{entry.msgid}")
                break
    return found


def msgids(po: Path) -> set[str]:
    out = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids, current, in_id = set(), [], False
    for line in out.splitlines():
        if line.startswith(("msgid ", "msgctxt ")):
            if line.startswith("msgctxt "):
                current = [line]
                continue
            current = [*current[-1:]] if current and current[-1].startswith("msgctxt") else []
            current.append(line)
            in_id = True
        elif line.startswith(("msgid_plural ", "msgstr")):
            if in_id:
                ids.add("\n".join(current))
            in_id = False
            current = []
        elif in_id and line.startswith('"'):
            current.append(line)
    ids.discard('msgid ""')
    return ids


def main() -> int:
    problems = []
    for d in CATALOG_DIRS:
        for lang in LANGS:
            po = ROOT / d / lang / "LC_MESSAGES" / "django.po"
            if not po.exists():
                problems.append(f"{po.relative_to(ROOT)}: missing")
                continue
            for flag, label in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
                out = subprocess.run(
                    ["msgattrib", flag, "--no-obsolete", str(po)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                count = out.count("\nmsgid ") - (1 if 'msgid ""' in out else 0)
                if count > 0:
                    problems.append(f"{po.relative_to(ROOT)}: {count} {label} entries")
            if lang == "zh_Hans":
                copied = copied_english(po)
                if copied:
                    sample = "; ".join(copied[:5])
                    problems.append(
                        f"{po.relative_to(ROOT)}: {len(copied)} English msgstr copied into "
                        f"Chinese, e.g. {sample}"
                    )
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*IGNORE, "*.mo", "__pycache__"))
        env = {**os.environ, "PYTHONPATH": f"{copy}:{copy / 'site'}"}
        cmd = [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "--verbosity",
            "0",
        ]
        cmd += [f"--ignore={i}" for i in IGNORE]
        subprocess.run(cmd, cwd=copy, env=env, check=True)
        for d in CATALOG_DIRS:
            for lang in LANGS:
                rel = Path(d) / lang / "LC_MESSAGES" / "django.po"
                if not (ROOT / rel).exists() or not (copy / rel).exists():
                    continue
                new = msgids(copy / rel) - msgids(ROOT / rel)
                if new:
                    sample = "; ".join(sorted(new)[:5])
                    problems.append(f"{rel}: {len(new)} msgid(s) missing, e.g. {sample}")
    for p in problems:
        print(p)
    if problems:
        print("Run `make makemessages`, translate, and commit the catalogues.")
        return 1
    print("Translation catalogues are complete and current.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
