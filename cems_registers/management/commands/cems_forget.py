"""Erase a person's communications on request: log entries, form submissions, history.

``manage.py cems_forget --email EMAIL`` deletes every communication-log entry sent by or to
that address (any case) with its field history and audit-log rows, and every Wagtail form
submission that gave it (the feedback form), then prints what it removed. Nonconformities
raised from the person's complaints and interested parties the entries were linked to are
records of the system, not of the person: they are kept and listed. ``--dry-run`` lists
without deleting.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from wagtail.contrib.forms.models import FormSubmission

from cems_registers.models.communications import Communication
from cems_registers.services.communications import communications_forget


class DryRun(Exception):
    """Rolls the transaction back after counting."""


def form_submissions(email: str):
    """Wagtail form submissions whose ``email`` field is ``email`` (any case)."""
    if not apps.is_installed("wagtail.contrib.forms"):
        return None

    wanted = email.strip().lower()
    ids = [
        pk
        for pk, data in FormSubmission.objects.values_list("pk", "form_data").iterator()
        if isinstance(data, dict) and str(data.get("email", "")).strip().lower() == wanted
    ]
    return FormSubmission.objects.filter(pk__in=ids)


class Command(BaseCommand):
    help = "Delete a person's communications and feedback submissions (by e-mail address)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the person's e-mail address")
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args, email: str, dry_run: bool = False, **options):
        try:
            validate_email(email.strip())
        except ValidationError as exc:
            raise CommandError(f"not an e-mail address: {email!r}") from exc
        try:
            with transaction.atomic():
                submissions = form_submissions(email)
                references = sorted(
                    {
                        str((s.form_data or {}).get("reference", "")) or f"#{s.pk}"
                        for s in (submissions if submissions is not None else [])
                    }
                )
                count = submissions.count() if submissions is not None else 0
                if submissions is not None:
                    submissions.delete()
                done = communications_forget(email=email)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        verb = "would delete" if dry_run else "deleted"
        out = self.stdout
        entries = ", ".join(done.references) or "none"
        out.write(f"{verb} {len(done.references)} communication-log entries: {entries}")
        out.write(f"{verb} {done.history_rows} history rows, {done.log_entries} audit-log rows")
        out.write(f"{verb} {count} form submissions: {', '.join(references) or 'none'}")
        if done.nonconformities_kept:
            out.write(
                "kept nonconformities raised from them: " + ", ".join(done.nonconformities_kept)
            )
        if done.parties_kept:
            out.write(
                "kept interested parties they were linked to: " + ", ".join(done.parties_kept)
            )
        remaining = Communication.objects.filter(email__iexact=email.strip()).count()
        if remaining and not dry_run:
            raise CommandError(f"{remaining} entries remain")
