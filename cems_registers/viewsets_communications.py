"""Admin of the communication log (clauses 4.2, 5.3 c, 8.1 b, 9.5.2, 10.2).

The register viewset of :class:`~cems_registers.models.communications.Communication` with
two one-step actions on an entry: "Link to an interested party" (pick one from the register
or create it, 4.2.1) and, for a complaint, "Raise a nonconformity" (10.2). Registered by one
line in ``wagtail_hooks.py``. Only the roles that handle communications see the register
(migration 0009), so only they see and export the senders' personal data.
"""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from .models import InterestedParty, PartyCategory
from .models.communications import Communication, CommunicationKind
from .services.communications import (
    CHANGE_PERMISSION,
    communication_link_party,
    communication_raise_nonconformity,
)
from .viewsets._export import export_spec, filterset_for
from .viewsets.base import RegisterEditView, RegisterIndexView, RegisterInspectView, RegisterViewSet


def can_link_party(user) -> bool:
    return user.has_perm(CHANGE_PERMISSION)


def can_raise_nonconformity(user, entry) -> bool:
    return (
        entry.kind == CommunicationKind.COMPLAINT
        and entry.nonconformity_id is None
        and user.has_perm(CHANGE_PERMISSION)
        and user.has_perm("cems_registers.add_nonconformity")
    )


#: What an entry shows on its page and in exports, in this order.
RECORD_FIELDS = [
    "reference",
    "audience",
    "direction",
    "channel",
    "kind",
    "communicated_on",
    "subject",
    "message",
    "contact_name",
    "organisation",
    "email",
    "language",
    "consent",
    "interested_party",
    "owner",
    "response_due",
    "response",
    "responded_on",
    "responder",
    "status",
    "nonconformity",
]


class ActionButtonsMixin:
    """The entry's actions as header or list buttons, for users who may take them."""

    link_party_url_name = None
    raise_nonconformity_url_name = None

    def action_buttons(self, entry) -> list[Button]:
        user = self.request.user
        buttons = []
        if can_link_party(user):
            buttons.append(
                Button(
                    _("Link to an interested party"),
                    url=reverse(self.link_party_url_name, args=(quote(entry.pk),)),
                    icon_name="group",
                    priority=30,
                )
            )
        if can_raise_nonconformity(user, entry):
            buttons.append(
                Button(
                    _("Raise a nonconformity"),
                    url=reverse(self.raise_nonconformity_url_name, args=(quote(entry.pk),)),
                    icon_name="warning",
                    priority=31,
                )
            )
        return buttons


class CommunicationIndexView(ActionButtonsMixin, RegisterIndexView):
    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *self.action_buttons(instance)]


class CommunicationInspectView(ActionButtonsMixin, RegisterInspectView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.action_buttons(self.object)]


class CommunicationEditView(ActionButtonsMixin, RegisterEditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.action_buttons(self.object)]


class LinkPartyForm(forms.Form):
    """Pick an interested party, or name a new one (4.2.1)."""

    party = forms.ModelChoiceField(
        label=_("Interested party in the register"),
        queryset=InterestedParty.objects.order_by("category", "party"),
        required=False,
    )
    party_name = forms.CharField(
        label=_("Or a new interested party"),
        max_length=200,
        required=False,
        help_text=_("Left blank: the sender's organisation."),
    )
    category = forms.ChoiceField(
        label=_("Category of the new party"),
        choices=PartyCategory.choices,
        initial=PartyCategory.COMMUNITY,
    )


class EntryActionMixin(WagtailAdminTemplateMixin):
    """Common to the two actions: the entry, permission, the way back."""

    header_icon = "mail"
    inspect_url_name = None

    def dispatch(self, request, pk):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        self.object = get_object_or_404(Communication, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def back_url(self) -> str:
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        index = self.inspect_url_name.replace(":inspect", ":list")
        return [
            *self.breadcrumbs_items,
            {"url": reverse(index), "label": _("Communication log")},
            {"url": self.back_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.back_url()
        return context


class LinkPartyView(EntryActionMixin, FormView):
    """Link the entry to an interested party, creating the party if needed (4.2.1)."""

    template_name = "cems_registers/communication_link_party.html"
    form_class = LinkPartyForm
    page_title = _("Link to an interested party")

    def get_initial(self):
        return {"party": self.object.interested_party_id}

    def form_valid(self, form):
        try:
            party = communication_link_party(
                communication=self.object,
                user=self.request.user,
                party=form.cleaned_data["party"],
                party_name=form.cleaned_data["party_name"],
                category=form.cleaned_data["category"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or gettext("You may not create interested parties."))
            return self.form_invalid(form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(reference)s is linked to the interested party %(party)s.")
            % {"reference": self.object.reference, "party": party.party},
        )
        return HttpResponseRedirect(self.back_url())


class RaiseNonconformityView(EntryActionMixin, FormView):
    """Confirm (GET) and raise (POST) a nonconformity from a complaint (10.2)."""

    template_name = "cems_registers/communication_raise_nonconformity.html"
    form_class = forms.Form
    page_title = _("Raise a nonconformity")

    def get(self, request, *args, **kwargs):
        if not can_raise_nonconformity(request.user, self.object):
            if self.object.nonconformity_id:
                text = gettext("This complaint is already a nonconformity.")
            elif self.object.kind != CommunicationKind.COMPLAINT:
                text = gettext("Only a complaint becomes a nonconformity.")
            else:
                text = gettext("You may not raise nonconformities.")
            messages.error(request, text)
            return HttpResponseRedirect(self.back_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            nonconformity = communication_raise_nonconformity(
                communication=self.object, user=self.request.user
            )
        except (PermissionDenied, ValidationError) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(self.request, text)
        else:
            messages.success(
                self.request,
                gettext("Nonconformity %(code)s raised from complaint %(reference)s.")
                % {"code": nonconformity.code, "reference": self.object.reference},
            )
        return HttpResponseRedirect(self.back_url())


class CommunicationViewSet(RegisterViewSet):
    """The communication log: internal and external communications and their answers."""

    model = Communication
    icon = "mail"
    menu_label = _("Communication log")
    add_to_admin_menu = True
    menu_order = 217
    list_display = [
        "reference",
        "communicated_on",
        "audience",
        "kind",
        "subject",
        "owner",
        "response_due",
        "status",
    ]
    filterset_class = filterset_for(
        Communication, ["audience", "direction", "channel", "kind", "status"], "response_due"
    )
    search_fields = ["reference", "subject", "message", "contact_name", "organisation", "email"]
    list_export, export_headings = export_spec(Communication, RECORD_FIELDS)
    inspect_view_fields = RECORD_FIELDS
    index_view_class = CommunicationIndexView
    inspect_view_class = CommunicationInspectView
    edit_view_class = CommunicationEditView

    def _action_kwargs(self) -> dict:
        return {
            "link_party_url_name": self.get_url_name("link_party"),
            "raise_nonconformity_url_name": self.get_url_name("raise_nonconformity"),
        }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        inspect = self.get_url_name("inspect")
        return [
            *super().get_urlpatterns(),
            path(
                f"link-party/<{conv}:pk>/",
                LinkPartyView.as_view(inspect_url_name=inspect),
                name="link_party",
            ),
            path(
                f"raise-nonconformity/<{conv}:pk>/",
                RaiseNonconformityView.as_view(inspect_url_name=inspect),
                name="raise_nonconformity",
            ),
        ]
