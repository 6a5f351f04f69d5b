"""Admin registration of the calculators; the only module that registers with Wagtail.

The permission policies of datasets and runs come first: Wagtail refuses a policy registered
after a fallback was made for the model.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from calculators.admin_views.permissions import (
    accounting_run_permission_policy,
    dataset_permission_policy,
)
from calculators.models import AccountingRun, Dataset, Factor, FactorSet

register_permission_policy(Dataset, dataset_permission_policy)
register_permission_policy(AccountingRun, accounting_run_permission_policy)

from calculators.viewsets import (  # noqa: E402  (after the policies)
    FROZEN_MESSAGE,
    AccountingGroup,
    FactorLibraryGroup,
)
from cems_registers.lazy_views import lazy_view  # noqa: E402

from . import hooks_performance  # noqa: E402, F401  (objectives progress)

register_snippet(FactorLibraryGroup)
accounting_group = AccountingGroup()


@hooks.register("register_admin_viewset")
def register_accounting_viewsets():
    return accounting_group


@hooks.register("register_admin_urls")
def register_calculators_admin_urls():
    """The names the accounting pages had before their viewsets, and the factor-set copy."""
    return [
        *(p for viewset in accounting_group.registerables for p in viewset.legacy_urlpatterns()),
        path(
            "calculators/factor-sets/<int:pk>/new-version/",
            # the copy service reads the factor library with pandas: imported on first use
            lazy_view("calculators.admin_views.factors:factor_set_new_version_view"),
            name="calculators_factorset_new_version",
        ),
    ]


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


# --- assessment of reduction potential (6.4) -----------------------------------------------


@hooks.register("register_admin_urls")
def register_assessment_urls():
    from calculators.assessment import views as assessment_views  # noqa: PLC0415 — keeps pandas out of start-up

    return [path("calculators/assessments/", include(assessment_views.urlpatterns))]


class AssessmentMenuItem(MenuItem):
    """Assessments are pages of their own (not a model viewset): shown with the view right."""

    def is_shown(self, request):
        return request.user.has_perm("calculators.view_assessment")


@hooks.register("register_calculators_menu_item")
def register_assessment_list_item():
    return AssessmentMenuItem(
        _("Assessments of reduction potential"),
        reverse("calculators_assessment_list"),
        icon_name="pick",
        order=300,
    )


@hooks.register("cems_due_items")
def reassessment_due_items(**kwargs):
    """The re-assessment item (6.4.2) in the registers' "What is due" panel and digest."""
    from calculators.assessment.due import reassessment_due_items as items  # noqa: PLC0415 — keeps pandas out of start-up

    return items(**kwargs)


@hooks.register("cems_run_actions")
def mee_report_pdf_action(run):
    """The MEE emission report (PDF) on an approved run's page (issue 12 §4)."""
    from calculators.mee_views import run_mee_pdf_action  # noqa: PLC0415 — keeps pandas out of start-up

    return run_mee_pdf_action(run)


@hooks.register("cems_run_actions")
def mee_report_xlsx_action(run):
    """The MEE emission report (XLSX) on an approved run's page (issue 12 §4)."""
    from calculators.mee_views import run_mee_xlsx_action  # noqa: PLC0415 — keeps pandas out of start-up

    return run_mee_xlsx_action(run)
