"""Admin viewsets of the calculators; registration in ``wagtail_hooks.py``.

* the factor library (6.3.1 e): snippets, edited through forms, frozen once used;
* activity data and accounting runs (8.5, 6.3.1, 9.1): model viewsets in the "Carbon
  accounting" group. They are not edited through forms but submitted, reviewed, computed and
  approved: the index lists and filters, the inspect view is the record's page, and the other
  steps are extra views (``calculators.admin_views``) added by ``get_urlpatterns``.

The URL names used before the viewsets (``calculators_dataset_detail`` …; e-mails, the work
queue and other apps reverse them) stay as aliases of the same paths: ``legacy_urlpatterns``.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages as wagtail_messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from calculators.models import AccountingRun, Dataset, Factor, FactorSet, GwpSet, GwpValue
from calculators.models.factors import FROZEN_MESSAGE
from cems_registers.lazy_views import LazyModule, LazyObject, lazy_view
from cems_registers.viewsets import escape_formula

# The views read the selectors and services (pandas, openpyxl, xhtml2pdf): imported when the
# URL patterns are built, not when Django starts (issue 13 §3).
DATASETS = "calculators.admin_views.datasets"
RUNS = "calculators.admin_views.runs"
datasets = LazyModule(DATASETS)
runs = LazyModule(RUNS)


def _url_finder(url_name: str):
    """An admin URL finder that leads to ``url_name`` (the record's page, there is no edit)."""
    return type("_InspectURLFinder", (ModelAdminURLFinder,), {"edit_url_name": url_name})


class AccountingViewSet(ModelViewSet):
    """What datasets and runs share: a page per record at ``<pk>/``, no edit, copy or delete,
    the menu item in the group, and the names of the paths as they were before."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    #: Path of the add view (the upload, the new run).
    add_route = "new/"
    #: The URL names before the viewsets were ``<url_namespace>_<view>``, with these views
    #: named differently; they stay as aliases (same path, same view).
    legacy_names = {"index": "list", "inspect": "detail", "index_results": None}
    #: Extra views whose URL names the record's page needs (``<view>_url_name``).
    inspect_actions: tuple[str, ...] = ()

    @property
    def url_finder_class(self):
        return _url_finder(self.get_url_name("inspect"))

    def render_inspect(self, request, pk, **extra):
        """The record's page again after a refused action, with ``extra`` (the form typed)."""
        view_class = self.inspect_view_class
        kwargs = {**self.get_common_view_kwargs(), **self.get_inspect_view_kwargs(), **extra}
        view = view_class(**{key: kw for key, kw in kwargs.items() if hasattr(view_class, key)})
        view.setup(request, pk=pk)
        return view.get(request, pk=pk)

    def get_add_view_kwargs(self, **kwargs):
        # no model form: the add view is the upload or the run form, each with its service
        return {"index_label": self.menu_label, **kwargs}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(edit_url_name=None, delete_url_name=None, **kwargs)

    def base_urlpatterns(self) -> list:
        """Index (and its AJAX results), the add view at ``add_route``, the record's page."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(self.add_route, self.add_view, name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def legacy_urlpatterns(self) -> list:
        """The old URL names on the same paths, for ``register_admin_urls``."""
        return [
            path(f"{self.url_prefix}/{pattern.pattern}", pattern.callback, name=legacy)
            for pattern in self.get_urlpatterns()
            if (legacy := self.legacy_url_name(pattern.name))
        ]

    def legacy_url_name(self, name: str) -> str | None:
        view = self.legacy_names.get(name, name)
        return f"{self.url_namespace}_{view}" if view else None

    def get_inspect_view_kwargs(self, **kwargs):
        names = {f"{action}_url_name": self.get_url_name(action) for action in self.inspect_actions}
        return super().get_inspect_view_kwargs(**names, **kwargs)

    def action_view(self, view_class):
        """An extra view; it may show the record's page again (``inspect_page``)."""
        return self.construct_view(view_class, inspect_page=self.render_inspect)


class DatasetViewSet(AccountingViewSet):
    """Activity data (8.5): list, upload, page with rows, review, withdrawal, file, template."""

    model = Dataset
    icon = "doc-full"
    menu_label = _("Activity data")
    menu_order = 100
    url_prefix = "calculators/datasets"
    url_namespace = "calculators_dataset"
    add_route = "upload/"
    filterset_class = LazyObject(f"{DATASETS}:DatasetFilterSet")
    index_view_class = LazyObject(f"{DATASETS}:DatasetIndexView")
    add_view_class = LazyObject(f"{DATASETS}:DatasetUploadView")
    inspect_view_class = LazyObject(f"{DATASETS}:DatasetInspectView")
    legacy_names = {**AccountingViewSet.legacy_names, "add": "upload"}
    inspect_actions = ("review", "withdraw", "file")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            template_url_name=self.get_url_name("template"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *self.base_urlpatterns(),
            path(
                "template.<str:fmt>",
                self.action_view(datasets.DatasetTemplateView),
                name="template",
            ),
            path("<int:pk>/review/", self.action_view(datasets.DatasetReviewView), name="review"),
            path(
                "<int:pk>/withdraw/",
                self.action_view(datasets.DatasetWithdrawView),
                name="withdraw",
            ),
            path("<int:pk>/file/", self.action_view(datasets.DatasetFileView), name="file"),
        ]


class AccountingRunViewSet(AccountingViewSet):
    """Accounting runs (6.3.1, 9.1): list, new run, page with progress, approval, results and
    report downloads (:mod:`calculators.results_views`)."""

    model = AccountingRun
    icon = "tasks"
    menu_label = _("Accounting runs")
    menu_order = 200
    url_prefix = "calculators/runs"
    url_namespace = "calculators_run"
    filterset_class = LazyObject(f"{RUNS}:RunFilterSet")
    index_view_class = LazyObject(f"{RUNS}:RunIndexView")
    add_view_class = LazyObject(f"{RUNS}:RunCreateView")
    inspect_view_class = LazyObject(f"{RUNS}:RunInspectView")
    legacy_names = {**AccountingViewSet.legacy_names, "add": "create"}
    inspect_actions = ("status", "approve", "results")

    def get_urlpatterns(self):
        return [
            *self.base_urlpatterns(),
            path("<int:pk>/status/", self.action_view(runs.RunStatusView), name="status"),
            path("<int:pk>/approve/", self.action_view(runs.RunApproveView), name="approve"),
            path(
                "<int:pk>/results/",
                lazy_view("calculators.results_views:run_results"),
                name="results",
            ),
            path(
                "<int:pk>/report.<str:fmt>",
                lazy_view("calculators.results_views:run_report"),
                name="report",
            ),
            path(
                "<int:pk>/mee.<str:fmt>",
                lazy_view("calculators.mee_views:run_mee_report"),
                name="mee_report",
            ),
        ]


class AccountingGroup(ModelViewSetGroup):
    """The "Carbon accounting" menu: activity data and runs; other parts of the calculators
    (objectives progress, assessment) add their items through ``submenu_hook``."""

    items = (DatasetViewSet, AccountingRunViewSet)
    menu_label = _("Carbon accounting")
    menu_icon = "tasks"
    menu_order = 400
    menu_name = "carbon_accounting"
    submenu_hook = "register_calculators_menu_item"


def may_copy_factor_sets(user) -> bool:
    """Whether ``user`` may copy a factor set to a new version (6.3.2), by the set's policy."""
    return policy_registry.get_by_type(FactorSet).user_has_permission(user, "new_version")


def _is_frozen(instance) -> bool:
    factor_set = instance if isinstance(instance, FactorSet) else instance.factor_set
    return FactorSet.objects.filter(pk=factor_set.pk, frozen=True).exists()


def _new_version_buttons(request, instance) -> list:
    """The way out of a frozen set: a button to copy it to a new version (6.3.2)."""
    if not may_copy_factor_sets(request.user):
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


class LibraryIndexView(snippet_views.IndexView):
    """The library's list; its CSV/XLSX export escapes formula cells as the registers' does
    (a citation or note starting with ``=`` is text, not a formula; issue 13 §6)."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return escape_formula(super().get_heading(queryset, field))


class LibraryViewSet(SnippetViewSet):
    """The factor library's viewsets: history and usage readable with the view permission."""

    index_view_class = LibraryIndexView
    history_view_class = ReadableHistoryView
    usage_view_class = ReadableUsageView
    search_backend_name = None
    inspect_view_enabled = True


class FactorSetIndexView(LibraryIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_copy_factor_sets(self.request.user):
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
