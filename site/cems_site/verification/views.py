"""Admin views of the verification app (6.3.3, 9.3, 10.2, 7.3).

* :class:`RecordSamplesView`: the rows the verifier recalculated, pasted as lines, checked
  against the run and recorded all or nothing;
* :class:`RaiseNonconformityView`: a finding becomes a nonconformity (10.2);
* the pages' revisions, read-only, for whoever holds
  :data:`~cems_site.verification.models.PAGE_REVISIONS_PERMISSION` (auditors): a list of pages,
  each page's history, a revision as it read and the compare view. Wagtail's own views require
  the right to edit or publish the page; these subclasses ask for the read permission instead
  and offer no edit, revert or unschedule link.
"""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.pages.revisions import RevisionsCompareView, RevisionsView
from wagtail.models import Page

from .models import PAGE_REVISIONS_PERMISSION, Engagement, Finding
from .services import (
    ADD_SAMPLE,
    CHANGE_FINDING,
    can_raise_nonconformity,
    finding_raise_nonconformity,
    samples_parse,
    samples_record,
)


class ActionMixin(WagtailAdminTemplateMixin):
    """An action on one record: the permission, the record, the way back to its page."""

    model = None
    permission = None
    inspect_url_name = None

    def dispatch(self, request, pk):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def back_url(self) -> str:
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        index = self.inspect_url_name.replace(":inspect", ":list")
        return [
            *self.breadcrumbs_items,
            {"url": reverse(index), "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": self.back_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.back_url()
        return context


class SamplesForm(forms.Form):
    lines = forms.CharField(
        label=_("Recalculated rows"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One row a line: dataset, row, gas group (blank = the row's total), the verifier's "
            "tCO2e, note. Dataset and row as in the evidence pack's trace."
        ),
    )


class RecordSamplesView(ActionMixin, FormView):
    """Record the recalculated rows of an engagement at once; one bad line saves none (6.3.3)."""

    model = Engagement
    permission = ADD_SAMPLE
    template_name = "cems_verification/record_samples.html"
    form_class = SamplesForm
    page_title = _("Record samples")
    header_icon = "table"

    def form_valid(self, form):
        try:
            rows = samples_parse(form.cleaned_data["lines"])
            samples = samples_record(user=self.request.user, engagement=self.object, rows=rows)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error("lines", exc.messages)
            return self.form_invalid(form)
        outside = sum(1 for sample in samples if not sample.within_materiality)
        messages.success(
            self.request,
            ngettext(
                "%(count)s sample recorded; %(outside)s beyond the materiality.",
                "%(count)s samples recorded; %(outside)s beyond the materiality.",
                len(samples),
            )
            % {"count": len(samples), "outside": outside},
        )
        return HttpResponseRedirect(self.back_url())


class RaiseNonconformityView(ActionMixin, FormView):
    """Confirm (GET) and raise (POST) a nonconformity from a verification finding (10.2)."""

    model = Finding
    permission = CHANGE_FINDING
    template_name = "cems_verification/raise_nonconformity.html"
    form_class = forms.Form
    page_title = _("Raise a nonconformity")
    header_icon = "warning"

    def get(self, request, *args, **kwargs):
        if not can_raise_nonconformity(request.user, self.object):
            messages.error(request, gettext("This finding is already a nonconformity."))
            return HttpResponseRedirect(self.back_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            nonconformity = finding_raise_nonconformity(finding=self.object, user=self.request.user)
        except (PermissionDenied, ValidationError) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(self.request, text)
        else:
            messages.success(
                self.request,
                gettext("Nonconformity %(code)s raised from finding %(reference)s.")
                % {"code": nonconformity.code, "reference": self.object.reference},
            )
        return HttpResponseRedirect(self.back_url())


# ------------------------------------------------------------------ pages' revisions, read-only


def may_read_revisions(user) -> bool:
    return user.is_active and user.has_perm(PAGE_REVISIONS_PERMISSION)


def _require_reader(request) -> None:
    if not may_read_revisions(request.user):
        raise PermissionDenied


class PageRevisionsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every page but the root, newest change first, with a link to its history (7.3, 9.3)."""

    template_name = "cems_verification/page_revisions.html"
    page_title = _("Page revisions")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        _require_reader(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = Page.objects.exclude(depth=1).select_related("content_type", "locale")
        query = self.request.GET.get("q", "").strip()
        if query:
            pages = pages.filter(title__icontains=query)
        page_obj = Paginator(pages.order_by("-latest_revision_created_at", "path"), 50).get_page(
            self.request.GET.get("p")
        )
        context.update(
            page_obj=page_obj,
            query=query,
            rows=[
                {
                    "page": page,
                    "kind": _page_kind(page),
                    "history_url": reverse("cems_verification_page_history", args=(page.pk,)),
                }
                for page in page_obj
            ],
        )
        return context


def _page_kind(page) -> str:
    model = page.content_type.model_class()
    return capfirst(model._meta.verbose_name) if model else ""


class ReadOnlyPageMixin:
    """Pages' views for a reader: the read permission instead of edit or publish rights, no
    edit button, breadcrumbs through the list of pages (the explorer is not the reader's)."""

    permission_policy = None
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        _require_reader(request)
        # Wagtail's page views wrap dispatch in "has any page permission": not the reader's
        return View.dispatch(self, request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        return get_object_or_404(Page, id=self.pk).specific

    @cached_property
    def breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": reverse("cems_verification_pages"), "label": gettext("Page revisions")},
            {
                "url": reverse("cems_verification_page_history", args=(self.object.pk,)),
                "label": self.object.get_admin_display_title(),
            },
        ]

    @cached_property
    def header_buttons(self):
        return []


class PageHistoryReadView(ReadOnlyPageMixin, PageHistoryView):
    """A page's history (every revision, who, when) with "Preview" and "Compare" only."""

    history_url_name = "cems_verification_page_history"
    history_results_url_name = "cems_verification_page_history_results"
    edit_url_name = None
    revisions_view_url_name = "cems_verification_page_revision"
    revisions_revert_url_name = None
    revisions_compare_url_name = "cems_verification_page_compare"
    revisions_unschedule_url_name = None

    def user_can_unschedule(self):
        return False


class PageRevisionReadView(ReadOnlyPageMixin, RevisionsView):
    """A revision of a page as it read then (Wagtail's preview of the revision)."""


class PageCompareReadView(ReadOnlyPageMixin, RevisionsCompareView):
    """Two revisions of a page side by side, field by field."""

    history_url_name = "cems_verification_page_history"
    edit_url_name = None
