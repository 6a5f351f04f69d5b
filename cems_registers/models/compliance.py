"""Compliance obligations (clause 4.2.2) and their evaluations (clause 9.2)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import document_fk, user_fk


class ObligationKind(models.TextChoices):
    LAW = "law", _("Law")
    REGULATION = "regulation", _("Regulation")
    STANDARD = "standard", _("Standard")
    CONTRACT = "contract", _("Contract")
    VOLUNTARY = "voluntary", _("Voluntary commitment")


class ObligationStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PENDING = "pending", _("Not yet in force")
    WITHDRAWN = "withdrawn", _("Withdrawn or superseded")


class EvaluationResult(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    PARTIAL = "partial", _("Partly compliant")
    NONCOMPLIANT = "noncompliant", _("Not compliant")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ComplianceObligation(RegisterModel, ClusterableModel):
    """A law, regulation or other requirement on carbon the enterprise applies (4.2.2)."""

    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    clause = models.CharField(_("applicable clause"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=ObligationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ObligationStatus.choices,
        default=ObligationStatus.IN_FORCE,
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    applicability = models.TextField(
        _("applicability"),
        blank=True,
        help_text=_("Which units, sources or activities the requirement applies to (4.2.2)."),
    )
    how_applied = models.TextField(
        _("how it is applied"),
        blank=True,
        help_text=_("The procedure, control or record through which it is met (4.2.2)."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        help_text=_("Compliance is evaluated at this interval (clause 9.2)."),
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)
    owner = user_fk()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("issuer"),
                FieldPanel("number"),
                FieldPanel("clause"),
                FieldPanel("kind"),
                FieldPanel("status"),
                FieldPanel("effective_date"),
            ],
            heading=_("Requirement"),
        ),
        FieldPanel("applicability"),
        FieldPanel("how_applied"),
        MultiFieldPanel(
            [FieldPanel("review_interval_months"), FieldPanel("next_review"), FieldPanel("owner")],
            heading=_("Review"),
        ),
        InlinePanel(
            "evaluations",
            heading=_("Compliance evaluations (9.2)"),
            label=_("evaluation"),
            panels=[
                FieldPanel("evaluated_on"),
                FieldPanel("result"),
                FieldPanel("evidence"),
                FieldPanel("evidence_document"),
                FieldPanel("actions"),
                FieldPanel("evaluator"),
                FieldPanel("owner"),
                FieldPanel("action_due"),
                FieldPanel("actions_done"),
            ],
        ),
    ]

    due_date_field = "next_review"

    class Meta:
        verbose_name = _("compliance obligation")
        verbose_name_plural = _("compliance obligations")
        ordering = ["kind", "title"]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    closed_statuses = (ObligationStatus.WITHDRAWN,)


class ComplianceEvaluation(RegisterModel):
    """One evaluation of compliance with an obligation, with its evidence and actions (9.2)."""

    obligation = ParentalKey(
        ComplianceObligation,
        verbose_name=_("compliance obligation"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    evaluated_on = models.DateField(_("date"), default=dt.date.today)
    result = models.CharField(_("result"), max_length=16, choices=EvaluationResult.choices)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Records examined in the evaluation (9.2).")
    )
    evidence_document = document_fk(_("evidence document"))
    actions = models.TextField(
        _("actions"),
        blank=True,
        help_text=_("Actions taken where the requirement is not fully met (9.2, 10.2)."),
    )
    evaluator = user_fk(_("evaluator"))
    owner = user_fk(_("owner of the actions"))
    action_due = models.DateField(_("actions due"), null=True, blank=True)
    actions_done = models.BooleanField(_("actions done"), default=False)

    panels = [
        FieldPanel("obligation"),
        FieldPanel("evaluated_on"),
        FieldPanel("result"),
        FieldPanel("evidence"),
        FieldPanel("evidence_document"),
        FieldPanel("actions"),
        FieldPanel("evaluator"),
        FieldPanel("owner"),
        FieldPanel("action_due"),
        FieldPanel("actions_done"),
    ]

    due_date_field = "action_due"
    #: Read with the record by the "What is due" panel: ``__str__`` names the obligation.
    due_title_related = ("obligation",)

    class Meta:
        verbose_name = _("compliance evaluation")
        verbose_name_plural = _("compliance evaluations")
        ordering = ["-evaluated_on"]

    def __str__(self):
        return f"{self.obligation} – {self.evaluated_on:%Y-%m-%d}"

    def clean(self):
        if (
            self.result in {EvaluationResult.PARTIAL, EvaluationResult.NONCOMPLIANT}
            and not self.actions
        ):
            raise ValidationError(
                {"actions": _("Record the actions for a result that is not fully compliant (9.2).")}
            )

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(actions_done=True) | models.Q(
            result__in=[EvaluationResult.COMPLIANT, EvaluationResult.NOT_APPLICABLE]
        )

    def is_closed(self) -> bool:
        return self.actions_done or self.result in {
            EvaluationResult.COMPLIANT,
            EvaluationResult.NOT_APPLICABLE,
        }
