"""Writes of accounting runs (6.3.1, 6.3.2, 9.1): create, execute, approve, recompute.

:func:`run_execute` loads the run's inputs and computes them through
:mod:`calculators.run_adapter` (the one adapter between the database and the pure engine),
and writes the results in bulk (COPY on PostgreSQL). The run keeps everything needed to
recompute it: dataset ids, factor-set ids and versions, GWP set, options, a hash of the inputs
and the code version.
"""

import functools
import importlib.metadata
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd
from django_q.tasks import async_task

from calculators import selectors
from calculators.core.factors import DEFAULT_PRIORITY, family
from calculators.core.issues import EngineError
from calculators.models import (
    AccountingRun,
    Dataset,
    DatasetStatus,
    FactorSet,
    GwpSet,
    RunResult,
    RunStatus,
)
from calculators.performance.services import performance_update_later, series_store
from calculators.run_adapter import inputs_hash, results_frame, run_inputs, run_results
from calculators.services.bulk import frame_insert
from calculators.services.datasets import StepClock
from calculators.services.energy import run_energy_store
from calculators.services.factors import (
    factor_set_versions,
    factor_sets_changed,
    factor_sets_freeze,
)
from cems_registers.concurrency import already_decided, claim_status

#: Relative tolerance under which a recomputed value counts as identical.
RECOMPUTE_RTOL = 1e-9


@functools.cache
def code_version() -> str:
    """``cems <version>`` plus ``git describe`` when the code runs from a checkout.

    ``CEMS_CODE_VERSION`` (set at build time) wins, so deployed images need no git.
    """
    if env := os.environ.get("CEMS_CODE_VERSION"):
        return env
    try:
        version = importlib.metadata.version("cems")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    label = f"cems {version}"
    root = Path(__file__).resolve().parents[2]
    if (root / ".git").exists():
        try:
            described = subprocess.run(
                ["git", "describe", "--always", "--dirty"],  # noqa: S607
                cwd=root,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            described = ""
        if described:
            label = f"{label} ({described})"
    return label[:100]


def run_create(
    *,
    user,
    period_start,
    period_end,
    factor_sets: list[FactorSet],
    gwp_set: GwpSet,
    facilities=(),
    options: dict | None = None,
    name: str = "",
    enqueue: bool = True,
) -> AccountingRun:
    """Create a queued run and hand it to the task queue (django-q2) (6.3.1)."""
    if user is not None and not user.has_perm("calculators.add_accountingrun"):
        raise PermissionDenied(gettext("You may not start accounting runs."))
    if not factor_sets:
        raise ValidationError(_("Choose at least one factor set."), code="no_factor_set")
    factor_sets = factor_sets_in_precedence(factor_sets)
    run = AccountingRun(
        name=name,
        period_start=period_start.replace(day=1),
        period_end=period_end.replace(day=1),
        gwp_set=gwp_set,
        options=options or {},
        created_by=user,
        gwp_key=gwp_set.key,
        factor_set_versions=[
            {"id": fs.pk, "key": fs.key, "version": fs.version} for fs in factor_sets
        ],
    )
    if run.period_end < run.period_start:
        raise ValidationError(
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"start": f"{run.period_start:%Y-%m}", "end": f"{run.period_end:%Y-%m}"},
            code="period",
        )
    run.full_clean()
    run.save()
    run.factor_sets.set(factor_sets)
    if facilities:
        run.facilities.set(facilities)
    if enqueue:
        async_task("calculators.tasks.run_compute", run.pk, task_name=f"accounting run {run.pk}")
    return run


def factor_sets_in_precedence(factor_sets: list[FactorSet]) -> list[FactorSet]:
    """The precedence of a run's sets: the user's own sets first (measured values win, in
    the order given), then the built-in sets in the core library's default priority
    (China defaults, IPCC, EPA; ``calculators.core.factors.DEFAULT_PRIORITY``). No query."""
    rank = {name: i for i, name in enumerate(DEFAULT_PRIORITY)}
    own = [fs for fs in factor_sets if not fs.is_builtin]
    builtin = sorted(
        (fs for fs in factor_sets if fs.is_builtin),
        key=lambda fs: (rank.get(family(fs.key), len(rank)), fs.key),
    )
    return [*own, *builtin]


def _progress(run: AccountingRun, percent: int, **fields) -> None:
    AccountingRun.objects.filter(pk=run.pk).update(progress=percent, **fields)
    run.progress = percent
    for name, value in fields.items():
        setattr(run, name, value)


def run_execute(*, run: AccountingRun, timings: dict | None = None) -> AccountingRun:
    """Compute a run and store its results (6.3.1 f); marks it failed on any error.

    ``timings``, when given, receives the seconds spent in ``load``, ``compute`` and
    ``store`` (benchmarks).
    """
    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    if run.status == RunStatus.APPROVED:
        raise ValidationError(_("An approved run cannot be recomputed in place."), code="approved")
    _progress(run, 1, status=RunStatus.RUNNING, started_at=timezone.now(), message="")
    clock = StepClock(timings)
    try:
        inputs = run_inputs(run)
        clock.lap("load")
        if not len(inputs.activity):
            raise RunProblem(
                NO_ACTIVITY,
                start=f"{run.period_start:%Y-%m}",
                end=f"{run.period_end:%Y-%m}",
            )
        _progress(run, 10)
        options = run.options or {}
        digest = inputs_hash(inputs, options)

        def report(fraction: float) -> None:
            _progress(run, 10 + int(70 * max(0.0, min(1.0, fraction))))

        rows, summary = run_results(run, inputs, progress=report)
        clock.lap("compute")
        if not np.isfinite(summary["total_tco2e"]):
            raise RunProblem(NOT_FINITE)
        _progress(run, 80)
        with transaction.atomic():
            RunResult.objects.filter(run=run).delete()
            frame_insert(RunResult, results_frame(run, rows))
            run_mark_done(
                run,
                inputs=inputs,
                input_hash=digest,
                input_rows=len(inputs.activity),
                dataset_ids=sorted(int(i) for i in inputs.activity["dataset_id"].unique()),
                summary=summary,
                series=summary["series"],
            )
        clock.lap("store")
    except Exception as exc:
        AccountingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            message=str(exc)[:2000],
            problems=_problems(exc),
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        if not isinstance(exc, (ValidationError, EngineError, RunProblem)):
            raise
    return run


def run_mark_done(run, *, inputs, input_hash, input_rows, dataset_ids, summary, series) -> None:
    """Write what a computed run is (6.3.1 f: inputs hash, datasets, factor set versions, GWP,
    code version, totals) and set it done; store its series and energy (6.3.2, 9.1) and freeze
    its factor sets, all inside the caller's transaction. One place for a run computed in one
    task and for a run assembled from its parts (``services/chunks.py``)."""
    run.input_hash = input_hash
    run.input_rows = input_rows
    run.dataset_ids = dataset_ids
    run.factor_set_versions = factor_set_versions(
        factor_set_ids=inputs.factor_set_ids, factors=inputs.factors
    )
    run.gwp_key = run.gwp_set.key
    run.code_version = code_version()
    run.total_tco2e = summary["total_tco2e"]
    run.biogenic_co2_t = summary["biogenic_t"]
    run.intensity = summary["intensity"]
    run.status = RunStatus.DONE
    run.progress = 100
    run.finished_at = timezone.now()
    run.message = ""
    run.problems = []
    run.save()
    series_store(run=run, rows=series)
    run_energy_store(run=run, series=series)  # energy per carrier (6.3.2)
    # a finished run's sets are frozen at once: its approval must find them unchanged
    factor_sets_freeze(factor_set_ids=inputs.factor_set_ids)


#: Why a run fails without a row to blame (translated when shown: ``run.display_message``).
NO_ACTIVITY = gettext_noop(
    "No approved activity data from %(start)s to %(end)s in this boundary: nothing to account."
)
NOT_FINITE = gettext_noop(
    "The results are not finite numbers; look for absurdly large values in the activity data."
)


class RunProblem(Exception):
    """A run cannot be computed; ``message`` is a template translated when shown."""

    def __init__(self, message: str, **params):
        super().__init__(message % params)
        self.message, self.params = message, params


def _problems(exc: Exception) -> list[dict]:
    """The failure as message templates + parameters, so each reader sees their language."""
    if isinstance(exc, EngineError):
        return [{"message": i.message, "params": dict(i.params)} for i in exc.issues[:1000]]
    if isinstance(exc, RunProblem):
        return [{"message": exc.message, "params": exc.params}]
    return []


@transaction.atomic
def run_approve(*, run: AccountingRun, user, comment: str = "") -> AccountingRun:
    """Approve a computed run (9.1, 6.3.2): a data reviewer who did not create it.

    ``comment``: what the approver checked, kept with the run (``approval_comment``).

    Freezes the factor sets it used, so its results stay reproducible, and queues the issuing
    of its report files (:mod:`calculators.services.report_archive`). Refused when a
    dataset it used has been withdrawn since it was computed (8.5).
    """
    if not user.has_perm("calculators.approve_accountingrun"):
        raise PermissionDenied(gettext("You may not approve accounting runs."))
    run = AccountingRun.objects.select_for_update().get(pk=run.pk)
    if run.created_by_id == user.pk:
        raise ValidationError(
            _("You created this run; another data reviewer must approve it."), code="own_run"
        )
    if run.status == RunStatus.APPROVED:
        raise _already_approved(run)
    if run.status != RunStatus.DONE:
        raise ValidationError(
            _("Only a finished run can be approved; this one is %(status)s.")
            % {"status": run.get_status_display()},
            code="not_done",
        )
    withdrawn = list(
        Dataset.objects.filter(pk__in=run.dataset_ids or [], status=DatasetStatus.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if withdrawn:
        raise ValidationError(
            _(
                "Datasets %(ids)s that this run used were withdrawn; start a new run on the "
                "current data."
            )
            % {"ids": ", ".join(f"#{pk}" for pk in withdrawn)},
            code="withdrawn_data",
        )
    _refuse_changed_inputs(run)
    # approved once: of two reviewers at once, one UPDATE matches (issue 13 §4)
    if not claim_status(AccountingRun, run.pk, expected=RunStatus.DONE, status=RunStatus.APPROVED):
        raise _already_approved(AccountingRun.objects.select_related("approved_by").get(pk=run.pk))
    run.status = RunStatus.APPROVED
    run.approved_by = user
    run.approved_at = timezone.now()
    run.approval_comment = (comment or "").strip()
    run.save(update_fields=["status", "approved_by", "approved_at", "approval_comment"])
    factor_sets_freeze(factor_set_ids=[entry["id"] for entry in run.factor_set_versions])
    # the PDF/XLSX renderers are heavy to import: only where a run is approved
    from calculators.services.report_archive import reports_issue_later  # noqa: PLC0415

    reports_issue_later(run)
    performance_update_later(run)
    return run


def _already_approved(run: AccountingRun) -> ValidationError:
    """The second approver's refusal, naming who approved the run and when."""
    return already_decided(
        record=run,
        decision=pgettext("decision", "approved"),
        user=run.approved_by,
        at=run.approved_at,
        code="approved",
    )


def _refuse_changed_inputs(run: AccountingRun) -> None:
    """Refuse approving a run whose factor sets no longer hold what it computed with (6.3.2).

    Sets freeze when a run finishes, so this guards runs computed before that rule and any
    write that bypassed it; a run that recorded no set digests has its whole input hash
    compared instead.
    """
    changed = factor_sets_changed(entries=run.factor_set_versions)
    if changed is None:
        if not (run.input_hash and run.dataset_ids):
            return  # never computed here: no recorded inputs to compare with
        inputs = run_inputs(run, dataset_ids=run.dataset_ids)
        if inputs_hash(inputs, run.options or {}) == run.input_hash:
            return
        raise ValidationError(
            _(
                "The inputs of this run (activity data, factors or GWP values) changed after "
                "it was computed; start a new run."
            ),
            code="inputs_changed",
        )
    if changed:
        raise ValidationError(
            _(
                "Factor sets %(sets)s changed after this run was computed: its results no "
                "longer follow from them. Start a new run."
            )
            % {"sets": ", ".join(changed)},
            code="factors_changed",
        )


@dataclass
class RecomputeReport:
    identical: bool
    input_hash_same: bool
    stored_rows: int
    recomputed_rows: int
    differing_rows: int
    stored_total: float
    recomputed_total: float
    differences: pd.DataFrame


def run_recompute(*, run: AccountingRun) -> RecomputeReport:
    """Recompute a run from its stored inputs and compare with its stored results (6.3.2).

    Uses the datasets and factor-set ids the run recorded; writes nothing.
    """
    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    inputs = run_inputs(run, dataset_ids=run.dataset_ids)
    digest = inputs_hash(inputs, run.options or {})
    rows, _summary = run_results(run, inputs)
    fresh = results_frame(run, rows)
    stored = selectors.run_results_frame(run)
    keys = ["record_id", "gas_group"]
    merged = stored.merge(fresh, on=keys, how="outer", suffixes=("_stored", "_new"), indicator=True)
    a = merged["tco2e_stored"].to_numpy(dtype=float)
    b = merged["tco2e_new"].to_numpy(dtype=float)
    c = merged["mass_t_stored"].to_numpy(dtype=float)
    d = merged["mass_t_new"].to_numpy(dtype=float)
    same = (
        (merged["_merge"] == "both").to_numpy()
        & np.isclose(a, b, rtol=RECOMPUTE_RTOL, atol=1e-12)
        & np.isclose(c, d, rtol=RECOMPUTE_RTOL, atol=1e-12)
    )
    differences = merged.loc[~same, [*keys, "tco2e_stored", "tco2e_new", "_merge"]]
    return RecomputeReport(
        identical=bool(same.all()) and digest == run.input_hash,
        input_hash_same=digest == run.input_hash,
        stored_rows=len(stored),
        recomputed_rows=len(fresh),
        differing_rows=int((~same).sum()),
        stored_total=float(stored["tco2e"].sum()),
        recomputed_total=float(fresh["tco2e"].sum()),
        differences=differences,
    )
