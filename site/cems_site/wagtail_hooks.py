"""Admin hooks of the reference deployment: the work queue and the performance dashboard,
which compose the three apps."""

from .dashboard import hooks as dashboard_hooks  # noqa: F401  (performance dashboard, 9.1)
from .work_queue import hooks  # noqa: F401  (work queue page, menu item, dashboard panel)
