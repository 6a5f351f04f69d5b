"""Services on monitoring plans (8.5, 9.1.4): create, submit, return, approve, new version.

A plan goes draft → submitted → approved; approving it supersedes the approved plan of the
same boundary (one plan in force per boundary). An approved or superseded plan is never
edited: :func:`monitoring_plan_new_version` copies it into a draft of the next version.
Every write checks the whole plan first and saves nothing when a row is wrong (the error
names the row, the field and the value).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from ..concurrency import already_decided
from ..models import (
    MonitoringPlan,
    MonitoringPlanItem,
    MonitoringPlanStatus,
)

#: Permission that only the Top management group holds (migration 0010).
APPROVE_PERMISSION = "cems_registers.approve_monitoringplan"
#: Fields of an item copied into a new version.
ITEM_FIELDS = (
    "source",
    "parameter",
    "method",
    "instrument",
    "frequency",
    "responsible",
    "data_flow",
    "archive",
)


def user_can_approve_monitoring_plans(user) -> bool:
    return bool(user and user.is_active and user.has_perm(APPROVE_PERMISSION))


def _value_text(item: MonitoringPlanItem, field_name: str) -> str:
    field = item._meta.get_field(field_name)
    if field.many_to_one:
        value = getattr(item, field_name, None) if getattr(item, field.attname) else None
        return str(value) if value is not None else ""
    if field.choices:
        return str(getattr(item, f"get_{field_name}_display")())
    return str(getattr(item, field_name) or "")


def monitoring_plan_item_errors(items: list[MonitoringPlanItem]) -> list[str]:
    """Every problem of ``items`` as "Row n, field “value”: problem" (rows from 1); checks
    each row's own rules (a withdrawn instrument, a measured consumption without one)."""
    problems = []
    for number, item in enumerate(items, start=1):
        try:
            item.full_clean(exclude=["plan"])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                label = (
                    capfirst(item._meta.get_field(field_name).verbose_name)
                    if field_name != "__all__"
                    else ""
                )
                value = _value_text(item, field_name) if field_name != "__all__" else ""
                for message in messages:
                    problems.append(
                        _("Row %(row)s, %(field)s “%(value)s”: %(problem)s")
                        % {"row": number, "field": label, "value": value, "problem": message}
                    )
    return problems


def _check_items(items: list[MonitoringPlanItem]) -> None:
    problems = monitoring_plan_item_errors(items)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def monitoring_plan_create(
    *,
    code: str,
    title: str,
    boundary,
    effective_from: dt.date,
    items: list[dict],
    version: int = 1,
    owner=None,
    description: str = "",
    quality_assurance: str = "",
    revision_note: str = "",
) -> MonitoringPlan:
    """A draft plan with its rows (``items``: field → value of :class:`MonitoringPlanItem`).

    Raises ``ValidationError`` naming every wrong row before anything is saved.
    """
    plan = MonitoringPlan(
        code=code,
        title=title,
        version=version,
        boundary=boundary,
        effective_from=effective_from,
        owner=owner,
        description=description,
        quality_assurance=quality_assurance,
        revision_note=revision_note,
    )
    plan.full_clean()
    rows = [MonitoringPlanItem(plan=plan, **values) for values in items]
    _check_items(rows)
    plan.save()
    for row in rows:
        row.plan = plan
        row.save()
    return plan


def _locked(plan_pk: int) -> MonitoringPlan:
    return MonitoringPlan.objects.select_for_update().get(pk=plan_pk)


def _items(plan: MonitoringPlan) -> list[MonitoringPlanItem]:
    return list(
        plan.items.select_related("source", "instrument", "responsible").order_by(
            "source__code", "parameter", "pk"
        )
    )


@transaction.atomic
def monitoring_plan_submit(*, plan: MonitoringPlan, user) -> MonitoringPlan:
    """Send a draft to top management for approval; it needs at least one row, all valid."""
    plan = _locked(plan.pk)
    if plan.status != MonitoringPlanStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted; this plan is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    items = _items(plan)
    if not items:
        raise ValidationError(_("A monitoring plan needs at least one parameter (8.5)."))
    _check_items(items)
    plan.status = MonitoringPlanStatus.SUBMITTED
    plan.submitted_by = user
    plan.submitted_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def monitoring_plan_return(*, plan: MonitoringPlan, user) -> MonitoringPlan:
    """Top management sends a submitted plan back to draft instead of approving it."""
    if not user_can_approve_monitoring_plans(user):
        raise PermissionDenied(_("Only top management may approve monitoring plans."))
    plan = _locked(plan.pk)
    if plan.status != MonitoringPlanStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned to draft."))
    plan.status = MonitoringPlanStatus.DRAFT
    plan.submitted_by = None
    plan.submitted_at = None
    plan.save()
    return plan


@transaction.atomic
def monitoring_plan_approve(*, plan: MonitoringPlan, user) -> MonitoringPlan:
    """Top management approves a submitted plan, which supersedes the plan of its boundary.

    Raises ``PermissionDenied`` without ``approve_monitoringplan``; ``ValidationError`` when
    the plan is not submitted or a row is wrong now (an instrument withdrawn since it was
    written): nothing changes then.
    """
    if not user_can_approve_monitoring_plans(user):
        raise PermissionDenied(_("Only top management may approve monitoring plans."))
    plan = _locked(plan.pk)
    if plan.status == MonitoringPlanStatus.APPROVED:  # a second approver, waited for the lock
        raise already_decided(
            record=plan,
            decision=pgettext("decision", "approved"),
            user=plan.approved_by,
            at=plan.approved_at,
            code="approved",
        )
    if plan.status != MonitoringPlanStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted plan can be approved; this plan is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    _check_items(_items(plan))
    now = timezone.now()
    in_force = (
        MonitoringPlan.objects.select_for_update()
        .filter(boundary_id=plan.boundary_id, status=MonitoringPlanStatus.APPROVED)
        .exclude(pk=plan.pk)
    )
    for old in in_force:
        old.status = MonitoringPlanStatus.SUPERSEDED
        old.superseded_at = now
        old.save()
    plan.status = MonitoringPlanStatus.APPROVED
    plan.approved_by = user
    plan.approved_at = now
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def monitoring_plan_new_version(*, plan: MonitoringPlan, user) -> MonitoringPlan:
    """A draft copy of ``plan`` (rows included) as the next version of its plan number,
    effective from today or the plan's own date if later."""
    latest = MonitoringPlan.objects.filter(code=plan.code).aggregate(v=Max("version"))["v"] or 0
    items = [
        {name: getattr(item, name) for name in ITEM_FIELDS}
        for item in plan.items.select_related("source", "instrument").order_by("pk")
    ]
    copy = MonitoringPlan(
        code=plan.code,
        title=plan.title,
        version=latest + 1,
        boundary=plan.boundary,
        effective_from=max(plan.effective_from, timezone.localdate()),
        owner=user,
        description=plan.description,
        quality_assurance=plan.quality_assurance,
    )
    copy.full_clean()
    copy.save()
    # copied as they are: a row that is wrong now (a withdrawn instrument) is corrected in
    # the draft, and submitting checks every row again
    for values in items:
        MonitoringPlanItem(plan=copy, **values).save()
    return copy
