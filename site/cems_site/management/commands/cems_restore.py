"""``manage.py cems_restore IN``: verify a ``cems_backup`` archive and restore it (7.5.3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cems_site.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = _(
        "Restore a cems_backup archive into an empty database and empty media and private "
        "folders, after checking every file's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=_("The archive written by cems_backup."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Replace a database that holds data; non-empty folders are moved aside."),
        )
        parser.add_argument("--database", default="default", help=_("Database alias."))

    def handle(self, *args, **options):
        try:
            done = backup_restore(
                options["archive"], force=options["force"], using=options["database"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Restored the backup of %(created)s (%(cems)s): %(tables)d tables, %(rows)d rows, "
                "%(media)d media files, %(private)d private files."
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
        if done["pending_migrations"]:
            self.stdout.write(
                _("%(count)d migrations of this code are not applied yet: run manage.py migrate.")
                % {"count": done["pending_migrations"]}
            )
