"""Import partners from a CSV file: `import_partners PATH [--dry-run]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partners.services.csv_io import partners_import_csv


class Command(BaseCommand):
    help = (
        "Create or update partners from a CSV file (columns documented in "
        "partners/services/csv_io.py). Any invalid row means nothing is applied."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as handle:
            report = partners_import_csv(file=handle, user=None, dry_run=options["dry_run"])
        for message in report.file_errors:
            self.stderr.write(message)
        for row in report.error_rows:
            for field_name, messages in row.errors.items():
                self.stderr.write(
                    f"Row {row.row} ({row.slug or row.name}): {field_name}: " + " ".join(messages)
                )
        if not report.is_valid:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
