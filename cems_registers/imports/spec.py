"""Import contracts: which registers can be imported, their sheets, columns and natural keys.

Every register of the admin (``REGISTER_MODELS``) has a contract. A register whose records
hold inline rows (an objective's indicators, an audit's findings, a nonconformity's actions …)
imports them from a second sheet of the same workbook, each row naming its parent in the
first column by the parent's natural key (code, title …); see ``docs/registers.md``.

A column is derived from a model field: English header = field name, Chinese header = the
field's verbose name in zh-hans (either is accepted, and "中文 / english"). Foreign keys are
given by the linked record's code (or, for records without a code, its natural key, or the
text the admin shows for it), users by username or full name. Approval fields are never
importable (clause 5.1: only top management's approval sets them).
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

from ..upload_guard import normalise_code

#: Fields never imported: bookkeeping and identifiers the database assigns.
SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


def is_approval_field(name: str) -> bool:
    """Whether a field records an approval (who, when): never set by an import (5.1)."""
    return name.startswith(("approved", "approval")) or name.endswith(
        ("_approved_by", "_approved_by_id", "_approved_at", "_approval")
    )


class ColumnKind:
    TEXT = "text"
    CHOICE = "choice"
    INTEGER = "integer"
    DECIMAL = "decimal"
    FLOAT = "float"
    DATE = "date"
    BOOLEAN = "boolean"
    FOREIGN_KEY = "fk"
    MANY = "m2m"


KIND_LABELS = {
    ColumnKind.TEXT: _("text"),
    ColumnKind.CHOICE: _("one of the listed values"),
    ColumnKind.INTEGER: _("whole number"),
    ColumnKind.DECIMAL: _("number"),
    ColumnKind.FLOAT: _("number"),
    ColumnKind.DATE: _("date (2026-03-31, 2026/3/31, 20260331, 2026年3月31日 or an Excel date)"),
    ColumnKind.BOOLEAN: _("yes / no (是 / 否)"),
    ColumnKind.FOREIGN_KEY: _("the linked record"),
    ColumnKind.MANY: _("linked records, separated by ; or 、 or one per line"),
}


def _label(field, language: str) -> str:
    with translation.override(language):
        return str(capfirst(field.verbose_name))


def _is_user_model(model) -> bool:
    return model._meta.label == settings.AUTH_USER_MODEL


def _kind(field) -> str | None:
    if field.is_relation:
        related = field.related_model
        if not (_is_user_model(related) or spec_for_model(related) is not None):
            return None  # documents and other files cannot be given in a spreadsheet
        if field.many_to_one:
            return ColumnKind.FOREIGN_KEY
        if field.many_to_many:
            return ColumnKind.MANY
        return None
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


def ref_fields(model) -> tuple[str, ...]:
    """Fields whose value alone names a record of ``model`` in a cell (besides its text)."""
    if _is_user_model(model):
        return (model.USERNAME_FIELD,)
    try:
        model._meta.get_field("code")
    except FieldDoesNotExist:
        pass
    else:
        return ("code",)
    spec = spec_for_model(model)
    if spec is None:
        return ()
    return tuple(name for name in spec.natural_key if not model._meta.get_field(name).is_relation)


def ref_help(model) -> str:
    """How a cell names a record of ``model``, in the active language."""
    if _is_user_model(model):
        return str(_("username or full name"))
    names = [str(model._meta.get_field(name).verbose_name) for name in ref_fields(model)]
    return " / ".join(names)


def fk_lookup_field(related_model) -> str | None:
    """The first natural-key field a foreign key is given by in a file, or ``None``."""
    fields = ref_fields(related_model)
    return fields[0] if fields else None


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
        keys = {self.name, self.label_zh, self.label_en, self.header, self.field.attname}
        keys |= {f"{self.label_zh}({self.name})", f"{self.label_zh}（{self.name}）"}
        keys |= {f"{self.label_zh} / {self.label_en}", f"{self.label_en} / {self.name}"}
        return {header_key(key) for key in keys}

    @property
    def related_model(self):
        return self.field.related_model if self.field.is_relation else None

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
    """Choice and reference comparison key: NFKC without invisible characters (see
    :func:`~cems_registers.upload_guard.normalise_code`), trimmed, case-folded, inner spaces
    collapsed."""
    return " ".join(normalise_code(text).split()).casefold()


def header_key(text: str) -> str:
    """Header comparison key, as the activity template's: case, spaces and ``_`` ignored."""
    return "".join(str(text).replace("_", " ").split()).casefold()


@dataclasses.dataclass
class ImportSpec:
    """How one register (or one sheet of it) is imported.

    ``natural_key``: the fields that find an existing record (a row with the same values
    updates it). ``children``: slugs of the specs imported from further sheets of the same
    workbook; ``parent_field`` names a child's link to its parent. ``locked_values``: values
    of a field that an import may not set (only leave unchanged), e.g. an objective's
    approved status.
    """

    slug: str
    model_label: str
    natural_key: tuple[str, ...]
    fields: tuple[str, ...] | None = None
    children: tuple[str, ...] = ()
    parent_field: str | None = None
    listed: bool = True
    locked_values: dict[str, frozenset] = dataclasses.field(default_factory=dict)
    #: Child slugs (and fields besides the model's ``approved_content_fields``) whose
    #: change withdraws an approval the record holds (5.1).
    approval_content: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def title(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def sheet_name(self) -> str:
        """The sheet's name in the template (Excel allows 31 characters)."""
        with translation.override("zh-hans"):
            zh = str(self.model._meta.verbose_name_plural)
        return f"{zh} {self.slug}"[:31]

    def sheet_keys(self) -> set[str]:
        names = {self.slug, self.sheet_name, self.model._meta.model_name}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(self.model._meta.verbose_name_plural))
                names.add(str(self.model._meta.verbose_name))
        return {header_key(name) for name in names}

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
        names = self.fields or [
            f.name for f in (*model._meta.concrete_fields, *model._meta.many_to_many)
        ]
        if self.parent_field:  # the parent first: rows read as "which record, then what"
            names = [self.parent_field, *(n for n in names if n != self.parent_field)]
        columns = []
        for name in names:
            field = model._meta.get_field(name)
            if name in SKIPPED_FIELDS or field.primary_key or not field.editable:
                continue
            if is_approval_field(name):
                continue
            kind = _kind(field)
            if kind is None:
                continue
            lookup = None
            if kind in (ColumnKind.FOREIGN_KEY, ColumnKind.MANY):
                lookup = fk_lookup_field(field.related_model)
            required = (
                not field.blank
                and not field.has_default()
                and kind not in (ColumnKind.BOOLEAN, ColumnKind.MANY)
            )
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

    @cached_property
    def ignored_fields(self) -> list[models.Field]:
        """Fields a file may hold (e.g. in an export) that are never imported."""
        model = self.model
        return [
            f
            for f in model._meta.concrete_fields
            if is_approval_field(f.name) or f.name in SKIPPED_FIELDS
        ]

    @property
    def withdrawing_changes(self) -> frozenset[str]:
        """Fields and child slugs whose change withdraws the record's approval (5.1): the
        model's ``approved_content_fields`` (the edit form's list) and ``approval_content``."""
        fields = getattr(self.model, "approved_content_fields", ())
        return frozenset(fields) | frozenset(self.approval_content)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def child_specs(self) -> list[ImportSpec]:
        return [get_spec(slug) for slug in self.children if IMPORT_SPECS[slug].available]


REG = "cems_registers."

#: Statuses of an objective that only top management's approval (or the edit form after it)
#: sets (5.1); an import may leave them unchanged but never set them.
OBJECTIVE_LOCKED_STATUSES = frozenset({"approved", "achieved", "missed"})

#: Every register kept in the admin, in the order of the standard's clauses as far as links
#: allow (a register comes after those it links to, so a whole system imports top to
#: bottom); inline rows (children) after their parent.
IMPORT_SPECS: dict[str, ImportSpec] = {
    spec.slug: spec
    for spec in (
        ImportSpec("facilities", REG + "Facility", ("code",)),
        ImportSpec("context_issues", REG + "ContextIssue", ("title",)),
        ImportSpec(
            "compliance_obligations",
            REG + "ComplianceObligation",
            ("number", "title"),
            children=("compliance_evaluations",),
        ),
        ImportSpec(
            "compliance_evaluations",
            REG + "ComplianceEvaluation",
            ("obligation", "evaluated_on"),
            parent_field="obligation",
        ),
        ImportSpec("interested_parties", REG + "InterestedParty", ("party",)),
        ImportSpec("responsibilities", REG + "Responsibility", ("role",)),
        ImportSpec("risks", REG + "Risk", ("title",), children=("risk_actions",)),
        ImportSpec(
            "risk_actions", REG + "RiskAction", ("risk", "description"), parent_field="risk"
        ),
        ImportSpec("emission_sources", REG + "EmissionSource", ("code",)),
        ImportSpec("opportunities", REG + "ReductionOpportunity", ("code",)),
        ImportSpec(
            "objectives",
            REG + "Objective",
            ("code",),
            children=("indicators",),
            locked_values={"status": OBJECTIVE_LOCKED_STATUSES},
            approval_content=("indicators",),
        ),
        ImportSpec(
            "indicators",
            REG + "Indicator",
            ("objective", "name"),
            parent_field="objective",
            listed=False,
        ),
        ImportSpec("plans", REG + "ImplementationPlan", ("code",), children=("milestones",)),
        ImportSpec("milestones", REG + "Milestone", ("plan", "title"), parent_field="plan"),
        ImportSpec(
            "training_plans",
            REG + "TrainingPlan",
            ("year", "title"),
            children=("training_sessions",),
        ),
        ImportSpec(
            "training_sessions",
            REG + "TrainingSession",
            ("plan", "held_on", "topic"),
            parent_field="plan",
            listed=False,
        ),
        ImportSpec("competences", REG + "Competence", ("person_name", "qualification")),
        ImportSpec("design_reviews", REG + "DesignReview", ("title",)),
        ImportSpec("suppliers", REG + "Supplier", ("name",), children=("footprints",)),
        ImportSpec(
            "footprints",
            REG + "ProductFootprint",
            ("supplier", "product"),
            parent_field="supplier",
            listed=False,
        ),
        ImportSpec("changes", REG + "Change", ("title",)),
        ImportSpec("instruments", REG + "MeasuringInstrument", ("code",)),
        ImportSpec("audit_programmes", REG + "AuditProgramme", ("code",)),
        ImportSpec("audits", REG + "Audit", ("programme", "title"), children=("audit_findings",)),
        ImportSpec(
            "audit_findings",
            REG + "AuditFinding",
            ("audit", "reference"),
            parent_field="audit",
            listed=False,
        ),
        ImportSpec(
            "nonconformities", REG + "Nonconformity", ("code",), children=("corrective_actions",)
        ),
        ImportSpec(
            "corrective_actions",
            REG + "CorrectiveAction",
            ("nonconformity", "description"),
            parent_field="nonconformity",
        ),
        ImportSpec(
            "management_reviews",
            REG + "ManagementReview",
            ("title",),
            children=("review_decisions",),
        ),
        ImportSpec(
            "review_decisions",
            REG + "ReviewDecision",
            ("review", "decision"),
            parent_field="review",
        ),
    )
}


def spec_for_model(model) -> ImportSpec | None:
    """The contract importing ``model``'s records, or ``None``."""
    label = model._meta.label
    for spec in IMPORT_SPECS.values():
        if spec.model_label == label:
            return spec
    return None


def get_spec(slug: str) -> ImportSpec:
    """The import contract called ``slug``; ``KeyError`` if unknown or its model is missing."""
    spec = IMPORT_SPECS[slug]
    if not spec.available:
        raise KeyError(slug)
    return spec


def available_specs() -> list[ImportSpec]:
    """The registers offered on the import page (inline rows come with their parent)."""
    return [get_spec(slug) for slug, spec in IMPORT_SPECS.items() if spec.listed and spec.available]
