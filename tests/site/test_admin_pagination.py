"""Every admin list is paginated (issue 13 §3): registers, their field history, activity data,
runs, the factor library, the communication log, verification findings, carbon assets,
monitoring plans … A list that grows with the data is never read whole on one page.

Two walks: every admin URL whose view is a Django/Wagtail list view of this project has a page
size; every item of the admin menu (as a superuser sees it, submenus too) leads to such a list
or to one of the pages below, which are not lists or are bounded on purpose.
"""

from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve
from django.views.generic.list import MultipleObjectMixin

from wagtail.admin.menu import SubmenuMenuItem, admin_menu

import pytest

from cems_registers.lazy_views import _resolve

pytestmark = pytest.mark.django_db

PROJECT = ("calculators.", "cems_registers.", "cems_pages.", "cems_site.")
#: Menu pages that are not lists of records, or lists bounded by design (URL name → why).
NOT_LISTS = {
    "cems_work_queue": "at most work_queue.selectors.LIMIT items per kind, the count gives the rest",
    "cems_performance_dashboard": "figures of one year",
    "calculators_performance": "indicators of the approved objectives, one row each",
    "calculators_assessment_list": "the latest 100 assessments (one a year)",
    "cems_readiness": "the clauses of chapters 4–10",
    "cems_registers_import": "an upload form",
    "cems_registers_risk_heat_map": "a 5 × 5 grid of counts",
}
#: Lists that page themselves (a ``Paginator`` in the view): checked on the rendered page.
PAGED_BY_HAND = {"cems_verification_pages": "page revisions, 50 a page"}
MAX_PAGE = 100


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def view_class_and_page(callback):
    """The class-based view behind ``callback`` and the page size it is built with."""
    target = getattr(callback, "lazy_target", None)
    if target:
        callback = _resolve(target, False)
        if isinstance(callback, type):
            return callback, callback.paginate_by if hasattr(callback, "paginate_by") else None
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return None, None
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    return view_class, initkwargs.get("paginate_by", getattr(view_class, "paginate_by", None))


def project_list_views():
    for route, callback in _walk(get_resolver()):
        view_class, page = view_class_and_page(callback)
        if (
            route.startswith("admin/")
            and view_class is not None
            and issubclass(view_class, MultipleObjectMixin)
            and view_class.__module__.startswith(PROJECT)
        ):
            yield route, view_class, page


def test_every_project_list_view_has_a_page_size():
    views = list(project_list_views())
    routes = {route for route, _view, _page in views}
    # the lists the issue names are among them
    for expected in (
        "admin/calculators/datasets/",
        "admin/calculators/runs/",
        "admin/snippets/cems_registers/communication/",
        "admin/snippets/cems_registers/monitoringplan/",
        "admin/snippets/cems_registers/risk/",
        "admin/snippets/cems_verification/finding/",
        "admin/snippets/cems_assets/retirement/",
        "admin/snippets/calculators/factor/",
    ):
        assert expected in routes, expected
    assert any("field-history" in route for route in routes)
    unpaginated = [
        (route, view.__name__) for route, view, page in views if not (page and page <= MAX_PAGE)
    ]
    assert unpaginated == []


def menu_urls(request, menu) -> list[tuple[str, str]]:
    found = []
    for item in menu.menu_items_for_request(request):
        if isinstance(item, SubmenuMenuItem):
            found.extend(menu_urls(request, item.menu))
        elif item.url:
            found.append((str(item.label), item.url))
    return found


def test_every_admin_menu_list_is_paginated(admin_user, client):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    urls = menu_urls(request, admin_menu)
    assert len(urls) > 30  # the registers, accounting, verification, assets …
    problems = []
    for label, url in urls:
        path = url.split("?")[0]
        if not path.startswith("/admin/"):
            continue
        match = resolve(path)
        if match.url_name in NOT_LISTS:
            continue
        if match.url_name in PAGED_BY_HAND:
            client.force_login(admin_user)
            page_obj = client.get(path).context["page_obj"]
            if not 0 < page_obj.paginator.per_page <= MAX_PAGE:
                problems.append((label, path, f"page size {page_obj.paginator.per_page}"))
            continue
        view_class, page = view_class_and_page(match.func)
        view = view_class or match.func
        if not view.__module__.startswith(PROJECT):
            continue  # Wagtail's own pages (explorer, images, settings …) page themselves
        if view_class is None or not issubclass(view_class, MultipleObjectMixin):
            problems.append((label, path, "not a list view and not in NOT_LISTS"))
        elif not (page and page <= MAX_PAGE):
            problems.append((label, path, f"page size {page}"))
    assert problems == []
