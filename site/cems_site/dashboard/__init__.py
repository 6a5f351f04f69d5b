"""The carbon performance dashboard (9.1): one admin page that composes the series, objectives
progress, deviation alerts, data completeness and the work queue for top management, the
management representative and the carbon management body."""

#: Who reads the dashboard: those who read objectives progress (top management, the
#: management representative, the carbon management body, auditors).
VIEW_PERMISSION = "calculators.view_indicatorprogress"
