"""Admin viewsets of the objectives and indicators (clause 6.5)."""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from ..models import Objective, ObjectiveStatus
from ..services.objectives import objective_approve, user_can_approve_objectives
from ._export import export_spec, filterset_for
from .base import RegisterIndexView, RegisterInspectView, RegisterViewSet


class ObjectiveForm(WagtailAdminModelForm):
    """Objective form: changing what was approved withdraws the approval (clause 5.1).

    Top management approved a wording, level, deadline and indicators; once any of them
    changes, the objective returns to draft and needs a new approval. Moving an approved
    objective to achieved or not achieved keeps the approval.
    """

    approval_fields = ("code", "title", "level", "facility", "description", "deadline")

    def save(self, commit=True):
        instance = self.instance
        if instance.pk and instance.approved_at and self.changes_approved_content():
            instance.approved_by = None
            instance.approved_at = None
            instance.status = ObjectiveStatus.DRAFT
        return super().save(commit)

    def changes_approved_content(self) -> bool:
        if any(name in self.changed_data for name in self.approval_fields):
            return True
        indicators = self.formsets.get("indicators")
        return bool(indicators is not None and indicators.has_changed())


class ObjectiveApproveView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and record (POST) top management's approval of an objective (5.1)."""

    template_name = "cems_registers/objective_approve.html"
    header_icon = "crosshairs"
    page_title = _("Approve objective")
    inspect_url_name = None
    approve_url_name = None

    def dispatch(self, request, pk):
        if not user_can_approve_objectives(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(Objective, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["approve_url"] = reverse(self.approve_url_name, args=(quote(self.object.pk),))
        context["cancel_url"] = reverse(self.inspect_url_name, args=(quote(self.object.pk),))
        return context

    def post(self, request, pk):
        try:
            objective_approve(objective=self.object, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, gettext("Objective '%(objective)s' approved.") % {"objective": self.object}
            )
        return HttpResponseRedirect(reverse(self.inspect_url_name, args=(quote(self.object.pk),)))


class ObjectiveInspectView(RegisterInspectView):
    approve_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_approved and user_can_approve_objectives(self.request.user):
            url = reverse(self.approve_url_name, args=(quote(self.object.pk),))
            buttons.append(Button(_("Approve"), url=url, icon_name="check", priority=30))
        return buttons


class ObjectiveIndexView(RegisterIndexView):
    approve_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_approved and user_can_approve_objectives(self.request.user):
            url = reverse(self.approve_url_name, args=(quote(instance.pk),))
            buttons.append(Button(_("Approve"), url=url, icon_name="check", priority=30))
        return buttons


class ObjectiveViewSet(RegisterViewSet):
    """Objectives, with the approval action of top management (clauses 5.1, 6.5)."""

    model = Objective
    icon = "crosshairs"
    menu_label = capfirst(Objective._meta.verbose_name_plural)
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["code", "title", "level", "deadline", "status", "approved_by"]
    filterset_class = filterset_for(Objective, ["level", "status"], "deadline")
    search_fields = ["code", "title", "description"]
    list_export, export_headings = export_spec(
        Objective,
        [
            "code",
            "title",
            "level",
            "facility",
            "description",
            "deadline",
            "status",
            "owner",
            "approved_by",
            "approved_at",
        ],
    )
    edit_handler = ObjectList(Objective.panels, base_form_class=ObjectiveForm)
    index_view_class = ObjectiveIndexView
    inspect_view_class = ObjectiveInspectView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            approve_url_name=self.get_url_name("approve"), **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            approve_url_name=self.get_url_name("approve"), **kwargs
        )

    @property
    def approve_view(self):
        return ObjectiveApproveView.as_view(
            approve_url_name=self.get_url_name("approve"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"approve/<{self.pk_path_converter}:pk>/", self.approve_view, name="approve"),
        ]
