"""Shared fixtures: one user per role (clause 5.3 roles, see cems_registers.roles).

Also the test database on SQLite: a copy of a migrated template kept under ``var/test-db/``
(:mod:`tests.sqlite_template`), so a run migrates only when the migrations changed.
"""

import pytest

from cems_registers.roles import Role

from . import sqlite_template


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


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """Keep (never recreate) the SQLite copy: it is migrated already and deleted at the end."""
    return request.config.getvalue("reuse_db") or sqlite_template.uses_sqlite_template()


@pytest.fixture(scope="session")
def django_db_createdb(request):
    """``--create-db`` rebuilds the SQLite template (:func:`sqlite_template.prepare`) instead."""
    return request.config.getvalue("create_db") and not sqlite_template.uses_sqlite_template()


@pytest.fixture
def make_user(db, django_user_model):
    """Create a user in the given role groups: ``make_user("alice", Role.EDITORS)``."""
    from django.contrib.auth.models import Group

    def _make(username: str, *roles: str, superuser: bool = False, **extra):
        user = django_user_model.objects.create_user(
            username=username,
            password="pw",
            email=extra.pop("email", f"{username}@example.com"),
            is_superuser=superuser,
            is_staff=superuser,
            **extra,
        )
        for role in roles:
            group, _ = Group.objects.get_or_create(name=str(role))
            user.groups.add(group)
        return user

    return _make


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
