"""Sections other apps contribute to the management review's inputs (9.5)."""

import datetime as dt

from django.utils import translation

import pytest

from cems_registers import review_inputs
from cems_registers.review_inputs import ReviewSection, register_review_input
from cems_registers.services.management_review import (
    management_review_create,
    management_review_inputs_text,
)


@pytest.fixture
def collector():
    seen = []

    def collect(*, since, until):
        seen.append((since, until))
        return ReviewSection(
            key="test_performance",
            title="Objectives",  # a msgid the catalogues translate
            columns=("Code", "Status"),
            rows=[["OB-1", "Approved"], ["OB-2", None]],
        )

    saved = dict(review_inputs._COLLECTORS)
    register_review_input("test_performance", collect)
    yield seen
    review_inputs._COLLECTORS.clear()
    review_inputs._COLLECTORS.update(saved)


@pytest.mark.django_db
def test_a_contributed_section_is_snapshotted_with_the_review(collector):
    review = management_review_create(title="2026 评审", held_on=dt.date(2026, 12, 1))
    assert collector == [(None, dt.date(2026, 12, 1))]
    sections = [s for s in review.inputs["contributed"] if s["key"] == "test_performance"]
    assert sections == [
        {
            "key": "test_performance",
            "title": "Objectives",
            "columns": ["Code", "Status"],
            "rows": [["OB-1", "Approved"], ["OB-2", None]],
            "note": "",
            "note_params": {},
        }
    ]


@pytest.mark.django_db
def test_contributed_sections_are_translated_when_shown(collector):
    review = management_review_create(title="2026 评审", held_on=dt.date(2026, 12, 1))
    with translation.override("zh-hans"):
        text = management_review_inputs_text(review.inputs)
    assert "OB-1 · 已批准" in text
    assert "OB-2 · —" in text
    with translation.override("en"):
        assert "OB-1 · Approved" in management_review_inputs_text(review.inputs)


@pytest.mark.django_db
def test_a_collector_that_has_nothing_to_say_adds_no_section(collector):
    register_review_input("test_performance", lambda *, since, until: None)
    keys = [
        s["key"] for s in review_inputs.contributed_inputs(since=None, until=dt.date(2026, 1, 1))
    ]
    assert "test_performance" not in keys
