"""Defects of the QA walkthrough: yes/no columns in the register lists and Chinese names on the
dashboard and in the work queue (clause 7.3 documented information legible; 5.3 people named).
"""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.db.models import BooleanField
from django.urls import get_resolver, reverse
from django.utils import timezone

from wagtail.admin.viewsets import viewsets

import pytest

from cems_registers.models import Nonconformity, Objective
from cems_registers.viewsets.base import RegisterViewSet, YesNoColumn
from tests.cems_registers.factories import EmissionSourceFactory, FacilityFactory
from tests.site.test_work_queue import WORK, make_dataset, make_run

pytestmark = pytest.mark.django_db


def table_text(html: str) -> str:
    """The listing table's HTML (the page's scripts and JSON config say ``true`` too)."""
    tables = [t for t in re.findall(r"<table.*?</table>", html, re.S) if "listing" in t[:200]]
    assert len(tables) == 1, "one listing table"
    return tables[0]


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def named(user, family: str, given: str):
    user.last_name, user.first_name = family, given
    user.save(update_fields=["last_name", "first_name"])
    return user


@pytest.mark.parametrize(("language", "yes", "no"), [("zh-hans", "是", "否"), ("en", "Yes", "No")])
def test_source_and_facility_lists_say_yes_or_no_not_true_or_false(
    client, admin_user, language, yes, no
):
    inside = FacilityFactory(code="FAC-IN", in_boundary=True)
    FacilityFactory(code="FAC-OUT", in_boundary=False)
    EmissionSourceFactory(code="S-IN", facility=inside, in_boundary=True)
    EmissionSourceFactory(code="S-OUT", facility=inside, in_boundary=False)
    client.force_login(admin_user)
    for url_name in (
        "wagtailsnippets_cems_registers_emissionsource:list",
        "wagtailsnippets_cems_registers_facility:list",
    ):
        html = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        text = visible_text(table_text(html))
        assert "True" not in text and "False" not in text, url_name
        assert "True" not in table_text(html) and "False" not in table_text(html), url_name
        assert "-IN" in text and "-OUT" in text, (url_name, text)
        assert f" {yes} " in text and f" {no} " in text, (url_name, text)


def test_unknown_yes_no_reads_as_a_dash():
    column = YesNoColumn("in_boundary")

    class Record:
        in_boundary = None

    context = column.get_cell_context_data(Record(), {"row": None, "table": None})
    assert context["value"] is None and context["label"] == "—"


def test_every_boolean_in_a_register_list_is_a_yes_no_column():
    """Whatever register adds a boolean to ``list_display`` later gets yes/no too."""
    get_resolver().url_patterns  # noqa: B018 — registers the viewsets
    checked = 0
    for viewset in viewsets.viewsets:
        for item in [viewset, *getattr(viewset, "items", [])]:
            if not isinstance(item, RegisterViewSet):
                continue
            columns = item.get_index_view_kwargs()["list_display"]
            for column in columns:
                name = column if isinstance(column, str) else column.name
                field = next((f for f in item.model._meta.fields if f.name == name), None)
                if isinstance(field, BooleanField):
                    assert isinstance(column, YesNoColumn), (item.model, name)
                    checked += 1
    assert checked >= 10  # in_boundary ×2, significant, active, selected, effective, …


@pytest.fixture
def people(data_submitter, data_reviewer, top_manager, management_representative):
    return {
        "submitter": named(data_submitter, "张", "伟"),
        "reviewer": named(data_reviewer, "孙", "丽"),
        "ceo": named(top_manager, "王", "建国"),
        "rep": named(management_representative, "陈", "刚"),
    }


def test_dashboard_panels_name_people_family_name_first(client, people):
    Objective.objects.create(code="OBJ-9", title="单位产值排放下降 5 %", owner=people["rep"])
    Nonconformity.objects.create(
        code="NC-9",
        title="计量器具超期未校准",
        description="S01 流量计超期",
        owner=people["rep"],
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    client.force_login(people["ceo"])
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = visible_text(html.content.decode())
    assert "NC-9" in text and "OBJ-9" in text
    assert text.count("陈刚") >= 2, text  # the objective's owner and the due item's owner
    assert "王建国" in text  # the account summary
    assert "刚 陈" not in text and "建国 王" not in text


def test_work_queue_names_people_family_name_first(client, people):
    make_dataset(people["submitter"])
    make_run(people["submitter"])
    Objective.objects.create(code="OBJ-9", title="单位产值排放下降 5 %", owner=people["rep"])
    client.force_login(people["reviewer"])
    text = visible_text(client.get(WORK, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert text.count("张伟") >= 2, text  # the dataset's submitter and the run's maker
    assert "伟 张" not in text
    client.force_login(people["ceo"])
    text = visible_text(client.get(WORK, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert "陈刚" in text and "刚 陈" not in text


def test_work_queue_task_names_its_submitter_by_person_name(people):
    from cems_site.work_queue import selectors

    assert not hasattr(selectors, "_person")  # one rule for names: cems_registers.people
    user = get_user_model()(username="x", first_name="娜", last_name="李")
    assert selectors.person_name(user) == "李娜"
