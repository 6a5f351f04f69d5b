"""The exact refusals of the admin, asserted by the permission tests (5.3 roles)."""

from django.contrib import messages
from django.urls import reverse


def assert_denied_in_admin(response) -> None:
    """Wagtail's answer to PermissionDenied for a user who may use the admin.

    A redirect to the dashboard carrying an error message ("you do not have permission"), not a
    403 page and not the login page.
    """
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    levels = [message.level for message in messages.get_messages(response.wsgi_request)]
    assert messages.ERROR in levels


def assert_sent_to_login(response, url: str) -> None:
    """The admin's answer to a user without admin access: the login page, coming back to ``url``."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
