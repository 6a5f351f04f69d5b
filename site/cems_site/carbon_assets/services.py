"""Writes of the carbon assets: keyword-only, ``full_clean()`` before save, all or nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import (
    AllowanceTransaction,
    CompliancePeriod,
    CreditBlock,
    NeutralityStatement,
    Retirement,
    StatementStatus,
)

APPROVE_PERMISSION = "cems_assets.approve_neutralitystatement"


def allowance_transaction_record(
    *, period: CompliancePeriod, kind: str, quantity, date: dt.date, **fields
) -> AllowanceTransaction:
    """Record a movement of allowances; an outgoing one that the account cannot cover is
    refused. The period is locked while its balance is checked (no two sales of one tonne)."""
    with transaction.atomic():
        CompliancePeriod.objects.select_for_update().filter(pk=period.pk).first()
        record = AllowanceTransaction(
            period=period, kind=kind, quantity=quantity, date=date, **fields
        )
        record.full_clean()
        record.save()
    return record


def _row_error(row: int, exc: ValidationError, values: dict) -> ValidationError:
    """``exc`` restated with the row, the field's name and the value typed."""
    messages = []
    for field, errors in exc.message_dict.items():
        if field in values:
            label = capfirst(Retirement._meta.get_field(field).verbose_name)
            prefix = _("Row %(row)s, %(field)s “%(value)s”") % {
                "row": row,
                "field": label,
                "value": values[field],
            }
        else:
            prefix = _("Row %(row)s") % {"row": row}
        messages.extend(f"{prefix}: {error}" for error in errors)
    return ValidationError(messages)


def credit_retirements_record(*, rows: list[dict]) -> list[Retirement]:
    """Retire serial ranges, all or nothing: rows are ``{block, serial_start, serial_end,
    retired_on, claim, …}``, numbered from 1 in the errors. A range overlapping one already
    retired (or an earlier row) is refused naming the row, the field and the serials; the
    blocks are locked until the end, so a concurrent retirement waits and is then refused."""
    saved = []
    with transaction.atomic():
        blocks = {row["block"].pk for row in rows}
        list(CreditBlock.objects.select_for_update().filter(pk__in=blocks).order_by("pk"))
        for number, values in enumerate(rows, start=1):
            retirement = Retirement(**values)
            try:
                retirement.full_clean()
                retirement.save()
            except ValidationError as exc:
                raise _row_error(number, exc, values) from exc
            saved.append(retirement)
    return saved


def neutrality_statement_approve(*, statement: NeutralityStatement, user) -> NeutralityStatement:
    """Approve a statement (top management, 5.1): it needs approved runs of its year.

    Approval does not require the statement to balance; only a balancing one is published.
    """
    if not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("You may not approve neutrality statements."))
    runs = list(statement.runs.all())
    if not runs:
        raise ValidationError(_("Choose the approved accounting runs of the statement first."))
    for run in runs:
        if run.status != "approved":
            raise ValidationError(
                _("Run #%(run)s is not approved: its emissions cannot be stated.") % {"run": run.pk}
            )
    statement.status = StatementStatus.APPROVED
    statement.approved_by = user
    statement.approved_at = timezone.now()
    statement.full_clean()
    statement.save()
    return statement


def neutrality_statement_reopen(*, statement: NeutralityStatement) -> None:
    """A changed approved statement goes back to draft (it must be approved again)."""
    if statement.status == StatementStatus.APPROVED:
        statement.status = StatementStatus.DRAFT
        statement.approved_by = None
        statement.approved_at = None
