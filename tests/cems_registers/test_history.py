"""Field history of registers: who changed which field, revert, bookkeeping saves skipped."""

import pytest

from cems_registers.history import history_page, register_revert
from cems_registers.models import EmissionSource

from .factories_infra import EmissionSourceFactory, FacilityFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    from django.urls import reverse

    return reverse(EmissionSource.snippet_viewset.get_url_name(name), args=args)


def edit_data(source, **changes):
    data = {
        "code": source.code,
        "name": source.name,
        "name_en": source.name_en,
        "facility": source.facility_id,
        "kind": source.kind,
        "material_key": source.material_key,
        "ghgs": source.ghgs,
        "scope": source.scope,
        "category": source.category,
        "activity_unit": source.activity_unit,
        "data_owner": source.data_owner_id or "",
        "description": source.description,
    }
    if source.in_boundary:
        data["in_boundary"] = "on"
    data.update(changes)
    return data


def test_admin_edit_records_user_and_changed_fields(client, register_keeper):
    source = EmissionSourceFactory(name="燃气锅炉", activity_unit="t")
    client.force_login(register_keeper)
    response = client.post(
        url("edit", source.pk), edit_data(source, name="燃煤锅炉", activity_unit="MWh")
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    latest = source.history.order_by("-history_id").first()
    assert latest.history_user == register_keeper
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert sorted(delta.changed_fields) == ["activity_unit", "name"]


def test_history_view_lists_diffs_newest_first(client, register_keeper):
    facility_a, facility_b = (
        FacilityFactory(code="FA", name="甲厂"),
        FacilityFactory(code="FB", name="乙厂"),
    )
    source = EmissionSourceFactory(name="旧名称", facility=facility_a, kind="fugitive")
    source._history_user = register_keeper
    source.name, source.facility, source.kind = "新名称", facility_b, "energy"
    source.save()

    client.force_login(register_keeper)
    response = client.get(url("field_history", source.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "旧名称" in html and "新名称" in html
    assert "FA 甲厂" in html or "甲厂" in html
    assert "乙厂" in html
    assert html.index("新名称") < html.index("Created")  # newest first
    entries = response.context["entries"]
    assert [e.type for e in entries] == ["~", "+"]
    assert entries[0].user == register_keeper
    assert {c.field for c in entries[0].changes} == {"name", "facility", "kind"}
    kind = next(c for c in entries[0].changes if c.field == "kind")
    assert (kind.old, kind.new) == ("Fugitive emissions", "Energy")


def test_history_page_diffs_across_pages():
    source = EmissionSourceFactory(name="v0")
    for i in range(1, 5):
        source.name = f"v{i}"
        source.save()
    page = history_page(source, page=1, page_size=2)
    assert [(c.old, c.new) for e in page["entries"] for c in e.changes] == [
        ("v3", "v4"),
        ("v2", "v3"),
    ]
    page2 = history_page(source, page=2, page_size=2)
    assert [(c.old, c.new) for e in page2["entries"] for c in e.changes] == [
        ("v1", "v2"),
        ("v0", "v1"),
    ]
    assert page2["has_next"] is True


def test_revert_restores_state_and_records_the_reverting_user(client, register_keeper):
    source = EmissionSourceFactory(name="第一版")
    source.name = "第二版"
    source.save()
    first = source.history.order_by("history_id").first()

    client.force_login(register_keeper)
    response = client.post(url("revert", source.pk, first.history_id))
    assert response.status_code == 302

    source.refresh_from_db()
    assert source.name == "第一版"
    latest = source.history.order_by("-history_id").first()
    assert latest.history_user == register_keeper
    assert latest.history_type == "~"
    assert source.history.count() == 3


def test_revert_refused_without_change_permission(client, auditor):
    source = EmissionSourceFactory(name="第一版")
    source.name = "第二版"
    source.save()
    first = source.history.order_by("history_id").first()

    client.force_login(auditor)
    assert client.get(url("field_history", source.pk)).status_code == 200
    response = client.post(url("revert", source.pk, first.history_id))
    # Wagtail answers a permission denial in the admin with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != url("field_history", source.pk)
    source.refresh_from_db()
    assert source.name == "第二版"
    assert source.history.count() == 2


def test_revert_is_post_only(client, register_keeper):
    source = EmissionSourceFactory()
    client.force_login(register_keeper)
    history_id = source.history.get().history_id
    assert client.get(url("revert", source.pk, history_id)).status_code == 405


def test_revert_service_refuses_deleted_link(register_keeper):
    old_facility = FacilityFactory(code="OLD")
    source = EmissionSourceFactory(facility=old_facility)
    source.facility = FacilityFactory(code="NEW")
    source.save()
    first = source.history.order_by("history_id").first()
    old_facility.delete()
    from cems_registers.history import RevertError

    with pytest.raises(RevertError):
        register_revert(record=first, user=register_keeper)


def test_bookkeeping_save_writes_no_history_row():
    source = EmissionSourceFactory()
    source.name = "draft name never saved as a change"
    source.save(update_fields=["updated_at"])
    assert source.history.count() == 1
    assert "draft name" not in source.history.get().name


def test_inspect_links_to_field_history(client, auditor):
    source = EmissionSourceFactory()
    client.force_login(auditor)
    response = client.get(url("inspect", source.pk))
    assert response.status_code == 200
    assert url("field_history", source.pk) in response.content.decode()
