"""Design reviews that consider carbon in products, processes and facilities (clause 8.2)."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from ..base import RegisterModel
from .common import user_fk


class DesignSubject(models.TextChoices):
    PRODUCT = "product", _("Product")
    PROCESS = "process", _("Process")
    FACILITY = "facility", _("Facility or building")
    EQUIPMENT = "equipment", _("Equipment")
    OTHER = "other", _("Other")


class DesignReview(RegisterModel):
    """A design review record with its carbon considerations and decision (clause 8.2)."""

    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(_("subject"), max_length=12, choices=DesignSubject.choices)
    stage = models.CharField(_("design stage"), max_length=100, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), default=dt.date.today)
    carbon_considerations = models.TextField(
        _("carbon considerations"),
        help_text=_("Materials, energy use, efficiency and life-cycle emissions considered (8.2)."),
    )
    expected_effect = models.TextField(_("expected effect on emissions"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    reviewers = models.CharField(_("reviewers"), max_length=300, blank=True)
    owner = user_fk()
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("subject"),
        FieldPanel("stage"),
        FieldPanel("reviewed_on"),
        FieldPanel("carbon_considerations"),
        FieldPanel("expected_effect"),
        FieldPanel("decision"),
        FieldPanel("reviewers"),
        FieldPanel("owner"),
        FieldPanel("follow_up_due"),
        FieldPanel("follow_up_done"),
    ]

    due_date_field = "follow_up_due"

    class Meta:
        verbose_name = _("design review")
        verbose_name_plural = _("design reviews")
        ordering = ["-reviewed_on"]

    def __str__(self):
        return self.title

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(follow_up_done=True)

    def is_closed(self) -> bool:
        return self.follow_up_done
