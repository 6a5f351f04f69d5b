"""Backups that restore (T/CSES 146—2024 7.5.3 control of documented information).

One archive (``tar.gz``) holds everything an installation needs to come back as it was:

* ``database.sqlite3`` (SQLite, copied with the online backup API, so a running site is
  copied consistently) or ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom`` taken
  in one snapshot shared with the row counts);
* ``media/…`` (``MEDIA_ROOT``: images and documents) and ``private/…``
  (``CEMS_PRIVATE_ROOT``: activity files and issued reports, never served directly);
* ``manifest.json``: versions, the applied migrations (and the last per app), the row count
  of every table, and the size and SHA-256 of every other file in the archive.

:func:`backup_create` writes it; :func:`backup_restore` verifies every hash before it changes
anything, refuses a target that already holds data unless ``force``, restores the database and
the folders, and checks the row counts against the manifest. Django's own route
(``dumpdata``/``loaddata``) is not used: it fails on a leftover page log entry and runs the
workflow signal handlers while loading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from calculators.services.runs import code_version

#: Version of the archive layout (bumped when it changes incompatibly).
FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (translated)."""


def _folders() -> dict[str, Path]:
    """The file folders kept in a backup, by their name inside the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.CEMS_PRIVATE_ROOT),
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _folder_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _versions(connection) -> dict:
    def version(name):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    found = {
        "cems": code_version(),
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "django-q2": version("django-q2"),
        "database": connection.vendor,
    }
    if connection.vendor == "postgresql":
        found["postgresql_server"] = connection.pg_version
        found["pg_dump"] = _client_version("pg_dump")
    else:
        found["sqlite"] = sqlite3.sqlite_version
    return found


def _applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _table_names(connection) -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _client_version(program: str) -> int:
    """Major version of a PostgreSQL client program (``pg_dump``, ``pg_restore``)."""
    try:
        out = subprocess.run(  # noqa: S603 (a fixed program name)
            [program, "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BackupError(
            _("%(program)s is not available (%(error)s): install postgresql-client.")
            % {"program": program, "error": exc}
        ) from exc
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def _pg_env(connection) -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": args[0], "error": (done.stderr or done.stdout).strip()[-2000:]}
        )


def _dump_sqlite(connection, dest: Path) -> dict[str, int]:
    """Copy the SQLite database with the online backup API; row counts of the copy."""
    connection.ensure_connection()
    target = sqlite3.connect(dest)
    try:
        connection.connection.backup(target)
        tables = [
            row[0]
            for row in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return _count_rows(target.cursor(), sorted(tables), connection.ops.quote_name)
    finally:
        target.close()


def _dump_postgresql(connection, dest: Path) -> dict[str, int]:
    """``pg_dump --format=custom`` and the row counts, both in one exported snapshot."""
    server = connection.pg_version // 10000
    client = _client_version("pg_dump")
    if client < server:
        raise BackupError(
            _("pg_dump %(client)s is older than the PostgreSQL server %(server)s.")
            % {"client": client, "server": server}
        )
    tables = _table_names(connection)
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count_rows(cursor, tables, connection.ops.quote_name)
        args = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dest}"]
        _run([*args, "--no-owner", "--no-acl"], _pg_env(connection))
        raw.rollback()
    finally:
        raw.close()
    return counts


def backup_create(out: Path, *, using: str = "default") -> dict:
    """Write the backup archive ``out`` (``.tar.gz``); return its manifest."""
    connection = connections[using]
    out = Path(out)
    with tempfile.TemporaryDirectory(dir=out.parent) as work:
        work = Path(work)
        if connection.vendor == "sqlite":
            db_name, counts = SQLITE_FILE, _dump_sqlite(connection, work / SQLITE_FILE)
        elif connection.vendor == "postgresql":
            db_name, counts = PG_FILE, _dump_postgresql(connection, work / PG_FILE)
        else:
            raise BackupError(
                _("Unsupported database: %(vendor)s.") % {"vendor": connection.vendor}
            )
        members = {db_name: work / db_name}
        for prefix, root in _folders().items():
            for path in _folder_files(root):
                members[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
        applied = _applied_migrations(connection)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "versions": _versions(connection),
            "database_file": db_name,
            "migration_heads": {app: names[-1] for app, names in applied.items()},
            "migrations": applied,
            "tables": counts,
            "files": {
                name: {"sha256": file_sha256(path), "size": path.stat().st_size}
                for name, path in members.items()
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.replace(out)
    return manifest


def _extract_verified(archive: Path, work: Path) -> dict:
    """Extract ``archive`` into ``work`` and check every file against the manifest."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("%(archive)s is not a readable backup: %(error)s")
            % {"archive": archive, "error": exc}
        ) from exc
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(
            _("%(archive)s has no readable manifest: %(error)s")
            % {"archive": archive, "error": exc}
        ) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Backup format %(found)s is not %(expected)s.")
            % {"found": manifest.get("format"), "expected": FORMAT}
        )
    listed = set(manifest["files"])
    present = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()} - {MANIFEST}
    if unlisted := sorted(present - listed):
        raise BackupError(
            _("Files not in the manifest: %(files)s.") % {"files": ", ".join(unlisted)}
        )
    for name, entry in sorted(manifest["files"].items()):
        path = work / name
        if not path.is_file():
            raise BackupError(_("%(file)s is missing from the backup.") % {"file": name})
        if file_sha256(path) != entry["sha256"]:
            raise BackupError(
                _("%(file)s does not match its SHA-256 in the manifest: the backup is damaged.")
                % {"file": name}
            )
    return manifest


def _holding_tables() -> list[str]:
    """Tables whose rows mean the database holds data (migrations leave them empty)."""
    models = [get_user_model(), apps.get_model("wagtailcore", "Revision")]
    models += list(apps.get_app_config("cems_registers").get_models())
    return [m._meta.db_table for m in models]


def database_holds_data(connection) -> bool:
    """Whether any user account, page revision or register row is in the database.

    A database that only ``migrate`` ran on (groups, workflows, factor library, the root page)
    counts as empty.
    """
    existing = set(_table_names(connection))
    tables = [t for t in _holding_tables() if t in existing]
    with connection.cursor() as cursor:
        counts = _count_rows(cursor, tables, connection.ops.quote_name)
    return any(counts.values())


def _check_target(connection, manifest: dict, *, force: bool) -> None:
    vendor = manifest["versions"]["database"]
    if vendor != connection.vendor:
        raise BackupError(
            _("The backup is of a %(found)s database; this site uses %(target)s.")
            % {"found": vendor, "target": connection.vendor}
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown and not force:
        raise BackupError(
            _("The backup has migrations this code does not know (newer code?): %(names)s.")
            % {"names": ", ".join(unknown[:10])}
        )
    if force:
        return
    if database_holds_data(connection):
        raise BackupError(
            _("The database %(name)s already holds data; restore into an empty one or use --force.")
            % {"name": connection.settings_dict["NAME"]}
        )
    for root in _folders().values():
        if _folder_files(root):
            raise BackupError(
                _("%(folder)s is not empty; restore into an empty folder or use --force.")
                % {"folder": root}
            )


def _restore_sqlite(connection, source: Path) -> None:
    connection.close()
    src = sqlite3.connect(source)
    target = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        src.backup(target)
    finally:
        src.close()
        target.close()


def _restore_postgresql(connection, source: Path, manifest: dict) -> None:
    client = _client_version("pg_restore")
    dumped = manifest["versions"].get("pg_dump") or 0
    if client < dumped:
        raise BackupError(
            _("pg_restore %(client)s cannot read a dump of pg_dump %(dumped)s.")
            % {"client": client, "dumped": dumped}
        )
    if tables := _table_names(connection):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
    connection.close()
    args = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    _run([*args, f"--dbname={connection.settings_dict['NAME']}", str(source)], _pg_env(connection))


def _restore_folders(work: Path, manifest: dict) -> dict[str, int]:
    """Put the archived files in place; a non-empty folder (``force``) is moved aside first."""
    restored = {}
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    for prefix, root in _folders().items():
        if _folder_files(root):
            root.rename(root.with_name(f"{root.name}.before-restore-{stamp}"))
        root.mkdir(parents=True, exist_ok=True)
        names = [n for n in manifest["files"] if n.startswith(prefix + "/")]
        for name in names:
            target = root / name.removeprefix(prefix + "/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / name, target)
        restored[prefix] = len(names)
    return restored


def backup_restore(archive: Path, *, force: bool = False, using: str = "default") -> dict:
    """Restore the archive into the configured database and folders; return what was restored.

    Every file's hash is checked before anything changes; a target holding data is refused
    unless ``force`` (its folders are then moved aside to ``<folder>.before-restore-<time>``).
    After the restore the row count of every table must equal the manifest's.
    """
    connection = connections[using]
    archive = Path(archive)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = _extract_verified(archive, work)
        _check_target(connection, manifest, force=force)
        source = work / manifest["database_file"]
        if connection.vendor == "sqlite":
            _restore_sqlite(connection, source)
        else:
            _restore_postgresql(connection, source, manifest)
        files = _restore_folders(work, manifest)
    tables = _table_names(connection)
    with connection.cursor() as cursor:
        counts = _count_rows(cursor, tables, connection.ops.quote_name)
    if differ := sorted(t for t, n in manifest["tables"].items() if counts.get(t) != n):
        raise BackupError(
            _("Row counts differ from the manifest after the restore: %(tables)s.")
            % {"tables": ", ".join(differ)}
        )
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {
        "created": manifest["created"],
        "pending_migrations": len(pending),
        "versions": manifest["versions"],
        "tables": len(counts),
        "rows": sum(counts.values()),
        "files": files,
    }
