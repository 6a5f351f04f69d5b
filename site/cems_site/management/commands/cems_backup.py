"""``manage.py cems_backup OUT``: database, media and private files in one archive (7.5.3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cems_site.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database, media and private files with a manifest of hashes into one "
        "archive (.tar.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The archive to write.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, **options):
        out = options["out"]
        if out.exists():
            raise CommandError(_("%(file)s exists already; choose a new name.") % {"file": out})
        try:
            manifest = backup_create(out, using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            _("Backed up into %(out)s: tables %(tables)d, rows %(rows)d, files %(files)d.")
            % {
                "tables": len(manifest["tables"]),
                "rows": rows,
                "files": len(manifest["files"]) - 1,
                "out": out,
            }
        )
