"""Import a register from an XLSX or CSV file, all or nothing (same rules as the admin)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cems_registers.imports import IMPORT_SPECS, RegisterImportError, get_spec, import_file


class Command(BaseCommand):
    help = f"Import REGISTER ({', '.join(IMPORT_SPECS)}) from FILE (.xlsx or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("register", choices=sorted(IMPORT_SPECS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username recorded in the history")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--language", default=None, help="language of messages (zh-hans, en)")

    def handle(self, *args, register, file, user, dry_run, language, **options):
        with translation.override(language or translation.get_language() or "zh-hans"):
            try:
                spec = get_spec(register)
            except KeyError as exc:
                raise CommandError(f"register {register} is not installed") from exc
            try:
                importer = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"no user {user}") from exc
            try:
                result = import_file(
                    spec=spec,
                    name=file.name,
                    data=file.read_bytes(),
                    user=importer,
                    dry_run=dry_run,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            except RegisterImportError as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{len(exc.errors)} error(s); nothing was imported") from exc
        self.stdout.write(
            f"{register}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged{' (dry run)' if dry_run else ''}"
        )
