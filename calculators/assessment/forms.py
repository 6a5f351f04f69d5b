"""The assessment form (6.4): inputs of an assessment; errors name the field and the value."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculators.core import assessment as core
from cems_registers.models import Facility

#: A production-plan line: a year, then ``:``, ``=``, a space or a tab, then a quantity.
PLAN_LINE = re.compile(r"^\s*(\d{4})\s*(?:[:=：\s])\s*([^\s].*?)\s*$")


def parse_plan(text: str) -> dict[int, float]:
    """``"2026: 12500"`` lines as ``{2026: 12500.0}``; ``ValidationError`` naming the line."""
    plan: dict[int, float] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = PLAN_LINE.match(line)
        value = match.group(2).replace(",", "") if match else ""
        try:
            quantity = float(value)
        except ValueError:
            quantity = float("nan")
        if not match or not quantity >= 0:
            raise forms.ValidationError(
                gettext(
                    "Line %(line)s: %(value)s is not a year and a planned output "
                    "(write e.g. 2026: 12500)."
                )
                % {"line": number, "value": line.strip()}
            )
        plan[int(match.group(1))] = quantity
    return plan


def plan_text(plan: dict) -> str:
    return "\n".join(f"{year}: {value:g}" for year, value in sorted((plan or {}).items()))


class AssessmentForm(forms.Form):
    year = forms.IntegerField(
        label=capfirst(_("assessment year")),
        min_value=2000,
        max_value=2100,
        help_text=_("The year whose approved emissions are the current emissions (6.4.1)."),
    )
    target_year = forms.IntegerField(
        label=capfirst(_("target year")),
        min_value=2001,
        max_value=2100,
        help_text=_("The forecast runs to this year (6.4.1 b)."),
    )
    discount_rate = forms.CharField(
        label=capfirst(_("discount rate")),
        max_length=20,
        help_text=_("Yearly, as a fraction (0.08) or in per cent (8%) (6.4.1 c)."),
    )
    facilities = forms.ModelMultipleChoiceField(
        label=capfirst(_("boundary")),
        queryset=Facility.objects.filter(in_boundary=True).order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: the whole organisational boundary."),
    )
    production_plan = forms.CharField(
        label=capfirst(_("production plan")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line per year: year and planned output in t, e.g. 2026: 12500."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason for the assessment")),
        max_length=300,
        required=False,
        help_text=_("Yearly assessment, or the significant change that triggered it (6.4.2)."),
    )
    recommendations = forms.CharField(
        label=capfirst(_("recommendations")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_discount_rate(self):
        value = self.cleaned_data["discount_rate"]
        try:
            rate = core.check_rate(value)
        except core.AssessmentInputError as exc:
            raise forms.ValidationError(
                gettext(exc.message) % {**exc.params, "field": self.fields["discount_rate"].label}
            ) from exc
        return Decimal(str(round(rate, 4)))

    def clean_production_plan(self):
        return parse_plan(self.cleaned_data.get("production_plan", ""))

    def clean(self):
        data = super().clean()
        year, target = data.get("year"), data.get("target_year")
        if year and target and target <= year:
            self.add_error(
                "target_year", gettext("The target year must come after the assessment year.")
            )
        return data

    @classmethod
    def initial_for(cls, assessment=None, *, discount_rate=None) -> dict:
        if assessment is None:
            year = timezone.localdate().year - 1
            return {
                "year": year,
                "target_year": max(2030, year + 5),
                "discount_rate": str(discount_rate),
            }
        return {
            "year": assessment.year,
            "target_year": assessment.target_year,
            "discount_rate": str(assessment.discount_rate),
            "facilities": list(assessment.facilities.all()),
            "production_plan": plan_text(
                {int(k): float(v) for k, v in assessment.production_plan.items()}
            ),
            "reason": assessment.reason,
            "recommendations": assessment.recommendations,
        }
