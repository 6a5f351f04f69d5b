"""The admin list and the field-history view issue a constant number of queries."""

import pytest

from cems_registers.models import EmissionSource

from .factories import EmissionSourceFactory, FacilityFactory, bulk_sources

pytestmark = pytest.mark.django_db


def url(name, *args):
    from django.urls import reverse

    return reverse(EmissionSource.snippet_viewset.get_url_name(name), args=args)


#: Session, user, permissions (2), user profile, count, locales, page and collection
#: permissions (menu), facility filter choices, the page of rows with facilities joined.
LIST_QUERIES = 11
#: Session, user, permissions (2), user profile, the record, history count, the page of
#: history rows with users joined, facility labels for the diffs, menu permissions …, and
#: the audit log events of the page's time window (one history: views/history.py).
HISTORY_QUERIES = 13


@pytest.fixture
def keeper_client(client, register_keeper):
    client.force_login(register_keeper)
    client.get(url("list"))  # warm caches (content types, site, permissions)
    return client


@pytest.mark.parametrize("size", [10, 1000])
def test_list_view_queries_constant(size, keeper_client, django_assert_num_queries):
    bulk_sources(size)
    with django_assert_num_queries(LIST_QUERIES):
        response = keeper_client.get(url("list"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(size, 20)


@pytest.mark.parametrize("size", [10, 1000])
def test_history_view_queries_constant(
    size, keeper_client, register_keeper, django_assert_num_queries
):
    source = EmissionSourceFactory(facility=FacilityFactory(code="FA"))
    other = FacilityFactory(code="FB")
    # one history row per version, in bulk; every other version moves the facility
    history = EmissionSource.history.model
    history.objects.bulk_create(
        history(
            id=source.pk,
            code=source.code,
            name=f"第 {i} 版",
            facility_id=other.pk if i % 2 else source.facility_id,
            kind=source.kind,
            ghgs=source.ghgs,
            scope=source.scope,
            category=source.category,
            in_boundary=True,
            created_at=source.created_at,
            updated_at=source.updated_at,
            history_date=source.updated_at,
            history_type="~",
            history_user=register_keeper,
        )
        for i in range(size)
    )
    with django_assert_num_queries(HISTORY_QUERIES):
        response = keeper_client.get(url("field_history", source.pk))
    assert response.status_code == 200
    assert response.context["total"] == size + 1
    assert len(response.context["entries"]) == min(size + 1, 50)
