"""Risk heat map (clause 6.1): 5 × 5 likelihood × impact grid of open risks, one aggregate query."""

from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..due import user_can_view

SCALE = (1, 2, 3, 4, 5)
#: Score thresholds (likelihood × impact) of the colour bands, highest first.
BANDS = (
    (15, "very_high", "#c0392b"),
    (10, "high", "#e67e22"),
    (5, "medium", "#f1c40f"),
    (1, "low", "#27ae60"),
)


def band(score: int) -> tuple[str, str]:
    """(level, colour) of a score; issues no query."""
    for threshold, level, colour in BANDS:
        if score >= threshold:
            return level, colour
    return "low", BANDS[-1][2]


#: Languages whose axis labels are set upright in a vertical line (CJK scripts).
UPRIGHT_LABEL_LANGUAGES = ("zh", "ja", "ko")


def upright_axis_label(language: str | None) -> bool:
    """Whether a vertical axis label stands upright (CJK) rather than turned (Latin); no query.

    Turning a vertical line of text by 180° makes Latin read upwards but puts every Chinese
    character on its head (issue 8 item 8).
    """
    return (language or "").split("-")[0].lower() in UPRIGHT_LABEL_LANGUAGES


def risk_model():
    return apps.get_model("cems_registers", "Risk")


def open_risks(model):
    """Risks that are not closed; the heat map shows these."""
    qs = model._default_manager.all()
    closed = model.closed_q()
    if closed is not None:
        return qs.exclude(closed)
    if any(f.name == "status" for f in model._meta.concrete_fields):
        return qs.exclude(status="closed")
    return qs


def heat_map_counts(queryset) -> dict[tuple[int, int], int]:
    """``{(likelihood, impact): count}`` in one aggregate query."""
    return {
        (row["likelihood"], row["impact"]): row["n"]
        for row in queryset.order_by().values("likelihood", "impact").annotate(n=Count("pk"))
    }


def heat_map_grid(counts: dict[tuple[int, int], int]) -> list[dict]:
    """Rows from likelihood 5 down to 1, each with five cells; issues no query."""
    rows = []
    for likelihood in reversed(SCALE):
        cells = []
        for impact in SCALE:
            level, colour = band(likelihood * impact)
            cells.append(
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "count": counts.get((likelihood, impact), 0),
                    "level": level,
                    "colour": colour,
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


class RiskHeatMapView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cems_registers/risk_heat_map.html"
    page_title = _("Risk heat map")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.model = risk_model()
        if not user_can_view(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def _int_param(self, name):
        try:
            value = int(self.request.GET.get(name, ""))
        except ValueError:
            return None
        return value if value in SCALE else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = open_risks(self.model)
        kind = self.request.GET.get("kind", "")
        kinds = []
        kind_field = next((f for f in self.model._meta.concrete_fields if f.name == "kind"), None)
        if kind_field is not None:
            kinds = list(kind_field.flatchoices)
            if kind in dict(kinds):
                queryset = queryset.filter(kind=kind)
            else:
                kind = ""
        counts = heat_map_counts(queryset)
        likelihood, impact = self._int_param("likelihood"), self._int_param("impact")
        selected, list_url = [], None
        if likelihood and impact:
            viewset = getattr(self.model, "snippet_viewset", None)
            if viewset is not None:
                try:
                    list_url = (
                        reverse(viewset.get_url_name("list"))
                        + f"?likelihood={likelihood}&impact={impact}"
                    )
                except NoReverseMatch:
                    list_url = None
            for risk in queryset.filter(likelihood=likelihood, impact=impact).select_related(
                "owner"
            ):
                url = None
                if viewset is not None:
                    try:
                        url = reverse(viewset.get_url_name("edit"), args=(quote(risk.pk),))
                    except NoReverseMatch:
                        url = None
                selected.append({"risk": risk, "url": url})
        context.update(
            {
                "grid": heat_map_grid(counts),
                "scale": SCALE,
                "total": sum(counts.values()),
                "kind": kind,
                "kinds": kinds,
                "likelihood": likelihood,
                "impact": impact,
                "selected": selected,
                "list_url": list_url,
                "bands": BANDS,
                "upright_axis_label": upright_axis_label(get_language()),
            }
        )
        return context
