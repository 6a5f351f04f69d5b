"""django-q2 task of evidence packs: takes an id, calls the service (thin)."""

from .models import EvidencePack
from .services import evidence_pack_build


def evidence_pack_build_task(pack_id: int) -> None:
    evidence_pack_build(pack=EvidencePack.objects.get(pk=pack_id))
