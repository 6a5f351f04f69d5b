"""``manage.py cems_run`` (6.3.1): what it refuses (an unknown user, GWP set, factor set or
approver, no factor set at all, a run that fails) and the factor sets it is told to use."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from calculators.models import AccountingRun, FactorSet, RunStatus

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("cems_run", "--year", "2025", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody"], "No user 'nobody'."),
        (["--gwp", "AR9"], "No GWP set 'AR9'."),
        (["--factor-set", "no_such_set"], "No factor set 'no_such_set'."),
    ],
)
def test_unknown_names_are_refused_before_any_run(args, message):
    with pytest.raises(CommandError) as error:
        _run(*args)
    assert str(error.value) == message
    assert not AccountingRun.objects.exists()


def test_without_a_built_in_factor_set_nothing_runs():
    FactorSet.objects.update(is_builtin=False)
    with pytest.raises(CommandError, match="No factor set found; run cems_load_factors."):
        _run()
    assert not AccountingRun.objects.exists()


def test_a_year_without_approved_data_is_a_failed_run():
    with pytest.raises(CommandError) as error:
        _run("--year", "1999")
    run = AccountingRun.objects.get()
    assert run.status != RunStatus.DONE
    assert str(error.value).startswith(f"run {run.pk} {run.status}: ")


def test_the_sets_named_and_the_creator_are_recorded(approved_year, admin_user):
    builtin = FactorSet.objects.filter(is_builtin=True).order_by("key", "-version")
    keys = list(dict.fromkeys(builtin.values_list("key", flat=True)))
    args = [arg for key in keys for arg in ("--factor-set", key)]
    out = _run("--gwp", "gwp_ar6", "--user", admin_user.username, *args)
    run = AccountingRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.created_by == admin_user
    assert run.gwp_set.key == "AR6"
    latest = {fs.key: fs for fs in reversed(list(builtin))}
    assert set(run.factor_sets.all()) == set(latest.values())
    assert out.startswith(f"run {run.pk}: {run.input_rows} rows, total ")


def test_an_unknown_approver_leaves_the_run_done(approved_year):
    with pytest.raises(CommandError, match="No user 'nobody'."):
        _run("--approve-as", "nobody")
    assert AccountingRun.objects.get().status == RunStatus.DONE
