"""Management reviews: inputs gathered from the registers and decisions (clause 9.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk


class DecisionKind(models.TextChoices):
    IMPROVEMENT = "improvement", _("Continual improvement")
    CHANGE = "change", _("Change to the CEMS")
    RESOURCES = "resources", _("Resources")
    OBJECTIVES = "objectives", _("Objectives")
    OTHER = "other", _("Other")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class ManagementReview(RegisterModel, ClusterableModel):
    """A management review with the inputs it considered and its outputs (clause 9.5).

    ``inputs`` is a JSON snapshot taken from the registers when the review is created
    (see ``cems_registers.services.management_review``), so later edits of the
    registers do not change what the review saw.
    """

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    chair = user_fk(_("chair"))
    attendees = models.TextField(_("attendees"), blank=True)
    inputs = models.JSONField(
        _("inputs (structured)"),
        default=dict,
        blank=True,
        help_text=_("Snapshot of the register inputs listed in clause 9.5."),
    )
    inputs_text = models.TextField(_("inputs"), blank=True)
    conclusions = models.TextField(
        _("conclusions"),
        blank=True,
        help_text=_("Suitability, adequacy and effectiveness of the CEMS (9.5)."),
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("held_on"),
        FieldPanel("chair"),
        FieldPanel("attendees"),
        FieldPanel("inputs_text"),
        FieldPanel("conclusions"),
        InlinePanel(
            "decisions",
            heading=_("Decisions and actions"),
            label=_("decision"),
            panels=[
                FieldPanel("kind"),
                FieldPanel("decision"),
                FieldPanel("owner"),
                FieldPanel("due_date"),
                FieldPanel("status"),
            ],
        ),
        FieldPanel("next_review"),
    ]

    due_date_field = "next_review"
    owner_field = "chair"

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class ReviewDecision(RegisterModel):
    """A decision or action that is an output of a management review (clause 9.5)."""

    review = ParentalKey(
        ManagementReview,
        verbose_name=_("management review"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=DecisionKind.choices, default=DecisionKind.IMPROVEMENT
    )
    decision = models.TextField(_("decision"))
    owner = user_fk()
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )

    panels = [
        FieldPanel("review"),
        FieldPanel("kind"),
        FieldPanel("decision"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("management review decision")
        verbose_name_plural = _("management review decisions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.decision[:80]

    closed_statuses = (DecisionStatus.DONE,)
