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

The full demo (``manage.py cems_demo``) is kept the same way (:func:`demo_database`): loaded
once into ``var/test-db/demo-<digest>.demo`` from the migrated template, the digest covering
the migrations' digest, every file of the apps and the site (the loaders, their data, the
catalogues) and the date; a module that needs the demo works on a copy of it instead of
loading it again inside a transaction.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import fcntl
import functools
import hashlib
import io
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections, transaction

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("calculators", "cems_pages", "cems_registers", "cems_site")
#: Data files loaded by migrations (the factor library and GWP sets, ``0004``, ``0016``).
MIGRATION_DATA = (ROOT / "calculators" / "data",)
#: Everything the demo loaders read: the apps, the site, the project catalogues.
DEMO_SOURCES = (
    ROOT / "calculators",
    ROOT / "cems_pages",
    ROOT / "cems_registers",
    ROOT / "site" / "cems_site",
    ROOT / "locale",
)
FOLDER = ROOT / "var" / "test-db"
#: The migrated template this process copied (set by :func:`prepare`).
_template: Path | None = None


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
    global _template
    folder = FOLDER
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
    _template = template
    settings.DATABASES["default"]["TEST"]["NAME"] = str(copy)
    connections["default"].settings_dict["TEST"]["NAME"] = str(copy)
    return copy


# --- the full demo ---------------------------------------------------------------------------


@functools.cache
def demo_digest() -> str:
    """A hash of what decides the demo database: the migrations, the apps' files, the date.

    Once per process: the code a process runs is the code it imported.
    """
    digest = hashlib.sha256(migrations_digest().encode())
    digest.update(datetime.date.today().isoformat().encode())  # demo dates follow "today"
    for folder in DEMO_SOURCES:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _storage_files(storage, folder: str = "") -> dict[str, bytes]:
    directories, files = storage.listdir(folder)
    found = {}
    for name in files:
        path = f"{folder}/{name}" if folder else name
        with storage.open(path, "rb") as handle:
            found[path] = handle.read()
    for name in directories:
        found |= _storage_files(storage, f"{folder}/{name}" if folder else name)
    return found


def _private_files() -> dict[str, tuple[int, int]]:
    """Files under ``CEMS_PRIVATE_ROOT`` with their size and modification time."""
    root = Path(settings.CEMS_PRIVATE_ROOT)
    if not root.is_dir():
        return {}
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def _build_demo(template: Path) -> None:
    """Load ``manage.py cems_demo`` into a copy of the migrated template, then keep its files.

    The demo is loaded inside one transaction, as the modules loaded it before, and committed
    with its on-commit callbacks dropped: those never ran inside the modules' transactions.
    The files it wrote (the default storage is in memory in the tests, private files go under
    ``CEMS_PRIVATE_ROOT``) are kept beside it, in ``.files``, for the other processes.
    """
    connection = connections["default"]
    partial = template.with_name(f"{template.stem}.{os.getpid()}.partial")
    shutil.copyfile(_template, partial)
    before = {"storage": _storage_files(default_storage), "private": _private_files()}
    connection.settings_dict["NAME"] = str(partial)
    with transaction.atomic():
        call_command("cems_demo", stdout=io.StringIO())
        connection.run_on_commit = []
    connection.close()
    after = {"storage": _storage_files(default_storage), "private": _private_files()}
    files = {  # what the demo wrote, not what earlier tests of this process left
        kind: {k: v for k, v in after[kind].items() if before[kind].get(k) != v} for kind in after
    }
    root = Path(settings.CEMS_PRIVATE_ROOT)
    files["private"] = {name: (root / name).read_bytes() for name in files["private"]}
    template.with_suffix(".files").write_bytes(pickle.dumps(files))
    partial.replace(template)


def _restore_files(template: Path) -> None:
    files = pickle.loads(
        template.with_suffix(".files").read_bytes()
    )  # our own file, written by _build_demo
    for name, data in files["storage"].items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        assert saved == name, (saved, name)
    root = Path(settings.CEMS_PRIVATE_ROOT)
    for name, data in files["private"].items():
        path = root / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@contextlib.contextmanager
def demo_database() -> Iterator[None]:
    """Work on a copy of the full demo's database (built once) until the block ends.

    For a module that needs ``manage.py cems_demo``: the same database as loading the demo in
    a transaction held for the module, without loading it again in every module and process.
    The caches are cleared on the way in and out (they belong to the other database).
    """
    connection = connections["default"]
    assert not connection.in_atomic_block, "the full demo needs a module without fixture layers"
    base = connection.settings_dict["NAME"]
    template = FOLDER / f"demo-{demo_digest()}.demo"
    connection.close()
    with _locked(FOLDER / "demo.lock"):
        if not template.exists():
            _build_demo(template)
        template.touch()  # in use: another run's demo is stale once unused for half an hour
        for stale in [*FOLDER.glob("demo-*.demo"), *FOLDER.glob("demo-*.files")]:
            unused = time.time() - stale.stat().st_mtime > 1800
            if stale.stem != template.stem and unused:
                stale.unlink(missing_ok=True)
        for copy in FOLDER.glob("demo-run-*.db"):
            if not _alive(int(copy.stem.removeprefix("demo-run-"))):
                copy.unlink(missing_ok=True)
        copy = FOLDER / f"demo-run-{os.getpid()}.db"
        shutil.copyfile(template, copy)
        _restore_files(template)
    connection.settings_dict["NAME"] = str(copy)
    for cache in caches.all():
        cache.clear()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = base
        copy.unlink(missing_ok=True)
        for cache in caches.all():
            cache.clear()
