"""Writes of evidence packs (6.3.3, 9.3, 7.5.3): request, build (the task's body), open for download.

A pack is built once per approved run and kept with its SHA-256; it is never rebuilt once
ready, and :func:`evidence_pack_open` checks the hash again before a download.
"""

import hashlib
import os
import tempfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from django_q.tasks import async_task

from calculators.models import AccountingRun

from .builder import check_approved, pack_write
from .models import EvidencePack, PackStatus

PERMISSION = "cems_evidence.download_evidencepack"


class PackTampered(ValidationError):
    """The kept file no longer matches the SHA-256 recorded when it was issued."""


def _check_user(user) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(gettext("You may not build or download evidence packs."))


def evidence_pack_request(*, run: AccountingRun, user) -> EvidencePack:
    """The run's pack, queued for building unless it exists (a failed one is queued again).

    Refused for a user without the download permission and for a run that is not approved
    (nothing is saved then).
    """
    _check_user(user)
    check_approved(run)
    with transaction.atomic():
        pack, created = EvidencePack.objects.select_for_update().get_or_create(
            run=run, defaults={"requested_by": user}
        )
        if not created and pack.status != PackStatus.FAILED:
            return pack
        if not created:
            pack.status, pack.progress, pack.message = PackStatus.QUEUED, 0, ""
            pack.requested_by = user
            pack.full_clean()
            pack.save()

        def enqueue():

            async_task(
                "cems_site.evidence.tasks.evidence_pack_build_task",
                pack.pk,
                task_name=f"evidence pack {run.pk}",
            )

        transaction.on_commit(enqueue)
    return pack


def _progress(pack_id: int):
    def report(percent: int) -> None:
        EvidencePack.objects.filter(pk=pack_id).update(progress=percent)

    return report


def evidence_pack_build(*, pack: EvidencePack) -> EvidencePack:
    """Build the pack's ZIP into the private storage with its SHA-256 (the task's body).

    A ready pack is returned unchanged (packs never change after issue). On failure the pack
    is marked failed with the reason and no file is kept.
    """
    pack = EvidencePack.objects.select_related("run").get(pk=pack.pk)
    if pack.status == PackStatus.READY:
        return pack
    EvidencePack.objects.filter(pk=pack.pk).update(status=PackStatus.BUILDING, progress=0)
    fd, partial = tempfile.mkstemp(prefix="cems-evidence-", suffix=".zip")
    try:
        with os.fdopen(fd, "wb") as handle:
            pack_write(run=pack.run, out=handle, progress=_progress(pack.pk))
        digest = hashlib.sha256()
        with open(partial, "rb") as body:
            while chunk := body.read(1 << 20):
                digest.update(chunk)
        pack.refresh_from_db()
        with open(partial, "rb") as body, transaction.atomic():
            pack.file.save(f"evidence-run-{pack.run_id}.zip", File(body), save=False)
            pack.sha256 = digest.hexdigest()
            pack.size = os.path.getsize(partial)
            pack.status, pack.progress = PackStatus.READY, 100
            pack.finished_at = timezone.now()
            pack.full_clean()
            pack.save()
    except ValidationError as error:
        EvidencePack.objects.filter(pk=pack.pk).update(
            status=PackStatus.FAILED, message=" ".join(error.messages)
        )
        raise
    except Exception as error:
        EvidencePack.objects.filter(pk=pack.pk).update(
            status=PackStatus.FAILED, message=f"{type(error).__name__}: {error}"
        )
        raise
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return pack


def evidence_pack_open(*, pack: EvidencePack, user):
    """The kept ZIP opened for reading after its SHA-256 was checked again.

    Raises :class:`PackTampered` when the file differs from what was issued (or is gone).
    """
    _check_user(user)
    if pack.status != PackStatus.READY or not pack.file:
        raise ValidationError(_("The evidence pack is not ready yet."), code="not_ready")
    digest = hashlib.sha256()
    try:
        with pack.file.open("rb") as body:
            while chunk := body.read(1 << 20):
                digest.update(chunk)
    except FileNotFoundError:
        digest = None
    if digest is None or digest.hexdigest() != pack.sha256:
        raise PackTampered(
            _(
                "The kept evidence pack of run #%(run)s does not match the SHA-256 recorded "
                "when it was issued (%(sha256)s): it has been changed or lost and is not "
                "served. Tell the system administrator."
            ),
            code="tampered",
            params={"run": pack.run_id, "sha256": pack.sha256},
        )
    return pack.file.open("rb")
