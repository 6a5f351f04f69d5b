"""The latest readiness assessment as an input of the management review (9.5).

Registered in :meth:`cems_site.readiness.apps.ReadinessConfig.ready` through
:func:`cems_registers.review_inputs.register_review_input`, as ``calculators`` does.
"""

import datetime as dt

from django.utils.translation import gettext_noop

from cems_registers.review_inputs import ReviewSection, register_review_input

from .display import percent
from .models import ReadinessAssessment


def collect_readiness(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """The score per chapter of the latest assessment taken on or before ``until`` (one query)."""

    assessment = ReadinessAssessment.objects.filter(as_of__lte=until).first()
    if assessment is None:
        return None
    results = assessment.results
    rows = [
        [
            c["chapter"],
            c["title"],
            percent(c["score"]),
            c["met"],
            c["partly"],
            c["not_met"],
            c["not_applicable"],
        ]
        for c in results.get("chapters", [])
    ]
    return ReviewSection(
        key="readiness",
        title=gettext_noop("Clause readiness against T/CSES 146—2024"),
        columns=(
            gettext_noop("Chapter"),
            gettext_noop("Title"),
            gettext_noop("Score"),
            gettext_noop("Met"),
            gettext_noop("Partly met"),
            gettext_noop("Not met"),
            gettext_noop("Not applicable"),
        ),
        rows=rows,
        note=gettext_noop("Self-assessment of %(date)s; overall score %(score)s."),
        note_params={"date": assessment.as_of.isoformat(), "score": percent(assessment.score)},
    )


def register() -> None:
    register_review_input("readiness", collect_readiness)
