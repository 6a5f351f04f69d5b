"""Helper that names export columns by the model's own verbose names (no queries)."""

from django.utils.text import capfirst


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
