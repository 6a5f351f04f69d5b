"""The backup's refusals one by one (7.5.3, 8.2; cems_site/backup.py): an archive that is not a
backup, a manifest missing, of another format, or not matching the files; a backup of another
database kind or of newer code; a PostgreSQL client missing or failing. Each is a
``BackupError`` that names the problem; the full drill is in test_backup.py."""

import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

from django.db import connection
from django.utils import translation

import pytest

from cems_site import backup


def _archive(tmp_path: Path, files: dict[str, bytes], manifest: dict | None) -> Path:
    out = tmp_path / "backup.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        members = dict(files)
        if manifest is not None:
            members[backup.MANIFEST] = json.dumps(manifest).encode()
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def _manifest(files: dict[str, bytes], **extra) -> dict:
    listed = {name: {"sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()}
    return {"format": backup.FORMAT, "files": listed, **extra}


def _refused(archive: Path, tmp_path: Path) -> str:
    with translation.override("en"), pytest.raises(backup.BackupError) as error:
        backup._extract_verified(archive, tmp_path / "work")
    return str(error.value)


FILES = {"db/cems.sqlite3": b"database", "media/a.txt": b"a"}


def test_a_sound_archive_gives_its_manifest(tmp_path):
    manifest = _manifest(FILES)
    assert backup._extract_verified(_archive(tmp_path, FILES, manifest), tmp_path / "w") == manifest
    assert (tmp_path / "w" / "media" / "a.txt").read_bytes() == b"a"


def test_a_file_that_is_no_archive(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(b"not a tar file")
    assert "is not a readable backup" in _refused(path, tmp_path)


def test_an_archive_without_a_manifest(tmp_path):
    assert "has no readable manifest" in _refused(_archive(tmp_path, FILES, None), tmp_path)


def test_an_archive_of_another_format(tmp_path):
    manifest = {**_manifest(FILES), "format": backup.FORMAT + 1}
    message = _refused(_archive(tmp_path, FILES, manifest), tmp_path)
    assert message == f"Backup format {backup.FORMAT + 1} is not {backup.FORMAT}."


def test_a_file_the_manifest_does_not_list(tmp_path):
    archive = _archive(tmp_path, {**FILES, "media/extra.txt": b"x"}, _manifest(FILES))
    assert _refused(archive, tmp_path) == "Files not in the manifest: media/extra.txt."


def test_a_file_the_manifest_lists_but_the_archive_lacks(tmp_path):
    archive = _archive(tmp_path, {"db/cems.sqlite3": b"database"}, _manifest(FILES))
    assert _refused(archive, tmp_path) == "media/a.txt is missing from the backup."


def test_a_file_changed_after_the_backup(tmp_path):
    archive = _archive(tmp_path, {**FILES, "media/a.txt": b"b"}, _manifest(FILES))
    assert "media/a.txt does not match its SHA-256" in _refused(archive, tmp_path)


def _check(manifest: dict) -> str:
    with translation.override("en"), pytest.raises(backup.BackupError) as error:
        backup._check_target(connection, manifest, force=False)
    return str(error.value)


def test_a_backup_of_another_database_kind_is_refused():
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {"versions": {"database": other}, "migrations": {}}
    assert f"is of a {other} database; this site uses {connection.vendor}" in _check(manifest)


def test_a_backup_of_newer_code_is_refused_unless_forced(db):
    manifest = {
        "versions": {"database": connection.vendor},
        "migrations": {"cems_registers": ["9999_from_the_future"]},
    }
    assert "migrations this code does not know" in _check(manifest)
    assert "cems_registers.9999_from_the_future" in _check(manifest)
    backup._check_target(connection, manifest, force=True)  # forced: no refusal


def test_a_missing_client_program_names_the_package():
    with translation.override("en"), pytest.raises(backup.BackupError) as error:
        backup._client_version("cems-no-such-pg_dump")
    assert "cems-no-such-pg_dump is not available" in str(error.value)
    assert "install postgresql-client" in str(error.value)


def test_a_client_version_is_its_major_number():
    # any program answering --version with "<name> <major>.<minor>…" reads the same way
    assert backup._client_version(sys.executable) == sys.version_info.major


def test_a_failing_client_program_is_an_error_with_its_output():
    with translation.override("en"), pytest.raises(backup.BackupError) as error:
        backup._run([sys.executable, "-c", "import sys; sys.exit('no such database')"], {})
    assert str(error.value) == f"{sys.executable} failed: no such database"


def test_the_client_environment_names_the_database(monkeypatch):
    class Fake:
        settings_dict = {
            "NAME": "cems",
            "HOST": "db.example",
            "PORT": 5433,
            "USER": "cems",
            "PASSWORD": "s3cret",
        }

    env = backup._pg_env(Fake())
    assert (env["PGDATABASE"], env["PGHOST"], env["PGPORT"]) == ("cems", "db.example", "5433")
    assert (env["PGUSER"], env["PGPASSWORD"]) == ("cems", "s3cret")
    Fake.settings_dict = {"NAME": "cems", "HOST": "", "PORT": "", "USER": "", "PASSWORD": ""}
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    env = backup._pg_env(Fake())
    assert env["PGDATABASE"] == "cems" and "PGHOST" not in env and "PGPASSWORD" not in env
