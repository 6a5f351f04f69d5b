"""Services on objectives (clause 6.5): approval by top management (clause 5.1)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Objective, ObjectiveStatus

#: Permission that only the Top management group holds (granted in migration 0003).
APPROVE_PERMISSION = "cems_registers.approve_objective"


def user_can_approve_objectives(user) -> bool:
    return bool(user and user.is_active and user.has_perm(APPROVE_PERMISSION))


@transaction.atomic
def objective_approve(*, objective: Objective, user) -> Objective:
    """Record top management's approval of an objective and move it out of draft.

    Raises ``PermissionDenied`` unless ``user`` holds ``approve_objective`` and
    ``ValidationError`` if the objective is already approved or has no indicator (6.5).
    """
    if not user_can_approve_objectives(user):
        raise PermissionDenied(_("Only top management may approve objectives (clause 5.1)."))
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    if objective.is_approved:
        raise ValidationError(_("This objective is already approved."))
    if not objective.indicators.exists():
        raise ValidationError(_("An objective needs at least one indicator before approval (6.5)."))
    objective.approved_by = user
    objective.approved_at = timezone.now()
    if objective.status == ObjectiveStatus.DRAFT:
        objective.status = ObjectiveStatus.APPROVED
    objective.full_clean()
    objective.save()
    return objective
