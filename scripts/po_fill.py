"""Refresh every catalogue and fill it from the translation sheets in ``locale/pending/``.

Several people (or sessions) add strings at once; editing the ``.po`` files by hand while
another runs ``makemessages`` loses work. So translations are written to a sheet of one's own,
``locale/pending/<topic>.json``, a list of entries::

    [{"msgid": "Approve", "zh": "批准"},
     {"msgid": "%(n)s row", "plural": "%(n)s rows", "zh": "%(n)s 行"},
     {"msgid": "Status", "msgctxt": "run", "zh": "状态", "en": "Status"}]

and this script, under a lock, runs ``makemessages``, writes every sheet's entries into every
catalogue that has the msgid (``en`` defaults to the msgid itself), compiles, and prints the
Chinese entries still untranslated. The sheets win over what the catalogue held.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIRS = ["locale", "cems_pages/locale", "cems_registers/locale", "calculators/locale"]
LOCK = ROOT / "var" / "locale.lock"


def sheets() -> dict[tuple[str, str], dict]:
    entries: dict[tuple[str, str], dict] = {}
    for path in sorted((ROOT / "locale" / "pending").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            entries[(item.get("msgctxt") or "", item["msgid"])] = item
    return entries


def fill(po_path: Path, lang: str, entries: dict) -> list[str]:
    po = polib.pofile(str(po_path), wrapwidth=79)
    missing = []
    for e in po:
        if e.obsolete:
            continue
        item = entries.get((e.msgctxt or "", e.msgid))
        if "fuzzy" in e.flags:  # msgmerge's guess from a similar msgid: never keep it
            e.flags.remove("fuzzy")
            e.msgstr = ""
            e.msgstr_plural = dict.fromkeys(e.msgstr_plural, "")
            e.previous_msgid = e.previous_msgctxt = e.previous_msgid_plural = None
        if lang == "en":
            text = (item or {}).get("en")
            if e.msgid_plural:
                if text or not any(e.msgstr_plural.values()):
                    e.msgstr_plural = {
                        0: text or e.msgid,
                        1: (item or {}).get("en_plural") or e.msgid_plural,
                    }
            elif text or not e.msgstr:
                e.msgstr = text or e.msgid
        elif item and item.get("zh"):
            if e.msgid_plural:
                e.msgstr_plural = {0: item["zh"]}
            else:
                e.msgstr = item["zh"]
        translated = any(e.msgstr_plural.values()) if e.msgid_plural else bool(e.msgstr)
        if not translated:
            missing.append(f"{po_path.relative_to(ROOT)}: {e.msgctxt or ''}|{e.msgid}")
    po.save()
    # gettext's own wrapping, so the files differ only where entries changed
    subprocess.run(["msgcat", "--output-file", str(po_path), str(po_path)], check=True)
    return missing


def main() -> int:
    manage = [sys.executable, "manage.py"]
    ignore = [
        "--ignore=.venv",
        "--ignore=tests",
        "--ignore=bench",
        "--ignore=var",
        "--ignore=media",
        "--ignore=static_collected",
        "--ignore=node_modules",
    ]
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if "--no-makemessages" not in sys.argv:
            subprocess.run(
                [
                    *manage,
                    "makemessages",
                    "-l",
                    "zh_Hans",
                    "-l",
                    "en",
                    *ignore,
                    "--no-obsolete",
                    "--no-location",
                    "--verbosity",
                    "0",
                ],
                cwd=ROOT,
                check=True,
            )
        entries = sheets()
        missing = []
        for d in CATALOG_DIRS:
            for lang in ("zh_Hans", "en"):
                po = ROOT / d / lang / "LC_MESSAGES" / "django.po"
                if po.exists():
                    missing += fill(po, lang, entries)
        subprocess.run(
            [*manage, "compilemessages", *ignore, "--verbosity", "0"], cwd=ROOT, check=True
        )
    for line in missing:
        print("untranslated:", line)
    print(f"{len(missing)} untranslated entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
