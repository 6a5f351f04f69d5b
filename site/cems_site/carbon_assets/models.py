"""Models of the carbon assets (clauses 3, 6.3, 6.5; issue 12 §5).

* :class:`CompliancePeriod` and :class:`AllowanceTransaction`: the ETS allowance ledger (配额)
  of one compliance period, against the verified emissions of its approved runs.
* :class:`CreditProject`, :class:`CreditBlock`, :class:`Retirement`: credits (CCER, VCS, GS …)
  bought as serial ranges and retired once each for a stated claim.
* :class:`NeutralityStatement`: emissions, reductions and retired credits of a boundary and
  year (ISO 14068-1 style); it balances when emissions − reductions − retired ≤ 0.

Every model keeps field-level history (django-simple-history through
:class:`cems_registers.base.RegisterModel`). Writes that must hold together go through
:mod:`.services`; the serial guard also runs in :meth:`Retirement.save`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cems_registers.base import RegisterModel
from cems_registers.models.common import document_fk, user_fk

#: Quantities of allowances and credits, tonnes CO2(e), to the kilogram.
QUANTITY = {"max_digits": 16, "decimal_places": 3}
#: Prices in yuan per tonne.
PRICE = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0")


def quantity_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, **QUANTITY, **kwargs)


def price_field():
    return models.DecimalField(
        _("unit price (yuan/t)"),
        **PRICE,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )


APPROVED_RUNS = {"status": "approved"}


class Scheme(models.TextChoices):
    NATIONAL = "national_ets", _("National carbon emissions trading scheme")
    PILOT = "pilot_ets", _("Regional pilot emissions trading scheme")
    OTHER = "other", _("Other scheme")


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Obligation fulfilled and closed")


class CompliancePeriod(RegisterModel):
    """One compliance period of an emissions trading scheme (配额履约期; 4.2.2, 6.3)."""

    name = models.CharField(_("name"), max_length=200)
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    surrender_deadline = models.DateField(
        _("surrender deadline"),
        help_text=_("Date by which allowances covering the verified emissions are surrendered."),
    )
    runs = models.ManyToManyField(
        "calculators.AccountingRun",
        verbose_name=_("accounting runs"),
        blank=True,
        related_name="+",
        limit_choices_to=APPROVED_RUNS,
        help_text=_(
            "Approved runs whose emissions, as verified, make the obligation of the period "
            "(6.3.2, 6.3.3)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    owner = user_fk()
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("scheme"),
                FieldRowPanel([FieldPanel("first_year"), FieldPanel("last_year")]),
                FieldPanel("surrender_deadline"),
            ],
            heading=_("Compliance period"),
        ),
        FieldPanel("runs"),
        FieldPanel("status"),
        FieldPanel("owner"),
        FieldPanel("notes"),
    ]

    due_date_field = "surrender_deadline"
    closed_statuses = (PeriodStatus.CLOSED,)

    class Meta:
        verbose_name = _("compliance period")
        verbose_name_plural = _("compliance periods")
        ordering = ["-first_year", "name"]

    def __str__(self):
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}–{self.last_year}"
        )
        return f"{self.name} ({years})"

    def clean(self):
        super().clean()
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": _("The last year cannot come before the first year.")}
            )

    @cached_property
    def balance(self):
        """The period's :class:`~.selectors.AllowanceBalance`: from the list's annotations,
        else two queries."""
        from .selectors import annotated_balance, period_balance  # noqa: PLC0415 — cycle: the selectors read these models

        return annotated_balance(self) or period_balance(period=self)

    @property
    def verified_tco2e(self):
        return self.balance.verified

    @property
    def held_tco2e(self):
        return self.balance.held

    @property
    def to_surrender_tco2e(self):
        return self.balance.to_surrender

    @property
    def shortfall_tco2e(self):
        return self.balance.shortfall


class TransactionKind(models.TextChoices):
    ALLOCATED = "allocated", _("Allocated")
    BOUGHT = "bought", _("Bought")
    SOLD = "sold", _("Sold")
    SURRENDERED = "surrendered", _("Surrendered")
    BANKED_IN = "banked_in", _("Banked in from an earlier period")
    BANKED_OUT = "banked_out", _("Banked out to a later period")


#: Kinds that take allowances out of the account; refused when the account cannot cover them.
OUTGOING = (TransactionKind.SOLD, TransactionKind.SURRENDERED, TransactionKind.BANKED_OUT)


class AllowanceTransaction(RegisterModel):
    """One movement of allowances in a compliance period's account (tCO2)."""

    period = models.ForeignKey(
        CompliancePeriod,
        verbose_name=_("compliance period"),
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TransactionKind.choices)
    quantity = quantity_field(
        _("quantity (tCO2)"), validators=[MinValueValidator(Decimal("0.001"))]
    )
    date = models.DateField(_("date"))
    unit_price = price_field()
    counterparty = models.CharField(
        _("counterparty"),
        max_length=200,
        blank=True,
        help_text=_("Authority, exchange or company on the other side."),
    )
    evidence = document_fk(_("evidence document"))
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("period"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("quantity")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("unit_price")]),
        FieldPanel("counterparty"),
        FieldPanel("evidence"),
        FieldPanel("note"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("allowance transaction")
        verbose_name_plural = _("allowance transactions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity} tCO2 ({self.date:%Y-%m-%d})"

    def clean(self):
        """Refuse taking out more allowances than the account holds (one lock-free read; the
        service re-checks under a lock on the period)."""
        super().clean()
        if self.period_id is None or self.quantity is None or self.kind not in OUTGOING:
            return
        from .selectors import period_balance  # noqa: PLC0415 — cycle: the selectors read these models

        held = period_balance(period=self.period).held
        if self.pk:
            previous = AllowanceTransaction.objects.filter(pk=self.pk).first()
            if previous is not None:
                held -= previous.signed_quantity
        if self.quantity > held:
            raise ValidationError(
                {
                    "quantity": _(
                        "%(kind)s %(quantity)s tCO2 is more than the %(held)s tCO2 held in "
                        "the account of %(period)s."
                    )
                    % {
                        "kind": self.get_kind_display(),
                        "quantity": self.quantity,
                        "held": held,
                        "period": self.period,
                    }
                }
            )

    @property
    def signed_quantity(self) -> Decimal:
        """The quantity with its sign on the account: outgoing kinds are negative."""
        return -self.quantity if self.kind in OUTGOING else self.quantity


class CreditType(models.TextChoices):
    CCER = "ccer", _("CCER (China certified emission reduction)")
    VCS = "vcs", _("VCS (Verra verified carbon unit)")
    GS = "gs", _("Gold Standard")
    OTHER = "other", _("Other")


class CreditProject(RegisterModel):
    """A project that issues credits, as its registry lists it."""

    registry = models.CharField(
        _("registry"), max_length=100, help_text=_("e.g. the national CCER registry, Verra.")
    )
    project_id = models.CharField(_("project ID"), max_length=100)
    name = models.CharField(_("name"), max_length=300)
    credit_type = models.CharField(_("credit type"), max_length=8, choices=CreditType.choices)
    methodology = models.CharField(
        _("methodology"), max_length=200, help_text=_("e.g. CCER-14-001-V01, VM0007.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("registry"), FieldPanel("project_id")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("credit_type"), FieldPanel("methodology")]),
        FieldPanel("location"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("credit project")
        verbose_name_plural = _("credit projects")
        ordering = ["registry", "project_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registry", "project_id"], name="cems_assets_unique_project"
            )
        ]

    def __str__(self):
        return f"{self.project_id} {self.name}"


class SerialRange(models.Model):
    """A range of serial numbers ``serial_start``–``serial_end``, both included."""

    serial_start = models.PositiveBigIntegerField(_("first serial"))
    serial_end = models.PositiveBigIntegerField(_("last serial"))

    class Meta:
        abstract = True

    @property
    def quantity(self) -> int:
        """Credits in the range (one credit = 1 tCO2e); 0 for an inverted range."""
        if self.serial_start is None or self.serial_end is None:
            return 0
        return max(0, self.serial_end - self.serial_start + 1)

    def clean_range(self):
        if (
            self.serial_start is not None
            and self.serial_end is not None
            and self.serial_end < self.serial_start
        ):
            raise ValidationError(
                {
                    "serial_end": _(
                        "The last serial %(end)s comes before the first serial %(start)s."
                    )
                    % {"end": self.serial_end, "start": self.serial_start}
                }
            )


class CreditBlock(SerialRange, RegisterModel):
    """Credits of one project and vintage bought as a serial range (prefix + numbers)."""

    project = models.ForeignKey(
        CreditProject,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="blocks",
    )
    vintage = models.PositiveSmallIntegerField(_("vintage"))
    serial_prefix = models.CharField(
        _("serial prefix"),
        max_length=100,
        help_text=_("The registry's serial without the running number, e.g. CCER-2025-001-."),
    )
    purchase_date = models.DateField(_("purchase date"))
    unit_price = price_field()
    seller = models.CharField(_("seller"), max_length=200, blank=True)
    evidence = document_fk(_("evidence document"))

    panels = [
        FieldPanel("project"),
        FieldPanel("vintage"),
        FieldPanel("serial_prefix"),
        FieldRowPanel([FieldPanel("serial_start"), FieldPanel("serial_end")]),
        FieldRowPanel([FieldPanel("purchase_date"), FieldPanel("unit_price")]),
        FieldPanel("seller"),
        FieldPanel("evidence"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("credit block")
        verbose_name_plural = _("credit blocks")
        ordering = ["-purchase_date", "serial_prefix", "serial_start"]

    def __str__(self):
        return f"{self.serial_prefix}{self.serial_start}–{self.serial_end} ({self.vintage})"

    def clean(self):
        super().clean()
        self.clean_range()
        if self.serial_start is None or self.serial_end is None:
            return
        other = (
            CreditBlock.objects.filter(
                serial_prefix=self.serial_prefix,
                serial_start__lte=self.serial_end,
                serial_end__gte=self.serial_start,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "serial_start": _(
                        "Serials %(prefix)s%(start)s–%(end)s overlap the block %(other)s "
                        "already recorded: a serial is bought once."
                    )
                    % {
                        "prefix": self.serial_prefix,
                        "start": self.serial_start,
                        "end": self.serial_end,
                        "other": other,
                    }
                }
            )

    @property
    def retired_quantity(self) -> int:
        return sum(r.quantity for r in self.retirements.all())

    @property
    def available_quantity(self) -> int:
        return self.quantity - self.retired_quantity


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class NeutralityStatement(RegisterModel):
    """A carbon neutrality statement for a boundary and year (ISO 14068-1 style; 3, 6.5).

    Emissions are the approved runs' totals; reductions are what the enterprise claims it
    reduced beyond them; retired credits are the retirements linked to the statement. It
    balances when emissions − reductions − retired ≤ 0, and only an approved statement that
    balances is published on the results disclosure of its boundary and year.
    """

    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    boundary_description = models.TextField(
        _("boundary"),
        help_text=_("The organisation, sites or product the statement covers (4.3)."),
    )
    runs = models.ManyToManyField(
        "calculators.AccountingRun",
        verbose_name=_("accounting runs"),
        blank=True,
        related_name="+",
        limit_choices_to=APPROVED_RUNS,
        help_text=_("Approved runs of the year and boundary whose totals are the emissions."),
    )
    reductions_tco2e = quantity_field(
        _("reductions claimed (tCO2e)"),
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Reductions counted against the emissions, beyond the runs' totals."),
    )
    reductions_description = models.TextField(_("how the reductions were made"), blank=True)
    claim = models.TextField(
        _("claim"), help_text=_("What is claimed, in the words that will be published.")
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=StatementStatus.choices,
        default=StatementStatus.DRAFT,
        editable=False,
    )
    approved_by = user_fk(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    owner = user_fk()

    panels = [
        FieldPanel("title"),
        FieldPanel("year"),
        FieldPanel("boundary_description"),
        FieldPanel("runs"),
        MultiFieldPanel(
            [FieldPanel("reductions_tco2e"), FieldPanel("reductions_description")],
            heading=_("Reductions"),
        ),
        FieldPanel("claim"),
        FieldPanel("owner"),
    ]

    class Meta:
        verbose_name = _("neutrality statement")
        verbose_name_plural = _("neutrality statements")
        ordering = ["-year", "title"]
        permissions = [("approve_neutralitystatement", _("Can approve neutrality statements"))]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @cached_property
    def figures(self):
        """The statement's :class:`~.selectors.NeutralityFigures`: from the list's
        annotations, else from its runs and retirements (prefetched, or two queries)."""
        from .selectors import annotated_figures, statement_figures  # noqa: PLC0415 — cycle: the selectors read these models

        return annotated_figures(self) or statement_figures(self)

    @property
    def emissions_tco2e(self):
        return self.figures.emissions

    @property
    def retired_tco2e(self):
        return self.figures.retired

    @property
    def balance_tco2e(self):
        return self.figures.balance

    @property
    def balances(self) -> bool:
        return self.figures.balances

    @property
    def is_approved(self) -> bool:
        return self.status == StatementStatus.APPROVED


class Retirement(SerialRange, RegisterModel):
    """Credits of a block retired (cancelled) for a stated claim; a serial is retired once."""

    block = models.ForeignKey(
        CreditBlock,
        verbose_name=_("credit block"),
        on_delete=models.PROTECT,
        related_name="retirements",
    )
    retired_on = models.DateField(_("retired on"))
    claim = models.TextField(_("claim"), help_text=_("What the retirement is used to claim."))
    beneficiary = models.CharField(_("beneficiary"), max_length=200, blank=True)
    registry_reference = models.CharField(
        _("registry reference"),
        max_length=200,
        blank=True,
        help_text=_("The registry's retirement (cancellation) number."),
    )
    statement = models.ForeignKey(
        NeutralityStatement,
        verbose_name=_("neutrality statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retirements",
    )

    panels = [
        FieldPanel("block"),
        FieldRowPanel([FieldPanel("serial_start"), FieldPanel("serial_end")]),
        FieldPanel("retired_on"),
        FieldPanel("claim"),
        FieldPanel("beneficiary"),
        FieldPanel("registry_reference"),
        FieldPanel("statement"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("retirement")
        verbose_name_plural = _("retirements")
        ordering = ["-retired_on", "-pk"]

    def __str__(self):
        prefix = self.block.serial_prefix if self.block_id else ""
        return f"{prefix}{self.serial_start}–{self.serial_end} ({self.retired_on:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        """Save under a lock on the block, re-checking the serials (the race guard)."""
        with transaction.atomic():
            block = CreditBlock.objects.select_for_update().get(pk=self.block_id)
            self.check_serials(block)
            super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.clean_range()
        if self.block_id is None or self.serial_start is None or self.serial_end is None:
            return
        self.check_serials(self.block)

    def check_serials(self, block: CreditBlock) -> None:
        """Refuse serials outside ``block`` or already retired; one query."""
        from .selectors import retirement_serial_error  # noqa: PLC0415 — cycle: the selectors read these models

        error = retirement_serial_error(
            block=block, start=self.serial_start, end=self.serial_end, exclude_pk=self.pk
        )
        if error is not None:
            field, message = error
            raise ValidationError({field: message})
