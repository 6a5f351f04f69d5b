"""A migrated SQLite test database kept under ``var/`` and copied for each test process.

Migrating an empty database takes 30–50 s on the 2-core machine (230 migrations, most of the
time in Django rendering model states). The first test run migrates once into a template file,
``var/test-db/<digest>.sqlite3``; every later run, and every xdist worker, copies that file
and finds nothing to migrate. The digest covers everything a migration reads: the migration
files of every installed app (Wagtail's included), the first-party modules the migrations
import, and the factor library under ``calculators/data/`` that a data migration loads. A
changed migration, a new one, or a corrected factor CSV gives a new digest and so a fresh
template; ``pytest --create-db`` rebuilds it on demand. CI starts from a clean clone, so it
builds the template once per run.

Each process works on its own copy (the tree may be shared by several test runs at once);
the copy is deleted when the process ends. PostgreSQL is left to pytest-django as before.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("calculators", "cems_pages", "cems_registers", "cems_site")
#: Data files loaded by migrations (the factor library and GWP sets, ``0004``, ``0016``).
MIGRATION_DATA = (ROOT / "calculators" / "data",)


def uses_sqlite_template() -> bool:
    """Whether the default database is SQLite with a file test database (the test settings)."""
    db = settings.DATABASES["default"]
    return db["ENGINE"] == "django.db.backends.sqlite3" and bool(db.get("TEST", {}).get("NAME"))


def _migration_files() -> list[Path]:
    files = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.py")))
    return files


def _first_party_imports(path: Path) -> set[Path]:
    """Source files of the first-party modules ``path`` imports (at any level)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in FIRST_PARTY:
                continue
            base = ROOT / "site" if name.startswith("cems_site") else ROOT
            module = base.joinpath(*name.split("."))
            for candidate in (module.with_suffix(".py"), module / "__init__.py"):
                if candidate.is_file():
                    found.add(candidate)
    return found


def migrations_digest() -> str:
    """A hash of everything that decides the migrated database's content."""
    migration_files = _migration_files()
    inputs = set(migration_files)
    for path in migration_files:
        if ROOT in path.parents:
            inputs |= _first_party_imports(path)
    for folder in MIGRATION_DATA:
        inputs |= {p for p in folder.rglob("*") if p.is_file()}
    digest = hashlib.sha256()
    for path in sorted(inputs):
        digest.update(str(path.relative_to(ROOT) if ROOT in path.parents else path.name).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _build(template: Path) -> None:
    """Migrate a new database into ``template`` (written aside, then renamed into place)."""
    partial = template.with_name(f"{template.stem}.{os.getpid()}.partial")
    connection = connections["default"]
    connection.settings_dict["TEST"]["NAME"] = str(partial)
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)
    partial.replace(template)


def prepare(*, rebuild: bool = False) -> Path:
    """Copy the migrated template (built first if missing) to this process's test database.

    Sets the default database's ``TEST NAME`` to the copy and returns its path; the caller
    then lets pytest-django set up the databases with ``keepdb`` (which only finds nothing to
    migrate) and deletes the copy at the end.
    """
    folder = ROOT / "var" / "test-db"
    folder.mkdir(parents=True, exist_ok=True)
    digest = migrations_digest()
    template = folder / f"{digest}.sqlite3"
    with _locked(folder / "lock"):
        if rebuild or not template.exists():
            _build(template)
        for stale in folder.glob("*.sqlite3"):
            if stale != template:
                stale.unlink(missing_ok=True)
        for copy in folder.glob("run-*.db"):
            if not _alive(int(copy.stem.removeprefix("run-"))):
                copy.unlink(missing_ok=True)  # left by a run that was killed
        copy = folder / f"run-{os.getpid()}.db"
        shutil.copyfile(template, copy)
    settings.DATABASES["default"]["TEST"]["NAME"] = str(copy)
    connections["default"].settings_dict["TEST"]["NAME"] = str(copy)
    return copy
