"""Stored readiness assessments and the clauses the enterprise records as not applicable.

``ReadinessAssessment.results`` is a snapshot of the evaluated clause table (see
:func:`.selectors.readiness_evaluate`): texts are msgids with parameters, translated when
shown, so the history reads in its reader's language and never changes after it is taken.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import CLAUSES


class ReadinessAssessment(models.Model):
    """One taken self-assessment against T/CSES 146—2024 chapters 4–10 (progress over time)."""

    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    as_of = models.DateField(_("as of"), help_text=_("The day the checks were evaluated for."))
    results = models.JSONField(_("results"), default=dict)
    score = models.FloatField(
        _("score"),
        null=True,
        blank=True,
        help_text=_("Met = 1, partly = 0.5, not applicable excluded; share of the applicable."),
    )

    class Meta:
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        ordering = ["-taken_at", "-pk"]
        default_permissions = ("add", "view")

    def __str__(self):
        return _("Readiness assessment of %(date)s") % {"date": self.as_of.isoformat()}


class ClauseExclusion(models.Model):
    """A clause the enterprise records as not applicable, with its reason (4.3 applicability)."""

    clause = models.CharField(_("clause"), max_length=10, unique=True)
    reason = models.TextField(
        _("reason"), help_text=_("Why the clause does not apply to the enterprise (4.3).")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("clause not applicable")
        verbose_name_plural = _("clauses not applicable")
        ordering = ["clause"]

    def __str__(self):
        return self.clause

    def clean(self):

        if self.clause not in {c["clause"] for c in CLAUSES}:
            raise ValidationError(
                {
                    "clause": _("%(clause)s is not a clause of the standard.")
                    % {"clause": self.clause}
                }
            )
        if not (self.reason or "").strip():
            raise ValidationError(
                {
                    "reason": _("Give the reason why clause %(clause)s does not apply.")
                    % {"clause": self.clause}
                }
            )
