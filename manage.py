#!/usr/bin/env python
"""Django's command-line utility for cems."""

import os
import sys
from pathlib import Path


def main():
    # `site` is a standard-library module name, so the project package lives inside site/.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.dev")
    # commands that need no app (cems_account) start without them: calculators/management/light.py
    from calculators.management.light import run_light_command  # noqa: PLC0415 — needs sys.path above

    if run_light_command(sys.argv):
        return
    # after sys.path and the settings module are set, as Django's own manage.py does
    from django.core.management import execute_from_command_line  # noqa: PLC0415 — needs sys.path above

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
