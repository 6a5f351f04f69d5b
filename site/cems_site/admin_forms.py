"""Admin forms of the reference deployment."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with a translated password label.

    Wagtail redeclares ``password`` without a label, so Django derives "Password" from the
    field name and the Chinese sign-in page showed English (issue 8, item 17).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
