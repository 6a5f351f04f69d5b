"""One confirmation view for a top-management approval (5.1): GET shows what is approved,
POST calls the approving service and returns to the record's page.

Subclasses name the model, who may approve, the service and the success message; the
viewset passes ``inspect_url_name`` and ``approve_url_name`` to ``as_view``.

Two approvers confirming at once: the POST locks the record (``select_for_update``) before
calling the service, in one transaction, so the second waits for the first and then finds
it approved; it is told who approved it and when (issue 13 §4).
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..concurrency import already_decided


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

    def is_approved(self, obj) -> bool:
        return bool(getattr(obj, "is_approved", False))

    def already_approved(self, obj) -> ValidationError:
        return already_decided(
            record=obj,
            decision=pgettext("decision", "approved"),
            user=getattr(obj, "approved_by", None),
            at=getattr(obj, "approved_at", None),
            code="approved",
        )

    def post(self, request, pk):
        try:
            with transaction.atomic():
                locked = self.model._default_manager.select_for_update().get(pk=self.object.pk)
                if self.is_approved(locked):
                    raise self.already_approved(locked)
                self.approve(locked, request.user)
                self.object = locked
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.success_message(self.object))
        return HttpResponseRedirect(self._url(self.inspect_url_name))
