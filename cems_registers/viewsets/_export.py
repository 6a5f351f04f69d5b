"""Helpers that build export columns and filter sets from the model's own fields (no queries)."""

from django.utils.text import capfirst

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

import django_filters


def export_spec(model, names: list[str], extra: dict | None = None) -> tuple[list, dict]:
    """Return ``(list_export, export_headings)`` for field names of ``model``.

    Choice fields export their label (``get_<name>_display``); other names export as given.
    ``extra`` maps non-field names (properties) to their headings.
    """
    extra = extra or {}
    fields, headings = [], {}
    for name in names:
        if name in extra:
            fields.append(name)
            headings[name] = extra[name]
            continue
        field = model._meta.get_field(name)
        key = f"get_{name}_display" if getattr(field, "choices", None) else name
        fields.append(key)
        headings[key] = capfirst(field.verbose_name)
    return fields, headings


def filterset_for(model, fields: list[str], date_field: str | None = None):
    """A Wagtail filter set on ``fields`` plus a from–to range on ``date_field`` (due dates)."""

    attrs = {"Meta": type("Meta", (), {"model": model, "fields": fields})}
    if date_field:
        attrs[date_field] = django_filters.DateFromToRangeFilter(
            label=capfirst(model._meta.get_field(date_field).verbose_name),
            widget=DateRangePickerWidget,
        )
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)
