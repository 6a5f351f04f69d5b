"""The published results of an approved accounting run (4.2, 5.2.1 g, 6.3.2, 9.1).

:class:`ResultsDisclosurePage`: ControlledDocument fields (see :mod:`.base`; ``is_public``
defaults to True), ``run`` (FK accounting run, approved runs only, PROTECT), ``introduction``
(RichTextField), the verification statement (``verification_document``: a Wagtail document
on the page, served through the page's own URL so it follows the page's visibility;
``verifier``, ``verification_date``, ``verification_opinion``), and ``figures`` (JSONField,
not editable: the snapshot of :func:`calculators.disclosure.disclosure_figures`, taken each
time a revision is saved, so every revision keeps the numbers it was approved with).

Approved by top management like the policy; the public page, its PDF and the results API
show the figures of the live revision until a new revision is approved, and editors are told
when the data behind them has changed (:meth:`ResultsDisclosurePage.out_of_date_reasons`).
"""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.disclosure_forms import ResultsDisclosureForm

from .base import WORKFLOW_TOP_MANAGEMENT, ControlledDocument, document_edit_handler

#: Keys of the snapshot that stay inside the system (what it was taken from).
INTERNAL_KEYS = frozenset({"basis"})
#: what identifies a run inside cems: never on the public page or in the API
INTERNAL_RUN_KEYS = frozenset({"id", "run", "input_hash"})

CHOOSE_ONE = _(
    "Choose the approved accounting run, or a year of the performance series, whose results "
    "are disclosed."
)
NOT_BOTH = _("Choose either an accounting run or a year of the performance series, not both.")


class ResultsDisclosurePage(ControlledDocument, Page):
    """A year's greenhouse gas results disclosed to interested parties (5.2.1 g, 9.1)."""

    approval_workflow = WORKFLOW_TOP_MANAGEMENT
    document_type_label = _("Results disclosure")

    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("The results are disclosed to interested parties (4.2, 5.2.1 g)."),
    )
    run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("accounting run"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The approved accounting run whose results this page discloses; every figure on "
            "the page is read from it and from the performance series (6.3.2, 9.1). Leave it "
            "empty to disclose a year of the performance series instead."
        ),
    )
    series_year = models.PositiveSmallIntegerField(
        _("year of the performance series"),
        null=True,
        blank=True,
        help_text=_(
            "Or disclose a reporting year of the performance series: each month as the "
            "approved run current for it accounted it (6.3.2, 9.1.2). Leave it empty when a "
            "run is chosen."
        ),
    )
    series_boundary = models.CharField(
        _("boundary of the series"),
        max_length=200,
        blank=True,
        help_text=_(
            "The boundary whose series is disclosed, needed only when the year is in the "
            "series of several boundaries (4.3)."
        ),
    )
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences on the year's results; the figures are added by the system."),
    )
    verification_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("verification statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The verifier's statement (PDF). Published with the page: visitors download it "
            "through the page, whatever the collection's privacy (6.3.3)."
        ),
    )
    verifier = models.CharField(
        _("verifier"),
        max_length=255,
        blank=True,
        help_text=_("The body that verified the results, e.g. a third-party verifier (6.3.3)."),
    )
    verification_date = models.DateField(_("verification date"), null=True, blank=True)
    verification_opinion = models.TextField(
        _("verification opinion"),
        blank=True,
        help_text=_("The verifier's conclusion as stated in the verification statement."),
    )
    figures = models.JSONField(_("disclosed figures"), default=dict, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "The figures (emissions by scope, category and gas, energy, intensities, the "
                "trend, objectives progress, boundary, methods and GWP set) are read from the "
                "approved run, or from the year of the performance series, when the page is "
                "saved; they cannot be typed in. Choose a run or a year, not both."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("run"),
                FieldRowPanel([FieldPanel("series_year"), FieldPanel("series_boundary")]),
            ],
            heading=_("Results disclosed"),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("verifier"), FieldPanel("verification_date")]),
                FieldPanel("verification_document"),
                FieldPanel("verification_opinion"),
            ],
            heading=_("Third-party verification"),
        ),
    ]
    edit_handler = document_edit_handler(content_panels, base_form_class=ResultsDisclosureForm)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("introduction"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("introduction"),
        APIField("verifier"),
        APIField("verification_date"),
        APIField("verification_opinion"),
        APIField("verification_statement_url"),
        APIField("disclosed_results"),
    ]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types: list[str] = []

    #: Set by the admin form, which checks the choice and takes the snapshot itself.
    choice_checked = False

    class Meta:
        verbose_name = _("results disclosure")
        verbose_name_plural = _("results disclosures")

    def clean(self):
        """Exactly one of a run and a series year; take the snapshot when the page has none
        for what it discloses (a new page, another run or year).

        The admin form takes a fresh one on every save (:mod:`cems_pages.disclosure_forms`);
        publishing an approved revision keeps the snapshot it was approved with.
        """
        super().clean()
        from calculators.disclosure import NotDisclosable  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        if self.choice_checked:
            return
        if self.run_id is None and self.series_year is None:
            raise ValidationError({"run": CHOOSE_ONE})
        if self.run_id is not None and self.series_year is not None:
            raise ValidationError({"run": NOT_BOTH, "series_year": NOT_BOTH})
        if self.snapshot_matches():
            return
        field = "run" if self.run_id is not None else "series_year"
        try:
            self.take_figures()
        except NotDisclosable as exc:
            raise ValidationError({field: str(exc)}) from exc

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_charts"] = True  # the PDF shows the tables only
        return context

    def snapshot_matches(self) -> bool:
        """Whether ``figures`` was taken from the run or series year now chosen; no query."""
        basis = (self.figures or {}).get("basis") or {}
        if self.run_id is not None:
            return basis.get("run") == self.run_id
        series = basis.get("series") or {}
        return series.get("year") == self.series_year and (
            series.get("boundary") == self.series_boundary
        )

    def take_figures(self, *, boundary: str | None = None) -> None:
        """A fresh snapshot of the chosen run or series year (``boundary``: ``None`` takes the
        only one the year has, and the page keeps it). Raises ``NotDisclosable``."""
        from calculators.disclosure import disclosure_figures  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up
        from calculators.disclosure_series import series_year_figures  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        if self.run_id is not None:
            self.figures = disclosure_figures(run=self.run)
        else:
            if boundary is None and self.series_boundary:
                boundary = self.series_boundary
            self.figures = series_year_figures(year=self.series_year, boundary=boundary)
            self.series_boundary = self.figures["basis"]["series"]["boundary"]
        self.__dict__.pop("results", None)

    @property
    def year(self) -> int | None:
        return (self.figures or {}).get("year")

    @property
    def disclosed_results(self) -> dict:
        """The figures without what they were taken from (dataset ids, run ids, the input
        hash); no query. Public: the page's API field (5.2.1 g; docs/disclosure.md)."""
        shown = {k: v for k, v in (self.figures or {}).items() if k not in INTERNAL_KEYS}
        if isinstance(shown.get("run"), dict):
            shown["run"] = {k: v for k, v in shown["run"].items() if k not in INTERNAL_RUN_KEYS}
        if shown.get("sources"):
            shown["sources"] = [
                {k: v for k, v in source.items() if k not in INTERNAL_RUN_KEYS}
                for source in shown["sources"]
            ]
        return shown

    @property
    def verification_statement_url(self) -> str:
        if not self.verification_document_id:
            return ""

        return reverse("cems_pages:disclosure_verification", args=[self.pk])

    @cached_property
    def results(self) -> dict:
        """The figures with labels and charts in the active language, for templates and PDF."""
        from cems_pages.disclosure_display import results_context  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        return results_context(self.figures or {})

    def out_of_date_reasons(self) -> list[str]:
        """Why the figures of the live page or of its latest draft no longer match the data
        (translated); empty when they still do. A few queries."""
        from calculators.disclosure import disclosure_changes  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

        reasons = list(disclosure_changes(self.figures or {}))
        latest = self.get_latest_revision()
        if latest is not None and latest.pk != self.live_revision_id:
            for reason in disclosure_changes(latest.content.get("figures") or {}):
                if reason not in reasons:
                    reasons.append(reason)
        return reasons
