"""``manage.py cems_evidence RUN_ID --out FILE``: the evidence pack of an approved run (6.3.3, 9.3).

The same builder as the admin's pack; a second build of the same run is byte-identical. A run
that is not approved is refused and no file is written.
"""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from calculators.models import AccountingRun
from cems_site.evidence.builder import pack_write


class Command(BaseCommand):
    help = "Build the evidence pack (ZIP) of an approved accounting run."

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int)
        parser.add_argument("--out", required=True, help="Path of the ZIP to write.")

    def handle(self, *args, run_id, out, **options):
        run = AccountingRun.objects.filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"Accounting run #{run_id} does not exist.")
        target = Path(out)
        fd, partial = tempfile.mkstemp(prefix=".cems-evidence-", dir=target.parent or ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                manifest = pack_write(run=run, out=handle)
            os.replace(partial, target)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        self.stdout.write(f"{target}: {len(manifest['files'])} files")
