"""Model fields of cems_pages.

:class:`MultipleChoiceJSONField` stores a list of choice values as JSON (portable between
SQLite and PostgreSQL, unlike ArrayField) and edits it as check boxes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MultipleChoiceJSONField(models.JSONField):
    """A JSON list of values taken from ``choices``; the form shows check boxes."""

    def __init__(self, *args, choices=None, **kwargs):
        self.multiple_choices = list(choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.multiple_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {str(key) for key, _label in self.multiple_choices}
        for item in value or []:
            if str(item) not in allowed:
                raise ValidationError(
                    _("%(value)s is not one of the available choices."),
                    code="invalid_choice",
                    params={"value": item},
                )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.multiple_choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )
