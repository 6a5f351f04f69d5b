"""Admin views of activity data: list, upload, review, withdraw (8.5 maker–checker)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calculators import selectors
from calculators.admin_views.forms import (
    DatasetReviewForm,
    DatasetUploadForm,
    DatasetWithdrawForm,
)
from calculators.labels import material_label, method_short_label
from calculators.models import ActivityRecord, DatasetChannel, DatasetStatus
from calculators.services.datasets import (
    SubmitError,
    dataset_overlaps,
    dataset_review,
    dataset_submit,
    dataset_withdraw,
    runs_using,
)
from calculators.services.template_file import template_csv, template_xlsx
from calculators.services.upload_keep import upload_discard

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows per page of the review page (every row can be paged through before approving).
PREVIEW_ROWS = 200


def dataset_list(request):
    if not (
        request.user.has_perm("calculators.view_dataset")
        or request.user.has_perm("calculators.add_dataset")
    ):
        raise PermissionDenied
    datasets = selectors.datasets_visible_to(request.user)
    status = request.GET.get("status")
    if status in DatasetStatus.values:
        datasets = datasets.filter(status=status)
    return TemplateResponse(
        request,
        "calculators/admin/dataset_list.html",
        {
            "datasets": datasets[:500],
            "statuses": DatasetStatus.choices,
            "status": status,
            "can_upload": request.user.has_perm("calculators.add_dataset"),
        },
    )


def dataset_upload(request):
    """Upload a file in the import template (8.5); a refused try keeps the file chosen."""
    if not request.user.has_perm("calculators.add_dataset"):
        raise PermissionDenied
    errors = []
    form = DatasetUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            name, content = form.upload
            try:
                result = dataset_submit(
                    file_bytes=content,
                    filename=name,
                    user=request.user,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    channel=DatasetChannel.UPLOAD,
                )
            except SubmitError as exc:
                errors = exc.errors
            else:
                if form.cleaned_data["kept"]:
                    upload_discard(token=form.cleaned_data["kept"])
                if result.created:
                    messages.success(
                        request,
                        _("%(rows)s rows submitted; a data reviewer will check them.")
                        % {"rows": result.dataset.row_count},
                    )
                else:
                    messages.info(request, _("This file was already submitted; nothing changed."))
                return redirect("calculators_dataset_detail", result.dataset.pk)
        form.keep_upload()
    return TemplateResponse(
        request,
        "calculators/admin/dataset_upload.html",
        {"form": form, "errors": errors[:500], "error_count": len(errors)},
    )


def dataset_detail(request, pk: int, *, review_form: DatasetReviewForm | None = None):
    """A dataset, its rows page by page, and the review or withdrawal it allows (8.5).

    ``review_form``: a refused review's form, shown again with what the reviewer typed.
    """
    dataset = get_object_or_404(selectors.datasets_visible_to(request.user), pk=pk)
    rows = Paginator(
        ActivityRecord.objects.filter(dataset=dataset)
        .select_related("source", "facility")
        .order_by("row_number"),
        PREVIEW_ROWS,
    ).get_page(request.GET.get("page"))
    can_review = (
        request.user.has_perm("calculators.review_dataset")
        and dataset.status == DatasetStatus.SUBMITTED
        and dataset.submitted_by_id != request.user.pk
    )
    # the submitter withdraws their own upload before its review (8.5)
    own_pending = (
        dataset.status == DatasetStatus.SUBMITTED and dataset.submitted_by_id == request.user.pk
    )
    can_withdraw = own_pending or (
        request.user.has_perm("calculators.review_dataset")
        and dataset.status == DatasetStatus.APPROVED
    )
    # rows that repeat another and say why: accepted, but the reviewer sees them (8.5)
    repeats = selectors.dataset_repeats(dataset)
    repeated = {n for group in repeats for n in group["row_numbers"]}
    for row in rows:  # names in the reader's language, codes kept beside them
        row.method_label = method_short_label(row.method)
        row.material_label = material_label(row.material) if row.material else ""
        row.repeated = row.row_number in repeated
    return TemplateResponse(
        request,
        "calculators/admin/dataset_detail.html",
        {
            "dataset": dataset,
            "rows": rows,
            "can_review": can_review,
            "review_form": review_form or DatasetReviewForm(),
            "facilities": [f for f in dataset.facilities.split(",") if f],
            # shown to the submitter too, who may withdraw the upload's mistake early
            "overlaps": (
                dataset_overlaps(dataset) if dataset.status == DatasetStatus.SUBMITTED else []
            ),
            "repeats": repeats,
            "can_withdraw": can_withdraw,
            "own_pending": own_pending,
            "withdraw_form": DatasetWithdrawForm(),
            "runs": runs_using(dataset) if dataset.status != DatasetStatus.SUBMITTED else [],
        },
    )


@require_POST
def dataset_review_view(request, pk: int):
    dataset = get_object_or_404(selectors.datasets_visible_to(request.user), pk=pk)
    form = DatasetReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("calculators_dataset_detail", pk)
    try:
        dataset_review(
            dataset=dataset,
            user=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            adds_to_approved=form.cleaned_data["adds_to_approved"],
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return dataset_detail(request, pk, review_form=form)  # keeps the comment typed
    else:
        if form.cleaned_data["decision"] == "approve":
            messages.success(request, _("Dataset approved: its rows now count in new runs."))
        else:
            messages.success(request, _("Dataset rejected: its rows do not count."))
    return redirect("calculators_dataset_detail", pk)


@require_POST
def dataset_withdraw_view(request, pk: int):
    dataset = get_object_or_404(selectors.datasets_visible_to(request.user), pk=pk)
    form = DatasetWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the withdrawal."))
        return redirect("calculators_dataset_detail", pk)
    was_pending = dataset.status == DatasetStatus.SUBMITTED
    try:
        runs = dataset_withdraw(
            dataset=dataset, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if was_pending:
            messages.success(request, _("Your upload is withdrawn; it will not be reviewed."))
        else:
            messages.success(request, _("Dataset withdrawn; new runs leave it out."))
        if runs:
            messages.warning(
                request,
                _("Runs that used it: %(runs)s. Start a new run to account without it.")
                % {"runs": ", ".join(f"#{run.pk}" for run in runs)},
            )
    return redirect("calculators_dataset_detail", pk)


def dataset_file(request, pk: int):
    """The submitted file of a dataset, for users who may see the dataset (8.5)."""
    dataset = get_object_or_404(selectors.datasets_visible_to(request.user), pk=pk)
    if not dataset.file:
        raise Http404
    return FileResponse(dataset.file.open("rb"), as_attachment=True, filename=dataset.filename)


def dataset_template(request, fmt: str):
    """The import template (bilingual) as XLSX or CSV, for anyone who may submit or read data."""
    if not (
        request.user.has_perm("calculators.add_dataset")
        or request.user.has_perm("calculators.view_dataset")
    ):
        raise PermissionDenied
    if fmt == "xlsx":
        body, content_type = template_xlsx(), XLSX_TYPE
    elif fmt == "csv":
        body, content_type = template_csv(), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="cems-activity-template.{fmt}"'
    return response
