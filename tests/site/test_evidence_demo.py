"""The evidence pack of the full demo's approved 2025 run builds (6.3.3, 9.3).

The demo (``manage.py cems_demo``) is loaded once for the module inside a transaction rolled
back at the end, as in ``test_all_pdfs_with_demo.py``; the PDF templates are strict in the test
settings, so a document of the demo that cannot render fails here.
"""

import hashlib
import io
import json
import zipfile

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_db(full_demo):
    """The full demo, loaded once (tests/conftest.py ``full_demo``); gone after the module."""


def test_the_demo_2025_run_has_a_complete_pack(demo_db, db):
    from calculators.models import AccountingRun, RunStatus
    from cems_site.evidence.builder import pack_write

    run = (
        AccountingRun.objects.filter(
            status=RunStatus.APPROVED, period_start__year=2025, period_end__year=2025
        )
        .order_by("-approved_at")
        .first()
    )
    out = io.BytesIO()
    manifest = pack_write(run=run, out=out)
    archive = zipfile.ZipFile(out)
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert json.loads(archive.read("manifest.json")) == manifest
    paths = [f["path"] for f in manifest["files"]]
    documents = [p for p in paths if p.startswith("documents/") and p.endswith(".pdf")]
    # the demo's procedures are in force in Chinese and in English
    assert len(documents) >= 4
    assert all(archive.read(p)[:5] == b"%PDF-" for p in documents)
    assert {"reports/accounting-report-zh-hans.pdf", "trace/results.csv"} <= set(paths)
    assert any(p.startswith("datasets/") and "/original-" in p for p in paths)
    sources = archive.read("registers/emission-sources.csv").decode("utf-8-sig")
    assert sources.count("\n") > 5
