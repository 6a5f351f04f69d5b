"""Documents in step across languages (issue 8 item 13; 7.3.2, 7.3.3): which translation is
behind since which version, a new version asks for its effective date, and the status is set
by the workflow only (withdrawal included)."""

import datetime as dt

from django.urls import reverse

import pytest

from cems_pages.models import DocumentStatus
from cems_pages.selectors import (
    documents_with_translations_behind,
    translation_status,
    translation_status_of,
    version_key,
)

from .factories import PolicyPageFactory
from .test_workflow import act, policy_form

pytestmark = pytest.mark.django_db


def test_versions_sort_by_their_numbers():
    shuffled = ["3.10", "A/1", "1.0", "3.1", "B/0", "3.9", "2.0", "A/0", "3.0"]
    ordered = ["1.0", "2.0", "3.0", "3.1", "3.9", "3.10", "A/0", "A/1", "B/0"]
    assert sorted(shuffled, key=version_key) == ordered


def issue_version(page, version, day):
    page.version = version
    page.effective_date = day
    page.next_review_date = None
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_translation_left_at_the_old_version_is_behind(tree, tree_en):
    zh = issue_version(tree["policy"], "A/1", dt.date(2026, 12, 1))
    status = translation_status(page=tree_en["policy"])
    assert status.latest.page.pk == zh.pk
    assert [(item.language_code, item.version) for item in status.behind] == [("en", "A/0")]
    assert not status.in_step
    assert any(s.latest.page.pk == zh.pk for s in documents_with_translations_behind())
    issue_version(tree_en["policy"], "A/1", dt.date(2026, 12, 2))
    assert translation_status(page=zh).in_step
    assert not any(s.latest.page.pk == zh.pk for s in documents_with_translations_behind())


def test_a_missing_translation_is_reported(tree):
    status = translation_status_of([tree["policy"]])
    assert [item.language_code for item in status.missing] == ["en"]
    assert status.behind == []


def test_editors_and_approvers_see_the_status_in_the_edit_form_and_on_the_dashboard(
    client, editor, reviewer, tree, tree_en
):
    issue_version(tree["policy"], "A/1", dt.date(2026, 12, 1))
    english = tree_en["policy"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    # the editor sends the English policy for review: the reviewer opens it in the editor
    client.force_login(editor)
    assert client.post(edit_url, policy_form(english, is_public="on")).status_code == 302
    for user in (editor, reviewer):
        client.force_login(user)
        html = client.get(edit_url).content.decode()
        assert "translation-status__behind" in html, user
        assert "A/1" in html and "2026-12-01" in html
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "cems-documents-translations-behind" in dashboard
        assert edit_url in dashboard


def test_staff_see_a_notice_on_the_page_the_public_does_not(client, auditor, tree, tree_en):
    issue_version(tree["policy"], "A/1", dt.date(2026, 12, 1))
    assert "translation-status__behind" not in client.get(tree_en["policy"].url).content.decode()
    client.force_login(auditor)
    html = client.get(tree_en["policy"].url).content.decode()
    assert "translation-status__behind" in html
    assert "2026-12-01" in html


def test_in_step_documents_show_no_notice(client, auditor, tree, tree_en):
    client.force_login(auditor)
    html = client.get(tree_en["policy"].url).content.decode()
    assert "translation-status__behind" not in html


# --- the edit form ---------------------------------------------------------------------------


def edit(client, user, page, **overrides):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, policy_form(page, action="action-save", **overrides))


def test_a_new_version_prompts_for_its_effective_date(client, editor, home):
    policy = PolicyPageFactory(parent=home, effective_date=dt.date(2026, 1, 1))
    assert policy.next_review_date == dt.date(2027, 1, 1)
    response = edit(
        client,
        editor,
        policy,
        version="B/0",
        effective_date="2026-01-01",
        next_review_date="2027-01-01",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "effective_date" in errors
    assert "B/0" in str(errors["effective_date"]) and "A/0" in str(errors["effective_date"])
    policy.refresh_from_db()
    assert policy.get_latest_revision().content["version"] == "A/0"

    response = edit(
        client,
        editor,
        policy,
        version="B/0",
        effective_date="2026-07-01",
        next_review_date="2027-01-01",
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    draft = policy.get_latest_revision().as_object()
    assert draft.version == "B/0"
    assert draft.effective_date == dt.date(2026, 7, 1)
    assert draft.next_review_date == dt.date(2027, 7, 1)


def test_the_same_version_keeps_its_date_without_prompt(client, editor, home):
    policy = PolicyPageFactory(parent=home, effective_date=dt.date(2026, 1, 1))
    response = edit(client, editor, policy, effective_date="2026-01-01")
    assert response.status_code == 302


def test_document_status_cannot_be_set_by_hand(client, editor, home):
    policy = PolicyPageFactory(parent=home)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    assert 'name="document_status"' not in html
    assert 'name="withdraw_on_approval"' in html
    response = edit(client, editor, policy, document_status="withdrawn")
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.get_latest_revision().content["document_status"] == DocumentStatus.EFFECTIVE


def test_withdrawal_goes_through_the_workflow(client, editor, reviewer, top_manager, home):
    policy = PolicyPageFactory(parent=home)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    response = client.post(url, policy_form(policy, withdraw_on_approval="on"))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.document_status == DocumentStatus.EFFECTIVE  # still in force while in review
    act(client, reviewer, policy, "approve")
    policy.refresh_from_db()
    assert policy.document_status == DocumentStatus.EFFECTIVE
    act(client, top_manager, policy, "approve")
    policy.refresh_from_db()
    assert policy.document_status == DocumentStatus.WITHDRAWN
    assert not policy.is_publicly_visible
