"""Create, edit and delete every register through the Wagtail snippet admin (4.1–10.2)."""

from django.urls import reverse
from django.utils import translation

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
    assert first_row


def test_facility_with_sources_is_not_deleted(client, register_keeper):
    source = f.EmissionSourceFactory()
    client.force_login(register_keeper)
    assert client.get(url(m.Facility, "delete", source.facility.pk)).status_code == 200
    response = client.post(url(m.Facility, "delete", source.facility.pk))
    assert response.status_code == 302
    assert m.Facility.objects.filter(pk=source.facility.pk).exists()
    assert m.EmissionSource.objects.filter(pk=source.pk).exists()
