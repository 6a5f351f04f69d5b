"""Find the records that cells of a file name: linked records, parents of inline rows, users.

A cell names a record by one of its reference fields (``code``; for records without a code,
each text field of its natural key, e.g. a risk's title or an obligation's document number),
by the text the admin shows for it (``F01 苏州总装厂``, what an export writes), or, for a record
whose natural key includes its parent, by "parent / key" (``无锡铸造分厂内部审核 / NC-01``).
Users are named by username or full name (``张伟`` for first name 伟 and last name 张 too).
Records of the same file (a parent on the first sheet, a unit created above) count before
those of the database and replace them when they are the same record.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict

from django.db.models import Q

from .spec import _is_user_model, normalise, ref_fields, spec_for_model

#: Split a cell that names several records.
SEPARATORS = (";", "；", "\n", "、")


def _ident(obj):
    return ("pk", obj.pk) if obj.pk is not None else ("new", id(obj))


def split_refs(text: str) -> list[str]:
    """Names in a many-records cell: ``A; B``, ``A；B``, ``A、B`` or one per line."""
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


class Resolver:
    """Resolve cell texts to records of ``model`` (one or two queries per column)."""

    def __init__(self, model, *, extra=()):
        self.model = model
        self.extra = list(extra)
        self.is_user = _is_user_model(model)
        self.fields = ref_fields(model)
        spec = spec_for_model(model)
        self.natural_key = spec.natural_key if spec else ()
        self.parent_fields = [
            name for name in self.natural_key if model._meta.get_field(name).is_relation
        ]

    def ref_strings(self, obj) -> set[str]:
        """Every text that names ``obj``; issues no query when parents are loaded."""
        if self.is_user:
            texts = {obj.get_username(), str(obj)}
            first, last = (obj.first_name or "").strip(), (obj.last_name or "").strip()
            if first or last:
                texts |= {obj.get_full_name(), f"{last}{first}", f"{last} {first}"}
        else:
            texts = {str(obj)}
            values = [getattr(obj, name) for name in self.fields]
            texts |= {str(v) for v in values if v not in (None, "")}
            if self.parent_fields:
                texts.add(" / ".join(self._part(obj, name) for name in self.natural_key))
        return {normalise(t) for t in texts if str(t).strip()}

    def _part(self, obj, name: str) -> str:
        field = self.model._meta.get_field(name)
        value = getattr(obj, name)
        if field.is_relation:
            if value is None:
                return ""
            fields = ref_fields(field.related_model)
            return str(getattr(value, fields[0])) if fields else str(value)
        return "" if value is None else str(value)

    def _queryset(self):
        manager = self.model._default_manager
        return manager.select_related(*self.parent_fields) if self.parent_fields else manager.all()

    def resolve(self, texts) -> dict[str, list]:
        """``{normalised text: [matching records]}`` for every text (empty list: none)."""
        wanted = {normalise(t): t for t in texts if str(t).strip()}
        found: dict[str, dict] = defaultdict(dict)
        extra_pks = {obj.pk for obj in self.extra if obj.pk is not None}

        def collect(objects, from_file: bool):
            for obj in objects:
                if not from_file and obj.pk in extra_pks:
                    continue  # the file's version of the record counts (it may rename it)
                for text in self.ref_strings(obj) & wanted.keys():
                    found[text][_ident(obj)] = obj

        collect(self.extra, True)
        if self.fields and wanted:
            raw = list(wanted.values())
            query = functools.reduce(
                operator.or_, (Q(**{f"{name}__in": raw}) for name in self.fields)
            )
            collect(self._queryset().filter(query), False)
        if any(text not in found for text in wanted):
            collect(self._queryset(), False)
        return {text: list(found.get(text, {}).values()) for text in wanted}


def links_of(field, pks) -> dict[object, list]:
    """``{record pk: [linked records]}`` of a many-to-many ``field`` for ``pks``: one query."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name())
    target = field.m2m_reverse_field_name()
    links: dict[object, list] = defaultdict(list)
    rows = through._default_manager.filter(**{f"{source.attname}__in": list(pks)})
    for row in rows.select_related(target).order_by("pk"):
        links[getattr(row, source.attname)].append(getattr(row, target))
    return links


def set_links(field, pairs) -> None:
    """Replace the links of each ``(record, [linked records])``: two queries per field."""
    pairs = list(pairs)
    if not pairs:
        return
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    through._default_manager.filter(**{f"{source}__in": [obj.pk for obj, _ in pairs]}).delete()
    through._default_manager.bulk_create(
        [through(**{source: obj.pk, target: other.pk}) for obj, others in pairs for other in others]
    )
