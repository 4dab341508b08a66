"""Celery application. Configured from the `CELERY_*` Django settings.

With no `CELERY_BROKER_URL` the settings make tasks run eagerly in-process; with a Redis broker a
real worker and beat run them (`celery -A coalition worker -B`).

Every task publishes fail-soft (`core.broker.FailSoftTask`): a broker outage is logged, never
raised into the request that already committed. What was not queued then is recovered by beat:
the mail outbox sweep sends every e-mail still waiting, the geocoding sweep queues partners
still waiting for a location, stalled CSV import jobs are queued again and the staff digest of
join requests goes out hourly if its scheduling failed. Maps need no sweep:
a change bumps the map data version in the cache and the next request renders afresh.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

app = Celery("coalition", task_cls="core.broker:FailSoftTask")
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
        # The outbox sweep: sends what no post-commit nudge reached the worker for (broker down
        # at the time), and the retries once their backoff is over.
        "deliver-queued-mail": {
            "task": "core.tasks.mail_deliver",
            "schedule": settings.MAIL_SWEEP_SECONDS,
        },
        "purge-old-mail": {
            "task": "core.tasks.mail_outbox_purge",
            "schedule": 24 * 3600.0,
        },
        # Work whose task was never queued (broker down when the partner was saved or the
        # import started).
        "geocode-stalled-partners": {
            "task": "partners.tasks.partners_geocode_stalled",
            "schedule": 15 * 60.0,
        },
        "run-stalled-import-jobs": {
            "task": "partners.tasks.partner_import_jobs_requeue_stalled",
            "schedule": 5 * 60.0,
        },
        # The digest is normally scheduled by the first request; this sends it if that failed.
        "announce-join-requests": {
            "task": "partners.tasks.join_requests_notify_staff",
            "schedule": 3600.0,
        },
    }
