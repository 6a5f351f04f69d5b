"""Notices of the activity-data review (8.5, 7.4 internal communication): e-mails.

Data reviewers hear of every submitted dataset; the submitter hears of its approval or
rejection, with the reviewer's comment. Each recipient reads the notice in their own admin
language (Wagtail's user profile) and follows an absolute link (``WAGTAILADMIN_BASE_URL``).
Sent by django-q2 tasks queued once the submission or review is committed
(:func:`notify_later`), never inside it: a failing mail server cannot undo a review.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile

from django_q.tasks import async_task

from calculators.models import Dataset, DatasetStatus

REVIEW_PERMISSION = "review_dataset"


def preferred_language(user) -> str:
    """The user's admin language (Wagtail profile), else the site's default (Chinese); not
    the language active where the task runs."""

    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def dataset_url(dataset: Dataset) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("calculators_dataset_detail", args=(dataset.pk,))


def data_reviewers(*, exclude=None) -> list:
    """Active users holding the review permission through a group or directly, with an
    e-mail address; superusers only when they hold it explicitly. One query."""
    perm = Q(
        groups__permissions__codename=REVIEW_PERMISSION,
        groups__permissions__content_type__app_label="calculators",
    ) | Q(
        user_permissions__codename=REVIEW_PERMISSION,
        user_permissions__content_type__app_label="calculators",
    )
    users = get_user_model().objects.filter(perm, is_active=True).exclude(email="").distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("username"))


def _send(user, template: str, context: dict) -> None:
    with translation.override(preferred_language(user)):
        subject, _sep, body = render_to_string(template, {**context, "user": user}).partition("\n")
    send_mail(subject.strip(), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, [user.email])


def dataset_submitted_notify(*, dataset_id: int) -> int:
    """Tell the data reviewers (not the submitter) that a dataset waits for review.

    Returns how many were told; none when the dataset was withdrawn or reviewed meanwhile.
    """
    dataset = Dataset.objects.select_related("submitted_by").get(pk=dataset_id)
    if dataset.status != DatasetStatus.SUBMITTED:
        return 0
    recipients = data_reviewers(exclude=dataset.submitted_by)
    for user in recipients:
        _send(
            user,
            "calculators/email/dataset_submitted.txt",
            {"dataset": dataset, "url": dataset_url(dataset)},
        )
    return len(recipients)


def dataset_reviewed_notify(*, dataset_id: int) -> int:
    """Tell the submitter that their dataset was approved or rejected, with the comment."""
    dataset = Dataset.objects.select_related("submitted_by", "reviewed_by").get(pk=dataset_id)
    submitter = dataset.submitted_by
    if (
        submitter is None
        or not submitter.is_active
        or not submitter.email
        or dataset.status not in (DatasetStatus.APPROVED, DatasetStatus.REJECTED)
    ):
        return 0
    _send(
        submitter,
        "calculators/email/dataset_reviewed.txt",
        {
            "dataset": dataset,
            "url": dataset_url(dataset),
            "approved": dataset.status == DatasetStatus.APPROVED,
        },
    )
    return 1


def notify_later(task: str, dataset: Dataset) -> None:
    """Queue notice task ``task`` of :mod:`calculators.tasks` once the transaction commits."""

    def enqueue():

        async_task(f"calculators.tasks.{task}", dataset.pk, task_name=f"{task} {dataset.pk}")

    transaction.on_commit(enqueue)
