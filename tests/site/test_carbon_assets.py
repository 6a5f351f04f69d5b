"""Carbon assets (issue 12 §5; clauses 3, 6.3, 6.5): the allowance balance worked by hand,
the serial ranges retired once, neutrality figures and approval, the due item, the admin
per role and the escaped export."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import AccountingRun, GwpSet, RunStatus
from cems_registers.due import due_items
from cems_site.carbon_assets.models import (
    AllowanceTransaction,
    CompliancePeriod,
    CreditBlock,
    CreditProject,
    NeutralityStatement,
    Retirement,
    StatementStatus,
)
from cems_site.carbon_assets.selectors import (
    allowance_balance,
    period_balance,
    published_statements,
)
from cems_site.carbon_assets.services import (
    allowance_transaction_record,
    credit_retirements_record,
    neutrality_statement_approve,
)

D = Decimal


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English here; the Chinese ones in the last test."""
    with translation.override("en"):
        yield


def test_balance_arithmetic_worked_by_hand_issues_no_query():
    # held = 10000 + 1500 + 200 − 300 − 8000 − 100 = 3300; to surrender = 10200.5 − 8000
    balance = allowance_balance(
        {
            "allocated": D("10000"),
            "bought": D("1500"),
            "banked_in": D("200"),
            "sold": D("300"),
            "surrendered": D("8000"),
            "banked_out": D("100"),
        },
        D("10200.5"),
    )
    assert balance.held == D("3300")
    assert balance.to_surrender == D("2200.5")
    assert balance.shortfall == D("0")
    assert balance.surplus == D("1099.5")
    assert not balance.fulfilled
    short = allowance_balance({"allocated": D("1000")}, D("1250.25"))
    assert (short.held, short.to_surrender, short.shortfall, short.surplus) == (
        D("1000"),
        D("1250.25"),
        D("250.25"),
        D("0"),
    )


def make_run(total, *, year=2025, status=RunStatus.APPROVED):
    gwp, _ = GwpSet.objects.get_or_create(key="AR5", defaults={"name": "AR5"})
    return AccountingRun.objects.create(
        name=f"run {total}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        gwp_set=gwp,
        status=status,
        total_tco2e=total,
    )


def make_period(*runs, deadline=dt.date(2026, 12, 31), **fields):
    period = CompliancePeriod.objects.create(
        name="全国碳市场 2025",
        scheme="national_ets",
        first_year=2025,
        last_year=2025,
        surrender_deadline=deadline,
        **fields,
    )
    period.runs.set(runs)
    return period


def record(period, kind, quantity, **fields):
    return allowance_transaction_record(
        period=period, kind=kind, quantity=D(quantity), date=dt.date(2026, 3, 1), **fields
    )


@pytest.mark.django_db
def test_period_balance_reads_approved_runs_and_every_kind(django_assert_num_queries):
    period = make_period(make_run(9000.4), make_run(1200.1), make_run(5000, status="done"))
    for kind, quantity in [
        ("allocated", "10000"),
        ("bought", "1500"),
        ("banked_in", "200"),
        ("sold", "300"),
        ("surrendered", "8000"),
        ("banked_out", "100"),
    ]:
        record(period, kind, quantity)
    with django_assert_num_queries(2):
        balance = period_balance(period=period)
    assert balance.verified == D("10200.500")  # the run that is not approved does not count
    assert (balance.held, balance.to_surrender, balance.surplus) == (
        D("3300"),
        D("2200.500"),
        D("1099.500"),
    )


@pytest.mark.django_db
def test_selling_more_than_held_is_refused_naming_field_and_value():
    period = make_period(make_run(100))
    record(period, "allocated", "500")
    with pytest.raises(ValidationError) as exc:
        record(period, "sold", "600.5")
    assert "quantity" in exc.value.message_dict
    message = exc.value.message_dict["quantity"][0]
    assert "600.5" in message and "500" in message
    assert AllowanceTransaction.objects.count() == 1


@pytest.fixture
def block(db):
    project = CreditProject.objects.create(
        registry="国家温室气体自愿减排注册登记系统",
        project_id="CCER-14-2025-0001",
        name="光伏电站项目",
        credit_type="ccer",
        methodology="CCER-01-001-V01",
    )
    return CreditBlock.objects.create(
        project=project,
        vintage=2025,
        serial_prefix="CCER-2025-",
        serial_start=1000,
        serial_end=1999,
        purchase_date=dt.date(2026, 2, 1),
    )


def retirement_row(block, start, end, **extra):
    return {
        "block": block,
        "serial_start": start,
        "serial_end": end,
        "retired_on": dt.date(2026, 4, 1),
        "claim": "2025 年度碳中和",
        **extra,
    }


def test_block_quantity_is_the_range_length(block):
    assert block.quantity == 1000


def test_an_overlapping_range_is_refused_naming_row_field_serials_and_nothing_is_saved(block):
    credit_retirements_record(rows=[retirement_row(block, 1000, 1099)])
    with pytest.raises(ValidationError) as exc:
        credit_retirements_record(
            rows=[retirement_row(block, 1200, 1299), retirement_row(block, 1050, 1150)]
        )
    text = " ".join(exc.value.messages)
    assert "Row 2" in text
    assert "First serial “1050”" in text
    assert "CCER-2025-1050–1099" in text  # the serials that were already retired
    assert Retirement.objects.count() == 1  # the first row of the refused batch is not kept
    assert block.retirements.get().serial_end == 1099


def test_a_range_overlapping_an_earlier_row_of_the_same_batch_is_refused(block):
    with pytest.raises(ValidationError) as exc:
        credit_retirements_record(
            rows=[retirement_row(block, 1000, 1010), retirement_row(block, 1010, 1020)]
        )
    assert "CCER-2025-1010–1010" in " ".join(exc.value.messages)
    assert not Retirement.objects.exists()


def test_serials_outside_the_block_are_refused(block):
    with pytest.raises(ValidationError) as exc:
        credit_retirements_record(rows=[retirement_row(block, 1990, 2010)])
    assert "Last serial “2010”" in " ".join(exc.value.messages)
    assert not Retirement.objects.exists()


def test_save_itself_guards_the_serials_without_clean(block):
    Retirement.objects.create(**retirement_row(block, 1000, 1000))
    with pytest.raises(ValidationError):
        Retirement(**retirement_row(block, 1000, 1005)).save()
    assert Retirement.objects.count() == 1


def test_a_block_overlapping_a_block_of_the_same_prefix_is_refused(block):
    other = CreditBlock(
        project=block.project,
        vintage=2025,
        serial_prefix="CCER-2025-",
        serial_start=1999,
        serial_end=2100,
        purchase_date=dt.date(2026, 2, 2),
    )
    with pytest.raises(ValidationError) as exc:
        other.full_clean()
    assert "serial_start" in exc.value.message_dict


def make_statement(run, reductions="0", status=StatementStatus.DRAFT):
    statement = NeutralityStatement.objects.create(
        title="2025 年度碳中和声明",
        year=2025,
        boundary_description="全厂",
        reductions_tco2e=D(reductions),
        claim="本公司 2025 年度实现碳中和。",
        status=status,
    )
    statement.runs.set([run])
    return statement


def test_neutrality_balance_emissions_minus_reductions_minus_retired(block):
    statement = make_statement(make_run(150.25), reductions="40")
    credit_retirements_record(rows=[retirement_row(block, 1000, 1099, statement=statement)])
    figures = NeutralityStatement.objects.get().figures
    assert (figures.emissions, figures.reductions, figures.retired) == (
        D("150.250"),
        D("40"),
        D("100"),
    )
    assert figures.balance == D("10.250")
    assert not figures.balances
    credit_retirements_record(rows=[retirement_row(block, 1100, 1110, statement=statement)])
    assert NeutralityStatement.objects.get().figures.balance == D("-0.750")
    assert NeutralityStatement.objects.get().figures.balances


def test_only_top_management_approves_a_statement(db, top_manager, register_keeper):
    statement = make_statement(make_run(10))
    with pytest.raises(PermissionDenied):
        neutrality_statement_approve(statement=statement, user=register_keeper)
    neutrality_statement_approve(statement=statement, user=top_manager)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVED
    assert statement.approved_by == top_manager


def test_disclosure_tag_shows_only_approved_balancing_statements(block, top_manager):
    run = make_run(100)
    draft = make_statement(run, reductions="100")
    draft.title = "草稿声明"
    draft.save()
    unbalanced = make_statement(run, reductions="10", status=StatementStatus.APPROVED)
    unbalanced.title = "未平衡声明"
    unbalanced.save()
    balanced = make_statement(run, reductions="50", status=StatementStatus.APPROVED)
    balanced.title = "已平衡声明"
    balanced.save()
    credit_retirements_record(rows=[retirement_row(block, 1000, 1049, statement=balanced)])
    page = SimpleNamespace(figures={"year": 2025, "basis": {"boundary": ""}})
    html = Template("{% load cems_assets %}{% neutrality_statements page %}").render(
        Context({"page": page})
    )
    assert "已平衡声明" in html
    assert "CCER-2025-1000–1049" in html
    assert "草稿声明" not in html and "未平衡声明" not in html
    other_year = SimpleNamespace(figures={"year": 2024, "basis": {"boundary": ""}})
    assert not published_statements(year=2024, boundary="")
    assert "已平衡声明" not in Template(
        "{% load cems_assets %}{% neutrality_statements page %}"
    ).render(Context({"page": other_year}))
    assert not published_statements(year=2025, boundary="1,2")


@pytest.mark.django_db
def test_the_surrender_deadline_is_a_due_item_until_fulfilled(register_keeper, editor):
    today = dt.date(2026, 12, 3)
    period = make_period(make_run(800), deadline=dt.date(2026, 12, 31), owner=register_keeper)
    record(period, "allocated", "700")
    items = [i for i in due_items(today=today, user=register_keeper) if i.pk == period.pk]
    assert len(items) == 1
    assert "800" in items[0].title and "100" in items[0].title  # to surrender, short
    assert items[0].edit_url
    assert not [i for i in due_items(today=today, user=editor) if i.model is CompliancePeriod]
    record(period, "bought", "100")
    record(period, "surrendered", "800")
    assert not [i for i in due_items(today=today) if i.model is CompliancePeriod]


# --- admin, per role ----------------------------------------------------------------------


def url(model, view, *args):
    return reverse(f"wagtailsnippets_cems_assets_{model}:{view}", args=args)


ROLE_ACCESS = [
    ("register_keeper", 200, 200),
    ("management_representative", 200, 200),
    ("top_manager", 200, 403),
    ("reviewer", 200, 403),
    ("auditor", 200, 403),
    ("editor", 403, 403),
    ("data_submitter", 403, 403),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "list_status", "add_status"), ROLE_ACCESS)
@pytest.mark.parametrize(
    "model",
    [
        "complianceperiod",
        "allowancetransaction",
        "creditproject",
        "creditblock",
        "retirement",
        "neutralitystatement",
    ],
)
def test_roles_read_and_keep_as_granted(client, request, role, list_status, add_status, model):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(model, "list"))
    assert response.status_code in ((list_status,) if list_status == 200 else (302, 403)), (
        response.status_code
    )
    add = client.get(url(model, "add"))
    assert add.status_code in ((add_status,) if add_status == 200 else (302, 403))


@pytest.mark.django_db
def test_only_top_management_may_open_the_approve_view(client, top_manager, register_keeper):
    statement = make_statement(make_run(10))
    client.force_login(register_keeper)
    refused = client.post(url("neutralitystatement", "approve", statement.pk))
    assert refused.status_code in (302, 403)  # Wagtail sends a refused user to the dashboard
    statement.refresh_from_db()
    assert not statement.is_approved
    client.force_login(top_manager)
    page = client.get(url("neutralitystatement", "approve", statement.pk))
    assert page.status_code == 200
    client.post(url("neutralitystatement", "approve", statement.pk))
    statement.refresh_from_db()
    assert statement.is_approved


@pytest.mark.django_db
def test_lists_show_the_figures_in_a_fixed_number_of_queries(
    client, register_keeper, django_assert_max_num_queries
):
    client.force_login(register_keeper)
    period = make_period(make_run(800))
    record(period, "allocated", "700")
    client.get(url("complianceperiod", "list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        response = client.get(url("complianceperiod", "list"))
    assert "800.000" in response.content.decode()  # verified emissions
    for n in range(3):
        record(make_period(make_run(10 + n)), "allocated", "5")
    with CaptureQueriesContext(connection) as four:
        assert client.get(url("complianceperiod", "list")).status_code == 200
    assert len(four) == len(one)


@pytest.mark.django_db
def test_csv_export_escapes_formula_cells(client, register_keeper):
    period = make_period(make_run(10))
    record(period, "allocated", "20", counterparty='=HYPERLINK("http://x")')
    client.force_login(register_keeper)
    response = client.get(url("allowancetransaction", "list"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


@pytest.mark.django_db
def test_the_admin_form_refuses_an_overlap_and_saves_nothing(client, register_keeper, block):
    credit_retirements_record(rows=[retirement_row(block, 1000, 1099)])
    client.force_login(register_keeper)
    response = client.post(
        url("retirement", "add"),
        {
            "block": block.pk,
            "serial_start": 1090,
            "serial_end": 1120,
            "retired_on": "2026-05-01",
            "claim": "重复注销",
        },
    )
    assert response.status_code == 200
    assert "CCER-2025-1090–1099" in response.content.decode()
    assert Retirement.objects.count() == 1


@pytest.mark.django_db
def test_editing_an_approved_statement_sends_it_back_to_draft(client, top_manager, admin_user):
    statement = make_statement(make_run(10))
    neutrality_statement_approve(statement=statement, user=top_manager)
    client.force_login(admin_user)
    response = client.post(
        url("neutralitystatement", "edit", statement.pk),
        {
            "title": statement.title,
            "year": 2025,
            "boundary_description": "全厂（修订）",
            "runs": [r.pk for r in statement.runs.all()],
            "reductions_tco2e": "0",
            "reductions_description": "",
            "claim": statement.claim,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT
    assert statement.approved_by is None


def test_the_overlap_error_reads_in_chinese(block):
    credit_retirements_record(rows=[retirement_row(block, 1000, 1099)])
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        credit_retirements_record(rows=[retirement_row(block, 1050, 1150)])
    text = " ".join(exc.value.messages)
    assert "第 1 行，起始序列号“1050”" in text
    assert "CCER-2025-1050–1099 已于 2026-04-01 注销" in text


@pytest.mark.django_db
def test_demo_loads_a_ledger_with_a_shortfall_and_an_unpublished_statement(top_manager):
    from cems_site.carbon_assets.demo import load_demo

    run = make_run(10000)
    assert "does not balance" in load_demo(users={"ceo": top_manager})
    balance = CompliancePeriod.objects.get().balance
    # 9000 allocated + 500 bought − 6000 surrendered = 3500 held; 4000 to surrender
    assert (balance.held, balance.to_surrender, balance.shortfall) == (
        D("3500"),
        D("4000.000"),
        D("500.000"),
    )
    statement = NeutralityStatement.objects.get()
    assert statement.is_approved and not statement.figures.balances
    assert not published_statements(year=2025, boundary="")
    assert list(statement.runs.all()) == [run]
    assert load_demo(users={}) == "carbon assets already loaded"


@pytest.mark.django_db
def test_a_statement_change_puts_the_stored_public_pages_out_of_use(settings):
    from cems_pages.cache import public_cache_generation

    settings.CEMS_PUBLIC_CACHE_SECONDS = 300
    before = public_cache_generation()
    make_statement(make_run(10))
    assert public_cache_generation() > before
