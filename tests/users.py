"""Users in role groups (clause 5.3 roles, see cems_registers.roles), for fixtures and layers."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def role_user(username: str, *roles: str, superuser: bool = False, **extra):
    """The user ``username`` in the given role groups, created unless a layer already made it.

    A fixture layer (tests/layers.py) may have created the same user for the module; the role
    fixtures then hand out that user, as they would their own.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
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
