"""Forms of the calculators' admin views."""

import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from calculators.models import Factor, FactorSet, GwpSet
from calculators.rules import (
    DEFAULT_BIOMASS,
    DEFAULT_CH4,
    DEFAULT_ELECTRICITY,
    BiomassRule,
    Ch4Rule,
    ElectricityMethod,
)
from calculators.services.upload_keep import upload_keep, upload_kept
from cems_registers.models import Facility, FacilityKind


class MonthField(forms.DateField):
    """A month written ``YYYY-MM`` (HTML month input); cleans to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        date = super().to_python(value)
        return date.replace(day=1) if isinstance(date, dt.date) else date


class DatasetUploadForm(forms.Form):
    """Upload of an activity-data file in the import template (8.5).

    A file that came with a wrong field is kept (:mod:`calculators.services.upload_keep`):
    the form shown again names it, and submitting without choosing another file uses it.
    """

    file = forms.FileField(
        label=_("Activity-data file"),
        required=False,
        help_text=_("CSV or XLSX in the import template; all rows are checked, all or nothing."),
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    period_start = MonthField(label=_("First month"))
    period_end = MonthField(label=_("Last month"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        #: name of the file kept from the previous try, shown beside the file input
        self.kept_name = ""
        #: (name, bytes) of the file to submit: the upload, or the kept one
        self.upload: tuple[str, bytes] | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return upload
        if upload.size > settings.CEMS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the largest accepted is %(limit)s bytes.")
                % {"size": upload.size, "limit": settings.CEMS_MAX_UPLOAD_BYTES}
            )
        return upload

    def clean(self):
        from calculators.services.datasets import dataset_file_check  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

        cleaned = super().clean()
        upload, token = cleaned.get("file"), cleaned.get("kept")
        if upload is not None:
            content = upload.read()
            # content, zip and sheet limits before anything reads or keeps the file (8.5)
            refusals = dataset_file_check(file_bytes=content, filename=upload.name)
            for refusal in refusals:
                self.add_error("file", forms.ValidationError(refusal["message"], code="content"))
            self.upload = None if refusals else (upload.name, content)
        elif token and self.user is not None:
            self.upload = upload_kept(user=self.user, token=token)
            if self.upload is not None:
                self.kept_name = self.upload[0]
        if self.upload is None and "file" not in self.errors:
            self.add_error("file", forms.ValidationError(_("Choose a file."), code="required"))
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}
            )
        return cleaned

    def keep_upload(self, errors=()) -> None:
        """Keep the file of this try for the next one, when only another field was wrong.

        ``errors``: the submission's (:class:`~calculators.services.datasets.SubmitError`);
        a file refused for its content or its rows is not kept, it has to change anyway.
        """

        if self.upload is None or self.user is None:
            return
        if any(error.get("row") is not None or error.get("column") == "file" for error in errors):
            return
        if not self.kept_name:  # a new file: store it; a kept one keeps its token
            token = upload_keep(user=self.user, filename=self.upload[0], content=self.upload[1])
            self.data = self.data.copy()
            self.data["kept"] = token
        self.kept_name = self.upload[0]


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


def last_calendar_year(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """January and December of the year before ``today``: the usual period of a run."""
    year = (today or dt.date.today()).year - 1
    return dt.date(year, 1, 1), dt.date(year, 12, 1)


def default_factor_sets(period_start: dt.date, period_end: dt.date) -> list[FactorSet]:
    """The built-in sets a run of the period uses by default (6.3.1 e), newest version each.

    Every built-in family of the library's default priority
    (``calculators.core.factors.DEFAULT_PRIORITY``); of a yearly series (electricity, EPA)
    the years up to the period's last year, from which the engine takes each row's year, or
    the earliest year when the series starts after the period. The user's own sets are not
    pre-selected: choosing measured values is the user's decision. One query.
    """
    from calculators.core.factors import DEFAULT_PRIORITY, family  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

    newest: dict[str, FactorSet] = {}
    for factor_set in FactorSet.objects.filter(is_builtin=True).order_by("key", "-version"):
        newest.setdefault(factor_set.key, factor_set)
    series: dict[str, list[tuple[int, FactorSet]]] = {}
    for key, factor_set in newest.items():
        if family(key) not in DEFAULT_PRIORITY:
            continue
        year = int(key[-4:]) if family(key) != key else 0
        series.setdefault(family(key), []).append((year, factor_set))
    chosen = []
    for members in series.values():
        members.sort(key=lambda ym: ym[0])
        upto = [fs for year, fs in members if year <= period_end.year]
        chosen.extend(upto or [members[0][1]])
    return sorted(chosen, key=lambda fs: (fs.key.lower(), fs.key))


FUEL, ELECTRICITY, HEAT, PROCESS, OWN = "fuel", "electricity", "heat", "process", "own"
#: What a factor set applies to: heading and explanation, in the order shown.
FACTOR_USES = {
    FUEL: (
        _("Fuel combustion"),
        _(
            "Net calorific values, carbon contents, oxidation rates and emission factors of "
            "fuels; the China sector guidelines win over IPCC, IPCC over EPA."
        ),
    ),
    ELECTRICITY: (
        _("Purchased electricity"),
        _(
            "Grid emission factors by year and region; each row takes the factor of its own "
            "year, or the latest earlier one."
        ),
    ),
    HEAT: (_("Purchased heat and steam"), _("Emission factors of heat, steam and hot water.")),
    PROCESS: (
        _("Industrial processes"),
        _("Carbonates, CO2 recovered for use and the carbon mass balance of foundries."),
    ),
    OWN: (
        _("Your own factor sets"),
        _("Measured or supplier values; when chosen they win over the built-in sets."),
    ),
}


def factor_set_uses() -> dict[int, str]:
    """What each built-in factor set applies to, read from its factors (one query).

    Electricity when a material is a grid's, heat for heat, steam and hot water, process
    for carbonates, recovered CO2 and carbon fractions, fuel otherwise; sets of the user's
    own are :data:`OWN`.
    """

    uses: dict[int, str] = {}
    rank = [ELECTRICITY, HEAT, PROCESS, FUEL]
    for set_id, material, parameter in (
        Factor.objects.filter(factor_set__is_builtin=True)
        .values_list("factor_set_id", "material", "parameter")
        .distinct()
    ):
        if material.startswith("electricity"):
            use = ELECTRICITY
        elif material in ("heat", "steam", "hot_water") or "steam" in material:
            use = HEAT
        elif parameter in ("purity", "density", "carbon_fraction"):
            use = PROCESS
        else:
            use = FUEL
        if set_id not in uses or rank.index(use) < rank.index(uses[set_id]):
            uses[set_id] = use
    return uses


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
        label=_("Biomass combustion"),
        choices=BiomassRule.choices,
        initial=DEFAULT_BIOMASS,
        help_text=_(
            "GB/T 32150 accounts every gas of biomass fuel combustion apart and counts none in "
            "the total; the GHG Protocol and ISO 14064-1 count its CH4 and N2O (6.3.1 a)."
        ),
    )
    ch4 = forms.ChoiceField(
        label=_("Methane GWP"),
        choices=Ch4Rule.choices,
        initial=DEFAULT_CH4,
        required=False,
        help_text=_(
            "AR6 gives fossil methane 29.8 and non-fossil methane 27.0; AR5 30 and 28. The "
            "origin comes from the material (biomass, waste, agriculture: non-fossil)."
        ),
    )
    electricity = forms.ChoiceField(
        label=_("Electricity in standard coal"),
        choices=ElectricityMethod.choices,
        initial=DEFAULT_ELECTRICITY,
        required=False,
        help_text=_("How the energy table converts electricity to tce (GB/T 2589-2020, 6.3.2)."),
    )

    def __init__(self, *args, period: tuple[dt.date, dt.date] | None = None, **kwargs):
        """``period``: (first month, last month) whose default factor sets are pre-selected;
        the last calendar year when not given."""
        super().__init__(*args, **kwargs)
        self.period = period or last_calendar_year()
        if not self.is_bound:
            self.fields["gwp_set"].initial = (
                GwpSet.objects.filter(key=DEFAULT_GWP).values_list("pk", flat=True).first()
            )
            self.fields["period_start"].initial, self.fields["period_end"].initial = self.period
            self.fields["factor_sets"].initial = [fs.pk for fs in default_factor_sets(*self.period)]

    def run_options(self) -> dict:
        """The rules chosen, as stored in the run's options (6.3.1 a, 6.3.2); a rule left out
        of the request takes its default."""
        data = self.cleaned_data
        return {
            "biomass": data["biomass"],
            "ch4": data.get("ch4") or DEFAULT_CH4.value,
            "electricity": data.get("electricity") or DEFAULT_ELECTRICITY.value,
        }

    def factor_set_groups(self) -> list[dict]:
        """The factor-set checkboxes grouped by what the sets apply to (6.3.1 e)."""
        uses = factor_set_uses()
        by_use: dict[str, list] = {}
        for widget in self["factor_sets"]:
            pk = int(str(widget.data["value"]))
            by_use.setdefault(uses.get(pk, OWN), []).append(widget)
        return [
            {"title": FACTOR_USES[use][0], "help": FACTOR_USES[use][1], "widgets": by_use[use]}
            for use in FACTOR_USES
            if use in by_use
        ]

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


class RunApproveForm(forms.Form):
    """Approval of a computed run (9.1, 6.3.2): confirmed, with what the approver checked.

    Approval makes the results final: the report is issued and kept unchanged, and the
    factor-set versions the run used stay frozen for good.
    """

    comment = forms.CharField(
        label=_("Approval comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked (totals, data coverage, factor sets); kept with the run."),
    )
    confirm = forms.BooleanField(label=_("I confirm the approval"))

    def __init__(self, *args, run=None, **kwargs):
        super().__init__(*args, **kwargs)
        if run is not None:
            sets = ", ".join(
                f"{entry['key']} v{entry['version']}" for entry in run.factor_set_versions or []
            )
            self.fields["confirm"].help_text = _(
                "The results become final and the report is issued; factor sets %(sets)s stay "
                "frozen: a change of them needs a new version (6.3.2)."
            ) % {"sets": sets or "—"}

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Say what you checked before approving."), code="comment")
        return comment
