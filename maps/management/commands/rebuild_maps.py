"""Render the default maps now (what the Celery task does after a data change)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from maps.cache import map_data_version, map_data_version_bump
from maps.rendering import maps_render_defaults


class Command(BaseCommand):
    help = "Render and cache the default maps (the ICRMW today, every layer, every language)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Bump the data version first, so every map renders again from the database.",
        )

    def handle(self, *args: Any, fresh: bool = False, **options: Any) -> None:
        if fresh:
            map_data_version_bump()
        count = maps_render_defaults()
        self.stdout.write(
            self.style.SUCCESS(f"Rendered {count} maps (data version {map_data_version()}).")
        )
