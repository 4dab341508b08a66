"""Celery application. Configured from the `CELERY_*` Django settings.

With no `CELERY_BROKER_URL` the settings make tasks run eagerly in-process; with a Redis broker a
real worker and beat run them (`celery -A coalition worker -B`).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

app = Celery("coalition")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_periodic_tasks(sender: Celery, **_: object) -> None:
    # Imported here: the schedule needs Django settings, which are ready only after finalize.
    from django.conf import settings

    sender.conf.beat_schedule = {
        "refresh-treaties-from-untc": {
            "task": "ratification.tasks.treaties_refresh_all",
            "schedule": settings.UNTC_REFRESH_HOURS * 3600.0,
        },
        "remind-partners-to-verify": {
            "task": "partners.tasks.partners_send_verification_reminders",
            "schedule": 24 * 3600.0,
        },
        "purge-unconfirmed-pledges": {
            "task": "campaigns.tasks.pledges_purge_unconfirmed",
            "schedule": 3600.0,
        },
    }
