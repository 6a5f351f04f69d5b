"""Admin upload of a register file (4.2.2, 6.1, 6.3.1, 9.1): validate all, import all or nothing."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..imports import RegisterImportError, available_specs, check_upload, get_spec, import_file
from ..imports.reader import max_upload_bytes
from ..imports.template import template_workbook

#: Errors listed on the page; the rest are counted.
MAX_ERRORS_SHOWN = 200


def user_can_import(user, spec) -> bool:
    opts = spec.model._meta
    return user.has_perms(
        [f"{opts.app_label}.add_{opts.model_name}", f"{opts.app_label}.change_{opts.model_name}"]
    )


def importable_specs(user):
    return [spec for spec in available_specs() if user_can_import(user, spec)]


class RegisterImportForm(forms.Form):
    register = forms.ChoiceField(label=_("Register"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx or .csv file laid out like the template of the register."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only"), required=False, help_text=_("Validate the file without saving.")
    )

    def __init__(self, *args, specs, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = {spec.slug: spec for spec in specs}
        self.fields["register"].choices = [(spec.slug, spec.title) for spec in specs]
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("%(name)s is %(size)s; the largest file accepted is %(limit)s."),
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
                code="size",
            )
        data = upload.read()
        check_upload(name=upload.name, data=data)
        self.file_bytes = data
        return upload


class RegisterImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "cems_registers/import.html"
    form_class = RegisterImportForm
    page_title = _("Import registers")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.specs = importable_specs(request.user)
        if not self.specs:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["specs"] = self.specs
        initial = self.request.GET.get("register")
        if initial:
            kwargs["initial"] = {"register": initial}
        return kwargs

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def form_valid(self, form):
        spec = form.specs[form.cleaned_data["register"]]
        dry_run = form.cleaned_data["dry_run"]
        upload = form.cleaned_data["file"]
        try:
            result = import_file(
                spec=spec,
                name=upload.name,
                data=form.file_bytes,
                user=self.request.user,
                dry_run=dry_run,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.form_invalid(form)
        except RegisterImportError as exc:
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    errors=exc.errors[:MAX_ERRORS_SHOWN],
                    error_count=len(exc.errors),
                    spec=spec,
                ),
                status=422,
            )
        message = gettext(
            "%(register)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged."
        ) % {
            "register": spec.title,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if dry_run:
            message = gettext("Check only, nothing saved. %(summary)s") % {"summary": message}
        messages.success(self.request, message)
        return self.render_to_response(self.get_context_data(form=form, result=result, spec=spec))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["specs"] = self.specs
        context["max_upload"] = max_upload_bytes()
        return context


def import_template_view(request, slug):
    """The bilingual XLSX template of one register; ``?records=1`` fills it with the records."""
    try:
        spec = get_spec(slug)
    except KeyError as exc:
        raise PermissionDenied from exc
    if not user_can_import(request.user, spec):
        raise PermissionDenied
    records = request.GET.get("records") == "1"
    response = HttpResponse(
        template_workbook(spec, records=records),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    kind = "records" if records else "template"
    response["Content-Disposition"] = f'attachment; filename="{slug}-{kind}.xlsx"'
    return response
