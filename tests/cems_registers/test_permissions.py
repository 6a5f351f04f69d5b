"""What each role may do in the registers (clause 5.3; migration 0003_role_permissions)."""

from django.urls import reverse

import pytest

from cems_registers.models import EmissionSource, Objective, ObjectiveStatus, Risk
from cems_registers.roles import Role

from . import factories as f
from .admin_cases import CASES
from .test_registers_admin import url

CASES_BY_MODEL = {case.model: case for case in CASES}


def assert_denied(response):
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")


@pytest.fixture
def risk(db):
    return f.RiskFactory(title="碳配额收紧")


def test_anonymous_is_sent_to_login(client, risk):
    response = client.get(url(Risk, "list"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url
    response = client.post(url(Risk, "delete", risk.pk))
    assert response.status_code == 302
    assert Risk.objects.filter(pk=risk.pk).exists()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_auditor_reads_every_register_but_cannot_write(client, auditor, case):
    client.force_login(auditor)
    assert client.get(url(case.model, "list")).status_code == 200
    assert_denied(client.get(url(case.model, "add")))
    before = case.model.objects.count()
    assert_denied(client.post(url(case.model, "add"), {}))
    assert case.model.objects.count() == before


def test_auditor_cannot_edit_or_delete(client, auditor, risk):
    client.force_login(auditor)
    assert client.get(url(Risk, "inspect", risk.pk)).status_code == 200
    assert_denied(client.get(url(Risk, "edit", risk.pk)))
    assert_denied(client.post(url(Risk, "edit", risk.pk), {"title": "改"}))
    assert_denied(client.post(url(Risk, "delete", risk.pk)))
    risk.refresh_from_db()
    assert risk.title == "碳配额收紧"


def test_keeper_may_add_change_delete(register_keeper):
    for model in CASES_BY_MODEL:
        name = model._meta.model_name
        for action in ("add", "change", "delete", "view"):
            assert register_keeper.has_perm(f"cems_registers.{action}_{name}"), (action, name)
    assert not register_keeper.has_perm("cems_registers.approve_objective")


def test_data_submitter_reads_sources_but_cannot_edit_risks(client, data_submitter, risk):
    source = f.EmissionSourceFactory()
    client.force_login(data_submitter)
    assert client.get(url(EmissionSource, "list")).status_code == 200
    assert_denied(client.get(url(EmissionSource, "edit", source.pk)))
    assert_denied(client.get(url(Risk, "list")))
    assert_denied(client.get(url(Risk, "edit", risk.pk)))
    assert_denied(client.post(url(Risk, "edit", risk.pk), {"title": "改"}))
    risk.refresh_from_db()
    assert risk.title == "碳配额收紧"


def test_data_reviewer_reads_facilities_only(data_reviewer):
    assert data_reviewer.has_perm("cems_registers.view_facility")
    assert data_reviewer.has_perm("cems_registers.view_emissionsource")
    assert not data_reviewer.has_perm("cems_registers.view_risk")
    assert not data_reviewer.has_perm("cems_registers.change_emissionsource")


def test_management_representative_changes_but_does_not_add_or_delete(
    client, management_representative, risk
):
    client.force_login(management_representative)
    response = client.post(
        url(Risk, "edit", risk.pk),
        {
            **CASES_BY_MODEL[Risk].data({}),
            "title": "碳配额收紧（复评）",
        },
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.title == "碳配额收紧（复评）"
    assert_denied(client.get(url(Risk, "add")))
    assert_denied(client.post(url(Risk, "delete", risk.pk)))


@pytest.mark.parametrize("role", [Role.EDITORS, Role.REVIEWERS, Role.TOP_MANAGEMENT])
def test_read_only_roles(make_user, role):
    user = make_user("reader", role)
    assert user.has_perm("cems_registers.view_nonconformity")
    assert not user.has_perm("cems_registers.change_nonconformity")
    assert not user.has_perm("cems_registers.add_risk")


def test_only_top_management_approves_objectives(client, top_manager, register_keeper):
    objective = f.IndicatorFactory().objective
    approve = reverse("wagtailsnippets_cems_registers_objective:approve", args=(objective.pk,))

    client.force_login(register_keeper)
    assert_denied(client.get(approve))
    assert_denied(client.post(approve))
    objective.refresh_from_db()
    assert objective.approved_at is None

    inspect = url(Objective, "inspect", objective.pk)
    assert approve not in client.get(inspect).content.decode()

    client.force_login(top_manager)
    assert approve in client.get(inspect).content.decode()
    assert approve in client.get(url(Objective, "list")).content.decode()
    assert client.get(approve).status_code == 200
    assert client.post(approve).status_code == 302
    objective.refresh_from_db()
    assert objective.approved_by == top_manager
    assert objective.status == ObjectiveStatus.APPROVED
    assert objective.history.latest().history_user == top_manager


def test_keeper_cannot_mark_objective_approved_through_the_form(client, register_keeper):
    client.force_login(register_keeper)
    data = CASES_BY_MODEL[Objective].data({})
    data["status"] = ObjectiveStatus.APPROVED
    response = client.post(url(Objective, "add"), data)
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert not Objective.objects.exists()
