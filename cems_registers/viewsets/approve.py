"""One confirmation view for a top-management approval (5.1): GET shows what is approved,
POST calls the approving service and returns to the record's page.

Subclasses name the model, who may approve, the service and the success message; the
viewset passes ``inspect_url_name`` and ``approve_url_name`` to ``as_view``.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ApproveConfirmView(WagtailAdminTemplateMixin, TemplateView):
    model = None
    inspect_url_name = None
    approve_url_name = None

    def user_can_approve(self, user) -> bool:
        raise NotImplementedError

    def approve(self, obj, user) -> None:
        """Record the approval; raises ``ValidationError`` when it cannot be given."""
        raise NotImplementedError

    def success_message(self, obj) -> str:
        raise NotImplementedError

    def dispatch(self, request, pk):
        if not self.user_can_approve(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def _url(self, name: str) -> str:
        return reverse(name, args=(quote(self.object.pk),))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["approve_url"] = self._url(self.approve_url_name)
        context["cancel_url"] = self._url(self.inspect_url_name)
        return context

    def post(self, request, pk):
        try:
            self.approve(self.object, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.success_message(self.object))
        return HttpResponseRedirect(self._url(self.inspect_url_name))
