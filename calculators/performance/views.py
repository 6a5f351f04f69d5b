"""Admin page of objectives progress, the base year and deviation alerts (6.5, 6.6, 9.1, 10.2).

Thin: everything shown was computed by ``calculators.tasks.performance_update`` when a run was
approved; the page reads it through :func:`calculators.performance.selectors.progress_page`
in a constant number of queries. Readable by top management, the management representative,
the reviewers, the auditors and the register keepers (``view_indicatorprogress``); alerts are
handled and the base year recalculated by those with the matching change permission.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calculators.core.forecast import LINEAR_TREND, SEASONAL_TREND
from calculators.models import DeviationAlert, ProgressStatus
from calculators.performance import charts, selectors, services

VIEW_PERMISSION = "calculators.view_indicatorprogress"


def _require(request, permission: str) -> None:
    if not request.user.is_authenticated or not request.user.has_perm(permission):
        raise PermissionDenied


def _method_label(key: str) -> str:
    return {
        SEASONAL_TREND: _("seasonal linear trend (least squares: trend + one offset per month)"),
        LINEAR_TREND: _("linear trend (fewer than 24 months: no seasonal offsets)"),
    }.get(key, key)


def _indicator_context(indicator, track, rows, labels) -> dict:
    """What one indicator card shows; issues no query."""
    rows = sorted(rows, key=lambda r: r.year)
    forecast = (track.forecast or {}) if track else {}
    yearly_forecast = {int(y): v for y, v in (forecast.get("yearly") or {}).items()}
    with_plans = {int(y): v for y, v in (forecast.get("with_plans") or {}).items()}
    target = float(indicator.target_value)
    complete = [r for r in rows if r.status != ProgressStatus.PARTIAL]
    latest = complete[-1] if complete else (rows[-1] if rows else None)
    baseline = track.baseline_used if track and track.baseline_used is not None else None
    path = {r.year: r.path for r in rows}
    if baseline is not None:
        path[indicator.baseline_year] = baseline
        path[indicator.target_year] = target
    chart = charts.progress_svg(
        actual={r.year: r.actual for r in rows if r.actual is not None and r.months == 12},
        path=path,
        forecast=yearly_forecast,
        forecast_plans=with_plans,
        target=(indicator.target_year, target),
        labels=labels,
        unit=indicator.unit,
        title=f"{indicator.objective.code} {indicator.name}",
    )
    at_target = yearly_forecast.get(indicator.target_year)
    plans_at_target = with_plans.get(indicator.target_year)

    def reaches_target(value):
        if value is None or baseline is None:
            return None
        return value <= target if target < baseline else value >= target

    reaches = reaches_target(at_target)
    return {
        "indicator": indicator,
        "track": track,
        "rows": rows,
        "latest": latest,
        "chart": chart,
        "problem": services.message_text(track.problem) if track else "",
        "forecast": forecast,
        "forecast_method": _method_label(forecast.get("method", "")),
        "forecast_at_target": at_target,
        "forecast_reaches": reaches,
        "plans_at_target": plans_at_target,
        "plans_reach": reaches_target(plans_at_target),
        "plans": forecast.get("plans") or [],
        "plans_considered": "plans" in forecast,
        "plans_total": sum(p["annual_tco2e"] for p in forecast.get("plans") or []),
        "plans_left_out": ", ".join(forecast.get("plans_left_out") or []),
        "observed": indicator.metric == "other",
    }


def progress(request):
    """Objectives progress: one card per indicator with chart and table, the base year, the
    runs in the series (superseded ones marked) and the open deviation alerts."""
    _require(request, VIEW_PERMISSION)
    page = selectors.progress_page()
    labels = {
        "actual": _("Actual"),
        "path": _("Target path"),
        "forecast": _("Forecast"),
        "plans": _("Forecast with the plans"),
        "target": _("Target"),
    }
    objectives = []
    for objective in page.objectives:
        cards = [
            _indicator_context(
                indicator,
                page.tracks.get(indicator.pk),
                page.progress.get(indicator.pk, []),
                labels,
            )
            for indicator in objective.indicators.all()
        ]
        objectives.append({"objective": objective, "cards": cards})
    settings = page.settings
    alerts = [{"alert": a, "text": services.alert_text(a)} for a in page.alerts]
    change_checks = [
        {"check": c, "text": services.message_text(c.outcome)} for c in page.change_checks
    ]
    return TemplateResponse(
        request,
        "calculators/performance/progress.html",
        {
            "objectives": objectives,
            "settings": settings,
            "flag_text": services.message_text(settings.recalculation_reason),
            "series_runs": selectors.series_runs(),
            "alerts": alerts,
            "change_checks": change_checks,
            "can_handle": request.user.has_perm("calculators.change_deviationalert"),
            "can_raise": request.user.has_perm("calculators.change_deviationalert")
            and request.user.has_perm("cems_registers.add_nonconformity"),
            "can_recalculate": request.user.has_perm("calculators.change_performancesettings")
            and request.user.has_perm("calculators.add_accountingrun"),
        },
    )


@require_POST
def alert_action(request, pk: int, action: str):
    """Acknowledge an alert, or raise it as a nonconformity in one step (9.1.3 → 10.2)."""
    _require(request, "calculators.change_deviationalert")
    alert = get_object_or_404(DeviationAlert.objects.select_related("indicator"), pk=pk)
    try:
        if action == "nonconformity":
            nonconformity = services.alert_raise_nonconformity(alert=alert, user=request.user)
            messages.success(
                request,
                _("Nonconformity %(code)s raised from the alert.") % {"code": nonconformity.code},
            )
        elif action == "acknowledge":
            services.alert_acknowledge(alert=alert, user=request.user)
            messages.success(request, _("Alert acknowledged."))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("calculators_performance") + "#alerts")


@require_POST
def base_year_recalculate(request):
    """Recalculate the base year with today's method (a new run; the old one is kept)."""
    _require(request, "calculators.change_performancesettings")
    try:
        run = services.base_year_recalculate(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("calculators_performance") + "#base-year")
    messages.success(
        request,
        _("Run #%(run)s recalculates the base year; once approved it replaces the base run.")
        % {"run": run.pk},
    )
    return redirect("calculators_run_detail", run.pk)


def get_urls():
    return [
        path("calculators/performance/", progress, name="calculators_performance"),
        path(
            "calculators/performance/alerts/<int:pk>/<str:action>/",
            alert_action,
            name="calculators_performance_alert",
        ),
        path(
            "calculators/performance/base-year/recalculate/",
            base_year_recalculate,
            name="calculators_performance_recalculate",
        ),
    ]
