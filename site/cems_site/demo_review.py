"""Demo: the management review looks at the whole loop (9.5).

The registers' demo holds the review before any run is approved, so its snapshot lacks the
carbon performance, objectives progress, alerts and assessment that ``calculators`` contributes.
Loaded last by ``cems_demo``; gathers the review's inputs again once, so the demo review uses
all of it. Idempotent: a review whose snapshot already has the performance is left alone.
"""

from cems_registers.models import ManagementReview
from cems_registers.services.management_review import (
    management_review_collect,
    management_review_inputs_text,
)


def load_demo(*, users=None, stdout=None) -> str:
    review = ManagementReview.objects.order_by("-held_on", "-pk").first()
    if review is None:
        return "no review"
    keys = {s.get("key") for s in (review.inputs or {}).get("contributed", [])}
    if "carbon_performance" in keys:
        return f"{review}: inputs already gathered"
    review.inputs = management_review_collect(review=review)
    review.inputs_text = management_review_inputs_text(review.inputs)
    review.full_clean()
    review.save()
    return f"{review}: inputs gathered again with the accounting results"
