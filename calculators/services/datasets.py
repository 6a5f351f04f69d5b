"""Writes of activity data (6.3.1 d, 8.5): submit, approve, reject, withdraw.

:func:`dataset_submit` is THE way in for the admin upload, the API and ``cems_import``: it
checks the file, runs core's vectorised intake, translates every issue (row, column, value)
into the active language and stores the dataset with all its rows in one transaction, or
nothing at all. Approval is maker–checker: a data reviewer who is not the submitter. A
dataset whose rows share a source and month with approved data is approved only when the
reviewer confirms that they add to it; a dataset that replaces approved data waits until the
earlier one is withdrawn (:func:`dataset_withdraw`), so no month is counted twice.
"""

import codecs
import hashlib
import os
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd

from calculators import selectors
from calculators.core import intake, template
from calculators.core import messages as core_messages
from calculators.core.factors import FactorTable
from calculators.core.issues import issue as core_issue
from calculators.messages import issue_text
from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    DatasetChannel,
    DatasetStatus,
    FactorSet,
    RunStatus,
)
from calculators.services.bulk import frame_insert
from calculators.services.notices import notify_later
from cems_registers.concurrency import already_decided, claim_status, when_text
from cems_registers.people import person_name
from cems_registers.upload_guard import check_upload

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
#: Columns of the activity frame stored as they are (template keys = model attnames).
STORED_KEYS = (
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    *template.OVERRIDE_KEYS,
    "direction",
    *template.MASS_BALANCE_KEYS,
    "data_source",
    "note",
)


@dataclass
class SubmitError(Exception):
    """The submission was refused; ``errors`` are translated, each with row, column, value."""

    errors: list[dict] = field(default_factory=list)

    def __str__(self):
        return "\n".join(e["message"] for e in self.errors)

    @property
    def messages(self) -> list[str]:
        return [e["message"] for e in self.errors]


@dataclass
class SubmitResult:
    dataset: Dataset
    created: bool


class StepClock:
    """Records the seconds between laps into ``timings`` (a no-op without it)."""

    def __init__(self, timings: dict | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[name] = now - self.last
        self.last = now


def _error(message, *, row=None, column=None, value=None) -> dict:
    return {"row": row, "column": column, "value": value, "message": str(message)}


def dataset_file_check(*, file_bytes: bytes, filename: str) -> list[dict]:
    """Check extension, size and content of an upload; return translated errors (8.5).

    :func:`cems_registers.upload_guard.check_upload` judges the content, not the name: an
    XLSX is a zip holding a workbook, within the zip-bomb, row and column limits, without a
    DTD; a CSV is text without NUL or control bytes, in UTF-8 (with or without BOM) or
    GB18030. Nothing is parsed before that. Issues no query.
    """
    try:
        kind = check_upload(name=filename, data=file_bytes, extensions=ALLOWED_EXTENSIONS)
    except ValidationError as exc:
        return [_error(message, column="file", value=filename) for message in exc.messages]
    if kind == "csv" and not _is_text(file_bytes[:65536], truncated=len(file_bytes) > 65536):
        return [
            _error(
                _("%(value)s is neither UTF-8 nor GB18030 text.") % {"value": filename},
                column="file",
                value=filename,
            )
        ]
    return []


def _is_text(head: bytes, *, truncated: bool) -> bool:
    """Whether ``head`` decodes as UTF-8 or GB18030 (a cut multibyte tail is allowed)."""
    if truncated:
        head = head[:-4]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def issues_translate(issues) -> list[dict]:
    """Turn core intake issues into translated error dicts in the active language."""
    out = []
    for issue in issues:
        params = dict(issue.params)
        text = issue_text(issue.message, params)
        out.append(
            _error(
                text, row=params.get("row"), column=params.get("column"), value=params.get("value")
            )
        )
    return out


def rows_hash(frame: pd.DataFrame) -> str:
    """SHA-256 of the validated rows, independent of how the file spelt them. No query."""
    hashed = pd.util.hash_pandas_object(frame.reset_index(drop=True), index=True)
    return hashlib.sha256(hashed.to_numpy().tobytes()).hexdigest()


def dataset_submit(
    *,
    file_bytes: bytes,
    filename: str,
    user,
    period_start,
    period_end,
    channel: str = DatasetChannel.UPLOAD,
    store_file: bool = True,
    timings: dict | None = None,
    notify: bool = True,
) -> SubmitResult:
    """Validate and store an activity-data file as a submitted dataset (8.5), all or nothing.

    Raises :class:`SubmitError` with translated errors (row, column, value) and saves
    nothing when anything is wrong. The same file with the same rows for the same period
    returns the existing dataset (``created=False``) and writes nothing. ``timings``, when
    given, receives the seconds spent in ``parse_validate`` and ``store`` (benchmarks).
    The data reviewers are e-mailed once it is committed, unless ``notify`` is false.
    """
    clock = StepClock(timings)
    if user is None or not user.has_perm("calculators.add_dataset"):
        raise PermissionDenied(gettext("You may not submit activity data."))
    if period_end < period_start:
        raise SubmitError(
            [
                _error(
                    _("The period ends (%(end)s) before it starts (%(start)s).")
                    % {"start": f"{period_start:%Y-%m}", "end": f"{period_end:%Y-%m}"},
                    column="period",
                )
            ]
        )
    errors = dataset_file_check(file_bytes=file_bytes, filename=filename)
    if errors:
        raise SubmitError(errors)
    registry = selectors.intake_registry()
    if in_pieces(file_bytes, filename):  # a large CSV: piece by piece, same outcome
        options = {"channel": channel, "store_file": store_file, "notify": notify}
        period = (period_start, period_end)
        return _submit_in_pieces(file_bytes, filename, user, period, registry, options, timings)
    frame = _intake(file_bytes, filename, period_start, period_end, registry)
    digest = hashlib.sha256(file_bytes).hexdigest()
    rhash = rows_hash(frame)
    clock.lap("parse_validate")
    saved = []
    try:
        with transaction.atomic():
            existing = _same_submission(user, digest, rhash, period_start, period_end)
            if existing is not None:
                return SubmitResult(existing, False)
            dataset = Dataset(
                period_start=period_start,
                period_end=period_end,
                filename=os.path.basename(filename)[:255],
                sha256=digest,
                rows_hash=rhash,
                row_count=len(frame),
                facilities=",".join(sorted(set(_text(frame["facility"])) - {""}))[:500],
                channel=channel,
                submitted_by=user,
            )
            dataset.full_clean(exclude=["file"])
            if store_file:
                dataset.file.save(os.path.basename(filename), ContentFile(file_bytes), save=False)
                saved.append((dataset.file.storage, dataset.file.name))
            dataset.save()
            frame_insert(
                ActivityRecord, records_frame(frame, dataset_id=dataset.pk, registry=registry)
            )
            if notify:
                notify_later("dataset_notify_submitted", dataset)
    except BaseException:
        for storage, name in saved:  # the rows were rolled back: their file goes too
            storage.delete(name)
        raise
    clock.lap("store")
    return SubmitResult(dataset, True)


# ------------------------------------------------------------ large files, piece by piece
#: A CSV of more data rows than this is read, checked and stored this many rows at a time, in
#: one transaction (issue 13 §1: 10 M rows without holding them all); smaller files in one go.
INTAKE_PIECE_ROWS = 500_000


def in_pieces(file_bytes: bytes, filename: str) -> bool:
    """Whether a file is taken piece by piece: a CSV of more lines than a piece. No query."""
    name = filename.lower()
    return name.endswith(".csv") and file_bytes.count(b"\n") > INTAKE_PIECE_ROWS + 1


def csv_pieces(data: bytes, rows: int) -> "list[tuple[int, int]]":
    """``(start, end)`` byte ranges of the data lines after the header, about ``rows`` lines
    each, cut only at a line end outside quotes (a quoted cell may hold a line break).
    The header is ``data[:pieces[0][0]]``. No query."""
    header_end = data.find(b"\n") + 1 or len(data)
    while data.count(b'"', 0, header_end) % 2:  # a line break inside a quoted header cell
        header_end = data.find(b"\n", header_end) + 1 or len(data)
    pieces, start, size = [], header_end, len(data)
    step = None
    while start < size:
        if step is None:  # bytes per line, from the first piece's lines
            window = np.frombuffer(data, np.uint8, count=min(size - start, 1 << 26), offset=start)
            ends = np.flatnonzero(window == 10)
            per_line = (ends[-1] + 1) / len(ends) if len(ends) else size
            step = max(1, int(per_line * rows))
        end = min(size, start + step)
        end = size if end >= size else (data.find(b"\n", end) + 1 or size)
        while end < size and data.count(b'"', start, end) % 2:
            end = data.find(b"\n", end) + 1 or size
        pieces.append((start, end))
        start = end
    return pieces


def _piece_text(data: bytes, start: int, end: int, header_end: int, utf8: bool) -> bytes:
    """Header + one piece as UTF-8 CSV bytes (a GB18030 file is re-encoded piece by piece)."""
    piece = data[:header_end] + data[start:end]
    return piece if utf8 else piece.decode("gb18030").encode("utf-8")


def _is_utf8(data: bytes) -> bool:
    """Whether the whole file is UTF-8, checked in 64 MB steps (no decoded copy kept)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 1 << 26):
            decoder.decode(view[start : start + (1 << 26)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class _Pieces:
    """What the pieces of one file add up to while they are read, checked and stored."""

    issues: list = field(default_factory=list)
    rows: int = 0  # validated rows so far
    read: int = 0  # rows of the file read so far (blank ones included)
    facilities: set = field(default_factory=set)
    digest: object = field(default_factory=hashlib.sha256)
    repeats: list = field(default_factory=list)  # per piece: (hash a, hash b, row) of clean rows


#: Two keys for the 128-bit fingerprint of a row that finds repeats across pieces.
_REPEAT_KEYS = ("0123456789123456", "cems-repeats-146")


def _piece_read(text: bytes, filename: str, period, registry: dict, extra: dict, state: _Pieces):
    """Check one piece (file row numbers continue from the pieces before); add its issues,
    its rows' hash and the fingerprints of its clean rows to ``state``; return its frame."""
    result = intake.read_activity(
        text,
        filename=filename,
        sources=registry["sources"],
        facilities=registry["facilities"],
        period_start=period[0],
        period_end=period[1],
        factors=extra["factors"],
        max_lengths=extra["lengths"],
        first_row=2 + state.read,
        check_duplicates=False,
    )
    if result.frame.empty and not result.rows_read and state.read == 0:
        state.issues.extend(result.issues)  # unreadable, or a column missing: stop here
        return None
    # the header's issues are reported once, with the first piece; emptiness at the end
    issues = [
        i
        for i in result.issues
        if i.code != "file_empty" and (state.read == 0 or i.params.get("row") != 1)
    ]
    state.issues.extend(issues)
    state.read += result.rows_read
    frame = result.frame
    if frame.empty:
        return frame
    index = pd.RangeIndex(state.rows, state.rows + len(frame))
    hashed = pd.util.hash_pandas_object(frame.set_axis(index), index=True)
    state.digest.update(hashed.to_numpy().tobytes())
    state.rows += len(frame)
    state.facilities |= set(_text(frame["facility"])) - {""}
    # as in one go, repeats are looked for before the factors: a row lacking one still counts
    flagged = {i.params.get("row") for i in issues if i.code != "missing_factor"}
    clean = frame[~frame["row"].isin(flagged)] if flagged else frame
    full = [c for c in template.COLUMN_KEYS if c in clean.columns]
    state.repeats.append(
        tuple(
            pd.util.hash_pandas_object(clean[full], index=False, hash_key=key).to_numpy()
            for key in _REPEAT_KEYS
        )
        + (clean["row"].to_numpy(dtype=np.int64),)
    )
    return frame


def _repeat_issues(state: _Pieces) -> list:
    """Exact repeats over the whole file (as :func:`calculators.core.intake.repeated_rows`):
    a clean row equal in every template column to an earlier one, by a 128-bit fingerprint.
    A repeated row's missing-factor issues go, as in a file taken in one go."""
    if not state.repeats:
        return []
    a, b, rows = (np.concatenate(parts) for parts in zip(*state.repeats, strict=True))
    state.repeats = []
    keys = pd.DataFrame({"a": a, "b": b, "row": rows})
    repeated = keys.duplicated(subset=["a", "b"], keep="first").to_numpy()
    if not repeated.any():
        return []
    first = keys.groupby(["a", "b"])["row"].transform("min").to_numpy()
    found = [
        core_issue(
            "duplicate_row",
            core_messages.DUPLICATE_ROW,
            row=int(r),
            column="note",
            value="",
            first=int(f),
        )
        for r, f in zip(rows[repeated], first[repeated], strict=True)
    ]
    dropped = {int(r) for r in rows[repeated]}
    state.issues = [
        i
        for i in state.issues
        if not (i.code == "missing_factor" and i.params.get("row") in dropped)
    ]
    return found


class _SameFile(Exception):
    """The same file, rows and period are already a live dataset: undo the pieces stored."""

    def __init__(self, dataset: Dataset):
        super().__init__(dataset.pk)
        self.dataset = dataset


def _submit_in_pieces(
    file_bytes: bytes, filename: str, user, period, registry: dict, options: dict, timings
) -> SubmitResult:
    """:func:`dataset_submit` for a large CSV, all or nothing in one transaction: each piece
    of :data:`INTAKE_PIECE_ROWS` rows is read and checked, then stored while no piece so far
    had an issue; the issues of every piece are collected with their file row numbers, and
    repeats are found across pieces. Same dataset, rows, hashes and messages as in one go."""
    clock = _Laps()
    digest = hashlib.sha256(file_bytes).hexdigest()
    utf8 = _is_utf8(file_bytes)
    pieces = csv_pieces(file_bytes, INTAKE_PIECE_ROWS)
    extra = {"factors": library_table(), "lengths": text_lengths()}
    state = _Pieces()
    saved = []
    try:
        with transaction.atomic():
            _same_submission(user, digest, "", *period)  # the submitter's lock, first
            dataset = Dataset(
                period_start=period[0],
                period_end=period[1],
                filename=os.path.basename(filename)[:255],
                sha256=digest,
                rows_hash="",
                channel=options["channel"],
                submitted_by=user,
            )
            dataset.save()
            clock.lap("store")
            for start, end in pieces:
                text = _piece_text(file_bytes, start, end, pieces[0][0], utf8)
                frame = _piece_read(text, filename, period, registry, extra, state)
                del text
                clock.lap("parse_validate")
                if frame is None:
                    break  # the file cannot be read as a template: no piece can
                if not state.issues and len(frame):
                    frame_insert(
                        ActivityRecord,
                        records_frame(frame, dataset_id=dataset.pk, registry=registry),
                    )
                del frame
                clock.lap("store")
            repeats = _repeat_issues(state)  # also drops the repeated rows' factor issues
            state.issues.extend(repeats)
            if not state.rows and not state.issues:
                state.issues.append(
                    core_issue("file_empty", core_messages.FILE_EMPTY, row=1, column="", value="")
                )
            clock.lap("parse_validate")
            if state.issues:
                state.issues.sort(key=_issue_order)
                raise SubmitError(issues_translate(state.issues))
            rhash = state.digest.hexdigest()
            existing = _same_submission(user, digest, rhash, *period)
            if existing is not None:
                raise _SameFile(existing)
            dataset.rows_hash = rhash
            dataset.row_count = state.rows
            dataset.facilities = ",".join(sorted(state.facilities))[:500]
            dataset.full_clean(exclude=["file"])
            if options["store_file"]:
                dataset.file.save(os.path.basename(filename), ContentFile(file_bytes), save=False)
                saved.append((dataset.file.storage, dataset.file.name))
            dataset.save()
            if options["notify"]:
                notify_later("dataset_notify_submitted", dataset)
    except _SameFile as same:
        return SubmitResult(same.dataset, False)
    except BaseException:
        for storage, name in saved:  # the rows were rolled back: their file goes too
            storage.delete(name)
        raise
    clock.lap("store")
    if timings is not None:
        timings.update(clock.spent)
    return SubmitResult(dataset, True)


class _Laps:
    """Seconds spent per step, summed over the pieces (``parse_validate``, ``store``)."""

    def __init__(self):
        self.spent = {"parse_validate": 0.0, "store": 0.0}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.spent[name] += now - self.last
        self.last = now


_COLUMN_ORDER = {key: i for i, key in enumerate(template.COLUMN_KEYS)}


def _issue_order(issue) -> tuple:
    """Issues by row, then in the template's column order (as core's intake sorts them)."""
    return (issue.params.get("row", 0), _COLUMN_ORDER.get(issue.params.get("column"), -1))


def _same_submission(user, digest: str, rhash: str, period_start, period_end):
    """The live dataset of the same file, rows and period, if any; called inside the
    submission's transaction after taking the submitter's lock, so two posts of one upload
    (a double click) store one dataset: the second waits for the first and finds it.

    SQLite transactions here are ``IMMEDIATE`` (one writer at a time); on PostgreSQL the
    submitter's user row is locked (``SELECT … FOR UPDATE``)."""
    list(
        get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True)
    )
    return (
        Dataset.objects.filter(
            sha256=digest,
            rows_hash=rhash,
            period_start=period_start,
            period_end=period_end,
        )
        .exclude(status__in=[DatasetStatus.REJECTED, DatasetStatus.WITHDRAWN])
        .first()
    )


def library_table():
    """Every factor set in the database as core's FactorTable (intake checks factors exist)."""
    frame = selectors.factor_frame(list(FactorSet.objects.values_list("id", flat=True)))
    return FactorTable(frame)


def text_lengths() -> dict[str, int]:
    """``{template key: max_length}`` of every text column stored on an activity record,
    read from the model's fields (one source of truth; issues no query)."""
    lengths = {}
    for key in template.COLUMN_KEYS:
        try:
            field = ActivityRecord._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if (
            not field.is_relation
            and field.max_length
            and field.get_internal_type()
            in (
                "CharField",
                "TextField",
            )
        ):
            lengths[key] = field.max_length
    return lengths


def _intake(
    file_bytes: bytes, filename: str, period_start, period_end, registry: dict
) -> pd.DataFrame:
    """Parse and validate with core's intake against the registers; raise on any issue."""
    result = intake.read_activity(
        file_bytes,
        filename=filename,
        sources=registry["sources"],
        facilities=registry["facilities"],
        period_start=period_start,
        period_end=period_end,
        factors=library_table(),
        max_lengths=text_lengths(),
    )
    if result.issues:
        raise SubmitError(issues_translate(result.issues))
    return result.frame


def _text(column: pd.Series) -> pd.Series:
    """Text column with blanks as "" (categoricals handled per category)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        labels = np.asarray([*(str(c) for c in column.cat.categories), ""], dtype=object)
        return pd.Series(labels[codes], index=column.index)
    return column.astype(object).where(column.notna(), "").astype(str)


def records_frame(frame: pd.DataFrame, *, dataset_id: int, registry: dict) -> pd.DataFrame:
    """Map a validated intake frame to ActivityRecord columns (ids from the registers)."""
    source_ids = registry["sources"].set_index("code")["id"]
    facility_ids = registry["facilities"].set_index("code")["id"]
    out = pd.DataFrame(index=frame.index)
    out["dataset_id"] = dataset_id
    out["row_number"] = frame["row"].astype("int64")
    out["source_id"] = _text(frame["source"]).map(source_ids).astype("int64")
    out["facility_id"] = _text(frame["facility"]).map(facility_ids).astype("int64")
    out["period"] = _text(frame["period"]) + "-01"
    for key in (*STORED_KEYS, "unit_normalised"):
        column = frame[key] if key in frame.columns else pd.Series(None, index=frame.index)
        field = ActivityRecord._meta.get_field(key)
        if field.get_internal_type() in ("CharField", "TextField"):
            out[key] = _text(column)
        else:
            out[key] = pd.to_numeric(column, errors="coerce").astype("float64")
    out["quantity_normalised"] = pd.to_numeric(
        frame["quantity_normalised"], errors="coerce"
    ).astype("float64")
    return out


@dataclass(frozen=True)
class Overlap:
    """A source and month of a dataset that an approved dataset already holds."""

    row: int  # first row of the dataset with this source and month
    source: str
    month: str  # YYYY-MM
    other_id: int
    other_filename: str

    @property
    def message(self) -> str:
        return gettext(
            "Row %(row)s: source %(source)s, month %(month)s is already in approved "
            "dataset #%(other)s (%(filename)s)."
        ) % {
            "row": self.row,
            "source": self.source,
            "month": self.month,
            "other": self.other_id,
            "filename": self.other_filename,
        }


def dataset_overlaps(dataset: Dataset) -> list[Overlap]:
    """Sources and months of ``dataset`` that other approved datasets already hold (8.5).

    Ordered by row. Two grouped queries over the datasets whose periods overlap; none when
    no approved dataset does.
    """
    others = dict(
        Dataset.objects.filter(
            status=DatasetStatus.APPROVED,
            period_start__lte=dataset.period_end,
            period_end__gte=dataset.period_start,
        )
        .exclude(pk=dataset.pk)
        .values_list("pk", "filename")
    )
    if not others:
        return []
    held: dict[tuple, int] = {}
    for source_id, period, other_id in (
        ActivityRecord.objects.filter(
            dataset_id__in=list(others),
            period__gte=dataset.period_start,
            period__lte=dataset.period_end,
        )
        .values_list("source_id", "period", "dataset_id")
        .distinct()
        .order_by("dataset_id")
    ):
        held.setdefault((source_id, period), other_id)
    if not held:
        return []
    mine = (
        ActivityRecord.objects.filter(dataset=dataset)
        .values("source_id", "source__code", "period")
        .annotate(first_row=Min("row_number"))
        .order_by("first_row")
    )
    return [
        Overlap(
            row=entry["first_row"],
            source=entry["source__code"],
            month=f"{entry['period']:%Y-%m}",
            other_id=held[key],
            other_filename=others[held[key]],
        )
        for entry in mine
        if (key := (entry["source_id"], entry["period"])) in held
    ]


#: Overlaps named in a refusal; the count gives the rest.
OVERLAPS_NAMED = 20


@transaction.atomic
def dataset_review(
    *, dataset: Dataset, user, approve: bool, comment: str = "", adds_to_approved: bool = False
) -> Dataset:
    """Approve or reject a submitted dataset (8.5 maker–checker).

    Only a data reviewer may do it, never the submitter, and only once. Approval is refused
    while some of its sources and months are in another approved dataset, unless the
    reviewer confirms with ``adds_to_approved`` that the rows add to that data; a dataset
    that replaces approved data is approved after the earlier one is withdrawn.
    """
    if not user.has_perm("calculators.review_dataset"):
        raise PermissionDenied(gettext("You may not review activity data."))
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if dataset.submitted_by_id == user.pk:
        raise ValidationError(
            _("You submitted this dataset; another data reviewer must review it (8.5)."),
            code="own_dataset",
        )
    if dataset.status != DatasetStatus.SUBMITTED:
        raise _already_reviewed(dataset)
    if approve and not adds_to_approved:
        overlaps = dataset_overlaps(dataset)
        if overlaps:
            lead = ngettext(
                "%(count)s source and month of this dataset is already in approved data.",
                "%(count)s sources and months of this dataset are already in approved data.",
                len(overlaps),
            ) % {"count": len(overlaps)}
            advice = gettext(
                "If it replaces that data, withdraw the earlier dataset first; if its rows add "
                "to it, confirm that they do."
            )
            # two sentences: Chinese joins them without a space
            lead = gettext("%(first)s %(second)s") % {"first": lead, "second": advice}
            named = [lead, *(o.message for o in overlaps[:OVERLAPS_NAMED])]
            raise ValidationError([ValidationError(m, code="overlap") for m in named])
    decided = DatasetStatus.APPROVED if approve else DatasetStatus.REJECTED
    # the decision is taken once: of two reviewers at once, one UPDATE matches (issue 13 §4)
    if not claim_status(Dataset, dataset.pk, expected=DatasetStatus.SUBMITTED, status=decided):
        raise _already_reviewed(Dataset.objects.select_related("reviewed_by").get(pk=dataset.pk))
    dataset.status = decided
    dataset.reviewed_by = user
    dataset.reviewed_at = timezone.now()
    dataset.review_comment = comment
    dataset.adds_to_approved = bool(approve and adds_to_approved)
    dataset.full_clean(exclude=["file"])
    dataset.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "adds_to_approved"]
    )
    notify_later("dataset_notify_reviewed", dataset)  # the submitter hears the decision
    if approve:  # deviation alerts are checked when data is approved (9.1.3)
        # performance.services imports services.runs, which imports this module
        from calculators.performance.services import alerts_check_later  # noqa: PLC0415

        alerts_check_later()
    return dataset


def _already_reviewed(dataset: Dataset) -> ValidationError:
    """The second reviewer's refusal, naming who reviewed the dataset and when."""
    if dataset.status == DatasetStatus.APPROVED:
        return already_decided(
            record=dataset,
            decision=pgettext("decision", "approved"),
            user=dataset.reviewed_by,
            at=dataset.reviewed_at,
            code="reviewed",
        )
    if dataset.reviewed_by_id:
        return ValidationError(
            _("This dataset has already been reviewed (%(status)s) by %(user)s at %(time)s.")
            % {
                "status": dataset.get_status_display(),
                "user": person_name(dataset.reviewed_by),
                "time": when_text(dataset.reviewed_at),
            },
            code="reviewed",
        )
    return ValidationError(
        _("This dataset has already been reviewed (%(status)s).")
        % {"status": dataset.get_status_display()},
        code="reviewed",
    )


@transaction.atomic
def dataset_withdraw(*, dataset: Dataset, user, reason: str) -> list[AccountingRun]:
    """Withdraw an approved dataset that turned out wrong (8.5, 10.2); never deletes it.

    A data reviewer gives the reason. New runs leave the dataset out; the runs that used it
    keep their results and still recompute from it, and an unapproved one can no longer be
    approved. Returns the runs that used it, newest first, for the reviewer to redo.

    The submitter may withdraw their own upload before its review (a mistaken file), with a
    reason too; it never counted, so no run used it.
    """
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    own_pending = dataset.status == DatasetStatus.SUBMITTED and dataset.submitted_by_id == user.pk
    if not own_pending and not user.has_perm("calculators.review_dataset"):
        raise PermissionDenied(gettext("You may not withdraw activity data."))
    if not own_pending and dataset.status != DatasetStatus.APPROVED:
        raise ValidationError(
            _(
                "Only an approved dataset, or your own upload before its review, can be "
                "withdrawn; this one is %(status)s."
            )
            % {"status": dataset.get_status_display()},
            code="not_approved",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the withdrawal."), code="reason")
    dataset.status = DatasetStatus.WITHDRAWN
    dataset.withdrawn_by = user
    dataset.withdrawn_at = timezone.now()
    dataset.withdraw_reason = reason
    dataset.save(update_fields=["status", "withdrawn_by", "withdrawn_at", "withdraw_reason"])
    return runs_using(dataset)


def runs_using(dataset: Dataset) -> list[AccountingRun]:
    """Runs whose inputs include ``dataset``, newest first (one query)."""
    runs = AccountingRun.objects.exclude(status=RunStatus.FAILED).order_by("-pk")
    return [
        run
        for run in runs.only("pk", "name", "status", "dataset_ids")
        if dataset.pk in (run.dataset_ids or [])
    ]
