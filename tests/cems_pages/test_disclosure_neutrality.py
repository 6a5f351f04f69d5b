"""The results disclosure page shows a neutrality statement of its boundary and year only when
it is approved and balances (issue 12 §5; cems_assets tag in the page's body)."""

from decimal import Decimal

import pytest

from cems_site.carbon_assets.models import NeutralityStatement, StatementStatus
from cems_site.carbon_assets.services import neutrality_statement_approve

from .test_disclosure import approved_dataset, approved_run, make_page, page  # noqa: F401

pytestmark = pytest.mark.django_db


def statement(run, *, title, reductions):
    made = NeutralityStatement.objects.create(
        title=title,
        year=run.period_start.year,
        boundary_description="全厂",
        reductions_tco2e=Decimal(reductions).quantize(Decimal("0.001")),
        claim=f"{title}：声明的内容。",
    )
    made.runs.set([run])
    return made


def test_only_an_approved_balancing_statement_is_on_the_page(
    client,
    page,  # noqa: F811 (the fixture imported above)
    approved_run,  # noqa: F811
    top_manager,
):
    total = Decimal(str(approved_run.total_tco2e))
    draft = statement(approved_run, title="草稿中和声明", reductions=total + 1)
    short = statement(approved_run, title="未平衡中和声明", reductions=total / 2)
    neutrality_statement_approve(statement=short, user=top_manager)
    html = client.get(page.url).content.decode()
    assert "草稿中和声明" not in html and "未平衡中和声明" not in html
    assert 'id="results-neutrality"' not in html
    neutrality_statement_approve(statement=draft, user=top_manager)
    assert NeutralityStatement.objects.get(pk=draft.pk).status == StatementStatus.APPROVED
    html = client.get(page.url).content.decode()
    assert "草稿中和声明" in html and 'id="results-neutrality"' in html
    assert "未平衡中和声明" not in html
