"""Structured problems of the pure accounting core (8.5: every error names row, column, value).

Shared by :mod:`calculators.core.intake` (a file's problems) and :mod:`calculators.core.engine`
(missing factors, unknown gases and GWP sets), so the parser does not import the engine.
No Django: ``message`` is a template of :mod:`calculators.core.messages`, translated by the
Django layer when shown (``gettext(issue.message) % issue.params``).
"""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Issue:
    """A structured, translatable problem: message template (messages.py) and its params."""

    code: str
    message: str
    params: dict = field(default_factory=dict)

    @property
    def row(self):
        return self.params.get("row")

    @property
    def column(self):
        return self.params.get("column")

    @property
    def value(self):
        return self.params.get("value")

    def __str__(self) -> str:
        return self.message % self.params


class EngineError(ValueError):
    """The engine cannot compute: ``issues`` lists every row and factor that is missing."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(i) for i in issues[:5]))
        self.issues = issues


def plain(value):
    """Python scalars only in params (numpy scalars would leak into JSON and messages)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def issue(code: str, message: str, **params) -> Issue:
    """An :class:`Issue` whose params are plain Python scalars."""
    return Issue(code, message, {k: plain(v) for k, v in params.items()})
