"""Two editors saving one page from editors opened at the same time (7.3.2; issue 13 §4).

Wagtail refuses a stale autosave itself; a stale form submission (save draft, submit) used to
write a new revision over the newer draft. The ``before_edit_page`` hook
(:mod:`cems_pages.concurrency`) refuses it and sends the editor to the newest version.
"""

import re
from html import unescape

from django.urls import reverse
from django.utils import translation

import pytest

from cems_pages.concurrency import changed_fields, is_stale
from cems_registers.roles import Role

from .factories import PolicyPageFactory
from .test_workflow import policy_form

pytestmark = pytest.mark.django_db


def loaded_revision(client, url) -> dict:
    """The hidden inputs saying which revision the editor loaded, as the browser posts them."""
    html = client.get(url).content.decode()
    found = dict(
        re.findall(
            r'<input type="hidden" name="(loaded_revision_(?:id|created_at))" value="([^"]*)"', html
        )
    )
    assert set(found) == {"loaded_revision_id", "loaded_revision_created_at"}
    return found


def draft_title(page) -> str:
    page.refresh_from_db()
    return page.get_latest_revision().content["title"]


@pytest.fixture
def policy(home, editor):
    page = PolicyPageFactory(parent=home, publish=False, title="碳排放管理方针")
    page.save_revision(user=editor)
    return page


def save_draft(client, page, loaded, title):
    data = {**policy_form(page, action="save-draft", title=title), **loaded}
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_stale_page_save_does_not_overwrite_the_newer_draft(client, policy, editor, make_user):
    other = make_user("editor_liu", Role.EDITORS)
    url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    client.force_login(editor)
    mine = loaded_revision(client, url)
    client.force_login(other)
    theirs = loaded_revision(client, url)
    assert mine == theirs

    response = save_draft(client, policy, theirs, "方针（刘修改）")
    assert response.status_code == 302
    assert draft_title(policy) == "方针（刘修改）"
    revisions = policy.revisions.count()

    client.force_login(editor)
    response = save_draft(client, policy, mine, "方针（我的修改）")
    assert response.status_code == 302
    assert response["Location"] == url
    assert draft_title(policy) == "方针（刘修改）"  # the newer draft stands
    assert policy.revisions.count() == revisions  # nothing written
    page = unescape(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Not saved: this page was changed by someone else" in page
    assert "editor_liu" in page
    changed = re.search(r"Changed since you opened it: ([^<]*)\.", page).group(1).split(", ")
    assert "Title" in changed and "Search text" not in changed

    # the editor now holds the newest version and can save
    response = save_draft(client, policy, loaded_revision(client, url), "方针（我的修改）")
    assert response.status_code == 302
    assert draft_title(policy) == "方针（我的修改）"


def test_stale_autosave_is_refused_by_wagtail(client, policy, editor):
    """The JSON (autosave) path stays Wagtail's: a 400 with its own message."""
    url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    client.force_login(editor)
    stale = loaded_revision(client, url)
    policy.save_revision(user=editor)
    response = client.post(
        url,
        {**policy_form(policy, action="save-draft"), **stale},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"


def test_is_stale_follows_wagtails_rule(policy, editor):
    latest = policy.save_revision(user=editor)
    current = {"loaded_revision_id": str(latest.pk)}
    created = latest.created_at.isoformat()
    assert not is_stale({**current, "loaded_revision_created_at": created}, latest)
    assert is_stale({**current, "loaded_revision_created_at": "2020-01-01T00:00:00+00:00"}, latest)
    assert is_stale({"loaded_revision_id": str(latest.pk - 1)}, latest)
    assert is_stale({"overwrite_revision_id": str(latest.pk - 1)}, latest)
    assert not is_stale({}, latest)  # a form that does not say what it loaded


def test_changed_fields_reads_values_not_their_markup(policy, editor):
    """Rich text whose markup the editor rewrote, or stream blocks with new ids, did not change."""
    before = policy.save_revision(user=editor)
    after = policy.save_revision(user=editor)
    before.content.update(
        statement="<p>低碳发展。</p>",
        title="方针",
        steps='[{"type": "step", "value": "a", "id": "1"}]',
    )
    after.content.update(
        statement='<p data-block-key="k1">低碳发展。</p>',
        title="方针（修订）",
        steps=[{"type": "step", "value": "a", "id": "2"}],
    )
    with translation.override("en"):
        assert changed_fields(type(policy), before, after) == ["Title"]
