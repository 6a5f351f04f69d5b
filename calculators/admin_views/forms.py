"""Forms of the calculators' admin views."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from calculators.models import BiomassTreatment, FactorSet, GwpSet
from cems_registers.models import Facility


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
                % {"start": start, "end": end}
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


class RunCreateForm(forms.Form):
    """Parameters of an accounting run (6.3.1 a–e)."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    period_start = MonthField(label=_("First month"))
    period_end = MonthField(label=_("Last month"))
    factor_sets = forms.ModelMultipleChoiceField(
        label=_("Factor sets"),
        queryset=FactorSet.objects.order_by("key", "-version"),
        help_text=_(
            "Factor-set versions; your own sets win over the built-in ones, which follow "
            "the library's default priority."
        ),
    )
    gwp_set = forms.ModelChoiceField(label=_("GWP set"), queryset=GwpSet.objects.order_by("key"))
    facilities = forms.ModelMultipleChoiceField(
        label=_("Boundary"),
        queryset=Facility.objects.order_by("code"),
        required=False,
        help_text=_("Leave empty for every facility inside the boundary (4.3)."),
    )
    biomass = forms.ChoiceField(
        label=_("Biogenic CO2"), choices=BiomassTreatment.choices, initial=BiomassTreatment.MEMO
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": start, "end": end}
            )
        return cleaned
