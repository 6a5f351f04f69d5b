"""Reads of the work queue: what waits for a user's decision, and what they wait for."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.urls import reverse

from wagtail.admin.views.pages.listing import IndexView as PageExplorerView
from wagtail.models import Page, Task, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from calculators import selectors as calculator_selectors
from calculators.models import AccountingRun, Dataset, DatasetStatus, RunStatus
from cems_registers.models import Objective, ObjectiveStatus
from cems_registers.people import person_name
from cems_registers.services.objectives import user_can_approve_objectives

#: Items listed per kind; the count gives the rest.
LIMIT = 50


@dataclass
class TaskItem:
    """A page (or snippet) in a workflow task that the user may act on (7.3.3)."""

    title: str
    task: str
    workflow: str
    submitted_by: str
    since: object
    view_url: str
    #: (label, URL that performs the action, whether Wagtail offers a comment with it)
    actions: list[tuple[str, str, bool]] = field(default_factory=list)


@dataclass
class WorkQueue:
    """What waits for one user: their decisions (``tasks`` … ``objectives``) and their own
    submissions waiting for someone else (``my_datasets``, ``my_runs``)."""

    tasks: list[TaskItem] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    runs: list[AccountingRun] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    my_datasets: list[Dataset] = field(default_factory=list)
    my_runs: list[AccountingRun] = field(default_factory=list)

    @property
    def decisions(self) -> int:
        """How many items wait for the user's own decision."""
        return len(self.tasks) + len(self.datasets) + len(self.runs) + len(self.objectives)

    @property
    def is_empty(self) -> bool:
        return not (self.decisions or self.my_datasets or self.my_runs)


def can_open_page_explorer(user) -> bool:
    """Whether the page explorer opens for ``user`` (the permissions its view requires)."""
    return PagePermissionPolicy().user_has_any_permission(
        user, PageExplorerView.any_permission_required
    )


def _objects_of(states: list[TaskState]) -> dict[int, object]:
    """The page or snippet of each task state, by state id: every page in one query (the base
    ``Page``: enough for its title, permissions and actions), snippets one query per type."""
    page_type = ContentType.objects.get_for_model(Page).pk
    pages = [s for s in states if s.revision and s.revision.base_content_type_id == page_type]
    others = [s.revision for s in states if s.revision and s not in pages]
    by_id = Page.objects.in_bulk({int(s.revision.object_id) for s in pages})
    prefetch_related_objects(others, "content_object")
    found = {s.pk: by_id.get(int(s.revision.object_id)) for s in pages}
    found.update({s.pk: s.revision.content_object for s in states if s.revision in others})
    return {pk: obj for pk, obj in found.items() if obj is not None}


def _prime(state: TaskState, task, obj) -> None:
    """Hand Wagtail what it would read again per page for the permission test: the state's
    workflow state and its current (this) task state, with the specific task."""
    state.task = task
    workflow_state = state.workflow_state
    if workflow_state.current_task_state_id == state.pk:
        workflow_state.current_task_state = state
    if isinstance(obj, Page):
        obj._current_workflow_states = [workflow_state]  # Wagtail's own prefetch attribute


def workflow_tasks_for(user) -> list[TaskItem]:
    """Workflow tasks in progress that ``user`` may approve or send back, newest first.

    Each action posts to the work queue's own action view, which lands back on the queue.
    A fixed number of queries, whatever the number of tasks (issue 13 §3).
    """
    states = list(
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "workflow_state__workflow")
        .order_by("-started_at")[:LIMIT]
    )
    tasks = {
        task.pk: task
        for task in Task.objects.filter(pk__in={state.task_id for state in states}).specific()
    }
    objects = _objects_of(states)
    items = []
    for state in states:
        obj = objects.get(state.pk)
        if obj is None:
            continue
        task = tasks[state.task_id]
        _prime(state, task, obj)
        actions = task.get_actions(obj, user)
        if not actions:
            continue
        if isinstance(obj, Page):
            preview_url = reverse("wagtailadmin_pages:workflow_preview", args=(obj.pk, task.pk))
            edit_url = reverse("wagtailadmin_pages:edit", args=(obj.pk,))
            can_edit = obj.permissions_for_user(user).can_edit()
            title = obj.get_admin_display_title()
        else:
            viewset = obj.snippet_viewset
            preview_url = ""
            edit_url = reverse(viewset.get_url_name("edit"), args=(obj.pk,))
            can_edit = True
            title = str(obj)
        seen = set()
        item_actions = []
        for name, label, modal in actions:
            if name in seen:  # "approve" and "approve with comment": one form with a comment
                continue
            seen.add(name)
            url = reverse("cems_work_queue_action", args=(state.pk, name))
            item_actions.append((str(label), url, modal))
        item_actions.sort(key=lambda action: action[1].endswith("/approve/"), reverse=True)
        items.append(
            TaskItem(
                title=title,
                task=str(task.name),
                workflow=str(state.workflow_state.workflow.name),
                submitted_by=person_name(state.revision.user),
                since=state.started_at,
                view_url=edit_url if can_edit else preview_url,
                actions=item_actions,
            )
        )
    return items


def work_queue_for(user) -> WorkQueue:
    """Everything waiting for ``user``; a fixed number of queries per kind they may act on."""
    queue = WorkQueue(tasks=workflow_tasks_for(user))
    if user.has_perm("calculators.review_dataset"):
        queue.datasets = list(
            Dataset.objects.filter(status=DatasetStatus.SUBMITTED)
            .exclude(submitted_by=user)
            .select_related("submitted_by")
            .order_by("submitted_at", "pk")[:LIMIT]
        )
    if user.has_perm("calculators.approve_accountingrun"):
        withdrawn = calculator_selectors.withdrawn_dataset_ids()
        queue.runs = [
            run
            for run in AccountingRun.objects.filter(status=RunStatus.DONE)
            .exclude(created_by=user)
            .select_related("created_by")
            .order_by("finished_at", "pk")[:LIMIT]
            if not set(run.dataset_ids or []) & withdrawn
        ]
    if user_can_approve_objectives(user):
        queue.objectives = list(
            Objective.objects.filter(approved_at__isnull=True, status=ObjectiveStatus.DRAFT)
            .select_related("owner")
            .order_by("code")[:LIMIT]
        )
    queue.my_datasets = list(
        Dataset.objects.filter(submitted_by=user, status=DatasetStatus.SUBMITTED).order_by(
            "submitted_at", "pk"
        )[:LIMIT]
    )
    queue.my_runs = list(
        AccountingRun.objects.filter(created_by=user, status=RunStatus.DONE).order_by(
            "finished_at", "pk"
        )[:LIMIT]
    )
    return queue
