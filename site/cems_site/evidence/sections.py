"""What goes into an evidence pack: one function per part, each a list of :class:`Part` (6.3.3, 9.3).

A part names its path in the ZIP, the clause it evidences, and a producer of its bytes (called
once, when the part is written; large parts are generators that read the database in chunks,
so no part holds all its rows as Python objects). Everything is read as it stood at the run's
approval (``when``) and in a fixed order, so two builds of the same run give the same bytes.
"""

import contextlib
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from django.db.models import Case, CharField, F, TextField, Value, When
from django.db.models.functions import Cast, Concat, Left
from django.db.models.lookups import In
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry

from calculators.core import template
from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    Factor,
    FactorSet,
    GwpSet,
    GwpValue,
    RunReport,
    RunResult,
    RunStatus,
)
from cems_pages.models import ControlledDocument, DocumentStatus
from cems_registers.models import Change, EmissionSource, Facility, MeasuringInstrument
from cems_registers.viewsets import escape_formula
from cems_registers.viewsets.base import FORMULA_PREFIXES

from . import spool

#: Rows read from the database per query when a part streams.
CHUNK_ROWS = 20_000


@dataclass(frozen=True)
class Part:
    path: str
    section: str
    clause: str
    produce: Callable[[], Iterable[bytes] | bytes]
    #: Relative cost (rows) for the progress bar.
    weight: int = 1


def _cell(value):
    """A CSV cell: numbers as they are, text escaped against formula injection (the registers'
    rule, :data:`FORMULA_PREFIXES`), dates ISO, times ISO in UTC, JSON sorted; no query."""
    cls = value.__class__
    if cls is float or cls is int:
        return value
    if cls is str:
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return escape_formula(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return value


def _csv_start(header: list[str]) -> tuple[io.StringIO, object]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    return buffer, writer


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def csv_chunks(
    header: list[str], rows: Iterable[Iterable], *, every: int = 5_000
) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (spreadsheets then read the Chinese), text cells escaped against
    formula injection as the registers' exports do (:func:`_cell`); for the small parts."""
    buffer, writer = _csv_start(header)
    batch = []
    for row in rows:
        batch.append([_cell(v) for v in row])
        if len(batch) == every:
            writer.writerows(batch)
            batch.clear()
            yield _drain(buffer)
    writer.writerows(batch)
    yield _drain(buffer)


def _is_text(queryset, path: str) -> bool:
    """Whether the column ``path`` of ``queryset`` (a field path or an annotation) holds text."""
    if path in queryset.query.annotations:
        field = queryset.query.annotations[path].output_field
    else:
        model, *links, name = [queryset.model, *path.split("__")]
        for link in links:
            model = model._meta.get_field(link).related_model
        field = model._meta.get_field(name)
    return isinstance(field, CharField | TextField)


def _escaped(path: str):
    """The text column ``path`` escaped against formula injection by the database, as
    :func:`_cell` does in Python: a leading ``'`` when it starts with one of
    :data:`FORMULA_PREFIXES`; NULL stays NULL."""
    return Case(
        When(
            In(Left(F(path), 1), list(FORMULA_PREFIXES)),
            then=Concat(Value("'"), F(path), output_field=TextField()),
        ),
        default=F(path),
        output_field=TextField(),
    )


def row_batches(queryset, fields: list[str]) -> Iterator[list[tuple]]:
    """``fields`` of ``queryset``'s rows in pk order, ``CHUNK_ROWS`` tuples at a time, the text
    columns escaped by the database (:func:`_escaped`).

    The ORM's SQL runs once on the backend's chunked cursor (server-side on PostgreSQL), so
    memory holds one batch; no model instance, no converter, no Python step per row.
    """
    escaped = {f"ev_{i}": _escaped(f) for i, f in enumerate(fields) if _is_text(queryset, f)}
    names = [f"ev_{i}" if f"ev_{i}" in escaped else f for i, f in enumerate(fields)]
    query = queryset.annotate(**escaped).order_by("pk").values_list(*names).query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            yield rows


def csv_rows(header: list[str], queryset, fields: list[str]) -> Iterator[bytes]:
    """The CSV of a large part (a million rows): the same bytes as :func:`csv_chunks` gives for
    the same rows, each batch of :func:`row_batches` going straight to the C CSV writer."""
    buffer, writer = _csv_start(header)
    yield _drain(buffer)
    for rows in row_batches(queryset, fields):
        writer.writerows(rows)
        yield _drain(buffer)


def safe_name(text: str) -> str:
    """A file name part without path separators or control characters."""
    cleaned = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "-", text).strip(" .-")
    return cleaned[:120] or "file"


# ---------------------------------------------------------------- reports (6.3.2, 7.5)


def report_parts(run: AccountingRun) -> list[Part]:
    """The run's issued report files, byte for byte as kept (issued first if they were not)."""
    from calculators.services.report_archive import reports_issue  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

    reports = sorted(reports_issue(run=run), key=lambda r: (r.language, r.fmt))
    if not reports:
        reports = sorted(RunReport.objects.filter(run=run), key=lambda r: (r.language, r.fmt))

    def reader(report):
        def produce():
            with report.file.open("rb") as handle:
                return handle.read()

        return produce

    return [
        Part(
            f"reports/accounting-report-{r.language}.{r.fmt}",
            "reports",
            "6.3.2",
            reader(r),
            weight=max(1, r.size // 1000),
        )
        for r in reports
    ]


# ---------------------------------------------------------------- datasets (8.5)

ROW_FIELDS = [
    "row_number",
    "source__code",
    "facility__code",
    "month",
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    "quantity_normalised",
    "unit_normalised",
    *template.OVERRIDE_KEYS,
    "direction",
    "inventory_start",
    "inventory_end",
    "acquired",
    "disbursed",
    "capacity_change",
    "data_source",
    "note",
]


def _month():
    """The month as text from the database (``YYYY-MM-DD``): no date object per row."""
    return Cast("period", CharField())


def _header(fields: list[str]) -> list[str]:
    return [f.replace("__code", "").replace("__", "_") for f in fields]


def dataset_rows(dataset):
    """The validated rows of ``dataset`` with their month as text (for :data:`ROW_FIELDS`)."""
    return ActivityRecord.objects.filter(dataset=dataset).annotate(month=_month())


def dataset_parts(run: AccountingRun) -> list[Part]:
    """Each approved dataset the run used: its original file and its validated rows (CSV)."""
    parts = []
    for dataset in Dataset.objects.filter(pk__in=run.dataset_ids or []).order_by("pk"):
        folder = f"datasets/{dataset.pk:06d}"
        if dataset.file:

            def original(dataset=dataset):
                with dataset.file.open("rb") as handle:
                    while chunk := handle.read(1 << 20):
                        yield chunk

            parts.append(
                Part(
                    f"{folder}/original-{safe_name(dataset.filename)}",
                    "datasets",
                    "8.5",
                    original,
                    weight=max(1, dataset.row_count // 10),
                )
            )

        def rows(dataset=dataset):
            return csv_rows(_header(ROW_FIELDS), dataset_rows(dataset), ROW_FIELDS)

        parts.append(
            Part(f"{folder}/rows.csv", "datasets", "8.5", rows, weight=max(1, dataset.row_count))
        )
    return parts


# ---------------------------------------------------------------- factors (6.3.1 e)

SET_FIELDS = ["key", "version", "name", "name_en", "year", "citation", "citation_en", "source"]
FACTOR_FIELDS = [
    "factor_set__key",
    "factor_set__version",
    "material",
    "parameter",
    "gas",
    "value",
    "unit",
    "year",
    "region",
    "verification",
    "citation",
    "citation_en",
    "source",
    "note",
]
GWP_FIELDS = [
    "gwp_set__key",
    "gwp_set__name",
    "gwp_set__citation",
    "gwp_set__citation_en",
    "species",
    "gas_group",
    "value",
    "composition",
    "source",
]


def factor_parts(run: AccountingRun) -> list[Part]:
    """The factor sets and the GWP set the run used, with their official citations."""
    set_ids = sorted(int(fs["id"]) for fs in run.factor_set_versions or [] if fs.get("id"))
    if not set_ids:
        set_ids = sorted(run.factor_sets.values_list("pk", flat=True))

    def sets():
        rows = FactorSet.objects.filter(pk__in=set_ids).order_by("key", "version", "pk")
        return csv_chunks(SET_FIELDS, rows.values_list(*SET_FIELDS))

    def factors():
        rows = Factor.objects.filter(factor_set_id__in=set_ids).order_by(
            "factor_set__key", "factor_set__version", "material", "parameter", "gas", "pk"
        )
        return csv_chunks(_header(FACTOR_FIELDS), rows.values_list(*FACTOR_FIELDS))

    def gwp():
        rows = GwpValue.objects.filter(gwp_set_id=run.gwp_set_id).order_by("species", "pk")
        return csv_chunks(_header(GWP_FIELDS), rows.values_list(*GWP_FIELDS))

    return [
        Part("factors/factor-sets.csv", "factors", "6.3.1 e", sets),
        Part("factors/factors.csv", "factors", "6.3.1 e", factors, weight=100),
        Part(
            f"factors/gwp-{safe_name(GwpSet.objects.get(pk=run.gwp_set_id).key)}.csv",
            "factors",
            "6.3.1 e",
            gwp,
        ),
    ]


# ---------------------------------------------------------------- trace (6.3.1 f, 9.1)

TRACE_FIELDS = [
    "record__dataset_id",
    "record__row_number",
    "source__code",
    "facility__code",
    "month",
    "scope",
    "category",
    "method",
    "material",
    "gas",
    "record__quantity",
    "record__unit",
    "record__quantity_normalised",
    "record__unit_normalised",
    "gas_group",
    "mass_t",
    "gwp",
    "tco2e",
    "biogenic_t",
    "verification",
    "overridden",
    "factors",
]
TRACE_HEADER = [
    "dataset",
    "row",
    "source",
    "facility",
    "month",
    "scope",
    "category",
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    "quantity_normalised",
    "unit_normalised",
    "gas_group",
    "mass_t",
    "gwp",
    "tco2e",
    "biogenic_co2_t",
    "weakest_verification",
    "measured_overrides",
    "factors_used",
]


def trace_rows(run: AccountingRun):
    """The stored result rows of ``run`` with their month as text (for :data:`TRACE_FIELDS`)."""
    return RunResult.objects.filter(run=run).annotate(month=_month())


def trace_parts(run: AccountingRun) -> list[Part]:
    """Every result row of the run as stored (``RunResult``): its input row, the factors the
    engine used (value, unit, set, version, year, tag), the gas mass, GWP and tCO2e."""

    def trace():
        return csv_rows(TRACE_HEADER, trace_rows(run), TRACE_FIELDS)

    path = "trace/results.csv"
    if spool.possible(run.input_rows):  # on the other core while the datasets are written
        trace = spool.in_child(trace, name=path)
    return [Part(path, "trace", "6.3.1 f", trace, weight=max(1, run.input_rows))]


# ---------------------------------------------------------------- registers (4.3, 6.3.1, 9.1.4)

REGISTERS = (
    ("registers/facilities.csv", Facility, "4.3"),
    ("registers/emission-sources.csv", EmissionSource, "6.3.1"),
    ("registers/measuring-instruments.csv", MeasuringInstrument, "9.1.4"),
)


def _register_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def register_parts(when: dt.datetime) -> list[Part]:
    """The source, facility and instrument registers as they stood at ``when`` (their history)."""

    def snapshot(model):
        def produce():
            fields = _register_fields(model)
            rows = model.history.as_of(when).values_list(*fields).order_by("id")
            return csv_chunks(fields, rows.iterator(chunk_size=CHUNK_ROWS))

        return produce

    return [Part(path, "registers", clause, snapshot(model)) for path, model, clause in REGISTERS]


CALIBRATION_HEADER = [
    "instrument_id",
    "instrument",
    "name",
    "last_calibrated",
    "next_calibration",
    "certificate_id",
    "recorded_at",
    "recorded_by",
]


def calibration_parts(run: AccountingRun, when: dt.datetime) -> list[Part]:
    """Calibrations dated inside the run's period, as recorded in the instruments' history,
    and the certificate files they name (``registers/certificates/``)."""

    history = (
        MeasuringInstrument.history.filter(
            history_date__lte=when,
            last_calibrated__gte=run.period_start,
            last_calibrated__lte=run.period_end,
        )
        .exclude(history_type="-")
        .order_by("id", "last_calibrated", "history_date", "history_id")
        .values_list(
            "id",
            "code",
            "name",
            "last_calibrated",
            "next_calibration",
            "certificate_id",
            "history_date",
            "history_user__username",
        )
    )
    seen, rows = set(), []
    for row in history:
        key = (row[0], row[3])
        if key not in seen:  # the first record of each calibration
            seen.add(key)
            rows.append(row)
    parts = [
        Part(
            "registers/calibrations.csv",
            "registers",
            "9.1.4",
            lambda: csv_chunks(CALIBRATION_HEADER, rows),
        )
    ]
    certificate_ids = sorted({row[5] for row in rows if row[5]})
    for document in get_document_model().objects.filter(pk__in=certificate_ids).order_by("pk"):
        if not document.file:
            continue

        def read(document=document):
            with document.file.open("rb") as handle:
                return handle.read()

        name = safe_name(document.file.name.rsplit("/", 1)[-1])
        parts.append(
            Part(f"registers/certificates/{document.pk}-{name}", "registers", "9.1.4", read)
        )
    return parts


# ---------------------------------------------------------------- documents (7.3, 7.5)


def _document_models() -> list[type]:
    return sorted(
        (m for m in apps.get_models() if issubclass(m, ControlledDocument) and issubclass(m, Page)),
        key=lambda m: m._meta.label,
    )


def documents_in_force(when: dt.datetime) -> list:
    """The controlled documents in force at ``when`` (7.3): for each page, the revision last
    published before ``when`` unless unpublished since, withdrawn by it, or effective only
    later; ordered by document number, language and page id. Returns the revisions' pages."""
    models = _document_models()
    page_ids = Page.objects.filter(
        content_type__in=[
            apps.get_model("contenttypes", "ContentType").objects.get_for_model(m) for m in models
        ]
    ).values_list("pk", flat=True)
    entries = (
        PageLogEntry.objects.filter(
            page_id__in=list(page_ids),
            action__in=["wagtail.publish", "wagtail.unpublish"],
            timestamp__lte=when,
        )
        .select_related("revision")
        .order_by("page_id", "timestamp", "pk")
    )
    last = {}
    for entry in entries:
        last[entry.page_id] = entry
    documents = []
    for entry in last.values():
        if entry.action != "wagtail.publish" or entry.revision is None:
            continue
        page = entry.revision.as_object()
        if page.withdraw_on_approval:
            continue
        # what publishing did to the page (ControlledDocument.save): issued it as effective
        page.document_status = DocumentStatus.EFFECTIVE
        page.effective_date = page.effective_date or timezone.localdate(entry.timestamp)
        page.last_published_at = entry.timestamp
        if page.effective_date <= timezone.localdate(when):
            documents.append(page)
    return sorted(
        documents,
        key=lambda p: (p.document_number or "", p.locale.language_code, p.pk),
    )


def document_pdf(page) -> bytes:
    """The page revision as PDF, rendered the way ``cems_pages`` renders document PDFs."""
    from cems_registers.pdf import render_pdf  # noqa: PLC0415 — keeps reportlab, xhtml2pdf out of start-up

    return render_pdf(
        "cems_pages/pdf/document.html",
        {"page": page, "request": None},
        language=page.locale.language_code,
    )


DOCUMENT_HEADER = [
    "path",
    "page_id",
    "document_number",
    "version",
    "title",
    "language",
    "effective_date",
    "revision_published_at",
]


def document_parts(when: dt.datetime) -> list[Part]:
    parts, index = [], []
    for page in documents_in_force(when):
        language = page.locale.language_code
        name = safe_name(f"{page.document_number or page.slug}-v{page.version or 0}-{language}")
        path = f"documents/{name}-{page.pk}.pdf"
        parts.append(
            Part(path, "documents", "7.3", lambda page=page: document_pdf(page), weight=500)
        )
        index.append(
            [
                path,
                page.pk,
                page.document_number,
                page.version,
                page.title,
                language,
                page.effective_date,
                page.last_published_at,
            ]
        )
    parts.append(
        Part("documents/index.csv", "documents", "7.3", lambda: csv_chunks(DOCUMENT_HEADER, index))
    )
    return parts


# ---------------------------------------------------------------- change log (8.4, 7.5.3)

CHANGE_HEADER = ["when", "what", "record_id", "record", "action", "user", "changes"]
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def previous_run(run: AccountingRun) -> AccountingRun | None:
    """The last run of the same boundary approved before ``run`` (its pack covered up to then)."""
    boundary = sorted(run.facilities.values_list("pk", flat=True))
    earlier = (
        AccountingRun.objects.filter(status=RunStatus.APPROVED, approved_at__lt=run.approved_at)
        .exclude(pk=run.pk)
        .order_by("-approved_at", "-pk")
        .prefetch_related("facilities")
    )
    for other in earlier:
        if sorted(f.pk for f in other.facilities.all()) == boundary:
            return other
    return None


def _label(row) -> str:
    for name in ("code", "title", "name"):
        value = getattr(row, name, None)
        if value:
            return str(value)
    return ""


def _history_changes(model, since, when) -> list[list]:
    rows = []
    history = model.history.filter(history_date__lte=when).select_related("history_user")
    if since is not None:
        history = history.filter(history_date__gt=since)
    for record in history.order_by("history_date", "history_id"):
        changes = ""
        if record.history_type == "~":
            previous = record.prev_record
            if previous is not None:
                delta = record.diff_against(previous)
                changes = "; ".join(
                    f"{c.field}: {c.old} → {c.new}"
                    for c in sorted(delta.changes, key=lambda c: c.field)
                )
        rows.append(
            [
                record.history_date,
                model._meta.model_name,
                record.id,
                _label(record),
                ACTIONS.get(record.history_type, record.history_type),
                record.history_user.get_username() if record.history_user else "",
                changes,
            ]
        )
    return rows


def change_log_parts(run: AccountingRun, when: dt.datetime) -> list[Part]:
    """The change register and the history of the registers and documents above, since the
    previous approved run of the same boundary (or from the start) until ``when``."""
    previous = previous_run(run)
    since = previous.approved_at if previous else None

    def produce():
        rows = []
        for model in (Change, Facility, EmissionSource, MeasuringInstrument):
            rows.extend(_history_changes(model, since, when))
        entries = PageLogEntry.objects.filter(
            action__in=["wagtail.publish", "wagtail.unpublish"], timestamp__lte=when
        ).select_related("user", "page")
        if since is not None:
            entries = entries.filter(timestamp__gt=since)
        for entry in entries.order_by("timestamp", "pk"):
            cls = entry.page.specific_class
            if cls is None or not issubclass(cls, ControlledDocument):
                continue
            rows.append(
                [
                    entry.timestamp,
                    "document",
                    entry.page_id,
                    entry.label,
                    entry.action.removeprefix("wagtail."),
                    entry.user.get_username() if entry.user else "",
                    f"revision {entry.revision_id}" if entry.revision_id else "",
                ]
            )
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return csv_chunks(CHANGE_HEADER, rows)

    return [Part("changes/change-log.csv", "changes", "8.4", produce)], previous


@contextlib.contextmanager
def deterministic_pdfs():
    """ReportLab's invariant mode while the pack renders PDFs: no creation date, a fixed ID."""
    from reportlab import rl_config  # noqa: PLC0415 — heavy library (reportlab), imported only when this is used

    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = before
