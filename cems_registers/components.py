"""Dashboard panels of the registers (Wagtail admin home)."""

from django.utils import timezone

from wagtail.admin.ui.components import Component

from .due import due_items

#: Rows shown on the dashboard; the rest is counted.
DUE_PANEL_LIMIT = 15


class WhatIsDuePanel(Component):
    """ "What is due": overdue and due-soon records the user may see (7.3, 9.1, 9.2)."""

    name = "cems_what_is_due"
    order = 90
    template_name = "cems_registers/panels/what_is_due.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        items = due_items(today=timezone.localdate(), user=user)
        mine = [item for item in items if item.owner is not None and item.owner.pk == user.pk]
        others = [item for item in items if item not in mine]
        ordered = mine + others
        return {
            "items": ordered[:DUE_PANEL_LIMIT],
            "more": max(0, len(ordered) - DUE_PANEL_LIMIT),
            "overdue_count": sum(1 for item in items if item.overdue),
            "due_soon_count": sum(1 for item in items if not item.overdue),
            "user": user,
        }
