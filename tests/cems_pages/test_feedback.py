"""The public feedback form: good and bad input, abuse protection, privacy (4.2, 8.1 b)."""

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

import pytest

from cems_pages.models import FeedbackPage
from cems_registers.models.communications import (
    Communication,
    CommunicationChannel,
    CommunicationKind,
)
from cems_registers.roles import Role

from .factories import site_root

pytestmark = pytest.mark.django_db

VALID = {
    "name": "王小明",
    "organisation": "张江社区",
    "email": "wang@example.com",
    "kind": "question",
    "message": "贵公司 2025 年的排放量是多少？",
    "consent": "on",
    "website": "",
}


#: Queries of an anonymous GET of the form page (site, page, menu, language links …); 16 before
#: the head tags and the language switcher shared one translations query and the hidden
#: pages' ids were cached.
QUERIES_PER_FORM_PAGE = 11


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def make_feedback_page(parent=None, **fields):
    parent = parent or site_root()
    page = FeedbackPage(
        title=fields.pop("title", "意见反馈"),
        slug=fields.pop("slug", "feedback"),
        privacy_notice=fields.pop(
            "privacy_notice", "<p>我们仅为答复您而保存您的姓名、单位和电子邮箱，保存三年。</p>"
        ),
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def page(make_user):
    return make_feedback_page(handler=make_user("handler", Role.REGISTER_KEEPERS))


@pytest.fixture
def page_en(page):
    site_root("en")
    copy = page.copy_for_translation(Locale.objects.get(language_code="en")).specific
    copy.title = copy.draft_title = "Feedback"
    copy.privacy_notice = "<p>We keep your name, organisation and e-mail only to answer you.</p>"
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def post(client, page, data, **extra):
    return client.post(page.url, data, **extra)


def nothing_stored():
    return not Communication.objects.exists() and not FormSubmission.objects.exists()


# --------------------------------------------------------------------------- the page
def test_the_form_page_shows_the_privacy_notice_and_is_never_cached(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "我们仅为答复您而保存" in body
    assert "隐私声明" in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'name="website"' in body and 'aria-hidden="true"' in body
    control = response["Cache-Control"]
    assert "no-cache" in control and "private" in control


def test_a_valid_post_is_stored_once_with_a_reference_and_acknowledged(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, VALID)
    assert response.status_code == 200
    body = response.content.decode()
    entry = Communication.objects.get()
    submission = FormSubmission.objects.get()
    assert entry.reference.startswith("FB-") and entry.reference in body
    assert submission.form_data["reference"] == entry.reference
    assert submission.form_data["email"] == "wang@example.com"
    assert "website" not in submission.form_data
    assert entry.channel == CommunicationChannel.WEB_FORM
    assert entry.kind == CommunicationKind.QUESTION
    assert entry.owner.username == "handler"
    assert entry.language == "zh-hans"
    assert entry.response_due is not None
    [email] = mail.outbox
    assert email.to == ["wang@example.com"]
    assert entry.reference in email.subject and "我们已收到您的意见" in email.subject
    assert entry.reference in email.body
    # the acknowledgement repeats neither the message nor the name
    assert VALID["message"] not in email.body and "王小明" not in email.body


def test_the_english_page_answers_in_english(client, page_en, django_capture_on_commit_callbacks):
    response = client.get(page_en.url)
    assert response.status_code == 200
    assert "Privacy notice" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page_en, {**VALID, "email": "en@example.com", "message": "Hello"})
    assert response.status_code == 200
    assert "Your reference number is" in response.content.decode()
    entry = Communication.objects.get()
    assert entry.language == "en"
    [email] = mail.outbox
    assert email.subject.startswith("We received your feedback")


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("changes", "field", "zh", "en"),
    [
        ({"name": ""}, "name", "必需字段", "This field is required."),
        ({"email": "not-an-address"}, "email", "合法的邮件地址", "valid email address"),
        ({"message": "碳" * 100_000}, "message", "5000", "5000"),
        ({"message": "<b>重要</b>"}, "message", "不接受 HTML", "HTML is not accepted"),
        ({"name": "<script>alert(1)</script>"}, "name", "<script", "<script"),
        ({"consent": ""}, "consent", "隐私声明", "privacy notice"),
        ({"kind": "hack"}, "kind", "选择一个有效的选项", "Select a valid choice"),
        ({"organisation": "单" * 201}, "organisation", "200", "200"),
    ],
    ids=["missing", "email", "100kb", "html", "script", "consent", "kind", "size"],
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_bad_input_is_refused_in_the_visitors_language(
    client, page, page_en, changes, field, zh, en, language
):
    target = page if language == "zh" else page_en
    response = post(client, target, {**VALID, **changes})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    expected = zh if language == "zh" else en
    assert expected in " ".join(errors[field])
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert nothing_stored()
    assert mail.outbox == []


def test_the_honeypot_refuses_bots(client, page):
    response = post(client, page, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 200
    assert "自动提交" in " ".join(response.context["form"].non_field_errors())
    assert nothing_stored()


def test_plain_text_with_angle_brackets_and_ampersands_is_kept_and_escaped(
    client, page, admin_user
):
    message = "单位产品排放 < 1.5 t & 下降 >5%，\"引号\" 与 'x'"
    response = post(client, page, {**VALID, "message": message})
    assert response.status_code == 200
    entry = Communication.objects.get()
    assert entry.message == message
    client.force_login(admin_user)
    inspect = reverse(Communication.snippet_viewset.get_url_name("inspect"), args=(entry.pk,))
    body = client.get(inspect).content.decode()
    assert "单位产品排放 &lt; 1.5 t &amp; 下降 &gt;5%" in body


def test_csrf_is_required(page):
    client = Client(enforce_csrf_checks=True)
    response = post(client, page, VALID)
    assert response.status_code == 403
    assert nothing_stored()


# --------------------------------------------------------------------------- rate limit
def test_a_second_post_within_a_minute_is_refused(client, page):
    assert post(client, page, VALID).status_code == 200
    response = post(client, page, {**VALID, "message": "再问一次"})
    assert "一分钟" in " ".join(response.context["form"].non_field_errors())
    assert Communication.objects.count() == 1
    assert FormSubmission.objects.count() == 1
    # the same address from elsewhere is refused too
    response = post(client, page, {**VALID, "message": "换个地址"}, REMOTE_ADDR="10.0.0.9")
    assert "form" in response.context and response.context["form"].non_field_errors()
    assert Communication.objects.count() == 1


def test_the_english_refusal_is_english(client, page_en):
    post(client, page_en, {**VALID, "message": "one"})
    response = post(client, page_en, {**VALID, "message": "two"})
    assert "less than a minute ago" in " ".join(response.context["form"].non_field_errors())
    assert Communication.objects.count() == 1


def test_at_most_five_a_day(client, page):
    from cems_pages import feedback_limits

    for n in range(5):
        # each post from a new address and a new mailbox passes the one-minute gate …
        response = post(
            client, page, {**VALID, "email": f"p{n}@example.com"}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code == 200
        assert "form" not in response.context or not response.context["form"].errors
        cache.delete(feedback_limits._key("ip", "10.0.0.1", "recent"))
    # … but the sixth from the same client address that day is refused
    response = post(client, page, {**VALID, "email": "p6@example.com"}, REMOTE_ADDR="10.0.0.1")
    assert "5" in " ".join(response.context["form"].non_field_errors())
    assert Communication.objects.count() == 5


def test_invalid_posts_do_not_use_up_the_limit(client, page):
    post(client, page, {**VALID, "email": "bad"})
    assert post(client, page, VALID).status_code == 200
    assert Communication.objects.count() == 1


# --------------------------------------------------------------------------- all or nothing
def test_submission_and_log_entry_are_stored_together_or_not_at_all(
    client, page, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(FormSubmission.objects, "create", fail)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, page, VALID)
    assert response.status_code == 500
    assert nothing_stored()
    assert callbacks == []
    assert mail.outbox == []


# --------------------------------------------------------------------------- privacy
def test_form_submissions_are_listed_only_to_those_who_handle_them(client, page, make_user):
    post(client, page, VALID)
    submissions = reverse("wagtailforms:list_submissions", args=(page.pk,))
    editor = make_user("editor2", Role.EDITORS)
    from django.contrib.auth.models import Permission

    from wagtail.models import GroupPagePermission

    group = editor.groups.get()
    GroupPagePermission.objects.get_or_create(
        group=group, page=page, permission=Permission.objects.get(codename="change_page")
    )
    client.force_login(editor)
    response = client.get(submissions)
    assert response.status_code in {302, 403, 404}
    assert "wang@example.com" not in response.content.decode()
    keeper = make_user("keeper2", Role.REGISTER_KEEPERS, Role.EDITORS)
    client.force_login(keeper)
    response = client.get(submissions)
    assert response.status_code == 200
    assert "wang@example.com" in response.content.decode()


def test_the_public_api_shows_the_notice_not_the_submissions(client, page):
    post(client, page, VALID)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    body = response.content.decode()
    assert "wang@example.com" not in body and "王小明" not in body


def test_the_form_page_issues_a_fixed_number_of_queries(client, page, django_assert_num_queries):
    client.get(page.url)  # warm the site and locale caches
    with django_assert_num_queries(QUERIES_PER_FORM_PAGE):
        assert client.get(page.url).status_code == 200
