"""Admin editing of every page type, and the scope's gas check boxes round trip."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from .factories import PAGE_KEYS, no_comments


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_edit_view_renders_for_editors(client, editor, tree, key):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[tree[key].pk]))
    assert response.status_code == 200
    if key != "home":
        assert 'name="document_number"' in response.content.decode()


def test_scope_gases_are_saved_from_check_boxes(client, admin_user, tree):
    scope = tree["scope"]
    site = scope.sites.get()
    exclusion = scope.exclusions.get()
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": scope.title,
            "slug": scope.slug,
            "boundary_statement": rich_text("<p>边界</p>"),
            "consolidation_approach": "operational_control",
            "activities": rich_text("<p>活动</p>"),
            "gases": ["CO2", "SF6"],
            "reporting_period": "自然年",
            "base_year": "2020",
            "sites": inline_formset(
                [
                    {
                        "id": site.pk,
                        "name": "二号厂区",
                        "address": "",
                        "units_activities": "",
                        "in_boundary": "on",
                    }
                ],
                initial=1,
            ),
            "exclusions": inline_formset(
                [{"id": exclusion.pk, "item": exclusion.item, "reason": exclusion.reason}],
                initial=1,
            ),
            "document_number": "CEMS-SC-01",
            "version": "B/0",
            "owner_department": "",
            "approver": "",
            "effective_date": "2026-06-01",  # a new version takes effect on its own date
            "review_interval_months": "12",
            "next_review_date": "",
            "document_status": "effective",
            "change_summary": "",
            "is_public": "on",
            "seo_title": "",
            "search_description": "",
            "comments": no_comments(),
            "action-publish": "1",
        }
    )
    # inline_formset puts ORDER etc.; gases must stay a list of values.
    data["gases"] = ["CO2", "SF6"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[scope.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    scope.refresh_from_db()
    assert scope.gases == ["CO2", "SF6"]
    assert scope.sites.get().name == "二号厂区"
    assert "二号厂区" in scope.search_text
    assert scope.version == "B/0"


def test_reviewer_dashboard_shows_the_review_due_panel(client, reviewer, home):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "cems-documents-review-due" in html
