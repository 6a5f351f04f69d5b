"""Admin views of activity data: list, upload, inspect, review, withdraw (8.5 maker–checker).

Wired by :class:`calculators.viewsets.DatasetViewSet`; who may do what is
:class:`calculators.admin_views.permissions.DatasetPermissionPolicy`'s. Thin: forms parse the
request, services write, selectors read.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry

import django_filters

from calculators import selectors
from calculators.admin_views.base import (
    AddView,
    PeriodColumn,
    covers_year,
    local_minute,
    record_column,
    year_choices,
)
from calculators.admin_views.forms import (
    DatasetReviewForm,
    DatasetUploadForm,
    DatasetWithdrawForm,
)
from calculators.labels import material_label, method_short_label
from calculators.models import ActivityRecord, Dataset, DatasetChannel, DatasetStatus
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
from cems_registers.viewsets.base import PersonColumn

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows per page of the review page (every row can be paged through before approving).
PREVIEW_ROWS = 200
#: Most upload errors listed (all are counted).
ERRORS_SHOWN = 500


def submitters(user):
    """The people the submitter filter offers: those whose datasets ``user`` may see."""
    people = get_user_model().objects.filter(calculator_datasets_submitted__isnull=False)
    if not policy_registry.get_by_type(Dataset).user_has_permission(user, "view"):
        people = people.filter(pk=user.pk)
    return people.distinct()


class DatasetFilterSet(WagtailFilterSet):
    """Filters of the activity-data list: status, the year its period covers, submitter."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=DatasetStatus.choices
    )
    year = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Year"), choices=year_choices, coerce=int, method=covers_year
    )
    submitted_by = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Submitted by"), queryset=lambda request: submitters(request.user)
    )

    class Meta:
        model = Dataset
        fields = ["status", "year", "submitted_by", "channel"]


class DatasetIndexView(generic.IndexView):
    """The datasets a user may see, filtered and paged (8.5), with the import template."""

    any_permission_required = ["view", "add"]
    template_name = "calculators/admin/dataset_index.html"
    page_title = gettext_lazy("Activity data")
    add_item_label = gettext_lazy("Upload activity data")
    template_url_name = None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["template_urls"] = [
            (fmt.upper(), reverse(self.template_url_name, args=(fmt,))) for fmt in ("xlsx", "csv")
        ]
        return context

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).select_related("submitted_by", "reviewed_by")

    @property
    def columns(self):
        return [
            record_column(self, "filename", label=_("File"), sort_key="filename"),
            PeriodColumn(),
            Column("row_count", label=_("Rows"), sort_key="row_count"),
            Column("get_status_display", label=_("Status"), sort_key="status"),
            PersonColumn("submitted_by", label=_("Submitted by")),
            Column(
                "submitted_at",
                label=_("Submitted at"),
                accessor=lambda d: local_minute(d.submitted_at),
                sort_key="submitted_at",
            ),
            PersonColumn("reviewed_by", label=_("Reviewed by")),
        ]

    @cached_property
    def add_button(self):
        return HeaderButton(self.add_item_label, url=self.add_url, icon_name="upload")


class DatasetInspectView(generic.InspectView):
    """A dataset, its rows page by page, and the review or withdrawal it allows (8.5).

    Datasets the user may not see are not found (404), as before the viewset. ``review_form``:
    a refused review's form, shown again with what the reviewer typed.
    """

    any_permission_required = None
    template_name = "calculators/admin/dataset_detail.html"
    review_url_name = withdraw_url_name = file_url_name = None
    review_form = None

    def get_object(self, queryset=None):
        visible = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        return get_object_or_404(
            visible.select_related("submitted_by", "reviewed_by", "withdrawn_by"), pk=self.pk
        )

    def get_page_title(self):
        return _("Activity dataset")

    def get_fields(self):
        return []  # the template lays the record out itself (no generic field list to fetch)

    def get_page_subtitle(self):
        return self.object.filename

    def _rows(self, repeated: set[int]):
        rows = Paginator(
            ActivityRecord.objects.filter(dataset=self.object)
            .select_related("source", "facility")
            .order_by("row_number"),
            PREVIEW_ROWS,
        ).get_page(self.request.GET.get("page"))
        for row in rows:  # names in the reader's language, codes kept beside them
            row.method_label = method_short_label(row.method)
            row.material_label = material_label(row.material) if row.material else ""
            row.repeated = row.row_number in repeated
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dataset, user = self.object, self.request.user
        # rows that repeat another and say why: accepted, but the reviewer sees them (8.5)
        repeats = selectors.dataset_repeats(dataset)
        pending = dataset.status == DatasetStatus.SUBMITTED
        context.update(
            {
                "dataset": dataset,
                "rows": self._rows({n for group in repeats for n in group["row_numbers"]}),
                "can_review": self.user_has_permission_for_instance("review", dataset),
                "review_form": self.review_form or DatasetReviewForm(),
                "facilities": [f for f in dataset.facilities.split(",") if f],
                # shown to the submitter too, who may withdraw the upload's mistake early
                "overlaps": dataset_overlaps(dataset) if pending else [],
                "repeats": repeats,
                "can_withdraw": self.user_has_permission_for_instance("withdraw", dataset),
                "own_pending": pending and dataset.submitted_by_id == user.pk,
                "withdraw_form": DatasetWithdrawForm(),
                "runs": [] if pending else runs_using(dataset),
                "review_url": reverse(self.review_url_name, args=(quote(dataset.pk),)),
                "withdraw_url": reverse(self.withdraw_url_name, args=(quote(dataset.pk),)),
                "file_url": reverse(self.file_url_name, args=(quote(dataset.pk),)),
            }
        )
        return context


class DatasetUploadView(AddView):
    """Upload a file in the import template (8.5); a refused try keeps the file chosen."""

    template_name = "calculators/admin/dataset_upload.html"
    page_title = gettext_lazy("Upload activity data")

    def get(self, request, *args, **kwargs):
        form = DatasetUploadForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form, errors=[]))

    def post(self, request, *args, **kwargs):
        form = DatasetUploadForm(request.POST, request.FILES, user=request.user)
        errors = []
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
                return self._submitted(form, result)
        form.keep_upload(errors)
        context = self.get_context_data(
            form=form, errors=errors[:ERRORS_SHOWN], error_count=len(errors)
        )
        return self.render_to_response(context)

    def _submitted(self, form, result):
        if form.cleaned_data["kept"]:
            upload_discard(token=form.cleaned_data["kept"])
        if result.created:
            messages.success(
                self.request,
                _("%(rows)s rows submitted; a data reviewer will check them.")
                % {"rows": result.dataset.row_count},
            )
        else:
            messages.info(self.request, _("This file was already submitted; nothing changed."))
        return redirect(self.inspect_url_name, result.dataset.pk)


class DatasetActionView(PermissionCheckedMixin, View):
    """A POST action on a dataset the user may see; the service decides whether it may."""

    http_method_names = ["post"]
    model = Dataset
    inspect_url_name = None
    #: ``(request, pk, **extra)`` → the dataset's page, rendered again (set by the viewset)
    inspect_page = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        visible = self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["view"]
        )
        self.object = get_object_or_404(visible, pk=kwargs["pk"])

    def back(self):
        return redirect(self.inspect_url_name, self.object.pk)


class DatasetReviewView(DatasetActionView):
    """Approve or reject a submitted dataset, with the reviewer's comment (8.5)."""

    def post(self, request, pk):
        form = DatasetReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose approve or reject."))
            return self.back()
        approve = form.cleaned_data["decision"] == "approve"
        try:
            dataset_review(
                dataset=self.object,
                user=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
                adds_to_approved=form.cleaned_data["adds_to_approved"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            # the page again, keeping the comment typed
            return self.inspect_page(request, pk, review_form=form)
        if approve:
            messages.success(request, _("Dataset approved: its rows now count in new runs."))
        else:
            messages.success(request, _("Dataset rejected: its rows do not count."))
        return self.back()


class DatasetWithdrawView(DatasetActionView):
    """Withdraw a dataset with a reason: the submitter's own upload before its review, or an
    approved dataset by a data reviewer (8.5); runs that used it are named."""

    def post(self, request, pk):
        form = DatasetWithdrawForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for the withdrawal."))
            return self.back()
        was_pending = self.object.status == DatasetStatus.SUBMITTED
        try:
            runs = dataset_withdraw(
                dataset=self.object, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.back()
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
        return self.back()


class DatasetFileView(DatasetActionView):
    """The submitted file of a dataset, for users who may see the dataset (8.5)."""

    http_method_names = ["get"]

    def get(self, request, pk):
        if not self.object.file:
            raise Http404
        return FileResponse(
            self.object.file.open("rb"), as_attachment=True, filename=self.object.filename
        )


class DatasetTemplateView(PermissionCheckedMixin, View):
    """The import template (bilingual) as XLSX or CSV, for anyone who may submit or read data."""

    any_permission_required = ["add", "view"]
    http_method_names = ["get"]
    model = Dataset

    def get(self, request, fmt: str):
        if fmt == "xlsx":
            body, content_type = template_xlsx(), XLSX_TYPE
        elif fmt == "csv":
            body, content_type = template_csv(), "text/csv; charset=utf-8"
        else:
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="cems-activity-template.{fmt}"'
        return response
