"""Admin viewset of the monitoring plans (8.5, 9.1.4): versions, approval, MEE exports.

Actions beside Wagtail's own views: submit (keepers, change permission), approve and return
to draft (top management, ``approve_monitoringplan``), new version (add permission) and the
PDF / XLSX exports in Chinese and English (view permission). Each action confirms on GET and
acts on POST through a service of ``cems_registers.services.monitoring_plans``.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from ..due import user_can_view
from ..models import MonitoringPlan, MonitoringPlanStatus
from ..monitoring import export_filename, monitoring_plan_pdf, monitoring_plan_xlsx
from ..services import monitoring_plans as services
from ._export import export_spec, filterset_for
from .base import RegisterIndexView, RegisterInspectView, RegisterViewSet


class MonitoringPlanForm(WagtailAdminModelForm):
    """An approved or superseded plan is not edited (a new version is); editing a submitted
    plan withdraws the submission (8.5)."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_locked:
            raise ValidationError(
                _(
                    "Plan %(plan)s is %(status)s and cannot be changed: make a new version "
                    "and submit it for approval."
                )
                % {"plan": self.instance, "status": self.instance.get_status_display()}
            )
        return cleaned

    def save(self, commit=True):
        instance = self.instance
        if instance.pk and instance.status == MonitoringPlanStatus.SUBMITTED:
            instance.status = MonitoringPlanStatus.DRAFT
            instance.submitted_by = None
            instance.submitted_at = None
        return super().save(commit)


#: action name → (service, permission check, title, question, success message)
ACTIONS = {
    "submit": (
        services.monitoring_plan_submit,
        lambda user: user.has_perm("cems_registers.change_monitoringplan"),
        _("Submit for approval"),
        _("Submit the monitoring plan “%(plan)s” to top management for approval?"),
        _("Monitoring plan “%(plan)s” submitted for approval."),
    ),
    "approve": (
        services.monitoring_plan_approve,
        services.user_can_approve_monitoring_plans,
        _("Approve"),
        _(
            "Approve the monitoring plan “%(plan)s”? It comes into force on its effective date "
            "and supersedes the approved plan of the same boundary."
        ),
        _("Monitoring plan “%(plan)s” approved."),
    ),
    "return": (
        services.monitoring_plan_return,
        services.user_can_approve_monitoring_plans,
        _("Return to draft"),
        _("Return the monitoring plan “%(plan)s” to its authors as a draft?"),
        _("Monitoring plan “%(plan)s” returned to draft."),
    ),
    "new_version": (
        services.monitoring_plan_new_version,
        lambda user: user.has_perm("cems_registers.add_monitoringplan"),
        _("New version"),
        _("Make a draft of the next version of “%(plan)s”, with all its parameters?"),
        _("Draft “%(plan)s” created."),
    ),
}
#: Which action applies to a plan in which status.
ACTION_STATUSES = {
    "submit": (MonitoringPlanStatus.DRAFT,),
    "approve": (MonitoringPlanStatus.SUBMITTED,),
    "return": (MonitoringPlanStatus.SUBMITTED,),
    "new_version": (MonitoringPlanStatus.APPROVED, MonitoringPlanStatus.SUPERSEDED),
}


def available_actions(plan: MonitoringPlan, user) -> list[str]:
    """The actions ``user`` may take on ``plan`` now; issues no query beyond permissions."""
    return [
        name
        for name, statuses in ACTION_STATUSES.items()
        if plan.status in statuses and ACTIONS[name][1](user)
    ]


def action_buttons(plan: MonitoringPlan, user, url_name) -> list[Button]:
    buttons = []
    for index, name in enumerate(available_actions(plan, user)):
        url = reverse(url_name, args=(quote(plan.pk), name))
        buttons.append(Button(ACTIONS[name][2], url=url, icon_name="check", priority=30 + index))
    if user_can_view(user, MonitoringPlan):
        for index, (label, fmt, language) in enumerate(EXPORTS):
            url = reverse("cems_registers_monitoring_plan_export", args=(plan.pk, fmt))
            buttons.append(
                Button(
                    label, url=f"{url}?lang={language}", icon_name="doc-full", priority=50 + index
                )
            )
    return buttons


#: The export buttons: (label, format, language), Chinese first.
EXPORTS = (
    (_("PDF (Chinese)"), "pdf", "zh-hans"),
    (_("XLSX (Chinese)"), "xlsx", "zh-hans"),
    (_("PDF (English)"), "pdf", "en"),
    (_("XLSX (English)"), "xlsx", "en"),
)


class MonitoringPlanActionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and do (POST) one of :data:`ACTIONS` on a plan."""

    header_icon = "list-ul"
    template_name = "cems_registers/monitoring_plan_action.html"
    inspect_url_name = action_url_name = None

    def dispatch(self, request, pk, action):
        if action not in ACTIONS:
            raise PermissionDenied
        self.action = action
        self.object = get_object_or_404(MonitoringPlan, pk=unquote(str(pk)))
        if not ACTIONS[action][1](request.user):
            raise PermissionDenied
        return super().dispatch(request, pk, action)

    def get_page_title(self):
        return ACTIONS[self.action][2]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = quote(self.object.pk)
        context.update(
            {
                "object": self.object,
                "title": ACTIONS[self.action][2],
                "question": ACTIONS[self.action][3] % {"plan": self.object},
                "action_url": reverse(self.action_url_name, args=(pk, self.action)),
                "cancel_url": reverse(self.inspect_url_name, args=(pk,)),
            }
        )
        return context

    def post(self, request, pk, action):
        service = ACTIONS[action][0]
        try:
            result = service(plan=self.object, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
            result = self.object
        else:
            messages.success(request, gettext(str(ACTIONS[action][4])) % {"plan": result})
        return HttpResponseRedirect(reverse(self.inspect_url_name, args=(quote(result.pk),)))


def monitoring_plan_export_view(request, pk: int, fmt: str):
    """The plan as PDF or XLSX in the MEE layout (``?lang=zh-hans|en``); view permission."""
    if not user_can_view(request.user, MonitoringPlan):
        raise PermissionDenied
    plan = get_object_or_404(MonitoringPlan, pk=pk)
    language = request.GET.get("lang") or "zh-hans"
    if fmt == "pdf":
        data, content_type = (
            monitoring_plan_pdf(plan_id=plan.pk, language=language),
            "application/pdf",
        )
    else:
        data = monitoring_plan_xlsx(plan_id=plan.pk, language=language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    filename = export_filename(plan, language, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


#: Admin URLs of the exports (registered in ``wagtail_hooks``).
urlpatterns = [
    path(
        "registers/monitoring-plans/<int:pk>/export.<str:fmt>",
        monitoring_plan_export_view,
        name="cems_registers_monitoring_plan_export",
    ),
]


class MonitoringPlanInspectView(RegisterInspectView):
    action_url_name = None

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *action_buttons(self.object, self.request.user, self.action_url_name),
        ]


class MonitoringPlanIndexView(RegisterIndexView):
    action_url_name = None

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *action_buttons(instance, self.request.user, self.action_url_name),
        ]


class MonitoringPlanViewSet(RegisterViewSet):
    """Monitoring plans (数据质量控制计划), one menu item of their own (8.5, 9.1.4)."""

    model = MonitoringPlan
    icon = "list-ul"
    add_to_admin_menu = True
    menu_order = 217
    list_display = [
        "code",
        "version",
        "title",
        "boundary",
        "effective_from",
        "status",
        "approved_by",
    ]
    filterset_class = filterset_for(MonitoringPlan, ["status", "boundary"], "effective_from")
    search_fields = ["code", "title", "description"]
    list_export, export_headings = export_spec(
        MonitoringPlan,
        [
            "code",
            "version",
            "title",
            "boundary",
            "effective_from",
            "status",
            "owner",
            "submitted_at",
            "approved_by",
            "approved_at",
            "superseded_at",
            "revision_note",
        ],
    )
    edit_handler = ObjectList(MonitoringPlan.panels, base_form_class=MonitoringPlanForm)
    index_view_class = MonitoringPlanIndexView
    inspect_view_class = MonitoringPlanInspectView
    inspect_view_fields = [
        "code",
        "version",
        "title",
        "boundary",
        "effective_from",
        "status",
        "owner",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "superseded_at",
        "revision_note",
        "description",
        "items",
        "quality_assurance",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(action_url_name=self.get_url_name("action"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            action_url_name=self.get_url_name("action"), **kwargs
        )

    @property
    def action_view(self):
        return MonitoringPlanActionView.as_view(
            action_url_name=self.get_url_name("action"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"action/<{conv}:pk>/<slug:action>/", self.action_view, name="action"),
        ]
