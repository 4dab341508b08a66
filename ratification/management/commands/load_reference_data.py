"""Load countries (UN M49), the 18 core treaties and their shipped UNTC pages. Idempotent."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratification.services.reference_data import reference_data_load


class Command(BaseCommand):
    help = (
        "Load UN M49 countries, the 18 core human-rights treaties and the UNTC status pages "
        "shipped in ratification/data/. Safe to run repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-import every page even if it is not newer than the data already loaded.",
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        started = time.monotonic()
        results = reference_data_load(force=force)
        for r in results:
            line = (
                f"{r.slug:<10} {r.outcome:<9} as at {r.as_of}  parties {r.parties}  "
                f"signatories {r.signatories}"
            )
            if r.outcome == "imported":
                line += f"  (+{r.added} ~{r.changed} -{r.missing})"
            if r.error:
                line += f"  {r.error}"
            self.stdout.write(line)
        failed = [r.slug for r in results if r.outcome == "failed"]
        self.stdout.write(f"{len(results)} treaties in {time.monotonic() - started:.1f} s.")
        if failed:
            raise CommandError(f"Could not import: {', '.join(failed)}")
