"""Field helpers shared by the register modules and the calculators' models (no models here).

Public: `calculators` imports `user_fk` and `LocalizedName` from here.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LocalizedName:
    """``display_name``: the English name in an English context when there is one, else
    ``name`` (Chinese, the register's language of record)."""

    @property
    def display_name(self) -> str:
        english = (translation.get_language() or "").lower().startswith("en")
        return (getattr(self, "name_en", "") if english else "") or self.name


def user_fk(verbose_name=None, related_name="+", **kwargs) -> models.ForeignKey:
    """An optional user link that survives the user's deletion (owner, approver, auditor…)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name or _("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **kwargs,
    )


def document_fk(verbose_name, **kwargs) -> models.ForeignKey:
    """An optional link to a Wagtail document used as evidence (7.3 documented information)."""
    return models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


class Likert(models.IntegerChoices):
    """Five-point scale of the 5 × 5 risk matrix (6.1)."""

    VERY_LOW = 1, _("1 – very low")
    LOW = 2, _("2 – low")
    MEDIUM = 3, _("3 – medium")
    HIGH = 4, _("4 – high")
    VERY_HIGH = 5, _("5 – very high")
