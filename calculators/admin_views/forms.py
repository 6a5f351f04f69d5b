"""Forms of the calculators' admin views."""

import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from calculators.models import BiomassTreatment, FactorSet, GwpSet
from cems_registers.models import Facility, FacilityKind


class MonthField(forms.DateField):
    """A month written ``YYYY-MM`` (HTML month input); cleans to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        date = super().to_python(value)
        return date.replace(day=1) if isinstance(date, dt.date) else date


class DatasetUploadForm(forms.Form):
    """Upload of an activity-data file in the import template (8.5)."""

    file = forms.FileField(
        label=_("Activity-data file"),
        help_text=_("CSV or XLSX in the import template; all rows are checked, all or nothing."),
    )
    period_start = MonthField(label=_("First month"))
    period_end = MonthField(label=_("Last month"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.CEMS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the largest accepted is %(limit)s bytes.")
                % {"size": upload.size, "limit": settings.CEMS_MAX_UPLOAD_BYTES}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}
            )
        return cleaned


class DatasetReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)
    adds_to_approved = forms.BooleanField(
        label=_("Its rows add to the approved data for the same sources and months"),
        required=False,
        help_text=_("Only when it does not replace that data (8.5)."),
    )


class DatasetWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with the dataset. New runs leave it out; runs that used it keep it (8.5)."
        ),
    )


def _english() -> bool:
    return (translation.get_language() or "").lower().startswith("en")


def _month(date: dt.date) -> str:
    return f"{date:%Y-%m}"


class FactorSetChoiceField(forms.ModelMultipleChoiceField):
    """Factor-set versions as ``key vN — name``, the name in the user's language.

    The queryset orders by key, case-insensitively so that SQLite and PostgreSQL agree,
    then newest version first.
    """

    def label_from_instance(self, obj: FactorSet) -> str:
        name = (obj.name_en or obj.name) if _english() else obj.name
        return f"{obj.key} v{obj.version} — {name}"


#: GWP sets from the oldest IPCC assessment report to the newest (clause 3).
GWP_ORDER = ("SAR", "AR4", "AR5", "AR6")
#: GWP set offered first: AR5, as the demo runs use (``calculators.demo.DEMO_GWP``).
DEFAULT_GWP = "AR5"
#: English names of the shipped GWP sets: data, the counterpart of ``GwpSet.name`` (Chinese),
#: as ``name_en`` is of a factor set's name; the model has no English name field.
GWP_NAMES_EN = {
    "SAR": "GWP-100, IPCC Second Assessment Report (1995)",
    "AR4": "GWP-100, IPCC Fourth Assessment Report (2007)",
    "AR5": "GWP-100, IPCC Fifth Assessment Report (2013)",
    "AR6": "GWP-100, IPCC Sixth Assessment Report (2021)",
}


class GwpSetChoiceField(forms.ModelChoiceField):
    """GWP sets as ``key — name``, the name in the user's language."""

    def label_from_instance(self, obj: GwpSet) -> str:
        name = GWP_NAMES_EN.get(obj.key, obj.name) if _english() else obj.name
        return f"{obj.key} — {name}" if name and name != obj.key else obj.key


class FacilityChoiceField(forms.ModelMultipleChoiceField):
    """Facilities as ``code name``, the name in the user's language."""

    def label_from_instance(self, obj: Facility) -> str:
        name = (obj.name_en or obj.name) if _english() else obj.name
        return f"{obj.code} {name}"


def gwp_sets_chronological():
    """GWP sets in the order of :data:`GWP_ORDER`, others after it by key."""
    rank = Case(
        *(When(key=key, then=Value(i)) for i, key in enumerate(GWP_ORDER)),
        default=Value(len(GWP_ORDER)),
        output_field=IntegerField(),
    )
    return GwpSet.objects.annotate(chronology=rank).order_by("chronology", "key")


def boundary_facilities():
    """Units a run may be limited to: inside the CEMS boundary (4.3), not the company level.

    The company is the reporting entity, not a unit with emission sources of its own.
    """
    return (
        Facility.objects.filter(in_boundary=True)
        .exclude(kind=FacilityKind.COMPANY)
        .order_by("code")
    )


class RunCreateForm(forms.Form):
    """Parameters of an accounting run (6.3.1 a–e).

    At most one version of each factor set: two versions of one key hold the same factors
    with different values, and the run must record which one it used (6.3.1 e, 6.3.2).
    """

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    period_start = MonthField(label=_("First month"))
    period_end = MonthField(label=_("Last month"))
    factor_sets = FactorSetChoiceField(
        label=_("Factor sets"),
        queryset=FactorSet.objects.order_by(Lower("key"), "key", "-version"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "One version of each set (6.3.1 e). Your own sets win over the built-in ones, "
            "which follow the library's default priority; yearly sets of one series (e.g. "
            "electricity factors) are chosen by the year of the activity data."
        ),
    )
    gwp_set = GwpSetChoiceField(label=_("GWP set"), queryset=gwp_sets_chronological())
    facilities = FacilityChoiceField(
        label=_("Boundary"),
        queryset=boundary_facilities(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every facility inside the boundary (4.3)."),
    )
    biomass = forms.ChoiceField(
        label=_("Biogenic CO2"), choices=BiomassTreatment.choices, initial=BiomassTreatment.MEMO
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["gwp_set"].initial = (
                GwpSet.objects.filter(key=DEFAULT_GWP).values_list("pk", flat=True).first()
            )

    def clean_factor_sets(self):
        sets = self.cleaned_data["factor_sets"]
        versions: dict[str, list[int]] = {}
        for factor_set in sets:
            versions.setdefault(factor_set.key, []).append(factor_set.version)
        errors = [
            forms.ValidationError(
                _("Choose one version of %(key)s: versions %(versions)s are chosen (6.3.1 e)."),
                code="factor_set_versions",
                params={
                    "key": key,
                    "versions": ", ".join(f"v{v}" for v in sorted(found)),
                },
            )
            for key, found in sorted(versions.items())
            if len(found) > 1
        ]
        if errors:
            raise forms.ValidationError(errors)
        return sets

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end",
                forms.ValidationError(
                    _("The period ends (%(end)s) before it starts (%(start)s)."),
                    code="period",
                    params={"start": _month(start), "end": _month(end)},
                ),
            )
        return cleaned
