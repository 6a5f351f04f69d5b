"""Services on nonconformities (clauses 9.4, 10.2): raising one from any evidence."""

import datetime as dt
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Nonconformity, NonconformitySource, Severity

ADD_PERMISSION = "cems_registers.add_nonconformity"
_NUMBERED = re.compile(r"^NC-(\d+)$")


def nonconformity_next_code() -> str:
    """The next free ``NC-nnn`` code (one past the highest number in use); one query."""
    numbers = [
        int(m.group(1))
        for code in Nonconformity.objects.filter(code__startswith="NC-").values_list(
            "code", flat=True
        )
        if (m := _NUMBERED.match(code))
    ]
    return f"NC-{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def nonconformity_create(
    *,
    user,
    title: str,
    description: str,
    source: str = NonconformitySource.MONITORING,
    severity: str = Severity.MINOR,
    facility=None,
    owner=None,
    raised_on: dt.date | None = None,
    due_date: dt.date | None = None,
    check_permission: bool = True,
) -> Nonconformity:
    """Raise a nonconformity (10.2 a) with the next free code; validated before it is saved.

    ``check_permission``: refuse users without ``add_nonconformity`` (callers acting for the
    system, such as a scheduled check, pass False).
    """
    if check_permission and not (user and user.has_perm(ADD_PERMISSION)):
        raise PermissionDenied(_("You may not raise nonconformities."))
    nonconformity = Nonconformity(
        code=nonconformity_next_code(),
        title=title[:200],
        source=source,
        description=description,
        severity=severity,
        facility=facility,
        owner=owner,
        raised_on=raised_on or timezone.localdate(),
        due_date=due_date,
    )
    nonconformity.full_clean()
    nonconformity.save()
    return nonconformity
