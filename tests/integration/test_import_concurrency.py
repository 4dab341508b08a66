"""Two previews of one treaty applied at the same time, on real PostgreSQL connections.

Each preview was made against the same data, so each carries the same fingerprint. Without a
lock both appliers read that fingerprint before either commits, both pass the staleness check and
both are marked applied, the later silently overwriting the earlier. The treaty row lock makes the
second wait for the first and then see that the data changed under its preview.
"""

from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path

import pytest
from django.db import close_old_connections, connection

from ratification.models import ActionKind, ImportRun, TreatyAction
from ratification.services import imports as imports_service
from ratification.services.imports import TreatyImportError, treaty_import_apply
from tests.ratification.untc_pages import CMW, cmw_changed, cmw_text, write_page

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _mexico_moved_to_the_tenth(tmp_path: Path) -> Path:
    text, n = re.subn(r"&nbsp;8 Mar\t 1999", "&nbsp;10 Mar\t 1999", cmw_text())
    assert n == 1
    return write_page(tmp_path, text, "cmw-tenth.html")


def test_two_previews_applied_at_once_one_is_refused_as_stale(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (run `make test-services`)")
    imports_service.treaty_import_from_source(source=str(CMW))
    first = imports_service.treaty_import_from_source(
        source=str(cmw_changed(tmp_path)), dry_run=True
    )
    second = imports_service.treaty_import_from_source(
        source=str(_mexico_moved_to_the_tenth(tmp_path)), dry_run=True
    )
    assert first.diff["fingerprint"] == second.diff["fingerprint"]

    # Widen the race window deterministically: each applier, having read the fingerprint, waits
    # (briefly) for the other to have read it too. With the lock the other is blocked on the row
    # and never arrives, so the wait times out and the first applier goes on alone.
    read_fingerprint = threading.Barrier(2, timeout=3)
    real_fingerprint = imports_service.fingerprint

    def fingerprint_then_wait(treaty):
        value = real_fingerprint(treaty)
        with contextlib.suppress(threading.BrokenBarrierError):
            read_fingerprint.wait()
        return value

    monkeypatch.setattr(imports_service, "fingerprint", fingerprint_then_wait)

    start = threading.Barrier(2, timeout=10)
    outcomes: dict[int, str] = {}

    def apply(run: ImportRun) -> None:
        try:
            start.wait()
            treaty_import_apply(run=run)
            outcomes[run.pk] = "applied"
        except TreatyImportError as exc:
            outcomes[run.pk] = str(exc)
        finally:
            close_old_connections()
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=apply, args=(run,)) for run in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values(), key=lambda v: v != "applied")[0] == "applied"
    refused = [message for message in outcomes.values() if message != "applied"]
    assert len(refused) == 1, outcomes
    assert "changed after import" in refused[0]

    statuses = {run.pk: ImportRun.objects.get(pk=run.pk).status for run in (first, second)}
    assert sorted(statuses.values()) == sorted([ImportRun.Status.APPLIED, ImportRun.Status.FAILED])
    winner = first if statuses[first.pk] == ImportRun.Status.APPLIED else second
    mexico = TreatyAction.objects.get(country="MX", kind=ActionKind.RATIFICATION)
    expected_day = 9 if winner == first else 10
    assert mexico.date.day == expected_day
    # The losing preview wrote nothing: Armenia is gone only if the first preview won.
    assert TreatyAction.objects.filter(country="AM").exists() == (winner == second)
