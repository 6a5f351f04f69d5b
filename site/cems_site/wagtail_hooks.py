"""Admin hooks of the reference deployment: the work queue that composes the three apps."""

from .work_queue import hooks  # noqa: F401  (work queue page, menu item, dashboard panel)
