"""Factor library: versioned factor sets with provenance, and GWP sets (6.3.1 e, 8.5).

A factor set that a finished accounting run used (done or approved) is *frozen*: neither the
set nor its factors can be changed or deleted any more (6.3.2: the run must stay
reproducible, and its approval must find the factors it computed with). A new version is a
copy with ``version + 1`` (:func:`calculators.services.factors.factor_set_new_version`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from cems_registers.models.common import LocalizedName


class Verification(models.TextChoices):
    """How well a default value was checked (reference/ACCOUNTING.md tags)."""

    VERIFIED = "V", _("Verified in the source named")
    TRANSCRIBED = "T", _("Seen in a third-party transcription")
    UNVERIFIED = "M", _("General knowledge, not checked")
    MEASURED = "measured", _("Measured by the enterprise")


class GasGroup(models.TextChoices):
    """The seven greenhouse gases or gas groups of clause 3 (GB/T 32150)."""

    CO2 = "CO2", "CO2"
    CH4 = "CH4", "CH4"
    N2O = "N2O", "N2O"
    HFCS = "HFCs", "HFCs"
    PFCS = "PFCs", "PFCs"
    SF6 = "SF6", "SF6"
    NF3 = "NF3", "NF3"


class FrozenError(ValidationError):
    """Raised on any change of a frozen factor set or of one of its factors."""


#: Why a frozen set or factor cannot change; the admin offers a new version with it.
FROZEN_MESSAGE = _(
    "This factor set was used by a finished accounting run and is frozen; "
    "create a new version instead (clause 6.3.2)."
)


def _frozen_error() -> FrozenError:
    return FrozenError(FROZEN_MESSAGE, code="frozen")


class CitationFields(models.Model):
    """Where a value was published, for a verifier in the report's language (6.3.2, 8.5).

    ``citation`` (Chinese, the default language) and ``citation_en`` name the official
    publication: issuer, title, document number, date, table. ``retrieved_from`` records where
    the text was actually read (a web page, a copy, a transcription); it is kept for the
    record and never printed in reports. The older ``source`` text stays as loaded: it is part
    of the factors a run hashed. Citations are documentation, not inputs of a computation.
    """

    citation = models.TextField(
        _("citation"),
        blank=True,
        help_text=_(
            "The official publication in Chinese: issuer, title, document number, date, table."
        ),
    )
    citation_en = models.TextField(
        _("citation (English)"),
        blank=True,
        help_text=_("The same citation in English."),
    )
    retrieved_from = models.TextField(
        _("retrieved from"),
        blank=True,
        help_text=_("Where the text was read (web address, copy); not printed in reports."),
    )

    class Meta:
        abstract = True

    def citation_in(self, language: str) -> str:
        """The citation in ``language`` (``en…`` English, else Chinese), else the other one."""
        if str(language).lower().startswith("en"):
            return self.citation_en or self.citation
        return self.citation or self.citation_en

    @property
    def display_citation(self) -> str:
        """The citation in the active language (admin lists)."""
        return self.citation_in(translation.get_language() or "")


class FactorSet(CitationFields, LocalizedName, models.Model):
    """A versioned set of emission factors and parameters (clause 6.3.1 e).

    ``key`` + ``version`` identify a set; built-in sets are loaded from
    ``calculators/data/`` by ``manage.py cems_load_factors``.
    """

    key = models.SlugField(
        _("key"), max_length=80, help_text=_("Stable identifier, e.g. cn_default.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    frozen = models.BooleanField(
        _("frozen"),
        default=False,
        editable=False,
        help_text=_(
            "Set when a finished accounting run used this set; frozen sets cannot change (6.3.2)."
        ),
    )
    is_builtin = models.BooleanField(_("built-in"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor set")
        verbose_name_plural = _("factor sets")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], name="calculators_factorset_key_version"
            )
        ]
        permissions = [("new_version_factorset", _("Can create a new version of a factor set"))]

    def __str__(self):
        return f"{self.name} ({self.key} v{self.version})"

    def save(self, *args, **kwargs):
        if self._frozen_in_db():
            raise _frozen_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._frozen_in_db():
            raise _frozen_error()
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk and self._frozen_in_db():
            raise _frozen_error()

    def _frozen_in_db(self) -> bool:
        if not self.pk:
            return False
        return FactorSet.objects.filter(pk=self.pk, frozen=True).exists()

    @property
    def label(self) -> str:
        return f"{self.key} v{self.version}"


class Factor(CitationFields, models.Model):
    """One parameter of one material in a factor set, with its provenance (6.3.1 e, 8.5).

    ``parameter`` is the engine's name (``ncv``, ``carbon_content``, ``oxidation_rate``,
    ``ef`` …); ``gas`` is empty for gas-independent parameters; ``unit`` is a unit string
    of the project's pint registry.
    """

    factor_set = models.ForeignKey(
        FactorSet, on_delete=models.CASCADE, related_name="factors", verbose_name=_("factor set")
    )
    material = models.CharField(_("material"), max_length=80, db_index=True)
    parameter = models.CharField(_("parameter"), max_length=40)
    gas = models.CharField(_("gas"), max_length=40, blank=True)
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.TextField(_("source"), blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=40, blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.MEASURED,
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        ordering = ["factor_set", "material", "parameter", "gas"]
        constraints = [
            models.UniqueConstraint(
                fields=["factor_set", "material", "parameter", "gas", "region"],
                name="calculators_factor_unique",
            )
        ]

    def __str__(self):
        gas = f" {self.gas}" if self.gas else ""
        return f"{self.material} {self.parameter}{gas} = {self.value:g} {self.unit}"

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        self._refuse_if_frozen()

    def _refuse_if_frozen(self):
        set_ids = {self.factor_set_id}
        if self.pk:
            old = Factor.objects.filter(pk=self.pk).values_list("factor_set_id", flat=True).first()
            if old:
                set_ids.add(old)
        if FactorSet.objects.filter(pk__in=[i for i in set_ids if i], frozen=True).exists():
            raise _frozen_error()


class GwpSet(CitationFields, models.Model):
    """A set of 100-year global warming potentials (clause 3): SAR, AR4, AR5, AR6."""

    key = models.SlugField(_("key"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("GWP set")
        verbose_name_plural = _("GWP sets")
        ordering = ["key"]

    def __str__(self):
        return self.key


class GwpValue(models.Model):
    """GWP-100 of one species or blend; ``gas_group`` is one of the seven groups."""

    gwp_set = models.ForeignKey(
        GwpSet, on_delete=models.CASCADE, related_name="values", verbose_name=_("GWP set")
    )
    species = models.CharField(_("species"), max_length=40)
    gas_group = models.CharField(_("gas group"), max_length=10, choices=GasGroup.choices)
    value = models.FloatField(_("GWP-100"))
    composition = models.JSONField(
        _("composition"),
        default=dict,
        blank=True,
        help_text=_('For blends: mass fraction of each species, e.g. {"HFC-32": 0.5}.'),
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("GWP value")
        verbose_name_plural = _("GWP values")
        ordering = ["gwp_set", "gas_group", "species"]
        constraints = [
            models.UniqueConstraint(fields=["gwp_set", "species"], name="calculators_gwp_unique")
        ]

    def __str__(self):
        return f"{self.species} ({self.gwp_set_id}) = {self.value:g}"


@receiver(pre_delete, sender=Factor)
@receiver(pre_delete, sender=FactorSet)
def refuse_deleting_frozen(sender, instance, **kwargs):
    """Refuse deleting a frozen set or its factors however it is asked (6.3.2).

    ``Model.delete()`` checks too; this also covers queryset deletes (Wagtail's bulk delete,
    the shell), which do not call it. Raised inside the delete's transaction: nothing goes.
    """
    set_id = instance.pk if sender is FactorSet else instance.factor_set_id
    if FactorSet.objects.filter(pk=set_id, frozen=True).exists():
        raise _frozen_error()
