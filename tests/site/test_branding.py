"""The admin is branded as the product and speaks the reader's language (issue 8, item 17):
the sign-in page, the dashboard, workflow and task names in buttons, history and e-mails,
Wagtail's own strings missing from its catalogue, and the catalogue check itself."""

import ast
import importlib.util
import re
from pathlib import Path

from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow
from wagtail.users.models import UserProfile

import polib
import pytest

from cems_site.workflow_names import NAMES, DisplayName, canonical_name, display_name

ROOT = Path(__file__).resolve().parents[2]
TOP = "Document approval (top management)"
REVIEW = "Review by the carbon management body"


def load_check_catalogs():
    spec = importlib.util.spec_from_file_location(
        "check_catalogs", ROOT / "scripts" / "check_catalogs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def heading(html: str) -> str:
    return re.sub(r"<[^>]+>|\s+", " ", re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).strip()


# --- sign-in page and dashboard ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "登录碳排放管理体系"),
        ("en", "Sign in to the carbon emission management system"),
    ],
)
def test_login_page_names_the_product_not_wagtail(client, language, expected):
    html = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert heading(html) == expected
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Wagtail" not in title and "Wagtail" not in heading(html)
    assert "cems/img/logo.svg" in html and "cems/img/favicon.svg" in html
    assert "icon-wagtail" not in html  # Wagtail's bird logo


@pytest.mark.django_db
def test_chinese_login_page_has_no_english_labels(client):
    html = client.get(
        reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    labels = [
        re.sub(r"<[^>]+>|\s+", "", label)
        for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]
    assert "密码*" in labels and "用户名*" in labels
    assert "Password" not in html
    assert not any(re.search("[A-Za-z]", label) for label in labels)


@pytest.mark.django_db
def test_chinese_dashboard_has_no_wagtail_english(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "搜索全部页面…" in html and "Search all pages" not in html
    assert re.search(r"\d+ 个页面", html) and not re.search(r"\d+ Pages?\b", html)
    assert "碳排放管理体系" in html
    assert "editor guide" not in html and "gravatar.com" not in html
    assert "wagtail.org" not in html  # no Help links out to Wagtail's website


# --- workflow and task names --------------------------------------------------------------------


@pytest.mark.django_db
def test_workflow_names_read_in_the_active_language_and_stay_keys():
    workflow = Workflow.objects.get(name=TOP)
    assert isinstance(workflow.name, DisplayName)
    assert workflow.name == TOP  # lookups and comparisons keep the English key
    template = Template(
        "{{ workflow.name }}|{% autoescape off %}{{ workflow.name }}{% endautoescape %}"
    )
    with translation.override("zh-hans"):
        assert str(workflow.name) == "文件审批（最高管理者）"
        assert f"{workflow.name}" == "文件审批（最高管理者）"
        # Wagtail's own labels use printf-style formatting: "Submit to %(workflow_name)s"
        assert "提交给%s" % workflow.name == "提交给文件审批（最高管理者）"  # noqa: UP031
        assert (
            template.render(Context({"workflow": workflow}))
            == "文件审批（最高管理者）|文件审批（最高管理者）"
        )
    with translation.override("en"):
        assert str(workflow.name) == TOP
    task = GroupApprovalTask.objects.get(name=REVIEW)
    with translation.override("zh-hans"):
        assert str(task.name) == "碳排放管理机构评审"
        assert display_name(REVIEW) == "碳排放管理机构评审"
        assert display_name("A workflow someone added") == "A workflow someone added"


@pytest.mark.django_db
def test_every_known_name_is_translated_into_chinese():
    with translation.override("zh-hans"):
        for key, label in NAMES.items():
            assert str(label) != key
            assert not re.search("[A-Za-z]", str(label)), key


@pytest.mark.django_db
def test_a_translated_name_saved_from_the_admin_form_is_stored_as_its_key():
    workflow = Workflow.objects.get(name=TOP)
    with translation.override("zh-hans"):
        workflow.name = "文件审批（最高管理者）"
        workflow.save()
    assert Workflow.objects.filter(name=TOP).exists()
    assert canonical_name("Document approval (top management)") == TOP
    assert canonical_name("Something else") == "Something else"


@pytest.fixture
def submitted_policy(make_user):
    """A policy submitted to its workflow by an editor; two reviewers, one reading English."""
    from cems_registers.roles import Role
    from tests.cems_pages.factories import PolicyPageFactory, site_root

    editor = make_user("author", Role.EDITORS)
    make_user("reviewer_zh", Role.REVIEWERS)
    reviewer_en = make_user("reviewer_en", Role.REVIEWERS)
    profile = UserProfile.get_for_user(reviewer_en)
    profile.preferred_language = "en"
    profile.save()
    page = PolicyPageFactory(parent=site_root())
    page.save_revision(user=editor)
    mail.outbox.clear()
    page.get_workflow().start(page, editor)
    return page, editor


@pytest.mark.django_db
def test_workflow_e_mails_name_the_task_in_each_recipients_language(submitted_policy):
    by_recipient = {message.to[0]: message for message in mail.outbox}
    zh = by_recipient["reviewer_zh@example.com"]
    en = by_recipient["reviewer_en@example.com"]
    assert "碳排放管理机构评审" in zh.subject + zh.body
    assert REVIEW not in zh.subject + zh.body
    assert REVIEW in en.subject + en.body


@pytest.mark.django_db
def test_workflow_history_and_submit_button_show_chinese_names(client, submitted_policy):
    page, editor = submitted_policy
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.start").latest("pk")
    with translation.override("zh-hans"):
        message = str(entry.message)
    assert "文件审批（最高管理者）" in message and "碳排放管理机构评审" in message
    assert entry.data["workflow"]["title"] == TOP  # stored as it was

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "提交至 碳排放管理机构评审" in html  # the status side panel
    assert not re.search(r"\d+\s(?:minutes?|seconds?)\b|\bago\b", html)

    new_page = (
        type(page)
        .objects.get(pk=page.pk)
        .copy(update_attrs={"slug": "policy-2", "title": "方针二"}, keep_live=False)
    )
    html = client.get(reverse("wagtailadmin_pages:edit", args=[new_page.pk])).content.decode()
    assert "提交给文件审批（最高管理者）" in html
    assert "Document approval" not in html


# --- Wagtail strings carried by the site-wide catalogue ------------------------------------------


def wagtail_strings():
    """(context, msgid, plural) of every string marked in cems_site/wagtail_strings.py."""
    tree = ast.parse((ROOT / "site" / "cems_site" / "wagtail_strings.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "gettext_noop":
                yield "", args[0], ""
            elif node.func.id == "ngettext_lazy":
                yield "", args[0], args[1]
            elif node.func.id == "pgettext_lazy":
                yield args[0], args[1], ""


def test_wagtail_strings_are_spelt_as_in_wagtail():
    import wagtail

    known = set()
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        known |= {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(po)) if not e.obsolete}
    marked = list(wagtail_strings())
    assert len(marked) > 300
    assert [m for m in marked if (m[0], m[1]) not in known] == []


def test_wagtail_strings_are_translated_into_chinese():
    untranslated = []
    with translation.override("zh-hans"):
        for context, msgid, plural in wagtail_strings():
            if plural:
                text = ngettext(msgid, plural, 2)
                same = text == plural
            elif context:
                text = pgettext(context, msgid)
                same = text == msgid
            else:
                text = gettext(msgid)
                same = text == msgid
            if same:
                untranslated.append(msgid)
    assert untranslated == []


@pytest.mark.parametrize(
    ("msgid", "chinese"),
    [
        ("Reject", "驳回"),
        ("Rejected", "已驳回"),
        ("Compare", "比较"),
        ("New: %(model_name)s", "新增：%(model_name)s"),
        ("live", "已发布"),
        ("Live", "已发布"),
        ("Enter your %(username_field_name)s", "输入%(username_field_name)s"),
    ],
)
def test_one_term_per_concept(msgid, chinese):
    with translation.override("zh-hans"):
        assert gettext(msgid) == chinese


# --- the catalogue check --------------------------------------------------------------------------


def write_po(path: Path, entries: list[tuple[str, str]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


def test_catalogue_check_catches_english_copied_into_chinese(tmp_path):
    check = load_check_catalogs()
    po = write_po(
        tmp_path / "django.po",
        [
            ("Compare", "Compare"),
            ("Score", "分值"),
            ("GWP", "GWP"),
            ("%(value)s tCO2e", "%(value)s tCO2e"),
            ("Download PDF", "Download PDF"),
            ("%(count)s rows", "%(count)s rows"),
            ("<b>%(name)s</b>", "<b>%(name)s</b>"),
        ],
    )
    assert check.copied_english(po) == ["Compare", "Download PDF", "%(count)s rows"]


def test_project_catalogues_have_no_english_copied_into_chinese():
    check = load_check_catalogs()
    for directory in check.CATALOG_DIRS:
        po = ROOT / directory / "zh_Hans" / "LC_MESSAGES" / "django.po"
        assert check.copied_english(po) == [], directory


def test_risk_score_column_is_labelled_in_the_readers_language():
    from django.contrib.admin.utils import label_for_field

    from cems_registers.models import Risk

    with translation.override("zh-hans"):
        assert str(label_for_field("score", Risk)) == "分值"
    with translation.override("en"):
        assert str(label_for_field("score", Risk)) == "Score"
