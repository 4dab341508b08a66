"""Create the coalition's three reference campaigns as drafts. Idempotent, keeps staff edits.

Run after ratification's `load_reference_data` (as `make setup` does): the ratification call
names the ICRMW, and without that treaty it is created with no target country.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from campaigns.services.reference_data import campaigns_load_reference


class Command(BaseCommand):
    help = (
        "Create the reference campaigns (as drafts) that do not exist yet; existing ones are "
        "left as staff left them. Run after load_reference_data."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for loaded in campaigns_load_reference():
            state = "created (draft)" if loaded.created else "exists, left as is"
            self.stdout.write(f"campaign {loaded.slug}: {state}")
