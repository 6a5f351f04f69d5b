"""Admin views of the evidence pack (6.3.3, 9.3): its page (build, progress, download) and the
download, which checks the kept file's SHA-256 again. Thin: the services decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from calculators.models import AccountingRun

from .builder import check_approved
from .models import EvidencePack, PackStatus
from .services import PERMISSION, PackTampered, evidence_pack_open, evidence_pack_request


def _require(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _page(request, run, *, error: str = "", status: int = 200):
    pack = EvidencePack.objects.filter(run=run).first()
    try:
        check_approved(run)
        refusal = ""
    except ValidationError as exc:
        refusal = " ".join(exc.messages)
    return TemplateResponse(
        request,
        "cems_evidence/pack.html",
        {
            "run": run,
            "pack": pack,
            "refusal": refusal,
            "error": error,
            "building": pack is not None
            and pack.status in (PackStatus.QUEUED, PackStatus.BUILDING),
            "run_url": reverse("calculators_run:inspect", args=[run.pk]),
        },
        status=status,
    )


def evidence_pack_view(request, run_id: int):
    """GET: the pack's state (reloads itself while building); POST: build it."""
    _require(request)
    run = get_object_or_404(AccountingRun, pk=run_id)
    if request.method == "POST":
        try:
            evidence_pack_request(run=run, user=request.user)
        except ValidationError as exc:
            return _page(request, run, error=" ".join(exc.messages), status=400)
        return redirect("cems_evidence_pack", run_id=run.pk)
    return _page(request, run)


def evidence_pack_download(request, run_id: int):
    """The kept ZIP, after its SHA-256 was checked again; a changed file is refused (409)."""
    _require(request)
    run = get_object_or_404(AccountingRun, pk=run_id)
    pack = get_object_or_404(EvidencePack, run=run)
    try:
        handle = evidence_pack_open(pack=pack, user=request.user)
    except PackTampered as exc:
        return _page(request, run, error=" ".join(exc.messages), status=409)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cems_evidence_pack", run_id=run.pk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"evidence-run-{run.pk}.zip",
        content_type="application/zip",
    )
    response["X-Evidence-SHA256"] = pack.sha256
    return response


def run_evidence_link(run) -> dict | None:
    """The "Evidence pack" action of an approved run's page, for the runs admin (hook)."""
    if not run.is_approved:
        return None
    return {"url": reverse("cems_evidence_pack", args=[run.pk]), "label": _("Evidence pack")}
