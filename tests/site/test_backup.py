"""Backups that restore (7.5.3; issue 13 §4): the drill and the refusals of ``cems_restore``.

The drill works on databases of its own, never on the test database: a copy of the migrated
test database gets the demo's 2025 year (registers, approved data, an approved run with its
issued reports), pages with revisions and a media document; ``cems_backup`` writes the
archive; ``cems_restore`` puts it into a new empty database and empty folders; there every
approved run recomputes to the same totals and input hash, every issued report's file matches
its SHA-256, and every page revision and register history row is there, field for field.
Runs on SQLite and on PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import tarfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import Revision

import pytest

from calculators.models import AccountingRun, RunReport, RunStatus
from calculators.services.report_archive import reports_issue
from calculators.services.runs import run_approve, run_recompute
from calculators.storage import PrivateStorage
from cems_registers.roles import Role
from cems_site import backup

from ..calculators import conftest as calculators_layers  # noqa: F401 (declares the layers)
from ..cems_pages.factories import ManualPageFactory, PolicyPageFactory, site_root
from ..layers import LAYERS
from ..users import role_user

pytestmark = pytest.mark.slow
FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"


def _private_storages() -> list[PrivateStorage]:
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            storage = getattr(field, "storage", None)
            if isinstance(storage, PrivateStorage) and storage not in found:
                found.append(storage)
    return found


@contextlib.contextmanager
def _site(settings, monkeypatch, name: str, folder: Path):
    """Point the default database at ``name`` and the media and private folders into ``folder``."""
    db = connection.settings_dict
    original = db["NAME"]
    connection.close()
    db["NAME"] = name
    settings.MEDIA_ROOT = folder / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FILE_SYSTEM}}
    settings.CEMS_PRIVATE_ROOT = folder / "private"
    for storage in _private_storages():
        monkeypatch.setattr(storage, "base_location", str(folder / "private"), raising=False)
        monkeypatch.setattr(storage, "location", str(folder / "private"), raising=False)
    ContentType.objects.clear_cache()
    cache.clear()
    try:
        yield
    finally:
        connection.close()
        db["NAME"] = original
        ContentType.objects.clear_cache()


def _new_database(name: str, *, template: str | None) -> None:
    """A new database: a copy of ``template`` (the migrated test database) or empty."""
    if connection.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
        if template:  # the backup API, which also copies what is still in the WAL file
            connection.ensure_connection()
            target = sqlite3.connect(name)
            connection.connection.backup(target)
            target.close()
        return
    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(
            f"CREATE DATABASE {quote(name)}" + (f" TEMPLATE {quote(template)}" if template else "")
        )


def _drop_database(name: str) -> None:
    if connection.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def _databases(tmp_path: Path) -> tuple[str, str]:
    if connection.vendor == "sqlite":
        return str(tmp_path / "source.sqlite3"), str(tmp_path / "restored.sqlite3")
    base = connection.settings_dict["NAME"]
    return f"{base}_bk_src", f"{base}_bk_restored"


def _build_demo_year() -> None:
    """The test layers' demo year, its run approved with reports issued; pages; a document."""
    built = {}
    for name in ("enterprise", "approved_year", "done_run"):
        built[name] = LAYERS[name].build(built)
    run = run_approve(run=built["done_run"], user=role_user("datareviewer", Role.DATA_REVIEWERS))
    assert len(reports_issue(run=run)) == 4
    home = site_root()
    manual = ManualPageFactory(parent=home)
    policy = PolicyPageFactory(parent=home)
    policy.title = "碳排放管理方针（修订）"
    policy.save_revision().publish()
    ManualPageFactory(parent=manual, title="程序", slug="procedure", publish=False)
    get_document_model().objects.create(
        title="证书", file=ContentFile(b"%PDF-1.4 certificate", name="certificate.pdf")
    )


def _history_models() -> list:
    """The django-simple-history tables (registers' field history)."""
    return [
        model
        for model in apps.get_models()
        if {"history_id", "history_date"} <= {f.name for f in model._meta.fields}
    ]


def _facts() -> dict:
    """What a restore must bring back exactly."""
    documents = {d.pk: d.file.read() for d in get_document_model().objects.all()}
    return {
        "runs": dict(
            AccountingRun.objects.filter(status=RunStatus.APPROVED).values_list("pk", "input_hash")
        ),
        "totals": list(AccountingRun.objects.order_by("pk").values_list("pk", "total_tco2e")),
        "reports": dict(RunReport.objects.values_list("pk", "sha256")),
        "revisions": list(
            Revision.objects.order_by("pk").values_list(
                "pk", "content_type_id", "object_id", "created_at", "content"
            )
        ),
        "history": {
            m._meta.label: list(m.objects.order_by("pk").values()) for m in _history_models()
        },
        "documents": documents,
    }


def _check_restored(facts: dict) -> None:
    """Every approved run recomputes identically, every issued report matches its hash."""
    assert _facts() == facts
    approved = AccountingRun.objects.filter(status=RunStatus.APPROVED)
    assert approved.count() == len(facts["runs"]) == 1
    for run in approved:
        report = run_recompute(run=run)
        assert report.identical and report.input_hash_same
        assert report.recomputed_total == pytest.approx(run.total_tco2e, rel=1e-12)
    reports = RunReport.objects.all()
    assert reports.count() == 4
    for issued in reports:
        assert backup.file_sha256(Path(issued.file.path)) == issued.sha256
    assert len(facts["revisions"]) >= 4
    assert sum(len(rows) for rows in facts["history"].values()) > 10


def _tampered(archive: Path, tmp_path: Path) -> Path:
    """A copy of ``archive`` with one media file changed and the manifest kept."""
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    document = next((unpacked / "media").rglob("certificate*.pdf"))
    document.write_bytes(b"%PDF-1.4 forged")
    out = tmp_path / "tampered.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())
    return out


def test_the_drill_backup_then_restore_into_an_empty_database(
    django_db_setup, django_db_blocker, settings, monkeypatch, tmp_path
):
    archive = tmp_path / "cems.tar.gz"
    out = io.StringIO()
    with django_db_blocker.unblock(), translation.override("en"):
        source, restored = _databases(tmp_path)
        try:
            _new_database(source, template=connection.settings_dict["NAME"])
            with _site(settings, monkeypatch, source, tmp_path / "source"):
                _build_demo_year()
                facts = _facts()
                call_command("cems_backup", str(archive), stdout=out)
            assert "Backed up" in out.getvalue()
            _new_database(restored, template=None)
            with _site(settings, monkeypatch, restored, tmp_path / "restored"):
                call_command("cems_restore", str(archive), stdout=out)
                assert "Restored the backup" in out.getvalue()
                assert "media files 1, private files 5." in out.getvalue()
                _check_restored(facts)
                _refusals(archive, tmp_path, facts)
                _forced(archive, tmp_path / "restored", facts)
        finally:
            _drop_database(source)
            _drop_database(restored)


def _refusals(archive: Path, tmp_path: Path, facts: dict) -> None:
    """A database holding data, or a damaged archive, is refused and nothing changes."""
    with pytest.raises(CommandError, match="already holds data"):
        call_command("cems_restore", str(archive))
    with translation.override("zh-hans"), pytest.raises(CommandError, match="中已有数据"):
        call_command("cems_restore", str(archive))
    with pytest.raises(CommandError, match=r"certificate.*does not match its SHA-256"):
        call_command("cems_restore", str(_tampered(archive, tmp_path)), "--force")
    assert _facts() == facts


@pytest.mark.django_db  # also what makes pytest-django set up the test database for the drill
def test_a_migrated_database_is_empty_until_it_holds_a_user_or_register_row(make_user):
    assert not backup.database_holds_data(connection)
    make_user("keeper", Role.REGISTER_KEEPERS)
    assert backup.database_holds_data(connection)


def test_backup_refuses_to_overwrite_an_archive(tmp_path):
    archive = tmp_path / "old.tar.gz"
    archive.write_bytes(b"kept")
    with translation.override("en"), pytest.raises(CommandError, match="exists already"):
        call_command("cems_backup", str(archive))
    assert archive.read_bytes() == b"kept"


def _forced(archive: Path, folder: Path, facts: dict) -> None:
    """``--force`` replaces the database and moves a non-empty folder aside, keeping its files."""
    (folder / "media" / "stray.txt").write_bytes(b"stray")
    RunReport.objects.all().delete()
    call_command("cems_restore", str(archive), "--force", stdout=io.StringIO())
    _check_restored(facts)
    assert not (folder / "media" / "stray.txt").exists()
    (aside,) = folder.glob("media.before-restore-*")
    assert (aside / "stray.txt").read_bytes() == b"stray"
