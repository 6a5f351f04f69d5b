"""Named readiness checks: the selectors the clause table (:mod:`.rules`) refers to by name.

A check is a function registered with :func:`register_check`; it takes keyword parameters from
the table plus ``today`` and returns a :class:`CheckResult`. Each check issues a fixed number
of queries (aggregates, never a loop over records), so the page's query count depends on the
table only, not on how much data there is. Evidence texts are msgids with named parameters,
translated when shown, so a stored assessment reads in its reader's language.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.apps import apps
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext_noop

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import PageLogEntry

from calculators.models import AccountingRun, RunStatus


class Status:
    """A check's or a clause's result; values are stored in assessment snapshots."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class CheckResult:
    status: str
    #: msgid with ``%(name)s`` placeholders, filled from ``params``
    evidence: str
    params: dict = field(default_factory=dict)
    #: admin URL of the record or page that proves it ('' when there is none)
    url: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


Check = Callable[..., CheckResult]
_CHECKS: dict[str, Check] = {}


def register_check(name: str) -> Callable[[Check], Check]:
    """Register a check under ``name``; the clause table refers to it by that name."""

    def decorator(func: Check) -> Check:
        _CHECKS[name] = func
        return func

    return decorator


def get_check(name: str) -> Check:
    try:
        return _CHECKS[name]
    except KeyError:
        raise LookupError(f"No readiness check is registered as {name!r}.") from None


def registered_checks() -> tuple[str, ...]:
    return tuple(_CHECKS)


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (clamped to the month's last day)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def edit_url(model, pk, *, url_name: str | None = None, link_field: str | None = None) -> str:
    """Admin URL of the record ``pk`` of ``model``; issues no query.

    ``pk`` is the value of ``link_field`` (a foreign key: link to the parent record, e.g. an
    indicator's objective) when given; ``url_name`` names the admin view that shows the record
    where Wagtail's URL finder knows none (views that are not a snippet or page editor).
    """
    if pk is None:
        return ""
    if link_field:
        model = model._meta.get_field(link_field).related_model
    if url_name:
        return reverse(url_name, args=[pk])
    return AdminURLFinder().get_edit_url(model(pk=pk)) or ""


def _things(model) -> str:
    # the lazy plural is stored as its msgid (snapshots are taken with translation off)
    return str(model._meta.verbose_name_plural)


def _cutoff_q(date_field: str | None, today: dt.date, months: int | None) -> Q:
    if not date_field or months is None:
        return Q()
    return Q(**{f"{date_field}__gte": months_before(today, months)})


@register_check("records_recent")
def records_recent(
    *,
    today: dt.date,
    model: str,
    filter: dict | None = None,
    date_field: str | None = None,
    months: int | None = None,
    min_count: int = 1,
    url_name: str | None = None,
    link_field: str | None = None,
) -> CheckResult:
    """At least ``min_count`` records of ``model`` (matching ``filter``) dated within ``months``.

    Met: enough recent records; partly: some records, too few or too old; not met: none.
    One query.
    """
    Model = apps.get_model(model)
    recent = _cutoff_q(date_field, today, months)
    agg = Model.objects.filter(**(filter or {})).aggregate(
        total=Count("pk"),
        recent=Count("pk", filter=recent),
        latest=Max(link_field or "pk", filter=recent),
        latest_any=Max(link_field or "pk"),
    )
    total, count = agg["total"], agg["recent"]
    status = Status.MET if count >= min_count else Status.PARTLY if total else Status.NOT_MET
    params = {"things": _things(Model), "total": total, "recent": count, "min": min_count}
    if months is None:
        text = gettext_noop("%(total)s %(things)s recorded (at least %(min)s needed).")
    else:
        params["months"] = months
        text = gettext_noop(
            "%(total)s %(things)s recorded, %(recent)s of them in the last %(months)s months "
            "(at least %(min)s needed)."
        )
    # the newest recent record, else the newest at all (what is too old or too few)
    latest = agg["latest"] or agg["latest_any"]
    url = edit_url(Model, latest, url_name=url_name, link_field=link_field)
    return CheckResult(status, text, params, url)


@register_check("records_complete")
def records_complete(
    *,
    today: dt.date,
    model: str,
    fields: list[str],
    filter: dict | None = None,
    url_name: str | None = None,
    link_field: str | None = None,
) -> CheckResult:
    """Every record of ``model`` (matching ``filter``) has all ``fields`` filled in.

    Met: records exist and all are complete; partly: some are incomplete; not met: none
    recorded. One query.
    """
    Model = apps.get_model(model)
    incomplete = Q()
    for name in fields:
        f = Model._meta.get_field(name)
        empty = Q(**{f"{name}__isnull": True})
        if f.get_internal_type() in ("CharField", "TextField"):
            empty |= Q(**{name: ""})
        incomplete |= empty
    agg = Model.objects.filter(**(filter or {})).aggregate(
        total=Count("pk"),
        incomplete=Count("pk", filter=incomplete),
        latest=Max(link_field or "pk", filter=~incomplete),
    )
    total, missing = agg["total"], agg["incomplete"]
    if not total:
        status = Status.NOT_MET
    elif missing:
        status = Status.PARTLY
    else:
        status = Status.MET
    params = {
        "things": _things(Model),
        "total": total,
        "complete": total - missing,
        # msgids, translated and joined when shown
        "fields": [str(Model._meta.get_field(n).verbose_name) for n in fields],
    }
    text = gettext_noop("%(complete)s of %(total)s %(things)s have %(fields)s filled in.")
    url = edit_url(Model, agg["latest"], url_name=url_name, link_field=link_field)
    return CheckResult(status, text, params, url)


@register_check("records_on_time")
def records_on_time(
    *,
    today: dt.date,
    model: str,
    due_field: str,
    open_filter: dict,
    filter: dict | None = None,
    exclude: dict | None = None,
) -> CheckResult:
    """Records of ``model`` exist and none still open (``open_filter``) is past ``due_field``.

    Met: records exist, none overdue; partly: some overdue; not met: none recorded, or all
    overdue. One query.
    """
    Model = apps.get_model(model)
    queryset = Model.objects.filter(**(filter or {}))
    if exclude:
        queryset = queryset.exclude(**exclude)
    overdue = Q(**open_filter) & Q(**{f"{due_field}__lt": today})
    agg = queryset.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue),
        latest=Max("pk", filter=~overdue),
        first_overdue=Max("pk", filter=overdue),
    )
    total, late = agg["total"], agg["overdue"]
    if not total or late == total:
        status = Status.NOT_MET
    elif late:
        status = Status.PARTLY
    else:
        status = Status.MET
    params = {"things": _things(Model), "total": total, "overdue": late}
    text = gettext_noop("%(total)s %(things)s, %(overdue)s of them overdue.")
    # an overdue record is what the reader must open first
    return CheckResult(status, text, params, edit_url(Model, agg["first_overdue"] or agg["latest"]))


@register_check("pages_live")
def pages_live(*, today: dt.date, page_type: str, min_count: int = 1) -> CheckResult:
    """At least ``min_count`` live pages of ``page_type`` in force (document status effective).

    Met: enough; partly: fewer; not met: none. One query.
    """
    Model = apps.get_model(page_type)
    live = Model.objects.live()
    if _is_controlled(Model):
        live = live.filter(document_status="effective")
    agg = live.aggregate(total=Count("pk"), latest=Max("pk"))
    total = agg["total"]
    status = Status.MET if total >= min_count else Status.PARTLY if total else Status.NOT_MET
    params = {"things": _things(Model), "total": total, "min": min_count}
    text = gettext_noop("%(total)s %(things)s live and in force (at least %(min)s needed).")
    return CheckResult(status, text, params, edit_url(Model, agg["latest"]))


def _is_controlled(Model) -> bool:
    return any(f.name == "document_status" for f in Model._meta.get_fields())


@register_check("page_approved_within")
def page_approved_within(
    *, today: dt.date, page_type: str, months: int, approver_group: str
) -> CheckResult:
    """A live ``page_type`` in force, published (approved) by a member of ``approver_group``
    within ``months``.

    Met: such an approval; partly: the page is live but the last approval is older or by
    someone else; not met: no live page. Two queries.
    """

    Model = apps.get_model(page_type)
    live = Model.objects.live()
    if _is_controlled(Model):
        live = live.filter(document_status="effective")
    pages = live.aggregate(total=Count("pk"), latest=Max("pk"))
    approvals = PageLogEntry.objects.filter(
        action="wagtail.publish",
        page__in=live.values("pk"),
        user__groups__name=approver_group,
        timestamp__date__gte=months_before(today, months),
    ).aggregate(count=Count("pk"), page=Max("page_id"), last=Max("timestamp"))
    if approvals["count"]:
        status = Status.MET
    elif pages["total"]:
        status = Status.PARTLY
    else:
        status = Status.NOT_MET
    params = {
        "things": _things(Model),
        "total": pages["total"],
        "group": approver_group,
        "months": months,
        "last": approvals["last"].date().isoformat() if approvals["last"] else "—",
    }
    text = gettext_noop(
        "%(total)s %(things)s live; last approval by %(group)s within %(months)s months: %(last)s."
    )
    return CheckResult(status, text, params, edit_url(Model, approvals["page"] or pages["latest"]))


@register_check("run_approved_for_last_year")
def run_approved_for_last_year(*, today: dt.date) -> CheckResult:
    """An accounting run approved for the whole last calendar year, with an issued report
    (6.3.1 yearly accounting, 6.3.2 report).

    Met: approved and reported; partly: approved without a report, or only a finished run;
    not met: none. One query.
    """

    year = today.year - 1
    covering = AccountingRun.objects.filter(
        # monthly periods are stored as their first day
        period_start__lte=dt.date(year, 1, 1),
        period_end__gte=dt.date(year, 12, 1),
    )
    approved = Q(status=RunStatus.APPROVED)
    reported = approved & Q(reports__isnull=False)
    agg = covering.aggregate(
        done=Count("pk", filter=Q(status=RunStatus.DONE), distinct=True),
        approved=Count("pk", filter=approved, distinct=True),
        reported=Count("pk", filter=reported, distinct=True),
        reported_run=Max("pk", filter=reported),
        approved_run=Max("pk", filter=approved),
        done_run=Max("pk", filter=Q(status=RunStatus.DONE)),
    )
    if agg["reported"]:
        status = Status.MET
    elif agg["approved"] or agg["done"]:
        status = Status.PARTLY
    else:
        status = Status.NOT_MET
    params = {"year": year, "approved": agg["approved"], "reported": agg["reported"]}
    text = gettext_noop(
        "Accounting runs for %(year)s: %(approved)s approved, %(reported)s with an issued report."
    )
    run = agg["reported_run"] or agg["approved_run"] or agg["done_run"]
    return CheckResult(status, text, params, edit_url(AccountingRun, run, url_name=INSPECT_RUN))


INSPECT_RUN = "calculators_run:inspect"
