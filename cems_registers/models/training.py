"""Training plans and sessions, and competence per role with qualification expiry (7.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import document_fk, user_fk


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class CompetenceResult(models.TextChoices):
    COMPETENT = "competent", _("Competent")
    NEEDS_TRAINING = "needs_training", _("Needs training")
    NOT_ASSESSED = "not_assessed", _("Not yet assessed")


class TrainingPlan(RegisterModel, ClusterableModel):
    """A yearly or topical training and awareness plan (clause 7.2)."""

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    topics = models.TextField(
        _("topics"), help_text=_("Competence and awareness the plan builds (clause 7.2).")
    )
    owner = user_fk()
    due_date = models.DateField(_("completion due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("year"),
        FieldPanel("audience"),
        FieldPanel("topics"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        InlinePanel(
            "sessions",
            heading=_("Sessions"),
            label=_("session"),
            panels=[
                FieldPanel("held_on"),
                FieldPanel("topic"),
                FieldPanel("trainer"),
                FieldPanel("hours"),
                FieldPanel("attendees"),
                FieldPanel("attendee_count"),
                FieldPanel("evaluation"),
            ],
        ),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.year} {self.title}"

    closed_statuses = (TrainingStatus.COMPLETED,)


class TrainingSession(RegisterModel):
    """A training session held under a plan, with its attendees (clause 7.2)."""

    plan = ParentalKey(
        TrainingPlan,
        verbose_name=_("training plan"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=1)
    attendees = models.TextField(_("attendees"), blank=True, help_text=_("Names, one per line."))
    attendee_count = models.PositiveIntegerField(_("number of attendees"), default=0)
    evaluation = models.TextField(_("evaluation of effectiveness"), blank=True)

    panels = [
        FieldPanel("plan"),
        FieldPanel("held_on"),
        FieldPanel("topic"),
        FieldPanel("trainer"),
        FieldPanel("hours"),
        FieldPanel("attendees"),
        FieldPanel("attendee_count"),
        FieldPanel("evaluation"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


class Competence(RegisterModel):
    """A person's competence for a CEMS role and when their qualification expires (7.2)."""

    person = user_fk(_("person"))
    person_name = models.CharField(_("person's name"), max_length=100)
    responsibility = models.ForeignKey(
        "cems_registers.Responsibility",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competences",
    )
    required = models.TextField(
        _("competence required"), help_text=_("Education, training or experience needed (7.2).")
    )
    qualification = models.CharField(_("qualification or certificate"), max_length=200, blank=True)
    certificate = document_fk(_("certificate"))
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    result = models.CharField(
        _("assessment"),
        max_length=16,
        choices=CompetenceResult.choices,
        default=CompetenceResult.NOT_ASSESSED,
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("person_name"),
        FieldPanel("responsibility"),
        FieldPanel("required"),
        FieldPanel("qualification"),
        FieldPanel("certificate"),
        FieldPanel("obtained_on"),
        FieldPanel("expires_on"),
        FieldPanel("result"),
    ]

    due_date_field = "expires_on"
    owner_field = "person"

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["person_name"]

    def __str__(self):
        return (
            f"{self.person_name} – {self.qualification}" if self.qualification else self.person_name
        )
