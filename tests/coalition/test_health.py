"""`/healthz` stays cheap; `/healthz/ready` reports every service, 503 when a required one is
down, and never shows a secret (issue 13, "/healthz")."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from health_check import checks
from health_check.exceptions import ServiceUnavailable

from ratification.models import ImportRun
from tests.conftest import closed_port

pytestmark = pytest.mark.django_db

READY = "/healthz/ready"


def test_liveness_touches_no_service(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.head(reverse("healthz")).status_code == 200


def test_readiness_reports_each_service(client):
    ImportRun.objects.create(source="https://treaties.un.org/x", status=ImportRun.Status.NO_CHANGE)
    response = client.get(READY)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    checks_ = body["checks"]
    assert set(checks_) == {"database", "cache", "broker", "outbox", "untc_refresh"}
    assert checks_["database"]["status"] == "ok"
    assert checks_["cache"]["status"] == "ok"
    assert checks_["broker"] == {"status": "ok", "required": True, "seconds": mock.ANY} | {
        "configured": False
    }  # tasks run in-process: no broker to ask
    assert checks_["untc_refresh"]["status"] == "ok"
    assert checks_["untc_refresh"]["age_hours"] == 0.0
    assert response["Cache-Control"].startswith("max-age=0")
    assert reverse("healthz-ready") == READY  # matches SECURE_REDIRECT_EXEMPT's ^healthz


def test_readiness_answers_head(client):
    assert client.head(READY).status_code == 200


def test_readiness_is_exempt_from_the_ssl_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(READY).status_code == 200
    assert client.get("/healthz/readyz").status_code == 301  # the exact path only


def test_an_old_or_missing_untc_refresh_is_a_warning_not_a_503(client, settings):
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["untc_refresh"] == {
        "status": "warning",
        "required": False,
        "seconds": mock.ANY,
        "age_hours": None,
    }
    run = ImportRun.objects.create(source="upload.html", status=ImportRun.Status.APPLIED)
    long_ago = timezone.now() - datetime.timedelta(hours=2 * settings.UNTC_REFRESH_HOURS + 1)
    ImportRun.objects.filter(pk=run.pk).update(created_at=long_ago)
    entry = client.get(READY).json()["checks"]["untc_refresh"]
    assert entry["status"] == "warning"
    assert entry["age_hours"] == pytest.approx(2 * settings.UNTC_REFRESH_HOURS + 1, abs=0.1)
    # A failed run is not a refresh.
    ImportRun.objects.create(source="https://treaties.un.org/y", status=ImportRun.Status.FAILED)
    assert client.get(READY).json()["checks"]["untc_refresh"]["status"] == "warning"


def test_cache_down_is_503_within_bounded_time(client, redis_down):
    started = time.monotonic()
    response = client.get(READY)
    assert time.monotonic() - started < 2.0
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "ok"
    assert "redis" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_database_down_is_503_and_names_no_host(client):
    error = ServiceUnavailable('connection to server at "db.internal" (10.0.0.5) failed')
    with mock.patch.object(checks.Database, "run", side_effect=error):
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "unavailable"
    assert b"db.internal" not in response.content
    assert b"10.0.0.5" not in response.content


def test_broker_refusing_is_503_without_its_url(client, monkeypatch):
    from coalition.celery import app

    url = f"redis://:broker-secret@127.0.0.1:{closed_port()}/0"
    app.conf.CELERY_TASK_ALWAYS_EAGER = False  # restored by the conftest fixture
    # Celery reads CELERY_BROKER_URL from the environment before its own settings, and
    # `make test-services` exports the machine's broker there.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    previous = app.conf.CELERY_BROKER_URL
    app.conf.CELERY_BROKER_URL = url
    try:
        started = time.monotonic()
        response = client.get(READY)
        elapsed = time.monotonic() - started
    finally:
        app.conf.CELERY_BROKER_URL = previous
    assert response.status_code == 503
    assert elapsed < 3.0
    body = response.content.decode()
    assert response.json()["checks"]["broker"]["status"] == "unavailable"
    assert "broker-secret" not in body
    assert "127.0.0.1" not in body


def test_the_outbox_backlog_is_counted_and_an_old_one_is_a_warning(client):
    from django.apps import apps

    if not apps.is_installed("post_office"):
        assert client.get(READY).json()["checks"]["outbox"]["installed"] is False
        return
    email = apps.get_model("post_office", "Email")
    fresh = email.objects.create(
        from_email="x@example.org", to=["a@example.org"], subject="s", message="m", status=2
    )
    entry = client.get(READY).json()["checks"]["outbox"]
    assert (entry["status"], entry["queued"], entry["failed"]) == ("ok", 1, 0)
    email.objects.create(
        from_email="x@example.org", to=["b@example.org"], subject="s", message="m", status=1
    )
    old = timezone.now() - datetime.timedelta(minutes=20)
    email.objects.filter(pk=fresh.pk).update(created=old)
    response = client.get(READY)
    entry = response.json()["checks"]["outbox"]
    assert response.status_code == 200  # reported, never a reason to take a node out
    assert (entry["status"], entry["queued"], entry["failed"]) == ("warning", 1, 1)
    assert entry["oldest_queued_seconds"] >= 20 * 60
