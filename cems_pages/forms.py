"""Admin form of the controlled documents (7.3.3: a new version says when it takes effect)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ControlledDocumentForm(WagtailAdminPageForm):
    """A changed ``version`` needs its own effective date.

    Keeping the previous version's effective date is refused with a message on the field (the
    form prompts for the new date); left blank, the date is the day of publication. The next
    review date, unless changed too, is recomputed from the new effective date.
    """

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or "version" not in self.fields:
            return cleaned
        old_version = (self.initial.get("version") or "").strip()
        new_version = (cleaned.get("version") or "").strip()
        if not new_version or new_version == old_version:
            return cleaned
        old_date = self.initial.get("effective_date")
        new_date = cleaned.get("effective_date")
        if old_date and new_date == old_date:
            self.add_error(
                "effective_date",
                _(
                    "Version %(version)s is a new version: enter the date it takes effect "
                    "(%(date)s was the date of version %(old)s), or leave it blank to use "
                    "the day it is published."
                )
                % {"version": new_version, "old": old_version, "date": old_date.isoformat()},
            )
        if cleaned.get("next_review_date") == self.initial.get("next_review_date"):
            cleaned["next_review_date"] = None
        return cleaned
