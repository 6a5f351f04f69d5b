"""The assessment pages' other paths (6.4): editing recomputes, an approved assessment no longer
changes, a refusal of the service comes back on the form, an unknown report format is a 404."""

from django.urls import reverse

import pytest

from calculators.assessment import services
from calculators.models import Assessment

from .test_assessment import approved_run, opportunity

pytestmark = pytest.mark.django_db

FORM = {"year": 2025, "target_year": 2028, "discount_rate": "8%", "recommendations": "先实施"}


@pytest.fixture
def assessment(management_representative):
    approved_run(2024, 1000.0, 500.0)
    approved_run(2025, 1100.0, 500.0)
    opportunity("OP-A")
    return services.assessment_create(
        user=management_representative,
        year=2025,
        target_year=2028,
        discount_rate="0.08",
        recommendations="先实施 OP-A",
    )


def test_editing_recomputes_and_returns_to_the_page(client, assessment, management_representative):
    client.force_login(management_representative)
    url = reverse("calculators_assessment_edit", args=(assessment.pk,))
    form = client.get(url)
    assert form.status_code == 200 and 'name="discount_rate"' in form.content.decode()
    response = client.post(url, {**FORM, "target_year": 2030, "reason": "新目标年"})
    assert response.status_code == 302
    assert response["Location"] == reverse("calculators_assessment_detail", args=(assessment.pk,))
    assessment.refresh_from_db()
    assert assessment.target_year == 2030


def test_a_refusal_of_the_service_comes_back_on_the_form(
    client, assessment, management_representative
):
    client.force_login(management_representative)
    response = client.post(reverse("calculators_assessment_create"), {**FORM, "year": 2019})
    assert response.status_code == 200
    assert response.context["form"].errors  # the year without an approved run is named
    assert Assessment.objects.count() == 1


def test_an_approved_assessment_is_not_edited(
    client, assessment, management_representative, top_manager
):
    services.assessment_approve(assessment=assessment, user=top_manager)
    client.force_login(management_representative)
    url = reverse("calculators_assessment_edit", args=(assessment.pk,))
    response = client.post(url, {**FORM, "target_year": 2035})
    assert response.status_code == 302
    assert response["Location"] == reverse("calculators_assessment_detail", args=(assessment.pk,))
    page = client.get(response["Location"])
    messages = [str(message) for message in page.context["messages"]]
    assert messages == ["已批准的评估不再修改，请新建一次评估。"]  # the site's default language
    assessment.refresh_from_db()
    assert assessment.target_year == 2028


def test_an_unknown_report_format_is_not_found(client, assessment, management_representative):
    client.force_login(management_representative)
    url = reverse("calculators_assessment_report", args=(assessment.pk, "docx"))
    assert client.get(url).status_code == 404
