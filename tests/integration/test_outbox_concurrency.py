"""Several workers sweeping the outbox at once send each message once (PostgreSQL, where the
claim is `SELECT ... FOR UPDATE SKIP LOCKED` plus a lease)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from post_office.models import STATUS, Email

from core.outbox import outbox_deliver, outbox_write

pytestmark = pytest.mark.services

MESSAGES = 30
WORKERS = 4


def test_concurrent_sweeps_send_each_message_once(transactional_db, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    for n in range(MESSAGES):
        outbox_write(to=[f"signer{n}@example.net"], subject=f"Message {n}", text="x")
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=30)
            outbox_deliver()
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    subjects = [message.subject for message in mailoutbox]
    assert sorted(subjects) == sorted(f"Message {n}" for n in range(MESSAGES))
    assert Email.objects.filter(status=STATUS.sent).count() == MESSAGES
