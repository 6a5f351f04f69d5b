"""How a register record's values read on screen (clause 7.3: records legible and identifiable).

One rule for the inspect views (and anything else that shows a stored value): blanks as "—",
choices as their labels, yes/no translated, people by name (:mod:`cems_registers.people`),
times in the site's time zone (Asia/Shanghai), dates and numbers localised, text with its line
breaks. :func:`field_value` issues no query when the record's foreign keys are loaded
(many-to-many values use the prefetch cache when there is one).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils import formats, timezone
from django.utils.translation import gettext

from .people import person_name

#: What an empty value reads as.
EMPTY = "—"


def _is_user(obj) -> bool:
    return obj._meta.label == settings.AUTH_USER_MODEL


def plain_value(value) -> str:
    """A Python value as it reads, without knowing its field; no query."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int):
        return formats.localize(value)
    if isinstance(value, models.Model):
        return person_name(value) if _is_user(value) else str(value)
    return str(value)


def field_value(obj, field):
    """The value of model field ``field`` of ``obj`` as the inspect view shows it."""
    if field.many_to_many:
        manager = getattr(obj, field.name)
        related = list(manager.all())
        return ", ".join(plain_value(item) for item in related) or EMPTY
    if field.is_relation:
        return plain_value(getattr(obj, field.name))
    value = getattr(obj, field.attname)
    if value in (None, ""):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.TextField):
        return linebreaksbr(value, autoescape=True)
    if isinstance(field, models.JSONField):
        return EMPTY if not value else str(value)
    return plain_value(value)


def attribute_value(obj, name: str):
    """A computed attribute of ``obj`` (property, method, choice label) as it reads."""
    value = getattr(obj, name)
    if callable(value):
        value = value()
    label = getattr(value, "label", None)
    return str(label) if label is not None else plain_value(value)
