"""Admin action: copy a factor set to a new version (6.3.2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from calculators.models import FactorSet
from calculators.services.factors import factor_set_new_version


def factor_set_new_version_view(request, pk: int):
    if not policy_registry.get_by_type(FactorSet).user_has_permission(request.user, "new_version"):
        raise PermissionDenied
    factor_set = get_object_or_404(FactorSet, pk=pk)
    if request.method == "POST":
        new = factor_set_new_version(factor_set=factor_set, user=request.user)
        messages.success(request, _("Created %(label)s; edit its factors.") % {"label": new.label})
        return redirect("wagtailsnippets_calculators_factorset:edit", new.pk)
    return TemplateResponse(
        request, "calculators/admin/factor_set_new_version.html", {"factor_set": factor_set}
    )
