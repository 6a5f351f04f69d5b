"""Carbon performance: the series fed by approved runs, the base year, objectives progress,
forecasts and deviation alerts (4.3, 6.3.2, 6.5, 6.6, 9.1.2, 9.1.3, 10.2).

``services`` writes (called by the run services and ``calculators.tasks``), ``selectors``
reads in a constant number of queries (the progress page, the dashboard and the management
review pack build on them), ``views`` and ``charts`` draw the admin page. The pure rules live
in :mod:`calculators.core.performance` and :mod:`calculators.core.forecast`.
"""
