"""Assessments of reduction potential (T/CSES 146—2024 6.4), approved by top management.

An assessment freezes what it computed (current emissions, key sources, the ranked
opportunities, the marginal abatement cost curve and the forecast) in :attr:`results`, with the
ids of the approved accounting runs it read, so its report can be issued again unchanged.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Assessment(models.Model):
    """One assessment of reduction potential: inputs, frozen results and approval (6.4)."""

    year = models.PositiveSmallIntegerField(
        _("assessment year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year whose approved emissions are the current emissions (6.4.1)."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        validators=[MinValueValidator(2001), MaxValueValidator(2100)],
        help_text=_("The forecast runs to this year (6.4.1 b)."),
    )
    facilities = models.ManyToManyField(
        "cems_registers.Facility",
        verbose_name=_("boundary"),
        blank=True,
        related_name="+",
        help_text=_("Facilities assessed; none selected means the whole organisational boundary."),
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=6,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Yearly, as a fraction: 0.08 is 8 % (6.4.1 c)."),
    )
    production_plan = models.JSONField(
        _("production plan"),
        default=dict,
        blank=True,
        help_text=_("Planned output per year {year: quantity} for the business-as-usual forecast."),
    )
    run_ids = models.JSONField(
        _("accounting runs used"),
        default=list,
        blank=True,
        help_text=_("Ids of the approved accounting runs the assessment read."),
    )
    results = models.JSONField(_("results"), default=dict, blank=True, editable=False)
    recommendations = models.TextField(
        _("recommendations"),
        blank=True,
        help_text=_("What the assessment recommends to top management (6.4.1 d)."),
    )
    reason = models.CharField(
        _("reason for the assessment"),
        max_length=300,
        blank=True,
        help_text=_("Yearly assessment, or the significant change that triggered it (6.4.2)."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment of reduction potential")
        verbose_name_plural = _("assessments of reduction potential")
        ordering = ["-year", "-created_at", "-pk"]
        permissions = [
            ("approve_assessment", _("Can approve assessments (top management, 5.1, 6.4)"))
        ]

    def __str__(self):
        return _("Assessment %(year)s #%(id)s") % {"year": self.year, "id": self.pk}

    def clean(self):
        if self.year and self.target_year and self.target_year <= self.year:
            raise ValidationError(
                {"target_year": _("The target year must come after the assessment year.")}
            )
        if self.status == AssessmentStatus.APPROVED and self.approved_at is None:
            raise ValidationError(
                {"status": _("Only top management's approval approves an assessment (5.1).")}
            )

    @property
    def is_approved(self) -> bool:
        return self.status == AssessmentStatus.APPROVED
