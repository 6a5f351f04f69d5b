"""Reads of the carbon assets: the allowance balance, the serial check, neutrality figures.

:func:`allowance_balance` and :func:`neutrality_figures` are the arithmetic; they issue no
query. The other functions read what they need in the number of queries they state.
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from .models import (
    ZERO,
    AllowanceTransaction,
    CompliancePeriod,
    NeutralityStatement,
    Retirement,
    StatementStatus,
    TransactionKind,
)

MILLI = Decimal("0.001")


def tonnes(value) -> Decimal:
    """A run's float total as a Decimal to the kilogram (``None`` counts as 0)."""
    return Decimal(str(value or 0)).quantize(MILLI, rounding=ROUND_HALF_UP)


@dataclasses.dataclass(frozen=True)
class AllowanceBalance:
    """The allowance account of a compliance period against its verified emissions (tCO2).

    ``held`` = allocated + bought + banked in − sold − surrendered − banked out;
    ``to_surrender`` = verified − surrendered (not below 0); ``shortfall`` = what must still
    be bought (to_surrender − held, not below 0); ``surplus`` = held − to_surrender (not below 0).
    """

    allocated: Decimal = ZERO
    bought: Decimal = ZERO
    sold: Decimal = ZERO
    surrendered: Decimal = ZERO
    banked_in: Decimal = ZERO
    banked_out: Decimal = ZERO
    verified: Decimal = ZERO

    @property
    def held(self) -> Decimal:
        return (
            self.allocated
            + self.bought
            + self.banked_in
            - self.sold
            - self.surrendered
            - self.banked_out
        )

    @property
    def to_surrender(self) -> Decimal:
        return max(ZERO, self.verified - self.surrendered)

    @property
    def shortfall(self) -> Decimal:
        return max(ZERO, self.to_surrender - self.held)

    @property
    def surplus(self) -> Decimal:
        return max(ZERO, self.held - self.to_surrender)

    @property
    def fulfilled(self) -> bool:
        """Whether allowances covering all verified emissions have been surrendered."""
        return self.to_surrender == ZERO


def allowance_balance(totals: dict[str, Decimal], verified: Decimal) -> AllowanceBalance:
    """The balance from ``{kind: total quantity}`` and the verified emissions; no query."""
    return AllowanceBalance(
        **{kind.value: totals.get(kind.value) or ZERO for kind in TransactionKind},
        verified=verified,
    )


def verified_emissions(period) -> Decimal:
    """Sum of the totals of the period's approved runs (tCO2e); one query."""
    total = period.runs.filter(status="approved").aggregate(total=Sum("total_tco2e"))["total"]
    return tonnes(total)


def transaction_totals(period) -> dict[str, Decimal]:
    """``{kind: total quantity}`` of the period's transactions; one query."""
    rows = (
        AllowanceTransaction.objects.filter(period=period)
        .values("kind")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    return {row["kind"]: row["total"] for row in rows}


def period_balance(*, period) -> AllowanceBalance:
    """The period's :class:`AllowanceBalance`; two queries."""
    return allowance_balance(transaction_totals(period), verified_emissions(period))


def retirement_serial_error(*, block, start: int, end: int, exclude_pk=None):
    """Why serials ``start``–``end`` of ``block`` cannot be retired, as ``(field, message)``,
    or ``None``; one query (none when outside the block).

    Serials outside the block, or overlapping a retirement of any block with the same
    prefix, are refused; the message names the serials, the field and the retirement.
    """
    prefix = block.serial_prefix
    if start < block.serial_start or end > block.serial_end:
        field = "serial_start" if start < block.serial_start else "serial_end"
        return field, _(
            "Serials %(prefix)s%(start)s–%(end)s are not all in the block %(block)s."
        ) % {"prefix": prefix, "start": start, "end": end, "block": block}
    clash = (
        Retirement.objects.filter(
            block__serial_prefix=prefix, serial_start__lte=end, serial_end__gte=start
        )
        .exclude(pk=exclude_pk)
        .order_by("serial_start")
        .first()
    )
    if clash is None:
        return None
    first, last = max(start, clash.serial_start), min(end, clash.serial_end)
    return "serial_start", _(
        "First serial %(start)s to last serial %(end)s: serials %(prefix)s%(first)s–%(last)s "
        "were already retired on %(date)s (retirement %(clash)s); a serial is retired once."
    ) % {
        "start": start,
        "end": end,
        "prefix": prefix,
        "first": first,
        "last": last,
        "date": f"{clash.retired_on:%Y-%m-%d}",
        "clash": clash.registry_reference or clash.pk,
    }


@dataclasses.dataclass(frozen=True)
class NeutralityFigures:
    """A statement's figures (tCO2e): balance = emissions − reductions − retired."""

    emissions: Decimal
    reductions: Decimal
    retired: Decimal

    @property
    def balance(self) -> Decimal:
        return self.emissions - self.reductions - self.retired

    @property
    def balances(self) -> bool:
        """Neutral: nothing left after reductions and retired credits (balance ≤ 0)."""
        return self.balance <= ZERO


def neutrality_figures(
    *, run_totals: list, reductions: Decimal, retired_quantities: list[int]
) -> NeutralityFigures:
    """The figures from the runs' totals, the reductions and the retirements; no query."""
    return NeutralityFigures(
        emissions=sum((tonnes(total) for total in run_totals), ZERO),
        reductions=reductions or ZERO,
        retired=Decimal(sum(retired_quantities)),
    )


def statement_figures(statement: NeutralityStatement) -> NeutralityFigures:
    """A statement's figures; its approved runs and retirements (two queries, none prefetched)."""
    return neutrality_figures(
        run_totals=[run.total_tco2e for run in statement.runs.all() if run.status == "approved"],
        reductions=statement.reductions_tco2e,
        retired_quantities=[r.quantity for r in statement.retirements.all()],
    )


def run_boundary(run) -> str:
    """The performance-series key of a run's boundary ("" = every facility); uses prefetched
    facilities when there are."""
    return ",".join(str(pk) for pk in sorted(f.pk for f in run.facilities.all()))


def published_statements(*, year: int | None, boundary: str) -> list[NeutralityStatement]:
    """Approved statements of ``year`` whose runs are all of ``boundary`` and that balance.

    One query when no approved statement has that year, five otherwise (runs, their
    facilities, the retirements and their blocks).
    """
    if year is None:
        return []
    statements = (
        NeutralityStatement.objects.filter(status=StatementStatus.APPROVED, year=year)
        .prefetch_related("runs__facilities", "retirements__block")
        .order_by("title", "pk")
    )
    shown = []
    for statement in statements:
        runs = list(statement.runs.all())
        if not runs or any(run_boundary(run) != boundary for run in runs):
            continue
        if statement.figures.balances:
            shown.append(statement)
    return shown


def _sum_subquery(queryset, group: str, expression):

    return Subquery(
        queryset.filter(**{group: OuterRef("pk")})
        .values(group)
        .annotate(total=Sum(expression))
        .values("total")[:1]
    )


def periods_with_balance(queryset):
    """Compliance periods annotated with their transaction totals by kind and verified
    emissions (``_balance_<kind>``, ``_balance_verified``): a list of any length in one query."""

    through = CompliancePeriod.runs.through.objects.filter(accountingrun__status="approved")
    annotations = {
        f"_balance_{kind.value}": _sum_subquery(
            AllowanceTransaction.objects.filter(kind=kind.value), "period", "quantity"
        )
        for kind in TransactionKind
    }
    annotations["_balance_verified"] = _sum_subquery(
        through, "complianceperiod", "accountingrun__total_tco2e"
    )
    return queryset.annotate(**annotations)


def annotated_balance(period) -> AllowanceBalance | None:
    """The balance from :func:`periods_with_balance`'s annotations, or ``None``; no query."""
    if not hasattr(period, "_balance_verified"):
        return None
    totals = {kind.value: getattr(period, f"_balance_{kind.value}") for kind in TransactionKind}
    return allowance_balance(totals, tonnes(period._balance_verified))


def statements_with_figures(queryset):
    """Statements annotated with their runs' total and retired credits
    (``_emissions``, ``_retired``): a list of any length in one query."""

    through = NeutralityStatement.runs.through.objects.filter(accountingrun__status="approved")
    return queryset.annotate(
        _emissions=_sum_subquery(through, "neutralitystatement", "accountingrun__total_tco2e"),
        _retired=_sum_subquery(
            Retirement.objects.all(), "statement", F("serial_end") - F("serial_start") + 1
        ),
    )


def annotated_figures(statement) -> NeutralityFigures | None:
    """The figures from :func:`statements_with_figures`'s annotations, or ``None``; no query."""
    if not hasattr(statement, "_emissions"):
        return None
    return NeutralityFigures(
        emissions=tonnes(statement._emissions),
        reductions=statement.reductions_tco2e or ZERO,
        retired=Decimal(statement._retired or 0),
    )
