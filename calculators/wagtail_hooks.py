"""Admin registration of the calculators: factor library snippets, data and run views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from calculators.admin_views import urls as admin_urls
from calculators.models import Factor, FactorSet
from calculators.viewsets import FROZEN_MESSAGE, FactorLibraryGroup

from . import (
    hooks_performance,  # noqa: F401  (objectives progress)
    hooks_reports,  # noqa: F401  (results views and report downloads)
)

register_snippet(FactorLibraryGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_frozen_factors(request, instances):
    """Single and bulk deletes of frozen factor sets or their factors are refused (6.3.2)."""
    set_ids = {
        i.pk if isinstance(i, FactorSet) else i.factor_set_id
        for i in instances
        if isinstance(i, (Factor, FactorSet))
    }
    if set_ids and FactorSet.objects.filter(pk__in=set_ids, frozen=True).exists():
        messages.error(request, FROZEN_MESSAGE)
        model = type(instances[0])
        return redirect(model.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("register_admin_urls")
def register_calculators_admin_urls():
    return [path("calculators/", include(admin_urls))]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users holding any of ``permissions``."""

    def __init__(self, *args, permissions=(), **kwargs):
        self.permissions = permissions
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)


accounting_menu = Menu(
    register_hook_name="register_calculators_menu_item", construct_hook_name=None
)


@hooks.register("register_calculators_menu_item")
def register_dataset_list_item():
    return PermissionMenuItem(
        _("Activity data"),
        reverse("calculators_dataset_list"),
        icon_name="doc-full",
        order=100,
        permissions=("calculators.view_dataset", "calculators.add_dataset"),
    )


@hooks.register("register_calculators_menu_item")
def register_dataset_upload_item():
    return PermissionMenuItem(
        _("Upload activity data"),
        reverse("calculators_dataset_upload"),
        icon_name="upload",
        order=110,
        permissions=("calculators.add_dataset",),
    )


@hooks.register("register_calculators_menu_item")
def register_run_list_item():
    return PermissionMenuItem(
        _("Accounting runs"),
        reverse("calculators_run_list"),
        icon_name="tasks",
        order=200,
        permissions=("calculators.view_accountingrun",),
    )


@hooks.register("register_admin_menu_item")
def register_accounting_menu():
    return SubmenuMenuItem(_("Carbon accounting"), accounting_menu, icon_name="tasks", order=400)


# --- assessment of reduction potential (6.4) -----------------------------------------------


@hooks.register("register_admin_urls")
def register_assessment_urls():
    from calculators.assessment import views as assessment_views

    return [path("calculators/assessments/", include(assessment_views.urlpatterns))]


@hooks.register("register_calculators_menu_item")
def register_assessment_list_item():
    return PermissionMenuItem(
        _("Assessments of reduction potential"),
        reverse("calculators_assessment_list"),
        icon_name="pick",
        order=300,
        permissions=("calculators.view_assessment",),
    )


@hooks.register("cems_due_items")
def reassessment_due_items(**kwargs):
    """The re-assessment item (6.4.2) in the registers' "What is due" panel and digest."""
    from calculators.assessment.due import reassessment_due_items as items

    return items(**kwargs)
