"""The disclosed results as their own read-only API endpoint (4.2, 5.2.1 g, 9.1).

Registered in the public router as ``results`` (``/api/v2/results/``). It serves only what a
live, public results disclosure page discloses, as that page's approved revision shows it:
an approved run that is on no public page is not served, nor a draft's figures, nor a page
that is internal, withdrawn or under a view restriction. Anonymous access, read-only.

* ``GET /api/v2/results/``: one item per disclosed scope × GB/T 32150 category × gas of every
  public disclosure page in one language, with ``scope``, ``category``, ``gas`` and ``year``
  filters; ``locale`` (``zh-hans`` or ``en``, default the request's language) picks the pages
  of that language and the language of the labels; ``disclosure`` a page id; ``limit`` and
  ``offset`` page the items. ``meta.total_count`` counts the filtered items and
  ``meta.total_tco2e`` sums them.
* ``GET /api/v2/results/<page id>/``: everything the page discloses (totals by scope,
  category, gas and facility, energy, intensities, the trend, objectives progress, boundary,
  methods, factor sets, GWP set, verification), labels in the page's language.

Never served: emission sources, activity data, dataset or run ids, people.
"""

import contextlib

from django.http import Http404
from django.utils import translation

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from rest_framework.response import Response

from .api import absolute_url, page_html_url, restricted_pages_q
from .disclosure_display import category_text, results_context, scope_text
from .models import DocumentStatus, ResultsDisclosurePage
from .openapi import parameters

#: Most items per listing page, and the default.
MAX_LIMIT = 500
DEFAULT_LIMIT = 100
#: Scopes of GB/T 32150 / ISO 14064-1 that carry emissions.
SCOPES = (1, 2, 3)


def public_disclosures():
    """Live, public, not withdrawn, unrestricted disclosure pages; one query when evaluated."""
    queryset = (
        ResultsDisclosurePage.objects.live()
        .public()
        .filter(is_public=True)
        .exclude(document_status=DocumentStatus.WITHDRAWN)
        .select_related("locale")
    )
    restricted = restricted_pages_q()
    return queryset.exclude(restricted) if restricted else queryset


def _int_param(request, name: str, allowed=None) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or (allowed is not None and number not in allowed):
        raise BadRequestError(f"{name}: {value!r} is not a valid value")
    return number


class DisclosedResultsAPIViewSet(BaseAPIViewSet):
    """Disclosed results of live public results disclosure pages (approved runs only)."""

    model = ResultsDisclosurePage
    name = "results"
    known_query_parameters = frozenset(
        {
            "limit",
            "offset",
            "scope",
            "category",
            "gas",
            "year",
            "locale",
            "disclosure",
            "format",
            "_",
        }
    )

    def get_queryset(self):
        return public_disclosures().order_by("-first_published_at", "pk")

    def _check_parameters(self, request) -> None:
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not recognised: " + ", ".join(sorted(unknown))
            )

    def _locale(self, request) -> str:
        code = request.GET.get("locale", "").strip() or translation.get_language() or ""
        codes = set(Locale.objects.values_list("language_code", flat=True))
        if code and code not in codes:
            with contextlib.suppress(LookupError):  # e.g. "fr": refused below
                code = translation.get_supported_language_variant(code)
        if code not in codes:
            raise BadRequestError(f"locale: {request.GET.get('locale', code)!r} is not a locale")
        return code

    def _disclosure_ref(self, request, page) -> dict:
        return {
            "id": page.pk,
            "title": page.title,
            "locale": page.locale.language_code,
            "html_url": page_html_url(request, page),
            "detail_url": absolute_url(request, f"/api/v2/results/{page.pk}/"),
        }

    def listing_view(self, request):
        self._check_parameters(request)
        language = self._locale(request)
        scope = _int_param(request, "scope", SCOPES)
        year = _int_param(request, "year")
        disclosure = _int_param(request, "disclosure")
        category = request.GET.get("category", "").strip()
        gas = request.GET.get("gas", "").strip()
        limit = _int_param(request, "limit", range(1, MAX_LIMIT + 1)) or DEFAULT_LIMIT
        offset = _int_param(request, "offset", range(10**9)) or 0
        pages = self.get_queryset().filter(locale__language_code=language)
        if disclosure is not None:
            pages = pages.filter(pk=disclosure)
        items = []
        with translation.override(language):
            for page in pages:
                figures = page.disclosed_results
                if not figures or (year is not None and figures.get("year") != year):
                    continue
                ref = self._disclosure_ref(request, page)
                run = figures.get("run") or {}
                for cell in figures.get("cells", []):
                    if not cell["scope"]:
                        continue
                    if scope is not None and cell["scope"] != scope:
                        continue
                    if category and cell["category"] != category:
                        continue
                    if gas and cell["gas"].lower() != gas.lower():
                        continue
                    items.append(
                        {
                            "disclosure": ref,
                            "year": figures.get("year"),
                            # months, as the page shows them (runs keep a month's first day)
                            "period_start": (run.get("period_start") or "")[:7],
                            "period_end": (run.get("period_end") or "")[:7],
                            "scope": cell["scope"],
                            "scope_label": scope_text(cell["scope"]),
                            "category": cell["category"],
                            "category_label": category_text(cell["category"]),
                            "gas": cell["gas"],
                            "tco2e": cell["tco2e"],
                            "mass_t": cell["mass_t"],
                        }
                    )
        return Response(
            {
                "meta": {
                    "total_count": len(items),
                    "total_tco2e": sum(item["tco2e"] for item in items),
                    "locale": language,
                },
                "items": items[offset : offset + limit],
            }
        )

    def detail_view(self, request, pk):
        self._check_parameters(request)
        page = self.get_queryset().filter(pk=pk).first()
        if page is None or not page.figures:
            raise Http404("No disclosed results with that id.")
        with translation.override(page.locale.language_code):
            shown = results_context(page.disclosed_results)
            data = {
                **self._disclosure_ref(request, page),
                "year": shown["year"],
                "period_start": shown["period_start"],
                "period_end": shown["period_end"],
                "approved_at": shown["approved_at"],
                "total_tco2e": shown["total_tco2e"],
                "gross_tco2e": shown["gross_tco2e"],
                "deductions_tco2e": shown["deductions_tco2e"],
                "biogenic_co2_t": shown["biogenic_co2_t"],
                "biogenic_co2_in_total": not (shown["biomass_memo"] or shown["biomass_exclude"]),
                "by_scope": shown["by_scope"],
                "by_category": shown["by_category"],
                "by_gas": shown["by_gas"],
                "by_facility": [
                    {k: row[k] for k in ("code", "label", "tco2e", "share")}
                    for row in shown["by_facility"]
                ],
                "energy": shown["energy"],
                "intensity": shown["intensity"],
                "trend": [
                    {k: v for k, v in row.items() if k != "scopes"} for row in shown["trend"]
                ],
                "progress": [
                    {k: row[k] for k in PROGRESS_FIELDS if k in row} for row in shown["progress"]
                ],
                "boundary": shown["boundary"],
                "methods": shown["methods"],
                "factor_sets": shown["factor_sets"],
                "gwp": {
                    "key": shown["gwp"].get("key", ""),
                    "name": shown["gwp"].get("name", ""),
                    "citation": shown["gwp"].get("citation_shown", ""),
                },
                "verification": {
                    "verifier": page.verifier,
                    "date": page.verification_date.isoformat() if page.verification_date else None,
                    "opinion": page.verification_opinion,
                    "statement_url": (
                        absolute_url(request, page.verification_statement_url)
                        if page.verification_document_id
                        else None
                    ),
                },
            }
        return Response(data)

    @classmethod
    def openapi_description(cls, components: dict) -> dict:
        """Listing and detail schemas (closed: a key added to a response must be described
        in :data:`LISTING` or :data:`DETAIL`) and the query parameters, for
        :func:`cems_pages.openapi.openapi_document`."""
        return {"listing": LISTING, "detail": DETAIL, "parameters": parameters(cls)}

    def find_view(self, request):
        raise Http404


#: Fields of an objectives-progress row the API shows.
PROGRESS_FIELDS = (
    "objective",
    "label",
    "metric",
    "metric_label",
    "unit",
    "baseline_year",
    "baseline",
    "target",
    "target_year",
    "actual",
    "path",
    "months",
    "status",
    "status_label",
)


# --- the endpoint's OpenAPI description (cems_pages.openapi calls openapi_description) -------

NUMBER = {"type": "number"}
NUMBER_OR_NULL = {"type": ["number", "null"]}
STRING = {"type": "string"}
STRING_OR_NULL = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}


def closed(properties: dict) -> dict:
    """A JSON Schema object with exactly ``properties``, all required."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def array_of(properties: dict) -> dict:
    return {"type": "array", "items": closed(properties)}


DISCLOSURE_REF = closed(
    {
        "id": INTEGER,
        "title": STRING,
        "locale": STRING,
        "html_url": STRING_OR_NULL,
        "detail_url": STRING,
    }
)
LISTING_ITEM = closed(
    {
        "disclosure": DISCLOSURE_REF,
        "year": INTEGER,
        "period_start": STRING,
        "period_end": STRING,
        "scope": INTEGER,
        "scope_label": STRING,
        "category": STRING,
        "category_label": STRING,
        "gas": STRING,
        "tco2e": NUMBER,
        "mass_t": NUMBER,
    }
)
LISTING = closed(
    {
        "meta": closed({"total_count": INTEGER, "total_tco2e": NUMBER, "locale": STRING}),
        "items": {"type": "array", "items": LISTING_ITEM},
    }
)
DETAIL = closed(
    {
        **DISCLOSURE_REF["properties"],
        "year": INTEGER,
        "period_start": STRING,
        "period_end": STRING,
        "approved_at": STRING,
        "total_tco2e": NUMBER,
        "gross_tco2e": NUMBER,
        "deductions_tco2e": NUMBER,
        "biogenic_co2_t": NUMBER,
        "biogenic_co2_in_total": {"type": "boolean"},
        "by_scope": array_of(
            {"scope": INTEGER, "tco2e": NUMBER, "share": NUMBER_OR_NULL, "label": STRING}
        ),
        "by_category": array_of(
            {
                "category": STRING,
                "scope": INTEGER,
                "tco2e": NUMBER,
                "share": NUMBER_OR_NULL,
                "label": STRING,
                "scope_label": STRING,
            }
        ),
        "by_gas": array_of(
            {"gas": STRING, "tco2e": NUMBER, "mass_t": NUMBER, "share": NUMBER_OR_NULL}
        ),
        "by_facility": array_of(
            {"code": STRING, "label": STRING, "tco2e": NUMBER, "share": NUMBER_OR_NULL}
        ),
        "energy": closed({"gj": NUMBER, "tce": NUMBER}),
        "intensity": array_of(
            {
                "key": STRING,
                "value": NUMBER,
                "unit": STRING,
                "denominator": NUMBER_OR_NULL,
                "denominator_unit": STRING,
                "label": STRING,
            }
        ),
        "trend": array_of(
            {
                "year": INTEGER,
                "tco2e": NUMBER,
                "by_scope": {"type": "object", "additionalProperties": NUMBER},
                "energy_gj": NUMBER,
                "production_t": NUMBER,
                "output_wan": NUMBER,
                "energy_tce": NUMBER,
                "per_t": NUMBER_OR_NULL,
                "per_wan_yuan": NUMBER_OR_NULL,
            }
        ),
        "progress": array_of(
            {
                "objective": STRING,
                "label": STRING,
                "metric": STRING,
                "metric_label": STRING,
                "unit": STRING,
                "baseline_year": INTEGER,
                "baseline": NUMBER,
                "target": NUMBER,
                "target_year": INTEGER,
                "actual": NUMBER_OR_NULL,
                "path": NUMBER,
                "months": INTEGER,
                "status": STRING,
                "status_label": STRING,
            }
        ),
        "boundary": array_of(
            {"code": STRING, "name": STRING, "in_boundary": {"type": "boolean"}, "reason": STRING}
        ),
        "methods": array_of({"key": STRING, "tco2e": NUMBER, "label": STRING}),
        "factor_sets": array_of(
            {"key": STRING, "version": INTEGER, "name": STRING, "citation": STRING}
        ),
        "gwp": closed({"key": STRING, "name": STRING, "citation": STRING_OR_NULL}),
        "verification": closed(
            {
                "verifier": STRING,
                "date": STRING_OR_NULL,
                "opinion": STRING,
                "statement_url": STRING_OR_NULL,
            }
        ),
    }
)
