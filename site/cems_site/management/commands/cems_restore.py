"""``manage.py cems_restore IN``: verify a ``cems_backup`` archive and restore it (7.5.3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cems_site.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a cems_backup archive into an empty database and empty media and private "
        "folders, after checking every file's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by cems_backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data; non-empty folders are moved aside.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, **options):
        try:
            done = backup_restore(
                options["archive"], force=options["force"], using=options["database"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Restored the backup of %(created)s (%(cems)s): tables %(tables)d, rows %(rows)d, "
                "media files %(media)d, private files %(private)d."
            )
            % {
                "created": done["created"],
                "cems": done["versions"]["cems"],
                "tables": done["tables"],
                "rows": done["rows"],
                "media": done["files"]["media"],
                "private": done["files"]["private"],
            }
        )
        if count := done["pending_migrations"]:
            self.stdout.write(
                ngettext(
                    "%(count)d migration of this code is not applied yet: run manage.py migrate.",
                    "%(count)d migrations of this code are not applied yet: run manage.py migrate.",
                    count,
                )
                % {"count": count}
            )
