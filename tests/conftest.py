"""Shared fixtures: one user per role (clause 5.3 roles, see cems_registers.roles).

Also the fixture layers (:mod:`tests.layers`), and the test database on SQLite: a copy of a migrated template kept under ``var/test-db/``
(:mod:`tests.sqlite_template`), so a run migrates only when the migrations changed.
"""

import io

from django.core.management import call_command
from django.db import transaction

import pytest

from cems_registers.roles import Role

from . import layers, sqlite_template
from .users import role_user


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_blocker):
    """On SQLite, this process's copy of the migrated template; else pytest-django's suffixes."""
    if not sqlite_template.uses_sqlite_template():
        request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")
        yield
        return
    with django_db_blocker.unblock():
        copy = sqlite_template.prepare(rebuild=request.config.getvalue("create_db"))
    yield
    copy.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def _cems_layer_module(django_db_setup, django_db_blocker):
    """The fixture layers built in this module (tests/layers.py), rolled back at its end."""
    stack = layers.Stack(django_db_blocker)
    yield stack
    stack.close()


@pytest.fixture
def _cems_layer_stack(request, _cems_layer_module):
    """The module's layers brought to exactly those this test uses."""
    _cems_layer_module.ensure(layers.needed(request))
    return _cems_layer_module


@pytest.fixture
def _django_db_helper(_cems_layer_stack, _django_db_helper):
    """pytest-django's per-test transaction, opened after the layers are in place."""
    return _django_db_helper


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    """The full demo (``manage.py cems_demo``) for the whole module, gone at its end.

    On SQLite the module works on a copy of a demo database loaded once
    (:func:`sqlite_template.demo_database`); elsewhere the demo is loaded inside a transaction
    held for the module and rolled back at its end. Not for modules using fixture layers.
    """
    if sqlite_template.uses_sqlite_template():
        with django_db_blocker.unblock(), sqlite_template.demo_database():
            yield
        return
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("cems_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """Keep (never recreate) the SQLite copy: it is migrated already and deleted at the end."""
    return request.config.getvalue("reuse_db") or sqlite_template.uses_sqlite_template()


@pytest.fixture(scope="session")
def django_db_createdb(request):
    """``--create-db`` rebuilds the SQLite template (:func:`sqlite_template.prepare`) instead."""
    return request.config.getvalue("create_db") and not sqlite_template.uses_sqlite_template()


@pytest.fixture
def make_user(db):
    """Create a user in the given role groups: ``make_user("alice", Role.EDITORS)``."""
    return role_user


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", superuser=True)


@pytest.fixture
def editor(make_user):
    return make_user("editor", Role.EDITORS)


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer", Role.REVIEWERS)


@pytest.fixture
def management_representative(make_user):
    return make_user("mr", Role.MANAGEMENT_REPRESENTATIVE)


@pytest.fixture
def top_manager(make_user):
    return make_user("ceo", Role.TOP_MANAGEMENT)


@pytest.fixture
def register_keeper(make_user):
    return make_user("keeper", Role.REGISTER_KEEPERS)


@pytest.fixture
def data_submitter(make_user):
    return make_user("submitter", Role.DATA_SUBMITTERS)


@pytest.fixture
def data_reviewer(make_user):
    return make_user("datareviewer", Role.DATA_REVIEWERS)


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", Role.AUDITORS)
