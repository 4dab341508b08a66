from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from partners.services.demo import demo_partners_load, demo_partners_remove


class Command(BaseCommand):
    help = "Load invented demo partners (names end with ' (demo)'), or remove them with --remove."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--remove", action="store_true", help="Delete every demo partner and nothing else."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove"]:
            removed = demo_partners_remove()
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} demo partners."))
            return
        total = demo_partners_load()
        self.stdout.write(self.style.SUCCESS(f"{total} demo partners loaded."))
