"""``{{ user|person_name }}``: a person by name, not login (see :mod:`cems_registers.people`)."""

from django import template

from ..people import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """The display name of a user ("" for ``None``); issues no query."""
    return _person_name(user)
