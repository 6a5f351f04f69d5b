"""Commands that need none of the project's apps, started without them (issue 13 §3).

``manage.py cems_account FILE`` computes a file with the pure core and the factor library
shipped in ``calculators/data`` (6.3.1, 8.5); it reads no database and no model. Starting the
whole site for it (every app, model, Wagtail hook and API schema: about 1 s of CPU) cost more
than the work itself, so ``manage.py`` hands such a command to :func:`run_light_command`:
Django is set up with the project's language settings and catalogues and no installed app,
and the same :class:`~django.core.management.base.BaseCommand` runs with the same arguments
and output. ``--settings`` or ``--pythonpath`` on the command line take the ordinary path.
"""

import os
from importlib import import_module
from pathlib import Path

#: Command name → module of its ``Command`` class; each needs no app, model or database.
LIGHT_COMMANDS = {"cems_account": "calculators.management.commands.cems_account"}
APP_LOCALES = [Path(__file__).resolve().parents[1] / "locale"]


def run_light_command(argv: list[str]) -> bool:
    """Run ``argv`` (``manage.py NAME …``) without the apps when NAME is a light command;
    ``False`` (nothing done) otherwise."""
    if len(argv) < 2 or argv[1] not in LIGHT_COMMANDS:
        return False
    if any(arg.startswith(("--settings", "--pythonpath")) for arg in argv[2:]):
        return False
    import django  # noqa: PLC0415 — manage.py sets sys.path and the settings module first
    from django.conf import settings  # noqa: PLC0415 — as above

    project = import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    settings.configure(
        INSTALLED_APPS=[],
        USE_I18N=True,
        USE_TZ=project.USE_TZ,
        TIME_ZONE=project.TIME_ZONE,
        LANGUAGE_CODE=project.LANGUAGE_CODE,
        LANGUAGES=project.LANGUAGES,
        # the project's catalogues first, then the app's, as the full start-up reads them
        LOCALE_PATHS=[*project.LOCALE_PATHS, *APP_LOCALES],
    )
    django.setup()
    command = import_module(LIGHT_COMMANDS[argv[1]]).Command()
    command.run_from_argv(argv)
    return True
