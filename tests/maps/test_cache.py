"""The data version: every write a map shows bumps it after commit (admin included)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from maps import cache as maps_cache
from maps.cache import map_data_version
from partners.services.profiles import partner_set_published, partner_update
from ratification.models import ActionKind
from ratification.services.actions import treaty_action_create
from tests.factories import PartnerFactory, StaffFactory, TreatyActionFactory

pytestmark = pytest.mark.django_db


def test_version_starts_at_one_and_bumps_only_after_commit(django_capture_on_commit_callbacks):
    assert map_data_version() == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        PartnerFactory()
    assert map_data_version() == 1  # nothing yet: the transaction could still roll back
    for callback in callbacks:
        callback()
    assert map_data_version() > 1


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda p: partner_update(partner=p, city="Tijuana"), id="update"),
        pytest.param(lambda p: partner_set_published(partner=p, published=False), id="unpublish"),
        pytest.param(lambda p: partner_update(partner=p, latitude=1, longitude=2), id="geocode"),
        pytest.param(lambda p: p.delete(), id="delete"),
    ],
)
def test_partner_writes_bump_the_version(write, django_capture_on_commit_callbacks):
    partner = PartnerFactory()
    before = map_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        write(partner)
    assert map_data_version() > before


def test_bookkeeping_saves_do_not_bump(django_capture_on_commit_callbacks):
    partner = PartnerFactory()
    before = map_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        partner.geocode_attempts = 3
        partner.save(update_fields=["geocode_attempts"])
    assert map_data_version() == before


def test_treaty_action_service_bumps(icrmw, django_capture_on_commit_callbacks):
    before = map_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        treaty_action_create(
            treaty=icrmw,
            country="AR",
            kind=ActionKind.RATIFICATION,
            date=datetime.date(2007, 2, 23),
        )
    assert map_data_version() > before


def test_admin_edit_of_an_action_bumps(client, icrmw, django_capture_on_commit_callbacks):
    action = TreatyActionFactory(
        treaty=icrmw, country="AR", kind=ActionKind.SIGNATURE, date=datetime.date(2004, 8, 10)
    )
    client.force_login(StaffFactory(is_superuser=True))
    before = map_data_version()
    url = reverse("admin:ratification_treatyaction_delete", args=[action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert map_data_version() > before


def test_import_apply_bumps_even_for_bulk_created_actions(
    icrmw, django_capture_on_commit_callbacks
):
    from ratification.models import ImportRun

    run = ImportRun.objects.create(treaty=icrmw, status=ImportRun.Status.PREVIEWED, diff={})
    before = map_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        run.status = ImportRun.Status.APPLIED
        run.save(update_fields=["status"])
    assert map_data_version() > before


def test_rerender_is_queued_once_for_many_changes(settings, django_capture_on_commit_callbacks):
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False  # restored by the conftest fixture
    with (
        mock.patch("maps.tasks.maps_rerender_defaults.apply_async") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        PartnerFactory.create_batch(5)
    queued.assert_called_once_with(countdown=maps_cache.RERENDER_DEBOUNCE_SECONDS)


def test_no_rerender_is_queued_without_a_worker(django_capture_on_commit_callbacks):
    with (
        mock.patch("maps.tasks.maps_rerender_defaults.apply_async") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        PartnerFactory()
    queued.assert_not_called()


def test_a_broker_outage_does_not_fail_the_write(django_capture_on_commit_callbacks):
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch(
            "maps.tasks.maps_rerender_defaults.apply_async", side_effect=OSError("broker down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        partner = PartnerFactory()
    assert partner.pk is not None
    from django.core.cache import cache

    assert cache.get(maps_cache.RERENDER_PENDING_KEY) is None  # the next change tries again
