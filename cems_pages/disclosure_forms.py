"""Admin form of the results disclosure page (5.2.1 g, 9.1, 7.3.3).

Imported by :mod:`cems_pages.models.disclosure` at class definition, so it imports no page
model.
"""

from cems_pages.forms import ControlledDocumentForm


class ResultsDisclosureForm(ControlledDocumentForm):
    """Every save takes a fresh snapshot of the chosen run's figures.

    A run that is not approved, or that a later approved run has superseded, is refused with
    the reason on the ``run`` field; nothing is saved then.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "run" in self.fields:
            from calculators.models import AccountingRun, RunStatus

            # the choice lists approved runs; a superseded one is refused by clean()
            self.fields["run"].queryset = AccountingRun.objects.filter(
                status=RunStatus.APPROVED
            ).order_by("-period_start", "-pk")

    def clean(self):
        cleaned = super().clean()
        run = cleaned.get("run")
        if run is None:
            return cleaned
        from calculators.disclosure import NotDisclosable, disclosure_figures

        try:
            self.instance.figures = disclosure_figures(run=run)
        except NotDisclosable as exc:
            self.add_error("run", str(exc))
        else:
            self.instance.__dict__.pop("results", None)
        return cleaned
