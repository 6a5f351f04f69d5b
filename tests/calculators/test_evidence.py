"""The verifier's evidence pack of an approved run (6.3.3, 9.3, 7.3/7.5 document control)."""

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.services.report_archive import reports_issue
from calculators.services.runs import run_approve
from cems_registers.models import EmissionSource
from cems_registers.roles import Role
from cems_site.evidence.builder import pack_write
from cems_site.evidence.models import EvidencePack, PackStatus
from cems_site.evidence.services import (
    PackTampered,
    evidence_pack_build,
    evidence_pack_open,
    evidence_pack_request,
)

from ..cems_pages.factories import ProcedurePageFactory
from ..layers import layer
from ..users import role_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _fresh(run):
    return type(run).objects.get(pk=run.pk)


@layer("evidence_run", requires=("done_run",), fresh=_fresh)
def evidence_run(built):
    """The 2025 run approved, with a procedure in force and its reports issued."""
    ProcedurePageFactory(title="数据管理程序", document_number="CEMS-DM-01", version="A/0")
    run = run_approve(run=built["done_run"], user=role_user("datareviewer", Role.DATA_REVIEWERS))
    reports_issue(run=run)
    return run


def build(run) -> bytes:
    out = io.BytesIO()
    pack_write(run=run, out=out)
    return out.getvalue()


def read_csv(archive: zipfile.ZipFile, path: str) -> list[dict]:
    text = archive.read(path).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_manifest_lists_every_file_with_its_hash(evidence_run):
    archive = zipfile.ZipFile(io.BytesIO(build(evidence_run)))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(archive.namelist()) == set(listed) | {"manifest.json"}
    for path, entry in listed.items():
        body = archive.read(path)
        assert hashlib.sha256(body).hexdigest() == entry["sha256"], path
        assert len(body) == entry["size"]
    sections = {f["section"] for f in manifest["files"]}
    assert {
        "reports",
        "datasets",
        "factors",
        "trace",
        "registers",
        "documents",
        "changes",
    } <= sections
    assert {"reports/accounting-report-zh-hans.pdf", "reports/accounting-report-en.xlsx"} <= set(
        listed
    )
    assert manifest["monitoring_plan"]["status"] == "not recorded in cems"
    assert manifest["run"]["id"] == evidence_run.pk
    # the issued report is in the pack byte for byte
    issued = evidence_run.reports.get(language="en", fmt="pdf")
    assert listed["reports/accounting-report-en.pdf"]["sha256"] == issued.sha256
    # README: Chinese first, then English
    readme = archive.read("README.txt").decode("utf-8")
    assert readme.index("核算") < readme.index("Evidence pack")
    # the trace holds every result row with its factors
    trace = read_csv(archive, "trace/results.csv")
    assert len(trace) == evidence_run.results.count()
    assert sum(float(row["tco2e"]) for row in trace) == pytest.approx(evidence_run.total_tco2e)
    fuel = next(row for row in trace if row["method"] == "fuel_cn")
    assert "ncv=" in fuel["factors_used"] and fuel["quantity"] and fuel["unit"]
    # the dataset: its original file and its rows
    dataset_id = evidence_run.dataset_ids[0]
    rows = read_csv(archive, f"datasets/{dataset_id:06d}/rows.csv")
    assert len(rows) == evidence_run.input_rows
    originals = [p for p in listed if p.startswith(f"datasets/{dataset_id:06d}/original-")]
    assert len(originals) == 1
    assert (
        hashlib.sha256(archive.read(originals[0])).hexdigest()
        == manifest["run"]["datasets"][0]["sha256"]
    )
    # every entry has the approval time as its timestamp
    approved = evidence_run.approved_at.astimezone(dt.UTC)
    assert {i.date_time[:5] for i in archive.infolist()} == {
        (approved.year, approved.month, approved.day, approved.hour, approved.minute)
    }


def test_a_second_build_is_byte_identical(evidence_run, tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    call_command("cems_evidence", str(evidence_run.pk), "--out", str(first), stdout=io.StringIO())
    call_command("cems_evidence", str(evidence_run.pk), "--out", str(second), stdout=io.StringIO())
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert any(n.startswith("documents/") and n.endswith(".pdf") for n in names)


def test_registers_as_they_stood_at_approval(evidence_run):
    source = EmissionSource.objects.order_by("pk").first()
    old_name = source.name
    source.name = "审批后改名的排放源"
    source.save()
    archive = zipfile.ZipFile(io.BytesIO(build(evidence_run)))
    sources = {int(r["id"]): r for r in read_csv(archive, "registers/emission-sources.csv")}
    assert sources[source.pk]["name"] == old_name
    log = archive.read("changes/change-log.csv").decode("utf-8-sig")
    assert "审批后改名的排放源" not in log


def test_documents_in_force_then_and_not_a_later_revision(evidence_run):
    archive = zipfile.ZipFile(io.BytesIO(build(evidence_run)))
    index = read_csv(archive, "documents/index.csv")
    procedure = next(r for r in index if r["document_number"] == "CEMS-DM-01")
    assert procedure["version"] == "A/0"
    from cems_pages.models import ProcedurePage

    page = ProcedurePage.objects.get(document_number="CEMS-DM-01")
    page.version = "B/0"
    page.title = "数据管理程序（修订）"
    page.save_revision().publish()
    archive = zipfile.ZipFile(io.BytesIO(build(evidence_run)))
    index = read_csv(archive, "documents/index.csv")
    versions = [r["version"] for r in index if r["document_number"] == "CEMS-DM-01"]
    assert versions == ["A/0"]
    assert archive.read(procedure["path"])[:5] == b"%PDF-"


def test_a_run_not_approved_is_refused_and_nothing_is_written(done_run, tmp_path, data_reviewer):
    with translation.override("en"):
        with pytest.raises(ValidationError, match="is not approved") as refused:
            pack_write(run=done_run, out=io.BytesIO())
        assert refused.value.code == "not_approved"
        target = tmp_path / "pack.zip"
        with pytest.raises(CommandError, match=f"#{done_run.pk} is not approved"):
            call_command("cems_evidence", str(done_run.pk), "--out", str(target))
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValidationError):
        evidence_pack_request(run=done_run, user=data_reviewer)
    assert not EvidencePack.objects.exists()


ALLOWED = ("data_reviewer", "management_representative", "top_manager", "auditor")
REFUSED = ("data_submitter", "register_keeper", "editor")


@pytest.mark.parametrize("role", ALLOWED)
def test_roles_that_may_download(
    role, request, evidence_run, client, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("cems_evidence_pack", args=[evidence_run.pk]))
    assert page.status_code == 200
    assert b'id="evidence-build"' in page.content
    with django_capture_on_commit_callbacks(execute=True):  # the queued task runs (sync)
        response = client.post(reverse("cems_evidence_pack", args=[evidence_run.pk]))
    assert response.status_code == 302
    pack = EvidencePack.objects.get(run=evidence_run)
    assert pack.status == PackStatus.READY  # sync broker in tests
    download = client.get(reverse("cems_evidence_download", args=[evidence_run.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == pack.sha256 == download["X-Evidence-SHA256"]


@pytest.mark.parametrize("role", REFUSED)
def test_roles_that_may_not(role, request, evidence_run, client):
    user = request.getfixturevalue(role)
    client.force_login(user)
    home = reverse("wagtailadmin_home")
    for method, name in (
        ("get", "cems_evidence_pack"),
        ("post", "cems_evidence_pack"),
        ("get", "cems_evidence_download"),
    ):
        response = getattr(client, method)(reverse(name, args=[evidence_run.pk]))
        # Wagtail's admin answers PermissionDenied with a redirect to its home and a message
        assert response.status_code == 302 and response.url == home, (method, name)
    with pytest.raises(PermissionDenied):
        evidence_pack_request(run=evidence_run, user=user)
    assert not EvidencePack.objects.exists()


def test_a_tampered_pack_is_refused(evidence_run, auditor, client):
    pack = evidence_pack_build(pack=evidence_pack_request(run=evidence_run, user=auditor))
    assert pack.status == PackStatus.READY
    kept = pack.sha256
    with pack.file.open("ab") as handle:
        handle.write(b"x")
    with pytest.raises(PackTampered):
        evidence_pack_open(pack=pack, user=auditor)
    client.force_login(auditor)
    response = client.get(reverse("cems_evidence_download", args=[evidence_run.pk]))
    assert response.status_code == 409
    assert kept.encode() in response.content
    # the issued pack is never rebuilt over the tampered file
    again = evidence_pack_build(pack=pack)
    assert again.sha256 == kept and again.status == PackStatus.READY


def test_the_approved_runs_page_offers_the_pack(evidence_run, auditor, client):
    client.force_login(auditor)
    page = client.get(reverse("calculators_run:inspect", args=[evidence_run.pk]))
    assert page.status_code == 200
    assert reverse("cems_evidence_pack", args=[evidence_run.pk]).encode() in page.content


def test_progress_is_shown_while_building(evidence_run, auditor, client):
    EvidencePack.objects.create(run=evidence_run, status=PackStatus.BUILDING, progress=42)
    client.force_login(auditor)
    with translation.override("en"):
        page = client.get(
            reverse("cems_evidence_pack", args=[evidence_run.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
    text = page.content.decode()
    assert 'id="evidence-progress"' in text and "42 %" in text
    assert 'http-equiv="refresh"' in text
    assert 'id="evidence-build"' not in text


def test_calibrations_of_the_period_with_their_certificates(evidence_run):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from ..cems_registers.factories import MeasuringInstrumentFactory

    certificate = get_document_model().objects.create(
        title="检定证书 M-EV-1", file=ContentFile(b"%PDF-1.4 certificate", name="cert-m-ev-1.pdf")
    )
    before = evidence_run.approved_at - dt.timedelta(days=1)
    recorded = MeasuringInstrumentFactory(
        code="M-EV-1", last_calibrated=dt.date(2025, 6, 1), certificate=certificate
    )
    recorded.history.update(history_date=before)  # recorded before the run was approved
    MeasuringInstrumentFactory(code="M-EV-2", last_calibrated=dt.date(2025, 7, 1))  # after
    archive = zipfile.ZipFile(io.BytesIO(build(evidence_run)))
    calibrations = read_csv(archive, "registers/calibrations.csv")
    assert [(r["instrument"], r["last_calibrated"]) for r in calibrations] == [
        ("M-EV-1", "2025-06-01")
    ]
    assert calibrations[0]["certificate_id"] == str(certificate.pk)
    certificates = [n for n in archive.namelist() if n.startswith("registers/certificates/")]
    assert [archive.read(n) for n in certificates] == [b"%PDF-1.4 certificate"]
    instruments = read_csv(archive, "registers/measuring-instruments.csv")
    codes = {r["code"] for r in instruments}
    assert "M-EV-1" in codes and "M-EV-2" not in codes
