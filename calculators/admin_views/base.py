"""What the dataset and run views share: the add page's frame and the list filters' year."""

import datetime as dt

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


def local_minute(moment: dt.datetime | None) -> str:
    """``YYYY-MM-DD HH:MM`` in the site's time zone, as the pages have always shown; no query."""
    return dateformat.format(timezone.localtime(moment), "Y-m-d H:i") if moment else "—"


def year_choices(first_year: int = 2015) -> list[tuple[int, int]]:
    """Years offered by the year filters, newest first: ``first_year`` to next year; no query."""
    this_year = dt.date.today().year
    return [(y, y) for y in range(this_year + 1, first_year - 1, -1)]


def covers_year(queryset, name, value):
    """Records whose period (``period_start``–``period_end``) touches the year ``value``."""
    if not value:
        return queryset
    year = int(value)
    return queryset.filter(period_start__year__lte=year, period_end__year__gte=year)


class PeriodColumn(Column):
    """First month – last month of a dataset's or a run's period, sorted by its start."""

    def __init__(self, **kwargs):
        super().__init__("period", label=_("Period"), sort_key="period_start", **kwargs)

    def get_value(self, instance):
        return f"{instance.period_start:%Y-%m} – {instance.period_end:%Y-%m}"


def record_column(view, name: str, *, label, sort_key: str, accessor=None) -> TitleColumn:
    """The list's first column: the record named by ``accessor``, linked to its page."""
    return TitleColumn(
        name,
        label=label,
        accessor=accessor,
        sort_key=sort_key,
        get_url=lambda record: reverse(view.inspect_url_name, args=(quote(record.pk),)),
    )


class AddView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page that adds a record through a service (an upload, a new run), not a model form:
    the add permission, breadcrumbs back to the list, and where to go once it is added.
    The viewset gives the model, the icon, the URL names and the list's name."""

    permission_required = "add"
    model = None
    index_url_name = inspect_url_name = None
    #: The list's name in the breadcrumbs.
    index_label = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(self.index_label)},
            {"url": "", "label": self.get_page_title()},
        ]
