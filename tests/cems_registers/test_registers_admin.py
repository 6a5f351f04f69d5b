"""Create, edit and delete every register through the Wagtail snippet admin (4.1–10.2)."""

import datetime as dt
import re
from html import unescape

from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

import pytest

from cems_registers import models as m
from cems_registers.viewsets.groups import REGISTER_GROUPS

from . import factories as f
from .admin_cases import CASES


def url(model, action, *args):
    opts = model._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:{action}", args=args)


@pytest.fixture
def context(db):
    facility = f.FacilityFactory(code="CTX")
    return {
        "facility": facility,
        "source": f.EmissionSourceFactory(facility=facility),
        "obligation": f.ComplianceObligationFactory(),
        "risk": f.RiskFactory(),
        "objective": f.ObjectiveFactory(),
        "plan": f.ImplementationPlanFactory(),
        "programme": f.AuditProgrammeFactory(),
        "nonconformity": f.NonconformityFactory(),
        "review": f.ManagementReviewFactory(),
    }


def test_every_registered_viewset_has_a_case():
    registered = {vs.model for group in REGISTER_GROUPS for vs in group.items}
    assert registered == {case.model for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_keeper_creates_edits_and_deletes(client, register_keeper, context, case):
    client.force_login(register_keeper)
    model = case.model
    before = model.objects.count()

    response = client.post(url(model, "add"), case.data(context))
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    assert model.objects.count() == before + 1
    obj = model.objects.order_by("-pk").first()
    for relation in case.children:
        assert getattr(obj, relation).count() == 1, relation
        child = getattr(obj, relation).get()
        assert child.history.count() == 1

    data = case.data(context)
    data[case.edit_field] = "已修改 edited"
    response = client.post(url(model, "edit", obj.pk), data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    obj.refresh_from_db()
    assert getattr(obj, case.edit_field) == "已修改 edited"
    latest = obj.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == register_keeper

    response = client.post(url(model, "delete", obj.pk))
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
    assert model.history.filter(id=obj.pk, history_type="-").exists()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_list_and_inspect_render(client, register_keeper, context, case):
    client.force_login(register_keeper)
    obj = case.model.objects.order_by("pk").first()
    if obj is None:
        client.post(url(case.model, "add"), case.data(context))
        obj = case.model.objects.get()
    response = client.get(url(case.model, "list"))
    assert response.status_code == 200
    assert str(obj)[:20] in response.content.decode()
    assert client.get(url(case.model, "inspect", obj.pk)).status_code == 200
    assert client.get(url(case.model, "add")).status_code == 200
    assert client.get(url(case.model, "edit", obj.pk)).status_code == 200


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_csv_export_has_translated_headings(client, register_keeper, context, case):
    client.force_login(register_keeper)
    client.post(url(case.model, "add"), case.data(context))
    response = client.get(url(case.model, "list"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, first_row = content.splitlines()[:2]
    viewset = next(vs for group in REGISTER_GROUPS for vs in group.items if vs.model is case.model)
    with translation.override("zh-hans"):
        expected = [str(viewset.export_headings[name]) for name in viewset.list_export]
    assert header.split(",")[: len(expected)] == expected
    # every heading real Chinese, not a msgid falling through an untranslated catalogue
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in expected), expected
    assert first_row


def test_facility_with_sources_is_not_deleted(client, register_keeper):
    source = f.EmissionSourceFactory()
    client.force_login(register_keeper)
    assert client.get(url(m.Facility, "delete", source.facility.pk)).status_code == 200
    response = client.post(url(m.Facility, "delete", source.facility.pk))
    assert response.status_code == 302
    assert m.Facility.objects.filter(pk=source.facility.pk).exists()
    assert m.EmissionSource.objects.filter(pk=source.pk).exists()


# --- inspect views and listings as a user reads them (issue 8 items 7 and 17) ----------------

HAN = re.compile(r"[\u4e00-\u9fff]")


def _texts(pattern: str, html: str) -> list[str]:
    """Visible text of every match of ``pattern`` (tags stripped, whitespace collapsed)."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", match)).split())
        for match in re.findall(pattern, html, flags=re.S)
    ]


@pytest.fixture
def named_owner(make_user):
    return make_user("wangfang", first_name="芳", last_name="王")


def test_risk_inspect_shows_the_form_in_local_time_with_blanks(client, auditor, named_owner):
    risk = f.RiskFactory(
        title="碳价上涨", description="", likelihood=4, impact=4, owner=named_owner
    )
    m.RiskAction.objects.create(risk=risk, description="签订绿电长协", owner=named_owner)
    # 07:45 UTC is 15:45 in Asia/Shanghai
    m.Risk.objects.filter(pk=risk.pk).update(
        updated_at=dt.datetime(2026, 11, 30, 7, 45, tzinfo=dt.UTC)
    )
    client.force_login(auditor)
    response = client.get(url(m.Risk, "inspect", risk.pk), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    labels = _texts(r"<dt>(.*?)</dt>", html)
    values = _texts(r"<dd>(.*?)</dd>", html)
    shown = dict(zip(labels, values, strict=True))

    def label(name):
        with translation.override("zh-hans"):
            return capfirst(str(m.Risk._meta.get_field(name).verbose_name))

    with translation.override("zh-hans"):
        score, level, actions = _("Score"), _("Level"), _("Actions (6.2)")
        very_high = str(m.RiskLevel.VERY_HIGH.label)
    assert HAN.search(level) and HAN.search(score)
    assert shown[score] == "16"
    assert shown[level] == very_high
    assert shown[label("description")] == "—"
    assert shown[label("owner")] == "王芳"
    assert "15:45" in shown[label("updated_at")] and "07:45" not in shown[label("updated_at")]
    assert "签订绿电长协" in shown[actions] and "王芳" in shown[actions]
    assert "None" not in " ".join(values) and "wangfang" not in html
    # the form's order: the score and level follow the assessment
    assert labels.index(label("impact")) < labels.index(score) < labels.index(label("status"))


def test_owner_columns_name_the_person(client, register_keeper, named_owner):
    f.NonconformityFactory(code="NC-NAME", owner=named_owner)
    client.force_login(register_keeper)
    html = client.get(url(m.Nonconformity, "list")).content.decode()
    assert "王芳" in html
    assert "wangfang" not in html


def test_every_register_listing_and_inspect_reads_chinese(client, admin_user):
    """No English column heading or field label in the Chinese admin (the "Score" column)."""
    from io import StringIO

    from cems_registers.demo import load_demo

    load_demo(users={"keeper": admin_user}, stdout=StringIO())
    client.force_login(admin_user)
    english = []
    for group in REGISTER_GROUPS:
        for viewset in group.items:
            model = viewset.model
            obj = model.objects.order_by("pk").first()
            assert obj is not None, model
            listing = client.get(url(model, "list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
            inspect = client.get(url(model, "inspect", obj.pk), HTTP_ACCEPT_LANGUAGE="zh-hans")
            assert listing.status_code == inspect.status_code == 200, model
            thead = re.search(r"<thead>(.*?)</thead>", listing.content.decode(), flags=re.S)
            headings = _texts(r"<th[^>]*>(.*?)</th>", thead.group(1))
            labels = _texts(r"<dt>(.*?)</dt>", inspect.content.decode())
            english += [
                f"{model.__name__}: {text}"
                for text in headings + labels
                if text and not HAN.search(text)
            ]
            values = _texts(r"<dd>(.*?)</dd>", inspect.content.decode())
            assert not [v for v in values if re.search(r"\bNone\b", v)], model
    assert english == []
