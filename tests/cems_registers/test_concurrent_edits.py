"""Two people saving one register record from forms opened at the same time (7.3; issue 13 §4).

Each test opens the edit page as a browser does, reads every value of its form from the
HTML (the hidden version included), changes one field and posts: the second save from a
stale form is refused with what changed, who saved it and when, nothing of it is written,
and the form comes back with the values stored now.
"""

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from wagtail.snippets.models import get_snippet_models

import pytest

from cems_registers import models as m
from cems_registers.base import RegisterModel
from cems_registers.concurrency import VERSION_FIELD, version_token
from cems_registers.people import person_name
from cems_registers.roles import Role
from cems_registers.viewsets.base import VersionCheckedEditMixin

from . import factories as f


class _FormValues(HTMLParser):
    """The values a browser would post for the admin's edit form (``#w-editor-form``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select = None
        self.select_values: list[str] = []
        self.first_option = None
        self.textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form = a.get("id") == "w-editor-form"
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self.select, self.select_values, self.first_option = name, [], None
            self.multiple = "multiple" in a
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                self.select_values.append(value)
        elif tag == "textarea" and name:
            self.textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "select" and self.select:
            values = self.select_values
            if not values and not self.multiple and self.first_option is not None:
                values = [self.first_option]
            for value in values:
                self._add(self.select, value)
            self.select = None
        if tag == "textarea" and self.textarea:
            # a browser drops the newline right after <textarea>
            self.data[self.textarea][-1] = self.data[self.textarea][-1].removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data


def open_form(client, url) -> dict:
    """GET the edit page and return its form's values as the browser would post them."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormValues()
    parser.feed(response.content.decode())
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}


def edit_url(model, pk):
    opts = model._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=(pk,))


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def keepers(make_user):
    first = make_user("keeper_wang", Role.REGISTER_KEEPERS)
    first.first_name, first.last_name = "芳", "王"
    first.save()
    second = make_user("keeper_li", Role.REGISTER_KEEPERS)
    return first, second


@pytest.fixture
def instrument(db):
    return f.MeasuringInstrumentFactory(name="电能表 1#", measures="电量 kWh")


def test_every_register_edit_view_checks_the_version():
    """Every snippet kept as a register (registers, communication log, carbon assets,
    verification, monitoring plans) edits through the version-checked view and form."""
    registers = [model for model in get_snippet_models() if issubclass(model, RegisterModel)]
    assert len(registers) > 30
    for model in registers:
        viewset = model.snippet_viewset
        assert issubclass(viewset.edit_view_class, VersionCheckedEditMixin), model
        assert VERSION_FIELD in viewset.get_form_class(for_update=True).base_fields, model
        assert VERSION_FIELD not in viewset.get_form_class(for_update=False).base_fields, model


def test_second_save_from_a_stale_form_is_refused(client, keepers, instrument):
    wang, li = keepers
    url = edit_url(m.MeasuringInstrument, instrument.pk)
    client.force_login(wang)
    form_wang = open_form(client, url)
    client.force_login(li)
    form_li = open_form(client, url)
    assert form_wang[VERSION_FIELD] == form_li[VERSION_FIELD] == version_token(instrument, [])

    client.force_login(wang)
    response = client.post(url, {**form_wang, "name": "电能表 1#（王）"})
    assert response.status_code == 302
    saved_by_wang = m.MeasuringInstrument.objects.get(pk=instrument.pk)

    client.force_login(li)
    response = client.post(
        url,
        {**form_li, "name": "电能表 1#（李）", "measures": "电量 MWh"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = text(response)
    assert "Not saved: this record was changed by someone else" in page
    assert "your value “电能表 1#（李）”, stored now “电能表 1#（王）”" in page
    assert f"saved by {person_name(wang)} at" in page
    # Li's change of a field Wang did not touch is listed to be typed again
    assert "Your other changes, not saved either: What it measures “电量 MWh”" in page
    # nothing of Li's save was written, not even the field Wang did not touch
    now = m.MeasuringInstrument.objects.get(pk=instrument.pk)
    assert (now.name, now.measures, now.updated_at) == (
        "电能表 1#（王）",
        "电量 kWh",
        saved_by_wang.updated_at,
    )
    assert now.history.count() == 2  # created, Wang's change
    # the form is shown again with the values stored now and the current version
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["name"] == "电能表 1#（王）"
    redo = open_form(client, url)
    assert redo[VERSION_FIELD] == version_token(now, [])
    response = client.post(url, {**redo, "measures": "电量 MWh"})
    assert response.status_code == 302
    now.refresh_from_db()
    assert (now.name, now.measures) == ("电能表 1#（王）", "电量 MWh")
    assert now.history.first().history_user == li


def test_refusal_in_chinese(client, keepers, instrument):
    wang, li = keepers
    url = edit_url(m.MeasuringInstrument, instrument.pk)
    client.force_login(li)
    stale = open_form(client, url)
    client.force_login(wang)
    assert client.post(url, {**open_form(client, url), "measures": "电量 MWh"}).status_code == 302
    client.force_login(li)
    response = client.post(url, {**stale, "name": "新名称"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    page = text(response)
    assert "未保存：您打开此记录后，他人已修改并保存了它。" in page
    assert "您的值“电能表 1#”，现已保存的值“电能表 1#”" not in page  # name untouched by Wang
    assert re.search(
        r"测量对象：您的值“电量 kWh”，现已保存的值“电量 MWh”（王芳 于 [^）]+ 保存）", page
    )
    assert m.MeasuringInstrument.objects.get(pk=instrument.pk).name == "电能表 1#"


def test_refusal_names_the_fields_others_changed_and_when(client, keepers, instrument, make_user):
    """Two saves by others after the form was opened: each field is attributed to its save."""
    wang, li = keepers
    url = edit_url(m.MeasuringInstrument, instrument.pk)
    client.force_login(li)
    stale = open_form(client, url)
    client.force_login(wang)
    client.post(url, {**open_form(client, url), "measures": "电量 MWh"})
    boss = make_user("boss", superuser=True)
    client.force_login(boss)
    client.post(url, {**open_form(client, url), "name": "总表"})
    client.force_login(li)
    response = client.post(
        url, {**stale, "calibration_interval_months": "6"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    items = re.findall(r"<li>(.*?)</li>", text(response))
    with translation.override("en"):
        labels = {
            name: capfirst(m.MeasuringInstrument._meta.get_field(name).verbose_name)
            for name in ("name", "measures")
        }
    measures = next(item for item in items if item.strip().startswith(f"{labels['measures']}:"))
    name = next(item for item in items if item.strip().startswith(f"{labels['name']}:"))
    assert "your value “电量 kWh”, stored now “电量 MWh”" in measures
    assert f"saved by {person_name(wang)}" in measures
    assert "your value “电能表 1#”, stored now “总表” (saved by boss" in name
    now = m.MeasuringInstrument.objects.get(pk=instrument.pk)
    assert now.calibration_interval_months != 6


def test_child_changed_through_its_own_view_makes_the_parent_form_stale(client, keepers):
    """A risk's action edited in the actions register while the risk form is open."""
    wang, li = keepers
    action = f.RiskActionFactory(description="加高挡水板")
    risk = action.risk
    client.force_login(li)
    stale = open_form(client, edit_url(m.Risk, risk.pk))
    client.force_login(wang)
    action_url = edit_url(m.RiskAction, action.pk)
    response = client.post(action_url, {**open_form(client, action_url), "status": "done"})
    assert response.status_code == 302
    assert m.RiskAction.objects.get(pk=action.pk).status == "done"
    risk_before = m.Risk.objects.get(pk=risk.pk)

    client.force_login(li)
    response = client.post(edit_url(m.Risk, risk.pk), {**stale, "title": "内涝风险"})
    assert response.status_code == 200
    assert "Changed since you opened the form" in text(response) or "打开表单后" in text(response)
    # neither the risk nor the action Li's form still held as planned was written
    assert m.Risk.objects.get(pk=risk.pk).updated_at == risk_before.updated_at
    assert m.RiskAction.objects.get(pk=action.pk).status == "done"


def test_a_form_posted_without_a_version_is_not_checked(client, keepers, instrument):
    """Scripts that post the fields alone keep working (last write wins, as before)."""
    wang, _li = keepers
    url = edit_url(m.MeasuringInstrument, instrument.pk)
    client.force_login(wang)
    data = open_form(client, url)
    del data[VERSION_FIELD]
    m.MeasuringInstrument.objects.filter(pk=instrument.pk).update(
        updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    assert client.post(url, {**data, "name": "脚本"}).status_code == 302
    assert m.MeasuringInstrument.objects.get(pk=instrument.pk).name == "脚本"


def test_validation_error_keeps_the_loaded_version(client, keepers, instrument):
    """A form shown again for a typing error still carries the version it was opened with."""
    wang, li = keepers
    url = edit_url(m.MeasuringInstrument, instrument.pk)
    client.force_login(li)
    stale = open_form(client, url)
    response = client.post(url, {**stale, "name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    again = open_form_from(response)
    assert again[VERSION_FIELD] == stale[VERSION_FIELD]
    client.force_login(wang)
    client.post(url, {**open_form(client, url), "name": "王改"})
    client.force_login(li)
    response = client.post(url, {**again, "name": "李改"})
    assert response.status_code == 200
    assert m.MeasuringInstrument.objects.get(pk=instrument.pk).name == "王改"


def open_form_from(response) -> dict:
    parser = _FormValues()
    parser.feed(response.content.decode())
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}
