"""Twenty simultaneous submissions of one e-mail leave exactly one pledge (PostgreSQL).

Each thread has its own database connection, so the inserts really race inside PostgreSQL; the
unique constraint on (campaign, email_normalised) is the only thing keeping them apart.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from campaigns.models import Pledge
from campaigns.services.pledges import pledge_create
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.services

THREADS = 20


def test_twenty_concurrent_submissions_of_one_email_leave_one_row(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 1000
    campaign = CampaignFactory()
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = pledge_create(
                campaign=campaign,
                kind=Pledge.Kind.INDIVIDUAL,
                name=f"Racer {n}",
                # The same address in different spellings: case and surrounding spaces.
                email=[" Race@Example.net", "race@example.NET ", "RACE@EXAMPLE.NET"][n % 3],
                country="MX",
                client_address=f"198.51.100.{n}",
            )
            with lock:
                outcomes.append(outcome.status)
        except BaseException as exc:  # re-raised in the main thread below
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert sorted(outcomes).count("created") == 1
    assert outcomes.count("already_signed") == THREADS - 1
    assert Pledge.objects.filter(campaign=campaign).count() == 1
