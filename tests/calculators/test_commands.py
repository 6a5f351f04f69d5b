"""Management commands: every reference example through ``cems_account`` (6.3.1), imports."""

import json

from django.core.management import CommandError, call_command

import pytest

from calculators.core import examples as X
from calculators.demo_data import year_csv
from calculators.models import Dataset

EXAMPLES = X.load_examples()


def account(path, *args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("cems_account", str(path), "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_every_example_through_cems_account(tmp_path, ex):
    path = tmp_path / f"{ex['id']}.csv"
    path.write_bytes(X.example_csv(ex))
    rules = X.example_options(ex)
    payload = account(path, "--gwp", X.example_gwp(ex), "--biomass", rules["biomass"])
    want = X.expected(ex)
    if ex["category"] == "intensity":
        got = payload["intensity"]["per_wan_yuan"]["intensity"]
    else:
        got = payload["total_tco2e"]
        assert got == pytest.approx(sum(r["co2e"] for r in payload["rows"]), rel=1e-12)
    assert got == pytest.approx(want["total"], rel=1e-6)
    for column, value in want["by_gas"].items():
        assert payload["totals"][column] == pytest.approx(value, rel=1e-6), column
    assert len(payload["rows"]) == len(X.example_rows(ex))


def test_cems_account_table_and_csv(tmp_path, capsys):
    path = tmp_path / "ex05.csv"
    path.write_bytes(X.example_csv(X.example("EX05")))
    call_command("cems_account", str(path))
    assert "1287.840000" in capsys.readouterr().out
    call_command("cems_account", str(path), "--format", "csv")
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("row,source,period")
    assert "1287.84" in out.splitlines()[-1]


def test_cems_account_writes_nothing(tmp_path, django_assert_num_queries, db):
    path = tmp_path / "demo.csv"
    path.write_bytes(year_csv(2025))
    with django_assert_num_queries(0):
        payload = account(path)
    assert payload["total_tco2e"] > 0
    assert len(payload["rows"]) > 300


def test_cems_account_reports_bad_rows(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(
        "source,period,method,quantity,unit\nS18,2025-01,purchased_electricity,12,furlong\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("cems_account", str(path))
    assert "furlong" in capsys.readouterr().err


@pytest.mark.django_db
def test_cems_import(tmp_path, enterprise, data_submitter, capsys):
    path = tmp_path / "demo-2025.csv"
    path.write_bytes(year_csv(2025))
    args = [str(path), "--user", data_submitter.username, "--start", "2025-01", "--end", "2025-12"]
    call_command("cems_import", *args)
    dataset = Dataset.objects.get()
    assert dataset.submitted_by == data_submitter
    assert dataset.channel == "command"
    call_command("cems_import", *args)
    assert Dataset.objects.count() == 1
    assert "unchanged" in capsys.readouterr().out


@pytest.mark.django_db
def test_cems_import_refuses_bad_file(tmp_path, enterprise, data_submitter):
    path = tmp_path / "bad.csv"
    path.write_text(
        "source,period,method,quantity,unit\nS99,2025-01,purchased_electricity,12,MWh\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command(
            "cems_import", str(path), "--user", data_submitter.username, "--start", "2025-01"
        )
    assert not Dataset.objects.exists()
