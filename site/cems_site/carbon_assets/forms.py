"""Admin forms: the runs chosen for a period or a statement must fit its years and boundary."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .selectors import run_boundary
from .services import neutrality_statement_reopen


def _run_years_error(runs, first: int, last: int) -> str | None:
    for run in runs:
        if run.status != "approved":
            return _("Run #%(run)s is not approved: only approved runs count.") % {"run": run.pk}
        if run.period_start.year < first or run.period_end.year > last:
            return _("Run #%(run)s covers %(start)s to %(end)s, outside %(first)s–%(last)s.") % {
                "run": run.pk,
                "start": f"{run.period_start:%Y-%m}",
                "end": f"{run.period_end:%Y-%m}",
                "first": first,
                "last": last,
            }
    return None


class CompliancePeriodForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        runs, first, last = data.get("runs"), data.get("first_year"), data.get("last_year")
        if runs and first and last and (error := _run_years_error(runs, first, last)):
            self.add_error("runs", error)
        return data


class NeutralityStatementForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        runs, year = data.get("runs"), data.get("year")
        if not runs or not year:
            return data
        if error := _run_years_error(runs, year, year):
            self.add_error("runs", error)
        elif len({run_boundary(run) for run in runs}) > 1:
            self.add_error(
                "runs", _("The runs have different boundaries: a statement covers one boundary.")
            )
        return data

    def save(self, commit=True):
        if self.instance.pk and self.has_changed():
            neutrality_statement_reopen(statement=self.instance)
        return super().save(commit=commit)
