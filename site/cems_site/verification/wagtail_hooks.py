"""Admin registration of the verification app: the menu group *Verification* (engagements,
samples, findings) and the read-only pages' revisions (6.3.3, 7.3, 9.3)."""

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import views
from .viewsets import VerificationGroup

register_snippet(VerificationGroup)


@hooks.register("register_admin_urls")
def register_page_revision_urls():
    return [
        path(
            "verification/pages/",
            views.PageRevisionsIndexView.as_view(),
            name="cems_verification_pages",
        ),
        path(
            "verification/pages/<int:page_id>/history/",
            views.PageHistoryReadView.as_view(pk_url_kwarg="page_id"),
            name="cems_verification_page_history",
        ),
        path(
            "verification/pages/<int:page_id>/history/results/",
            views.PageHistoryReadView.as_view(pk_url_kwarg="page_id", results_only=True),
            name="cems_verification_page_history_results",
        ),
        path(
            "verification/pages/<int:page_id>/revisions/<int:revision_id>/view/",
            views.PageRevisionReadView.as_view(),
            name="cems_verification_page_revision",
        ),
        re_path(
            r"^verification/pages/(?P<pk>\d+)/revisions/compare/"
            r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
            views.PageCompareReadView.as_view(),
            name="cems_verification_page_compare",
        ),
    ]


class PageRevisionsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_read_revisions(request.user)


@hooks.register("register_verification_menu_item")
def register_page_revisions_menu_item():
    return PageRevisionsMenuItem(
        _("Page revisions"),
        reverse("cems_verification_pages"),
        icon_name="history",
        name="cems-verification-pages",
        order=10,
    )
