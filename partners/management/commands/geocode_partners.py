"""Geocode partners in bulk: `geocode_partners [--all|--pending] [--sync]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from partners import geocoding_tasks
from partners.geocoding import GeocoderUnavailableError
from partners.services.geocoding import partner_geocode, partners_geocode_queryset_ids


class Command(BaseCommand):
    help = (
        "Geocode partners whose location is pending, retrying or failed (default), or all "
        "partners with --all. Locations set by hand are never touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--all", action="store_true", help="Every partner.")
        scope.add_argument("--pending", action="store_true", help="Only unlocated ones (default).")
        parser.add_argument(
            "--sync",
            action="store_true",
            help="Geocode in this process instead of queueing one Celery task per partner.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = partners_geocode_queryset_ids(only_pending=not options["all"])
        if not options["sync"]:
            for partner_id in ids:
                geocoding_tasks.partner_geocode.delay(partner_id)
            self.stdout.write(f"Queued {len(ids)} partner(s) for geocoding.")
            return
        failed = 0
        for partner_id in ids:
            try:
                partner_geocode(partner_id=partner_id)
            except GeocoderUnavailableError as exc:
                # Keep going: the status says "retrying" and a later run picks it up again.
                failed += 1
                self.stderr.write(f"Partner {partner_id}: geocoder unavailable ({exc})")
        self.stdout.write(f"Geocoded {len(ids) - failed} partner(s); {failed} unavailable.")
