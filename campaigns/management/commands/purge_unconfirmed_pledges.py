"""Delete pledges left unconfirmed past PLEDGE_UNCONFIRMED_DAYS (beat does this hourly; this is
for deployments without a beat process)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from campaigns.services.pledges import pledge_purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete pledges never confirmed within PLEDGE_UNCONFIRMED_DAYS, with their personal data."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = pledge_purge_unconfirmed()
        self.stdout.write(
            f"Deleted {deleted} pledge(s) unconfirmed after {settings.PLEDGE_UNCONFIRMED_DAYS} days."
        )
