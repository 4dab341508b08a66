"""Failing broker and mail server, for real (issue 13): signing a campaign still answers within
2 s, saves the pledge once and queues its confirmation once; when the fault clears, beat's
outbox sweep in a real worker sends it, once.

The faults are test-owned listeners on free local ports (tests/integration/faults.py): a broker
that accepts TCP and never answers, a port nobody listens on, and an SMTP server that accepts
and never answers. Only this (the web) process is pointed at a failing broker; the worker keeps
the real one. The 2 s are a fault bound measured around the test-client call, not a benchmark.
"""

from __future__ import annotations

import time
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.test import Client
from post_office.models import STATUS, Email, Log

from campaigns.models import Pledge
from core.outbox import DeliveryReport, outbox_deliver
from tests.campaigns.factories import CampaignFactory
from tests.integration.conftest import wait_until
from tests.integration.faults import closed_port, silent_listener, smtp_sink, web_broker

pytestmark = pytest.mark.services

BOUND_SECONDS = 2.0
SIGNERS = ["first.signer@example.net", "second.signer@example.net"]


def _warm_up(client: Client, slug: str) -> None:
    """A served process has imported its views and compiled its templates long before a fault;
    the test process has not (over a second on the first request), so load them first."""
    assert client.get(f"/en/campaigns/{slug}/").status_code == 200


def _sign(client: Client, slug: str, address: str) -> tuple[int, float]:
    data = {
        "kind": "individual",
        "individual-name": "Ana López",
        "individual-country": "MX",
        "individual-city": "Oaxaca",
        "individual-email": address,
        "individual-display": "full",
        "individual-website_url": "",
    }
    started = time.monotonic()
    response = client.post(f"/en/campaigns/{slug}/sign/", data)
    return response.status_code, time.monotonic() - started


def _subjects(messages: list[bytes]) -> list[str]:
    return [str(make_header(decode_header(message_from_bytes(m)["Subject"]))) for m in messages]


def _recipients(messages: list[bytes]) -> list[str]:
    return sorted(message_from_bytes(m)["To"] for m in messages)


def _assert_saved_once_and_queued_once(campaign, statuses: set[int]) -> None:
    for address in SIGNERS:
        assert Pledge.objects.filter(campaign=campaign, email=address).count() == 1
        mails = Email.objects.filter(to=address)
        assert mails.count() == 1, address
        assert mails.get().status in statuses
        assert mails.get().subject.startswith("Please confirm your signature")


def _recover_and_check_sent_once(campaign, celery_worker_factory) -> None:
    """The broker is back: a worker with beat (sweeping every second) sends each waiting
    confirmation through a local SMTP server, exactly once."""
    with smtp_sink(hung=False) as smtp:
        celery_worker_factory(
            beat=True,
            MAIL_SWEEP_SECONDS="1",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            EMAIL_TIMEOUT="2",
        )
        assert wait_until(
            lambda: Email.objects.filter(to__in=SIGNERS, status=STATUS.sent).count() == 2,
            timeout=60,
        ), "the outbox sweep did not send the confirmations"
        time.sleep(3)  # three more sweeps: nothing is sent twice
        assert _recipients(smtp.messages) == sorted(SIGNERS)
        assert all(s.startswith("Please confirm your signature") for s in _subjects(smtp.messages))
    assert outbox_deliver() == DeliveryReport()  # nothing left due
    _assert_saved_once_and_queued_once(campaign, {STATUS.sent})


@pytest.mark.parametrize("fault", ["hung", "refusing"])
def test_signing_with_the_broker_down_answers_fast_and_the_sweep_sends_later(
    fault, celery_worker_factory, capsys
):
    campaign = CampaignFactory()
    client = Client()
    _warm_up(client, campaign.slug)
    answers = []
    with silent_listener() as hung:
        port = hung.port if fault == "hung" else closed_port()
        with web_broker(f"redis://127.0.0.1:{port}/0"):
            for address in SIGNERS:
                answers.append(_sign(client, campaign.slug, address))
        if fault == "hung":
            assert hung.connections >= 1  # the publish really went to the silent broker
    with capsys.disabled():
        print(f"\nbroker {fault}: answers (status, seconds) {answers}")
    for status, seconds in answers:
        assert status == 302
        assert seconds < BOUND_SECONDS
    _assert_saved_once_and_queued_once(campaign, {STATUS.queued})
    _recover_and_check_sent_once(campaign, celery_worker_factory)


def test_signing_with_smtp_hung_answers_fast_and_the_mail_is_sent_once_it_answers(
    celery_worker_factory, capsys
):
    campaign = CampaignFactory()
    client = Client()
    _warm_up(client, campaign.slug)
    with smtp_sink(hung=True) as smtp:
        celery_worker_factory(
            beat=True,
            MAIL_SWEEP_SECONDS="1",
            MAIL_RETRY_SECONDS="1",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            EMAIL_TIMEOUT="1",
        )
        answers = [_sign(client, campaign.slug, address) for address in SIGNERS]
        with capsys.disabled():
            print(f"\nSMTP hung: answers (status, seconds) {answers}")
        for status, seconds in answers:
            assert status == 302
            assert seconds < BOUND_SECONDS
        # The worker tried, waited EMAIL_TIMEOUT, and put the message back for a retry.
        assert wait_until(lambda: Log.objects.filter(status=STATUS.failed).exists(), timeout=30), (
            "the worker never tried the hung SMTP server"
        )
        assert smtp.connections >= 1
        assert smtp.messages == []
        _assert_saved_once_and_queued_once(campaign, {STATUS.queued, STATUS.requeued})
        failed = Log.objects.filter(status=STATUS.failed).first()
        assert failed is not None
        assert failed.exception_type in {"TimeoutError", "timeout", "SMTPServerDisconnected"}

        smtp.hung = False  # the fault clears
        assert wait_until(
            lambda: Email.objects.filter(to__in=SIGNERS, status=STATUS.sent).count() == 2,
            timeout=60,
        ), "the retries did not send the confirmations once SMTP answered"
        time.sleep(3)
        assert _recipients(smtp.messages) == sorted(SIGNERS)
    assert outbox_deliver() == DeliveryReport()
    _assert_saved_once_and_queued_once(campaign, {STATUS.sent})
