"""The snippet viewset every register uses (clause 7.3 documented information).

:class:`RegisterViewSet` adds to Wagtail's ``SnippetViewSet``:

* ORM ``icontains`` search (``search_backend_name = None``): Chinese substrings match;
* CSV/XLSX export with formula-injection escaping of every text cell;
* a translated due-state badge column when the model sets ``due_date_field``;
* a field-history view (django-simple-history diffs) with "Revert to this version";
* an inspect view linking to the field history;
* ``select_related`` for every foreign key shown or exported, so the list issues a
  constant number of queries whatever its length;
* an edit view that refuses a save from a stale form, showing what changed, who saved it
  and when (:class:`VersionCheckedEditMixin`, :mod:`cems_registers.concurrency`).
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, ForeignKey, OneToOneField
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .. import concurrency
from ..base import DueState, RegisterModel
from ..concurrency import VERSION_FIELD, versioned_form
from ..display import EMPTY, attribute_value, field_value, plain_value
from ..people import person_name
from ..upload_guard import normalising_codes
from ..views.history import RegisterHistoryView, RevertView
from ..views.reports import report_buttons

#: Leading characters that make a spreadsheet cell a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a single quote to text that a spreadsheet would run as a formula; no query."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class DueStateColumn(Column):
    """Translated badge: overdue / due soon / ok / closed, from ``RegisterModel.get_due_state``."""

    cell_template_name = "cems_registers/includes/due_state_cell.html"

    def __init__(self, name="due_state", *, due_date_field: str, **kwargs):
        kwargs.setdefault("label", _("Due state"))
        kwargs.setdefault("sort_key", due_date_field)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return instance.get_due_state(timezone.localdate())

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        state = context["value"]
        context["label"] = DueState(state).label
        context["state"] = state
        return context


class PersonColumn(Column):
    """A user foreign key shown by the person's name, not the login (5.3)."""

    def get_value(self, instance):
        return person_name(getattr(instance, self.accessor)) or EMPTY


class YesNoColumn(BooleanColumn):
    """A yes/no field as a tick or cross with the translated word (是/否), never ``True``/``False``.

    Wagtail's ``BooleanColumn`` titles its icon with ``str(value)``, which reads "True" in
    every language; the registers (clause 7.3, records legible) say 是/否 and "—" for unknown.
    """

    cell_template_name = "cems_registers/includes/yes_no_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = plain_value(context["value"])
        return context


def _typed_column(model, item):
    """The column for a ``list_display`` name: a person by name, a yes/no translated."""
    try:
        field = model._meta.get_field(item)
    except FieldDoesNotExist:
        return item
    label = capfirst(getattr(field, "verbose_name", item))
    if field.many_to_one and field.related_model._meta.label == settings.AUTH_USER_MODEL:
        return PersonColumn(item, label=label, sort_key=item)
    if isinstance(field, BooleanField):
        return YesNoColumn(item, label=label, sort_key=item)
    return item


def person_columns(model, list_display) -> list:
    """``list_display`` with each user foreign key as a PersonColumn, each boolean as yes/no."""
    return [_typed_column(model, item) if isinstance(item, str) else item for item in list_display]


class FieldHistoryMixin:
    """URL helpers shared by the register views."""

    field_history_url_name = None

    def get_field_history_url(self, instance):
        if self.field_history_url_name and self.user_has_any_permission(
            {"add", "change", "delete", "view"}
        ):
            return reverse(self.field_history_url_name, args=(quote(instance.pk),))
        return None

    def field_history_button(self, instance, priority=40):
        url = self.get_field_history_url(instance)
        if url:
            return Button(_("History"), url=url, icon_name="history", priority=priority)
        return None


class RegisterIndexView(FieldHistoryMixin, snippet_views.IndexView):
    """List with escaped exports and joined foreign keys."""

    related_paths = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.related_paths:
            queryset = queryset.select_related(*self.related_paths)
        return queryset

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return escape_formula(super().get_heading(queryset, field))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if button := self.field_history_button(instance):
            buttons.append(button)
        buttons.extend(report_buttons(instance, self.request.user))
        return buttons


class VersionCheckedEditMixin:
    """Refuse a save from a stale form; show what changed, who saved it and when (7.3).

    The form carries the version it was loaded with (:func:`concurrency.versioned_form`).
    The save claims the record first, in the save's transaction
    (:func:`concurrency.claim_version`); when the record (or one of its inline children)
    changed in between, the transaction is rolled back, nothing is written, and the form is
    shown again with the values stored now and a message listing each field someone else
    changed: the user's value, the stored value, who saved it and when (issue 13 §4).
    """

    stale_message_template = "cems_registers/includes/stale_edit.html"

    def save_instance(self):
        token = self.form.cleaned_data.get(VERSION_FIELD, "")
        concurrency.claim_version(self.object, token, concurrency.inline_relations(self.form))
        return super().save_instance()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except concurrency.StaleEdit as stale:
            return self.stale_response(form, stale)

    def stale_message(self, form, stale, current) -> str:
        report = concurrency.stale_changes(
            current=current, submitted=form.instance, loaded=stale.loaded, form=form
        )
        children = [
            capfirst(getattr(form.formsets[name].model._meta, "verbose_name_plural", name))
            for name in stale.relations
        ]
        return render_to_string(
            self.stale_message_template,
            {
                "lead": concurrency.STALE_MESSAGE,
                "changes": report.changes,
                "mine": report.mine,
                "saves": report.saves,
                "children": children,
            },
            request=self.request,
        )

    def stale_response(self, form, stale):
        """The form again, unbound, on the record as stored now, with the refusal."""
        current = self.get_object()
        message = self.stale_message(form, stale, current)
        if self.expects_json_response:
            return self.json_error_response("stale", strip_tags(message))
        messages.error(self.request, mark_safe(message))  # rendered by a template: escaped
        self.object = current
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        self.form = self.get_form_class()(**kwargs)
        return self.render_to_response(self.get_context_data(form=self.form))


class RegisterEditView(VersionCheckedEditMixin, FieldHistoryMixin, snippet_views.EditView):
    """The header's history icon already leads to the record's one history; a save from a
    stale form is refused (:class:`VersionCheckedEditMixin`)."""

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *report_buttons(self.object, self.request.user)]


def panel_items(panel):
    """``("field", name)`` and ``("inline", InlinePanel)`` of a bound edit handler, in form order."""
    for child in getattr(panel, "children", ()):
        if isinstance(child, InlinePanel):
            yield ("inline", child)
        elif isinstance(child, FieldPanel):
            yield ("field", child.field_name)
        else:
            yield from panel_items(child)


class RegisterInspectView(FieldHistoryMixin, snippet_views.InspectView):
    """What the edit form holds, as it reads (7.3): blanks "—", local times, people by name.

    Fields come from ``inspect_view_fields`` when the viewset names them, else from the edit
    form's panels in their order; an inline panel (a risk's actions, a review's decisions)
    becomes a table of its records; ``extras`` adds computed values after a field (a risk's
    score and level). Then when the record was created and last changed, in local time.
    """

    template_name = "cems_registers/inspect.html"
    #: The viewset's bound edit handler (its panels give the fields and inline tables).
    panel = None
    #: ``{field name: [(attribute, label), …]}``: computed values shown after that field.
    extras = {}

    def get_fields(self):
        if self.fields:
            return [name for name in self.fields if name not in self.fields_exclude]
        if self.panel is None:
            return super().get_fields()
        return [item for _kind, item in panel_items(self.panel) if item not in self.fields_exclude]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if button := self.field_history_button(self.object):
            buttons.append(button)
        buttons.extend(report_buttons(self.object, self.request.user))
        return buttons

    def _inline_panel(self, relation_name: str):
        for kind, item in panel_items(self.panel) if self.panel is not None else ():
            if kind == "inline" and item.relation_name == relation_name:
                return item
        return None

    def _table(self, relation_name: str, inline=None) -> dict:
        """An inline relation as a table: the child form's fields, one row per record."""
        relation = self.model._meta.get_field(relation_name)
        child_model, back = relation.related_model, relation.field.name
        if inline is None:
            inline = self._inline_panel(relation_name)
        if inline is not None:
            names = [
                name for kind, name in panel_items(inline.child_edit_handler) if kind == "field"
            ]
            heading = inline.heading
        else:
            names = [
                f.name
                for f in child_model._meta.concrete_fields
                if f.editable and not f.primary_key and f.name != back
            ]
            heading = capfirst(child_model._meta.verbose_name_plural)
        fields = [child_model._meta.get_field(name) for name in names if name != back]
        related = [f.name for f in fields if f.many_to_one or f.one_to_one]
        records = child_model._default_manager.filter(**{back: self.object}).select_related(
            *related
        )
        return {
            "label": capfirst(heading),
            "value": None,
            "component": None,
            "table": {
                "columns": [capfirst(f.verbose_name) for f in fields],
                "rows": [[field_value(record, f) for f in fields] for record in records],
            },
        }

    def get_context_for_field(self, field_name):
        if not isinstance(field_name, str):  # an InlinePanel
            return self._table(field_name.relation_name, field_name)
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.one_to_many:
            return self._table(field_name)
        value_func = getattr(self, f"get_{field_name}_display_value", None)
        if callable(value_func):
            value = value_func()
        elif field is not None:
            value = field_value(self.object, field)
        else:
            value = attribute_value(self.object, field_name)
        label = self.get_field_label(field_name, field)
        if isinstance(value, Component):
            return {"label": label, "value": value, "component": value}
        return {"label": label, "value": value, "component": None}

    def get_fields_context(self):
        items = []
        for name in self.fields:
            items.append(self.get_context_for_field(name))
            for attribute, label in self.extras.get(name, ()) if isinstance(name, str) else ():
                items.append(
                    {
                        "label": capfirst(label),
                        "value": attribute_value(self.object, attribute),
                        "component": None,
                    }
                )
        for name in ("created_at", "updated_at"):
            if name not in self.fields and hasattr(self.object, name):
                field = self.model._meta.get_field(name)
                items.append(
                    {
                        "label": capfirst(field.verbose_name),
                        "value": field_value(self.object, field),
                        "component": None,
                    }
                )
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["field_history_url"] = self.get_field_history_url(self.object)
        return context


def _forward_fk_paths(model, names) -> list[str]:
    """Dotted/underscored field paths among ``names`` that end in forward FK hops."""
    paths = set()
    for name in names:
        if isinstance(name, Column):
            name = name.name
        if not isinstance(name, str):
            continue
        parts = name.replace(".", "__").split("__")
        current, hops = model, []
        for part in parts:
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not isinstance(field, ForeignKey | OneToOneField) or field.auto_created:
                break
            hops.append(part)
            current = field.related_model
        if hops:
            paths.add("__".join(hops))
    return sorted(paths)


def default_list_export(model) -> tuple[list[str], dict[str, str]]:
    """``__str__`` then every editable concrete field, choice fields as their labels."""
    fields, headings = ["__str__"], {"__str__": capfirst(model._meta.verbose_name)}
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        if field.choices:
            name = f"get_{field.name}_display"
            headings[name] = capfirst(field.verbose_name)
        else:
            name = field.name
        fields.append(name)
    return fields, headings


class RegisterViewSet(SnippetViewSet):
    """Base viewset of every register; subclasses set ``model``, ``list_display`` …"""

    search_backend_name = None
    inspect_view_enabled = True
    index_view_class = RegisterIndexView
    edit_view_class = RegisterEditView
    inspect_view_class = RegisterInspectView
    #: Field changes and audit-log events in one list; also serves Wagtail's "History".
    field_history_view_class = RegisterHistoryView
    revert_view_class = RevertView
    #: Add the due-state badge column when the model sets ``due_date_field``.
    show_due_state = True
    #: Computed values on the inspect view after a field: ``{field: [(attribute, label)]}``.
    inspect_view_extras = {}

    @cached_property
    def has_due_date(self) -> bool:
        return bool(
            self.show_due_state
            and issubclass(self.model, RegisterModel)
            and self.model.due_date_field
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            field_history_url_name=self.get_url_name("field_history"), **kwargs
        )

    def get_form_class(self, for_update=False):
        # codes typed with full-width letters or a zero-width space are the same code
        form_class = normalising_codes(super().get_form_class(for_update))
        # an edit form carries the version it was loaded with (stale saves are refused)
        return versioned_form(form_class) if for_update else form_class

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        list_display = view_kwargs.get("list_display")
        if list_display is self.UNDEFINED or not list_display:
            list_display = ["__str__"]
            if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
                list_display.append("updated_at")
        list_display = person_columns(self.model, list_display)
        if self.has_due_date and not any(isinstance(c, DueStateColumn) for c in list_display):
            list_display.append(DueStateColumn(due_date_field=self.model.due_date_field))
        view_kwargs["list_display"] = list_display
        export = view_kwargs.get("list_export")
        if export is self.UNDEFINED or not export:
            export, headings = default_list_export(self.model)
            view_kwargs["list_export"] = export
            given = view_kwargs.get("export_headings")
            view_kwargs["export_headings"] = {
                **headings,
                **(given if isinstance(given, dict) else {}),
            }
        owner = getattr(self.model, "owner_field", None)
        view_kwargs["related_paths"] = _forward_fk_paths(
            self.model, [*list_display, *view_kwargs["list_export"], *([owner] if owner else [])]
        )
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            panel=self._edit_handler, extras=self.inspect_view_extras, **kwargs
        )

    def get_field_history_view_kwargs(self, **kwargs):
        return {
            "revert_url_name": self.get_url_name("revert"),
            "inspect_url_name": (
                self.get_url_name("inspect") if self.inspect_view_enabled else None
            ),
            "field_history_results_url_name": self.get_url_name("history_results"),
            **kwargs,
        }

    @property
    def field_history_view(self):
        return self.construct_view(
            self.field_history_view_class, **self.get_field_history_view_kwargs()
        )

    @property
    def history_view(self):
        """Wagtail's "History" of a record is its one history (field changes and events)."""
        return self.field_history_view

    @property
    def history_results_view(self):
        """The history's table alone, for the filters (Wagtail's ``history_results`` URL)."""
        return self.construct_view(
            self.field_history_view_class, **self.get_field_history_view_kwargs(results_only=True)
        )

    @property
    def revert_view(self):
        return self.construct_view(self.revert_view_class)

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(
                f"field-history/<{conv}:pk>/",
                self.field_history_view,
                name="field_history",
            ),
            path(
                f"field-history/<{conv}:pk>/revert/<int:history_id>/",
                self.revert_view,
                name="revert",
            ),
        ]
