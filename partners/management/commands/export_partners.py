"""Export partners as CSV: `export_partners [PATH]` (standard output when no path is given)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from partners.services.csv_io import partners_export_csv


class Command(BaseCommand):
    help = "Write every partner (published or not, with private fields) as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["path"]
        if path is None:
            for chunk in partners_export_csv():
                self.stdout.write(chunk, ending="")
            return
        with path.open("w", encoding="utf-8-sig", newline="") as handle:  # as downloads
            handle.writelines(partners_export_csv())
        self.stderr.write(f"Wrote {path}")
