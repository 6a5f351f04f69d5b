"""Inputs to the management review that other apps contribute (9.5).

``cems_registers`` is the bottom layer and imports no other app, yet a review must also look
at carbon performance, the latest assessment and deviation alerts (9.5 c, 9.1, 6.4), which
``calculators`` holds. An app registers a collector in its ``AppConfig.ready``::

    register_review_input("performance", collect_performance)

A collector takes ``since`` (the previous review's date or None) and ``until`` (this review's
date) and returns a :class:`ReviewSection` or None. Sections are stored in the review's JSON
snapshot, so the pack shows what the review saw when it was held. Titles, column headings and
text cells are msgids, translated when shown (plain data passes through ``gettext`` unchanged);
collectors run with translation deactivated, so a choice label is stored as its msgid.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.utils import translation


@dataclass(frozen=True)
class ReviewSection:
    """A table in the review's inputs: ``rows`` of JSON-safe cells under ``columns``."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[list] = field(default_factory=list)
    #: a msgid shown under the table (e.g. where the numbers come from)
    note: str = ""
    #: named values for ``note`` (``%(name)s`` placeholders)
    note_params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["columns"] = list(self.columns)
        return data


Collector = Callable[..., "ReviewSection | None"]
_COLLECTORS: dict[str, Collector] = {}


def register_review_input(key: str, collect: Collector) -> None:
    """Add (or replace) the collector of the input ``key``."""
    _COLLECTORS[key] = collect


def contributed_inputs(*, since: dt.date | None, until: dt.date) -> list[dict]:
    """Every registered collector's section, in registration order, as stored in the snapshot."""
    sections = []
    for collect in _COLLECTORS.values():
        # choice labels and other lazy strings are stored as their msgids, so the pack is
        # shown in its reader's language, not in the language of whoever gathered it
        with translation.override(None):
            section = collect(since=since, until=until)
        if section is not None:
            sections.append(section.as_dict())
    return sections
