"""Internal and external issues of the organisation's context (clause 4.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from ..base import RegisterModel
from .common import user_fk


class IssueKind(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class IssueEffect(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")
    MIXED = "mixed", _("Mixed")


class ContextIssue(RegisterModel):
    """An internal or external issue relevant to carbon performance (4.1)."""

    title = models.CharField(_("issue"), max_length=200)
    kind = models.CharField(_("internal or external"), max_length=10, choices=IssueKind.choices)
    description = models.TextField(_("description"), blank=True)
    effect = models.CharField(
        _("effect"), max_length=10, choices=IssueEffect.choices, default=IssueEffect.NEGATIVE
    )
    effect_on_performance = models.TextField(
        _("effect on carbon performance"),
        blank=True,
        help_text=_("How the issue affects the intended results of the CEMS (clause 4.1)."),
    )
    strategy_link = models.TextField(
        _("link to strategy"),
        blank=True,
        help_text=_("The strategic direction or plan the issue relates to (4.1)."),
    )
    owner = user_fk()
    review_date = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("Issues are monitored and reviewed (4.1); reminders fall due on this date."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("effect"),
        FieldPanel("effect_on_performance"),
        FieldPanel("strategy_link"),
        FieldPanel("owner"),
        FieldPanel("review_date"),
    ]

    due_date_field = "review_date"

    class Meta:
        verbose_name = _("context issue")
        verbose_name_plural = _("context issues")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title
