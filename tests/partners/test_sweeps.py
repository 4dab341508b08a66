"""Beat recovers partner work whose task the broker never carried (core.broker fails soft)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from partners import tasks
from partners.models import Partner, PartnerImportJob
from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _idle(queryset, minutes: int) -> None:
    queryset.update(updated_at=timezone.now() - datetime.timedelta(minutes=minutes))


def test_partners_left_waiting_for_a_location_are_queued_again():
    stalled = PartnerFactory(geocode_status=Partner.GeocodeStatus.PENDING)
    retrying = PartnerFactory(geocode_status=Partner.GeocodeStatus.RETRYING)
    fresh = PartnerFactory(geocode_status=Partner.GeocodeStatus.PENDING)
    PartnerFactory(  # set by hand: never geocoded
        geocode_status=Partner.GeocodeStatus.PENDING,
        location_source=Partner.LocationSource.MANUAL,
    )
    PartnerFactory(geocode_status=Partner.GeocodeStatus.OK)  # located already
    _idle(Partner.objects.exclude(pk=fresh.pk), minutes=31)
    with mock.patch.object(tasks.partner_geocode, "delay") as queued:
        tasks.partners_geocode_stalled.apply()
    assert sorted(call.args[0] for call in queued.call_args_list) == sorted(
        [stalled.pk, retrying.pk]
    )


def test_import_jobs_never_queued_are_queued_again():
    user = StaffFactory()
    stalled = PartnerImportJob.objects.create(created_by=user, content="x")
    fresh = PartnerImportJob.objects.create(created_by=user, content="y")
    PartnerImportJob.objects.create(  # finished
        created_by=user, content="z", state=PartnerImportJob.State.DONE
    )
    _idle(PartnerImportJob.objects.exclude(pk=fresh.pk), minutes=6)
    with mock.patch.object(tasks.partner_import_job_run, "delay") as queued:
        tasks.partner_import_jobs_requeue_stalled.apply()
    queued.assert_called_once_with(str(stalled.pk))


def test_beat_runs_every_sweep():
    from coalition.celery import app

    app.loader.import_default_modules()
    app.finalize()
    app.on_after_finalize.send(sender=app)
    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "core.tasks.mail_deliver",
        "core.tasks.mail_outbox_purge",
        "partners.tasks.partners_geocode_stalled",
        "partners.tasks.partner_import_jobs_requeue_stalled",
        "partners.tasks.join_requests_notify_staff",
    } <= tasks_scheduled
    for name in tasks_scheduled:
        assert name in app.tasks, name
