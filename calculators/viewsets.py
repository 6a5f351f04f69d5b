"""Admin viewsets of the factor library (6.3.1 e); registration in ``wagtail_hooks.py``.

Datasets and runs have their own admin views (``calculators.admin_views``): they are not
edited through forms but submitted, reviewed, computed and approved.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages as wagtail_messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from calculators.models import Factor, FactorSet, GwpSet, GwpValue
from calculators.models.factors import FROZEN_MESSAGE


def _is_frozen(instance) -> bool:
    factor_set = instance if isinstance(instance, FactorSet) else instance.factor_set
    return FactorSet.objects.filter(pk=factor_set.pk, frozen=True).exists()


def _new_version_buttons(request, instance) -> list:
    """The way out of a frozen set: a button to copy it to a new version (6.3.2)."""
    if not request.user.has_perm("calculators.new_version_factorset"):
        return []
    factor_set_id = instance.pk if isinstance(instance, FactorSet) else instance.factor_set_id
    url = reverse("calculators_factorset_new_version", args=(quote(factor_set_id),))
    return [wagtail_messages.button(url, _("Create a new version"))]


class FrozenGuardMixin:
    """Refuse to edit or delete a frozen factor set or one of its factors, offering a new
    version instead (6.3.2)."""

    def dispatch(self, request, *args, **kwargs):
        if _is_frozen(self.object) and request.method == "POST":
            wagtail_messages.error(
                request, FROZEN_MESSAGE, buttons=_new_version_buttons(request, self.object)
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if _is_frozen(self.object):
            wagtail_messages.warning(
                self.request,
                FROZEN_MESSAGE,
                buttons=_new_version_buttons(self.request, self.object),
            )
        return context


class FrozenEditView(FrozenGuardMixin, snippet_views.EditView):
    pass


class FrozenDeleteView(FrozenGuardMixin, snippet_views.DeleteView):
    pass


class ReadableHistoryView(snippet_views.HistoryView):
    """The change history, for readers too (auditors and reviewers check provenance, 9.2)."""

    any_permission_required = ["add", "change", "delete", "view"]


class ReadableUsageView(snippet_views.UsageView):
    """Where a factor set or factor is used, for readers too."""

    permission_required = "view"


class LibraryViewSet(SnippetViewSet):
    """The factor library's viewsets: history and usage readable with the view permission."""

    history_view_class = ReadableHistoryView
    usage_view_class = ReadableUsageView
    search_backend_name = None
    inspect_view_enabled = True


class FactorSetIndexView(snippet_views.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("calculators.new_version_factorset"):
            buttons.append(
                MenuItem(
                    _("New version"),
                    url=reverse("calculators_factorset_new_version", args=(quote(instance.pk),)),
                    icon_name="copy",
                    priority=25,
                )
            )
        return buttons


class FactorSetViewSet(LibraryViewSet):
    model = FactorSet
    icon = "table"
    menu_label = _("Factor sets")
    search_fields = ["key", "name", "name_en", "citation", "citation_en"]
    list_display = [
        Column("display_name", label=_("name")),
        "key",
        "version",
        "year",
        BooleanColumn("frozen", label=_("frozen")),
        BooleanColumn("is_builtin", label=_("built-in")),
    ]
    list_filter = ["key", "frozen", "is_builtin"]
    list_export = [
        "key",
        "version",
        "name",
        "name_en",
        "citation",
        "citation_en",
        "retrieved_from",
        "source",
        "year",
        "frozen",
        "is_builtin",
    ]
    panels = [
        FieldPanel("key"),
        FieldPanel("version"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("year"),
        FieldPanel("citation"),
        FieldPanel("citation_en"),
        FieldPanel("retrieved_from"),
        FieldPanel("source"),
    ]
    index_view_class = FactorSetIndexView
    edit_view_class = FrozenEditView
    delete_view_class = FrozenDeleteView
    copy_view_enabled = False


class FactorViewSet(LibraryViewSet):
    model = Factor
    icon = "list-ul"
    menu_label = _("Emission factors")
    search_fields = ["material", "parameter", "gas", "citation", "citation_en", "note"]
    list_display = [
        "material",
        "parameter",
        "gas",
        "value",
        "unit",
        "factor_set",
        "verification",
        Column("display_citation", label=_("citation")),
    ]
    list_filter = ["factor_set", "parameter", "verification"]
    list_export = [
        "factor_set",
        "material",
        "parameter",
        "gas",
        "value",
        "unit",
        "citation",
        "citation_en",
        "retrieved_from",
        "source",
        "year",
        "region",
        "verification",
        "note",
    ]
    panels = [
        FieldPanel("factor_set"),
        FieldPanel("material"),
        FieldPanel("parameter"),
        FieldPanel("gas"),
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("year"),
        FieldPanel("region"),
        FieldPanel("verification"),
        FieldPanel("citation"),
        FieldPanel("citation_en"),
        FieldPanel("retrieved_from"),
        FieldPanel("source"),
        FieldPanel("note"),
    ]
    edit_view_class = FrozenEditView
    delete_view_class = FrozenDeleteView

    def get_queryset(self, request):
        return Factor.objects.select_related("factor_set")


class GwpSetViewSet(LibraryViewSet):
    model = GwpSet
    icon = "globe"
    menu_label = _("GWP sets")
    search_fields = ["key", "name"]
    list_display = ["key", "name", Column("display_citation", label=_("citation"))]


class GwpValueViewSet(LibraryViewSet):
    model = GwpValue
    icon = "list-ol"
    menu_label = _("GWP values")
    search_fields = ["species"]
    list_display = ["species", "gas_group", "value", "gwp_set"]
    list_filter = ["gwp_set", "gas_group"]
    list_export = ["gwp_set", "species", "gas_group", "value", "composition", "source"]

    def get_queryset(self, request):
        return GwpValue.objects.select_related("gwp_set")


class FactorLibraryGroup(SnippetViewSetGroup):
    items = (FactorSetViewSet, FactorViewSet, GwpSetViewSet, GwpValueViewSet)
    menu_icon = "table"
    menu_label = _("Factor library")
    menu_name = "factor_library"
