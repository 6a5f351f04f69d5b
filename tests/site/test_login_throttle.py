"""Login throttling on every login route (issue 13 §5, §6; docs/security.md).

The probe sent 290 wrong passwords across the admin login, the public login and HTTP Basic on
the API, each series followed by a successful login. Now, after ``AXES_FAILURE_LIMIT``
failures for a user name or from an address, even the right password is refused (429, a
translated message) until the cool-off ends or an administrator unlocks it.
"""

import base64
import datetime as dt
import io

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from axes.models import AccessAttempt

from cems_registers.roles import Role

LIMIT = 3
API = "/api/calculators/datasets/"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_limit"),
]


@pytest.fixture
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


@pytest.fixture
def staff(make_user):
    return make_user("keeper", Role.REGISTER_KEEPERS)


def admin_login(client, username, password, *, lang="zh-hans", addr="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE=lang,
        REMOTE_ADDR=addr,
    )


def public_login(client, username, password, *, lang="en", addr="10.0.0.2"):
    with translation.override(lang):
        url = reverse("wagtailcore_login")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=addr)


def basic(client, username, password, *, addr="10.0.0.3", lang="en"):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.get(
        API, HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR=addr, HTTP_ACCEPT_LANGUAGE=lang
    )


def test_admin_login_refuses_the_right_password_after_the_limit(client, staff):
    for _ in range(LIMIT - 1):
        assert admin_login(client, "keeper", "wrong").status_code == 200  # the form again
    locked = admin_login(client, "keeper", "wrong")
    assert locked.status_code == 429
    response = admin_login(client, "keeper", "pw")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录失败次数过多" in html and "15 分钟" in html
    assert "_auth_user_id" not in client.session


def test_admin_login_works_below_the_limit_and_resets_the_count(client, staff):
    for _ in range(LIMIT - 1):
        admin_login(client, "keeper", "wrong")
    assert admin_login(client, "keeper", "pw").status_code == 302
    client.logout()
    # the success reset the count: LIMIT - 1 more failures do not lock
    for _ in range(LIMIT - 1):
        admin_login(client, "keeper", "wrong")
    assert admin_login(client, "keeper", "pw").status_code == 302


def test_public_login_is_throttled_with_an_english_message(client, staff):
    for _ in range(LIMIT):
        public_login(client, "keeper", "wrong")
    response = public_login(client, "keeper", "pw")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html and "15 minutes" in html
    assert 'class="site-header"' in html  # the site's layout, not a bare page
    assert "_auth_user_id" not in client.session


def test_one_address_is_locked_across_user_names(client, staff, make_user):
    make_user("other", Role.EDITORS)
    for n in range(LIMIT):
        public_login(client, f"guess{n}", "wrong", addr="10.9.9.9")
    assert public_login(client, "other", "pw", addr="10.9.9.9").status_code == 429
    # another address is not locked
    assert public_login(client, "other", "pw", addr="10.9.9.8").status_code == 302


def test_one_user_name_is_locked_across_addresses(client, staff):
    for n in range(LIMIT):
        admin_login(client, "keeper", "wrong", addr=f"10.1.1.{n}")
    assert admin_login(client, "keeper", "pw", addr="10.1.1.200").status_code == 429


def test_http_basic_on_the_api_is_throttled(client, staff):
    assert basic(client, "keeper", "pw").status_code == 200
    for _ in range(LIMIT):
        assert basic(client, "keeper", "wrong").status_code in (401, 403)
    response = basic(client, "keeper", "pw")
    assert response.status_code == 429
    assert "Too many failed logins" in response.json()["detail"]
    zh = basic(client, "keeper", "pw", lang="zh-hans")
    assert "登录失败次数过多" in zh.json()["detail"]


def test_failures_across_the_three_routes_add_up(client, staff):
    admin_login(client, "keeper", "wrong", addr="10.5.0.1")
    public_login(client, "keeper", "wrong", addr="10.5.0.2")
    basic(client, "keeper", "wrong", addr="10.5.0.3")
    assert public_login(client, "keeper", "pw", addr="10.5.0.4").status_code == 429


def test_the_lock_ends_after_the_cool_off(client, staff):
    for _ in range(LIMIT):
        admin_login(client, "keeper", "wrong")
    assert admin_login(client, "keeper", "pw").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert admin_login(client, "keeper", "pw").status_code == 302


@pytest.mark.parametrize(
    ("command", "args"),
    [("axes_reset_username", ["keeper"]), ("axes_reset_ip", ["10.0.0.1"]), ("axes_reset", [])],
)
def test_an_administrator_unlocks_with_a_command(client, staff, command, args):
    for _ in range(LIMIT):
        admin_login(client, "keeper", "wrong")
    assert admin_login(client, "keeper", "pw").status_code == 429
    call_command(command, *args, stdout=io.StringIO())
    if command == "axes_reset_ip":  # the user name is still locked: unlock it too
        call_command("axes_reset_username", "keeper", stdout=io.StringIO())
    assert admin_login(client, "keeper", "pw").status_code == 302


@override_settings(CEMS_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_forwarded_address_counts(client, staff):
    for n in range(LIMIT):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": f"g{n}", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    # the proxy's own address is not locked (other clients behind it still log in)
    assert admin_login(client, "keeper", "pw", addr="127.0.0.1").status_code == 302


class TestLandingWithoutNext:
    """The public login without ``next`` landed on a 404 (issue 13 §6)."""

    def test_staff_land_on_the_admin(self, client, staff):
        response = public_login(client, "keeper", "pw")
        assert response.status_code == 302
        target = client.get(response["Location"])
        assert target.status_code == 302 and target["Location"] == reverse("wagtailadmin_home")

    def test_others_land_on_the_home_page_in_their_language(self, client, django_user_model):
        django_user_model.objects.create_user("visitor", password="pw")
        response = public_login(client, "visitor", "pw", lang="en")
        target = client.get(response["Location"])
        assert target.status_code == 302 and target["Location"] == "/en/"
