"""Celery tasks: scheduled UNTC refresh. The network is replaced at the fetch boundary."""

from __future__ import annotations

import pytest
import requests

from ratification import tasks
from ratification.models import ImportRun, Treaty, TreatyAction
from ratification.services.catalogue import treaty_sync_from_catalogue
from ratification.treaties import BY_SLUG
from ratification.untc import source as untc_source
from tests.ratification.untc_pages import CMW, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def icrmw() -> Treaty:
    return treaty_sync_from_catalogue(entry=BY_SLUG["icrmw"])


def test_refresh_fetches_the_source_url_and_applies(monkeypatch, icrmw):
    fetched: list[str] = []

    def fake_fetch(url: str) -> bytes:
        fetched.append(url)
        return CMW.read_bytes()

    monkeypatch.setattr(untc_source, "fetch_url", fake_fetch)

    run_id = tasks.treaty_refresh.delay(icrmw.pk).get()

    assert fetched == [icrmw.source_url]
    run = ImportRun.objects.get(pk=run_id)
    assert (run.status, run.source, run.added_count) == (
        ImportRun.Status.APPLIED,
        icrmw.source_url,
        109,
    )
    assert TreatyAction.objects.filter(treaty=icrmw).count() == 109

    # Running it again (e.g. a redelivered message) changes nothing.
    before = snapshot()
    second = ImportRun.objects.get(pk=tasks.treaty_refresh.delay(icrmw.pk).get())
    assert second.status == ImportRun.Status.NO_CHANGE
    assert snapshot() == before


def test_network_failure_records_a_failed_run_and_changes_nothing(monkeypatch, icrmw):
    monkeypatch.setattr(untc_source, "fetch_url", lambda url: CMW.read_bytes())
    tasks.treaty_refresh.delay(icrmw.pk).get()
    before = snapshot()

    def down(url):
        raise untc_source.SourceUnavailableError(f"Could not fetch {url}: connection refused")

    monkeypatch.setattr(untc_source, "fetch_url", down)

    result = tasks.treaty_refresh.apply(args=(icrmw.pk,))

    assert result.failed()
    assert snapshot() == before
    failed = ImportRun.objects.filter(status=ImportRun.Status.FAILED)
    assert failed.exists()
    # Retried a couple of times at most, each attempt recorded.
    assert failed.count() <= 1 + (tasks.treaty_refresh.max_retries or 0)
    assert all("connection refused" in run.error for run in failed)
    assert all(run.treaty == icrmw for run in failed)


def test_a_page_that_does_not_parse_is_not_retried(monkeypatch, icrmw):
    monkeypatch.setattr(untc_source, "fetch_url", lambda url: b"<html>maintenance</html>")

    run_id = tasks.treaty_refresh.delay(icrmw.pk).get()

    run = ImportRun.objects.get()
    assert run.pk == run_id
    assert run.status == ImportRun.Status.FAILED
    assert not TreatyAction.objects.exists()


def test_refresh_of_a_deleted_treaty_exits_cleanly():
    assert tasks.treaty_refresh.delay(999).get() is None
    assert not ImportRun.objects.exists()


def test_refresh_all_enqueues_one_task_per_untc_treaty(monkeypatch):
    for slug in ("icrmw", "cedaw", "crc"):
        treaty_sync_from_catalogue(entry=BY_SLUG[slug])
    Treaty.objects.create(slug="ilo-c189", short_name="C189", name="C189", source=Treaty.Source.ILO)
    queued = []
    monkeypatch.setattr(tasks.treaty_refresh, "delay", lambda treaty_id: queued.append(treaty_id))

    count = tasks.treaties_refresh_all.delay().get()

    assert count == 3
    assert sorted(queued) == sorted(
        Treaty.objects.filter(source=Treaty.Source.UNTC).values_list("pk", flat=True)
    )


def test_fetch_url_sends_a_user_agent_and_timeout_and_wraps_network_errors(monkeypatch, settings):
    settings.UNTC_FETCH_TIMEOUT = 7.5
    seen = {}

    def broken_get(url, **kwargs):
        seen.update(kwargs)
        raise requests.ConnectionError("Name or service not known")

    monkeypatch.setattr(requests, "get", broken_get)

    with pytest.raises(untc_source.SourceUnavailableError, match="Name or service not known"):
        untc_source.fetch_url("https://treaties.un.org/x")

    assert seen["timeout"] == 7.5
    assert "Coalition" in seen["headers"]["User-Agent"]


@pytest.mark.parametrize(("status", "transient"), [(503, True), (404, False)])
def test_fetch_url_http_errors(monkeypatch, status, transient):
    class Response:
        status_code = status
        content = b""

    monkeypatch.setattr(requests, "get", lambda url, **kwargs: Response())

    with pytest.raises(untc_source.SourceError) as info:
        untc_source.fetch_url("https://treaties.un.org/x")
    assert isinstance(info.value, untc_source.SourceUnavailableError) is transient
