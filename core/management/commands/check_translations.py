"""Fail when a user-facing string has no Spanish translation.

Runs `makemessages` against a scratch copy of the catalogue, so new strings in code or templates
that nobody has added to `django.po` are caught too, then restores the committed file.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

MAKEMESSAGES_IGNORE = [".venv", "staticfiles", "bench", "tests", "var", "node_modules"]


def catalogue_path(language: str = "es") -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def incomplete_entries(po: polib.POFile) -> list[str]:
    problems = [f"untranslated: {e.msgid[:80]!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid[:80]!r}" for e in po.fuzzy_entries()]
    return problems


class Command(BaseCommand):
    help = "Check that the Spanish catalogue covers every translatable string in the project."

    def handle(self, *args: Any, **options: Any) -> None:
        path = catalogue_path()
        if not path.exists():
            raise CommandError(f"{path} is missing: run `make messages`.")
        with tempfile.TemporaryDirectory() as scratch:
            backup = Path(scratch) / "django.po"
            shutil.copy2(path, backup)
            try:
                call_command(
                    "makemessages",
                    locale=["es"],
                    ignore_patterns=MAKEMESSAGES_IGNORE,
                    verbosity=0,
                )
                problems = incomplete_entries(polib.pofile(str(path)))
            finally:
                shutil.copy2(backup, path)
        if problems:
            listing = "\n".join(problems[:50])
            raise CommandError(
                f"{len(problems)} string(s) lack a Spanish translation "
                f"(run `make messages` and translate them):\n{listing}"
            )
        self.stdout.write(self.style.SUCCESS("Spanish translation complete."))
