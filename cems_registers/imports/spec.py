"""Import contracts: which registers can be imported, their columns and natural keys.

A column is derived from a model field: English header = field name, Chinese header =
the field's verbose name in zh-hans (either is accepted, and "中文 / english"). Foreign
keys are given by the related record's code (``Facility.code``) or a user's username.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

#: Fields never imported: bookkeeping and identifiers the database assigns.
SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


class ColumnKind:
    TEXT = "text"
    CHOICE = "choice"
    INTEGER = "integer"
    DECIMAL = "decimal"
    FLOAT = "float"
    DATE = "date"
    BOOLEAN = "boolean"
    FOREIGN_KEY = "fk"


KIND_LABELS = {
    ColumnKind.TEXT: _("text"),
    ColumnKind.CHOICE: _("one of the listed values"),
    ColumnKind.INTEGER: _("whole number"),
    ColumnKind.DECIMAL: _("number"),
    ColumnKind.FLOAT: _("number"),
    ColumnKind.DATE: _("date (YYYY-MM-DD)"),
    ColumnKind.BOOLEAN: _("yes / no (是 / 否)"),
    ColumnKind.FOREIGN_KEY: _("code of the linked record"),
}


def _label(field, language: str) -> str:
    with translation.override(language):
        return str(capfirst(field.verbose_name))


def _kind(field) -> str | None:
    if field.is_relation:
        return ColumnKind.FOREIGN_KEY if field.many_to_one else None
    if field.choices:
        return ColumnKind.CHOICE
    if isinstance(field, models.BooleanField):
        return ColumnKind.BOOLEAN
    if isinstance(field, models.DateTimeField):
        return None
    if isinstance(field, models.DateField):
        return ColumnKind.DATE
    if isinstance(field, models.IntegerField):
        return ColumnKind.INTEGER
    if isinstance(field, models.DecimalField):
        return ColumnKind.DECIMAL
    if isinstance(field, models.FloatField):
        return ColumnKind.FLOAT
    if isinstance(field, models.CharField | models.TextField):
        return ColumnKind.TEXT
    return None


def fk_lookup_field(related_model) -> str | None:
    """The natural-key field a foreign key is given by in a file, or ``None``."""
    if related_model._meta.label == settings.AUTH_USER_MODEL:
        return related_model.USERNAME_FIELD
    try:
        related_model._meta.get_field("code")
    except FieldDoesNotExist:
        return None
    return "code"


@dataclasses.dataclass
class Column:
    """One importable column."""

    name: str
    field: models.Field
    kind: str
    required: bool
    label_zh: str
    label_en: str
    lookup: str | None = None
    #: The column must be in the file (required values, and natural-key columns).
    header_required: bool = False

    @property
    def header(self) -> str:
        """Bilingual header used by the template: ``编码 / code``."""
        return f"{self.label_zh} / {self.name}"

    def header_keys(self) -> set[str]:
        return {
            normalise(key)
            for key in (self.name, self.label_zh, self.label_en, self.header, self.field.attname)
        }

    @cached_property
    def choice_map(self) -> dict[str, object]:
        """Accepted spellings of each choice → stored value (value, zh label, en label)."""
        mapping = {}
        for value, _label_text in self.field.flatchoices:
            mapping[normalise(str(value))] = value
            for language in ("en", "zh-hans"):
                with translation.override(language):
                    mapping[normalise(str(_label_text))] = value
        return mapping

    def choice_help(self) -> list[tuple[str, str, str]]:
        rows = []
        for value, label in self.field.flatchoices:
            with translation.override("zh-hans"):
                zh = str(label)
            with translation.override("en"):
                en = str(label)
            rows.append((str(value), zh, en))
        return rows


def normalise(text: str) -> str:
    """Header/choice comparison key: trimmed, case-folded, inner spaces collapsed."""
    return " ".join(str(text).split()).casefold()


@dataclasses.dataclass
class ImportSpec:
    """How one register is imported: model, natural key, optional column list."""

    slug: str
    model_label: str
    natural_key: tuple[str, ...]
    title: str
    fields: tuple[str, ...] | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def available(self) -> bool:
        try:
            self.model  # noqa: B018
        except LookupError:
            return False
        return True

    @cached_property
    def columns(self) -> list[Column]:
        model = self.model
        names = self.fields or [f.name for f in model._meta.concrete_fields]
        columns = []
        for name in names:
            field = model._meta.get_field(name)
            if name in SKIPPED_FIELDS or field.primary_key or not field.editable:
                continue
            kind = _kind(field)
            if kind is None:
                continue
            lookup = None
            if kind == ColumnKind.FOREIGN_KEY:
                lookup = fk_lookup_field(field.related_model)
                if lookup is None:
                    continue
            required = not field.blank and not field.has_default() and kind != ColumnKind.BOOLEAN
            columns.append(
                Column(
                    name=name,
                    field=field,
                    kind=kind,
                    required=required,
                    label_zh=_label(field, "zh-hans"),
                    label_en=_label(field, "en"),
                    lookup=lookup,
                    header_required=required or name in self.natural_key,
                )
            )
        return columns

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


#: The registers kept in spreadsheets (4.2.2, 6.1, 6.3.1, 9.1).
IMPORT_SPECS: dict[str, ImportSpec] = {
    spec.slug: spec
    for spec in (
        ImportSpec(
            "emission_sources",
            "cems_registers.EmissionSource",
            ("code",),
            _("Emission sources"),
        ),
        ImportSpec(
            "compliance_obligations",
            "cems_registers.ComplianceObligation",
            ("number", "title"),
            _("Compliance obligations"),
        ),
        ImportSpec(
            "instruments",
            "cems_registers.MeasuringInstrument",
            ("code",),
            _("Measuring instruments"),
        ),
        ImportSpec("risks", "cems_registers.Risk", ("title",), _("Risks and opportunities")),
    )
}


def get_spec(slug: str) -> ImportSpec:
    """The import contract called ``slug``; ``KeyError`` if unknown or its model is missing."""
    spec = IMPORT_SPECS[slug]
    if not spec.available:
        raise KeyError(slug)
    _adapt_natural_key(spec)
    return spec


def available_specs() -> list[ImportSpec]:
    return [get_spec(slug) for slug, spec in IMPORT_SPECS.items() if spec.available]


def _adapt_natural_key(spec: ImportSpec) -> None:
    """Risks are matched by code when the model has one, else by title."""
    if spec.slug == "risks":
        try:
            spec.model._meta.get_field("code")
        except FieldDoesNotExist:
            return
        spec.natural_key = ("code",)
