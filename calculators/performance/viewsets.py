"""Admin viewset of the observed values of indicators (6.5, 9.1.2); registered in
``calculators.hooks_performance``.

Owners enter, per indicator of the metric *other* and year, the value and its evidence; the
save goes through :func:`calculators.performance.services.indicator_observation_save` (who and
when recorded, the indicator's progress recomputed by a task). Bad input (not a number, a year
outside the indicator's baseline and target years, an indicator computed from the results) is
refused at its field and nothing is saved.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from calculators.models import IndicatorObservation
from calculators.performance import services
from cems_registers.models import Indicator, IndicatorMetric
from cems_registers.people import person_name


class ObservationForm(WagtailAdminModelForm):
    """Offers only the indicators whose metric is *other*."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        field = self.fields.get("indicator")
        if field is not None:
            field.queryset = Indicator.objects.filter(metric=IndicatorMetric.OTHER).select_related(
                "objective"
            )
            field.label_from_instance = lambda i: f"{i.objective.code} {i.name} ({i.unit})"


class _SaveThroughService:
    log_action_name = "wagtail.edit"

    def save_instance(self):
        instance = services.indicator_observation_save(
            observation=self.form.instance, user=self.request.user
        )
        log(instance=instance, action=self.log_action_name, user=self.request.user)
        return instance


class ObservationCreateView(_SaveThroughService, generic.CreateView):
    log_action_name = "wagtail.create"


class ObservationEditView(_SaveThroughService, generic.EditView):
    pass


class ObservationViewSet(ModelViewSet):
    model = IndicatorObservation
    edit_handler = ObjectList(
        [
            FieldPanel("indicator"),
            FieldPanel("year"),
            FieldPanel("value"),
            FieldPanel("evidence"),
        ],
        base_form_class=ObservationForm,
    )
    add_view_class = ObservationCreateView
    edit_view_class = ObservationEditView
    icon = "edit"
    menu_label = _("Observed values of indicators")
    add_to_admin_menu = False
    list_display = [
        TitleColumn(
            "indicator",
            label=_("Indicator"),
            accessor=lambda o: f"{o.indicator.objective.code} {o.indicator}",
            url_name="calculators_observation:edit",
        ),
        Column("year", label=_("Year")),
        Column("value", label=_("Observed value"), accessor=lambda o: o.value.normalize()),
        Column("entered_by", label=_("Entered by"), accessor=lambda o: person_name(o.entered_by)),
        DateColumn("entered_at", label=_("Entered at")),
    ]
    list_filter = ["year"]
    search_fields = None

    def get_queryset(self, request):
        return IndicatorObservation.objects.select_related(
            "indicator__objective", "entered_by"
        ).order_by("indicator__objective__code", "indicator", "year")


observation_viewset = ObservationViewSet("calculators_observation")
