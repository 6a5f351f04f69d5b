"""Shared fixtures: one user per role (clause 5.3 roles, see cems_registers.roles)."""

import pytest

from cems_registers.roles import Role


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
