"""Django's `loaddata`, with django-simple-history switched off while it runs.

A fixture or a full export (docs/deploy.md, "Moving the data") carries the history rows
themselves. Django saves loaded rows with `raw=True`, which simple-history honours for the row,
but then it sets each many-to-many field, and simple-history's `m2m_changed` handler records that
as a new change: importing a partner with two languages added history rows that never happened.
With history off during the load, an export loaded into an empty database is the export, row for
row (tests/coalition/test_data_round_trip.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    help = f"{loaddata.Command.help} History is not recorded for the loaded rows."

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
        settings.SIMPLE_HISTORY_ENABLED = False
        try:
            super().handle(*fixture_labels, **options)
        finally:
            settings.SIMPLE_HISTORY_ENABLED = previous
