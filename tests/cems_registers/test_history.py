"""Field history of registers: who changed which field, revert, bookkeeping saves skipped."""

import pytest

from cems_registers.history import history_page, register_revert
from cems_registers.models import EmissionSource

from ..refusals import assert_denied_in_admin
from .factories import EmissionSourceFactory, FacilityFactory

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
    assert_denied_in_admin(response)
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


# The history as a Wagtail listing: filters by user and date, pages, the results view --------


def _edits_by_two_people(make_user):
    wang = make_user("wangfang", first_name="芳", last_name="王")
    li = make_user("lisi", first_name="四", last_name="李")
    source = EmissionSourceFactory(name="v0")
    for number, user in enumerate((wang, li, wang), start=1):
        source.name = f"v{number}"
        source._history_user = user
        source.save()
    return source, wang, li


def test_history_filtered_by_user_diffs_each_row_against_its_own_previous_version(
    client, register_keeper, make_user
):
    source, wang, li = _edits_by_two_people(make_user)
    client.force_login(register_keeper)
    response = client.get(url("field_history", source.pk), {"user": "李"})
    entries = response.context["entries"]
    assert [e.user for e in entries] == [li]
    # v1 → v2 was 李四's change, although v1 was written by someone the filter leaves out
    assert [(c.old, c.new) for c in entries[0].changes] == [("v1", "v2")]
    assert response.context["total"] == 1
    by_login = client.get(url("field_history", source.pk), {"user": "wangfang"})
    assert [(c.old, c.new) for e in by_login.context["entries"] for c in e.changes] == [
        ("v2", "v3"),
        ("v0", "v1"),
    ]


def test_history_filtered_by_date(client, register_keeper):
    import datetime as dt

    from django.utils import timezone

    source = EmissionSourceFactory(name="old")
    source.history.update(history_date=timezone.now() - dt.timedelta(days=400))
    source.name = "new"
    source.save()
    client.force_login(register_keeper)
    today = timezone.localdate().isoformat()
    response = client.get(url("field_history", source.pk), {"date_from": today})
    assert [e.type for e in response.context["entries"]] == ["~"]
    assert [(c.old, c.new) for c in response.context["entries"][0].changes] == [("old", "new")]


def test_history_pages_by_fifty_and_the_results_view_serves_the_filters(client, register_keeper):
    source = EmissionSourceFactory(name="v0")
    for number in range(1, 60):
        source.name = f"v{number}"
        source.save()
    client.force_login(register_keeper)
    first = client.get(url("field_history", source.pk))
    assert len(first.context["entries"]) == 50 and first.context["total"] == 60
    second = client.get(url("field_history", source.pk), {"p": 2})
    changes = [(c.old, c.new) for e in second.context["entries"] for c in e.changes]
    assert changes[0] == ("v8", "v9")
    assert ("—", "v0") in [(c.old, c.new) for c in second.context["entries"][-1].changes]
    results = client.get(url("history_results", source.pk), {"user": "nobody-of-that-name"})
    assert results.status_code == 200
    assert b"<html" not in results.content  # the table alone, for the filters' refresh
    assert results.context["entries"] == []


#: Session, user, permissions (2), user profile, the record, the count, the page of rows,
#: the rows before them that the filter left out (one query), the newest version (not offered
#: for restoring), menu permissions …; no audit-log events (a filtered list shows field changes).
FILTERED_HISTORY_QUERIES = 13


@pytest.mark.parametrize("versions", [3, 300])
def test_a_filtered_history_page_queries_stay_constant(
    client, register_keeper, make_user, versions, django_assert_num_queries
):
    wang = make_user("wangfang", first_name="芳", last_name="王")
    source = EmissionSourceFactory(name="v0")
    history = EmissionSource.history.model
    first = source.history.get()
    values = {
        f.attname: getattr(first, f.attname)
        for f in history._meta.concrete_fields
        if f.attname != "history_id"
    }
    history.objects.bulk_create(
        history(
            **values
            | {
                "name": f"v{number}",
                "history_type": "~",
                "history_user_id": (wang if number % 2 else register_keeper).pk,
            }
        )
        for number in range(1, versions + 1)
    )
    client.force_login(register_keeper)
    client.get(url("field_history", source.pk))  # warm caches
    with django_assert_num_queries(FILTERED_HISTORY_QUERIES):
        response = client.get(url("field_history", source.pk), {"user": "王"})
    entries = response.context["entries"]
    assert len(entries) == min((versions + 1) // 2, 50)
    # every row diffed against the version before it, written by the other person
    assert all(len(entry.changes) == 1 for entry in entries)
