"""Page-tree rules and controlled-document fields (7.3.2, 7.3.3)."""

import datetime as dt

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from cems_pages.models import (
    DocumentStatus,
    FeedbackPage,
    GlossaryPage,
    HomePage,
    ManagementRulePage,
    ManualPage,
    PolicyPage,
    ProcedurePage,
    ProcessMapPage,
    ResultsDisclosurePage,
    ScopePage,
    WorkInstructionPage,
    add_months,
)

from .factories import PolicyPageFactory, ProcedurePageFactory, ScopePageFactory


class TestPageTree(WagtailPageTestCase):
    def test_home_sits_under_the_root_and_holds_public_documents_and_the_manual(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ManualPage,
                PolicyPage,
                ScopePage,
                GlossaryPage,
                FeedbackPage,  # the public feedback form (4.2, 8.1 b)
                ResultsDisclosurePage,  # the disclosed results (5.2.1 g, 9.1)
            },
        )

    def test_manual_holds_procedures_rules_and_process_map(self):
        self.assertAllowedParentPageTypes(ManualPage, {HomePage})
        self.assertAllowedSubpageTypes(
            ManualPage, {ProcedurePage, ManagementRulePage, ProcessMapPage}
        )

    def test_work_instructions_sit_under_procedures_and_rules(self):
        self.assertAllowedParentPageTypes(WorkInstructionPage, {ProcedurePage, ManagementRulePage})
        self.assertAllowedSubpageTypes(ProcedurePage, {WorkInstructionPage})
        self.assertAllowedSubpageTypes(ManagementRulePage, {WorkInstructionPage})

    def test_leaf_documents_have_no_children(self):
        for model in (PolicyPage, ScopePage, GlossaryPage, ProcessMapPage, WorkInstructionPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_public_documents_sit_under_home_only(self):
        for model in (PolicyPage, ScopePage, GlossaryPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
        self.assertAllowedParentPageTypes(ProcedurePage, {ManualPage})
        self.assertCanNotCreateAt(HomePage, ProcedurePage)
        self.assertCanNotCreateAt(ManualPage, PolicyPage)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 1), 12, dt.date(2027, 3, 1)),
        (dt.date(2026, 3, 1), 36, dt.date(2029, 3, 1)),
    ],
)
def test_add_months_clamps_to_the_end_of_month(day, months, expected):
    assert add_months(day, months) == expected


def test_next_review_date_is_effective_date_plus_interval_when_blank(home):
    page = PolicyPageFactory(effective_date=dt.date(2026, 5, 31), review_interval_months=9)
    assert page.next_review_date == dt.date(2027, 2, 28)


def test_next_review_date_given_explicitly_is_kept(home):
    page = PolicyPageFactory(
        effective_date=dt.date(2026, 5, 31), next_review_date=dt.date(2026, 8, 1)
    )
    assert page.next_review_date == dt.date(2026, 8, 1)


def test_publishing_makes_a_draft_document_effective_with_todays_date(home):
    page = PolicyPageFactory(effective_date=None, publish=False)
    assert page.document_status == DocumentStatus.DRAFT
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.document_status == DocumentStatus.EFFECTIVE
    assert page.effective_date is not None
    # The issued revision carries the same status, so the next edit starts from it.
    assert page.live_revision.content["document_status"] == DocumentStatus.EFFECTIVE


def test_withdrawal_is_applied_by_publishing_and_survives_republishing(home):
    page = PolicyPageFactory()
    page.withdraw_on_approval = True
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.document_status == DocumentStatus.WITHDRAWN
    assert not page.is_publicly_visible
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.document_status == DocumentStatus.WITHDRAWN


def test_status_set_by_hand_does_not_survive_publishing(home):
    page = PolicyPageFactory()
    page.document_status = DocumentStatus.WITHDRAWN
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.document_status == DocumentStatus.EFFECTIVE


def test_reinstating_a_withdrawn_document_makes_it_effective(home):
    page = PolicyPageFactory(withdraw_on_approval=True)
    assert page.document_status == DocumentStatus.WITHDRAWN
    page.withdraw_on_approval = False
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.document_status == DocumentStatus.EFFECTIVE
    assert page.is_publicly_visible


def test_public_by_default_only_for_policy_scope_and_glossary(db):
    assert PolicyPage().is_public and ScopePage().is_public and GlossaryPage().is_public
    assert not ManualPage().is_public and not ProcedurePage().is_public


def test_scope_rejects_an_unknown_gas(home):
    page = ScopePageFactory()
    page.gases = ["CO2", "H2O"]
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "H2O" in str(excinfo.value)


def test_search_text_holds_stream_and_inline_text(home):
    scope = ScopePageFactory()
    assert "一号厂区" in scope.search_text and "员工通勤" in scope.search_text
    procedure = ProcedurePageFactory(parent=home)
    assert "燃煤锅炉房" in procedure.search_text
    assert "<p>" not in procedure.search_text
