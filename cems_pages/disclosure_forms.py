"""Admin form of the results disclosure page (5.2.1 g, 9.1, 7.3.3).

Imported by :mod:`cems_pages.models.disclosure` at class definition, so it imports no page
model.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from calculators.models import AccountingRun, RunStatus
from cems_pages.forms import ControlledDocumentForm

#: The form's value for the whole boundary, whose series key is the empty string.
WHOLE_BOUNDARY = "*"


class ResultsDisclosureForm(ControlledDocumentForm):
    """Every save takes a fresh snapshot of the chosen run's, or series year's, figures.

    Exactly one of a run and a year of the performance series is chosen (with the boundary
    when the year is in the series of several). A run that is not approved, or that a later
    approved run has superseded, a year without approved data, a year in several boundaries
    with none chosen, or a month from several runs is refused with the reason on its field;
    nothing is saved then.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "run" in self.fields:
            # the choice lists approved runs; a superseded one is refused by clean()
            self.fields["run"].queryset = AccountingRun.objects.filter(
                status=RunStatus.APPROVED
            ).order_by("-period_start", "-pk")
        if "series_year" in self.fields:
            self._series_fields()

    def _series_fields(self) -> None:
        """Year and boundary choices from the series' approved rows (two queries)."""
        from calculators.disclosure_series import boundary_labels, series_years  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        years_of = series_years()
        years = sorted({y for ys in years_of.values() for y in ys}, reverse=True)
        if self.instance.series_year and self.instance.series_year not in years:
            years.insert(0, self.instance.series_year)
        old = self.fields["series_year"]
        # an integer shown as a list: a year without data gets its reason, not "invalid choice"
        self.fields["series_year"] = forms.IntegerField(
            label=old.label,
            help_text=old.help_text,
            required=False,
            min_value=1900,
            max_value=2999,
            widget=forms.Select(choices=[("", "---------"), *((y, str(y)) for y in years)]),
        )
        labels = boundary_labels(years_of)
        boundary_choices = [
            (
                key or WHOLE_BOUNDARY,
                _("%(boundary)s (%(years)s)")
                % {"boundary": labels[key], "years": ", ".join(str(y) for y in years_of[key])},
            )
            for key in sorted(years_of)
        ]
        old = self.fields["series_boundary"]
        self.fields["series_boundary"] = forms.ChoiceField(
            label=old.label,
            help_text=old.help_text,
            required=False,
            choices=[("", "---------"), *boundary_choices],
        )
        if self.instance.series_year is not None:
            key = self.instance.series_boundary
            self.initial["series_boundary"] = key or WHOLE_BOUNDARY

    def clean(self):
        cleaned = super().clean()
        from calculators.disclosure import NotDisclosable  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        from .models.disclosure import CHOOSE_ONE, NOT_BOTH  # noqa: PLC0415 — cycle: the disclosure page model names this form as its base_form_class

        # the model's clean() leaves the choice to this form (one message per error)
        self.instance.choice_checked = True
        run = cleaned.get("run")
        year = cleaned.get("series_year")
        chosen = cleaned.pop("series_boundary", "") or ""
        if self.errors.get("run") or self.errors.get("series_year"):
            return cleaned
        if run is not None and year is not None:
            self.add_error("run", NOT_BOTH)
            self.add_error("series_year", NOT_BOTH)
            return cleaned
        if run is None and year is None:
            self.add_error("run", CHOOSE_ONE)
            return cleaned
        self.instance.run = run
        self.instance.series_year = year
        boundary = None if not chosen else ("" if chosen == WHOLE_BOUNDARY else chosen)
        self.instance.series_boundary = ""  # the choice below, or the year's only boundary
        try:
            self.instance.take_figures(boundary=boundary)
        except NotDisclosable as exc:
            self.add_error("run" if run is not None else "series_year", str(exc))
        cleaned["series_boundary"] = self.instance.series_boundary
        return cleaned
