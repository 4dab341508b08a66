"""The e-mail outbox (core.outbox): written in the caller's transaction, delivered by the worker
with retries and backoff, claimed so that nothing is sent twice; and publishing to a broker that
is down fails soft (core.broker)."""

from __future__ import annotations

import datetime
import logging
import smtplib
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from post_office.models import STATUS, Email, Log

from core import broker, outbox
from core.mail import mail_send
from core.tasks import mail_deliver, mail_outbox_purge

CONTEXT = {"partner_name": "Sin Fronteras", "url": "https://example.org/verify/x/"}


def send(subject: str = "Hello", **kwargs) -> None:
    mail_send(
        to=kwargs.pop("to", ["a@example.org"]),
        subject=subject,
        template=kwargs.pop("template", "partners/verification_reminder"),
        context=CONTEXT,
        **kwargs,
    )


@pytest.fixture
def down_backend(monkeypatch):
    calls: list[int] = []

    def refuse(self, messages):
        calls.append(1)
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return calls


@pytest.fixture
def broker_down(monkeypatch):
    """A worker is configured (not eager) and the broker refuses every publish."""
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False  # restored by the conftest fixture
    publish = mock.patch(
        "celery.app.task.Task.apply_async", side_effect=OperationalError("refused")
    )
    broker.broker_pause_reset()
    with publish as patched:
        yield patched
    broker.broker_pause_reset()


@pytest.mark.django_db(transaction=True)
def test_the_row_is_written_in_the_callers_transaction_rendered_in_its_language(mailoutbox):
    with transaction.atomic():
        send("Asunto", language="es")
        (email,) = Email.objects.all()
        assert email.status == STATUS.queued
        assert email.to == ["a@example.org"]
        assert email.subject == "Asunto"
        assert "directorio" in email.message  # rendered at write time, in Spanish
        assert "Sin Fronteras" in email.html_message
        assert email.message_id.startswith("<")
        assert email.message_id.endswith("@127.0.0.1>")  # SITE_URL's host, no DNS look-up
        assert mailoutbox == []
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [m.subject for m in mailoutbox] == ["Asunto"]
    assert mailoutbox[0].extra_headers["Message-ID"] == email.message_id
    assert list(Log.objects.values_list("status", flat=True)) == [STATUS.sent]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_row(mailoutbox):
    def rolled_back() -> None:
        with transaction.atomic():
            send()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()
    assert Email.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_broken_template_is_stored_as_failed_not_raised(mailoutbox, caplog):
    with transaction.atomic():
        send(template="no_such_template")
    (email,) = Email.objects.all()
    assert email.status == STATUS.failed
    assert Log.objects.get(email=email).exception_type == "TemplateDoesNotExist"
    assert "could not be rendered" in caplog.text
    assert mailoutbox == []


def test_backoff_doubles_up_to_the_ceiling(settings):
    settings.MAIL_RETRY_SECONDS = 60
    settings.MAIL_RETRY_MAX_SECONDS = 600
    delays = [outbox.retry_delay(n).total_seconds() for n in range(1, 7)]
    assert delays == [60, 120, 240, 480, 600, 600]


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_waits_for_its_backoff_then_gives_up(mailoutbox, down_backend, settings):
    settings.MAIL_RETRY_SECONDS = 60
    settings.MAIL_MAX_RETRIES = 2
    send()  # the eager nudge makes the first attempt
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    wait = (email.scheduled_time - timezone.now()).total_seconds()
    assert 50 < wait <= 60

    mail_deliver.apply()  # not due yet: nothing is tried
    assert len(down_backend) == 1

    for expected_retries in (2, 2):
        Email.objects.update(scheduled_time=timezone.now())
        mail_deliver.apply()
        email.refresh_from_db()
        assert email.number_of_retries == expected_retries
    assert email.status == STATUS.failed  # after MAIL_MAX_RETRIES retries
    assert len(down_backend) == 3
    assert Log.objects.filter(email=email, status=STATUS.failed).count() == 3
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_transient_failure_ends_the_pass(down_backend, settings):
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False  # queue three rows without sending them
    with mock.patch.object(mail_deliver, "delay"):
        for n in range(3):
            send(f"Mail {n}")
    assert outbox.outbox_deliver() == outbox.DeliveryReport(requeued=1)
    assert len(down_backend) == 1  # the other two wait for the next pass
    assert Email.objects.filter(status=STATUS.queued).count() == 2
    assert outbox.outbox_backlog() == 3


@pytest.mark.django_db(transaction=True)
def test_a_claimed_row_is_not_claimed_again(settings):
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(mail_deliver, "delay"):
        send()
    claimed = outbox._claim_next()
    assert claimed is not None
    # A second worker (or the sweep) looking now finds nothing due: the lease holds the row.
    assert outbox._claim_next() is None
    lease = (claimed.scheduled_time - timezone.now()).total_seconds()
    assert lease > settings.MAIL_CLAIM_SECONDS - 5


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_row_waits_for_the_sweep_and_is_sent_once(
    mailoutbox, broker_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="core.broker"), transaction.atomic():
        send("Waiting")
    # The commit went through; the nudge failed soft and paused publishing.
    assert broker_down.call_count == 1
    assert broker.broker_paused()
    assert "could not queue core.tasks.mail_deliver" in caplog.text
    assert Email.objects.get().status == STATUS.queued
    assert mailoutbox == []

    send("Second")  # paused: no second wait on the broker
    assert broker_down.call_count == 1
    assert "skipped" in caplog.text

    # The beat sweep, run by the worker once the broker is back.
    assert outbox.outbox_deliver() == outbox.DeliveryReport(sent=2)
    assert sorted(m.subject for m in mailoutbox) == ["Second", "Waiting"]
    assert outbox.outbox_deliver() == outbox.DeliveryReport()
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_eager_delivery_ignores_the_pause(mailoutbox):
    broker._pause()
    try:
        send("Eager")
    finally:
        broker.broker_pause_reset()
    assert [m.subject for m in mailoutbox] == ["Eager"]


def test_an_unencodable_task_is_logged_without_pausing(caplog):
    from coalition.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = False
    broker.broker_pause_reset()
    with mock.patch("celery.app.task.Task.apply_async", side_effect=TypeError("not JSON")):
        assert mail_deliver.delay() is None
    assert not broker.broker_paused()
    assert "Could not queue core.tasks.mail_deliver" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_message_queued_before_the_outbox_is_still_sent(mailoutbox):
    mail_deliver.apply(
        kwargs={
            "to": ["a@example.org"],
            "subject": "Legacy",
            "template": "partners/verification_reminder",
            "context": CONTEXT,
            "language": "en",
        }
    )
    assert [m.subject for m in mailoutbox] == ["Legacy"]
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_purge_keeps_waiting_mail(settings, down_backend):
    settings.MAIL_KEEP_DAYS = 30
    send("Old sent")
    send("Old waiting")
    Email.objects.filter(subject="Old sent").update(status=STATUS.sent)
    Email.objects.update(created=timezone.now() - datetime.timedelta(days=31))
    mail_outbox_purge.apply()
    assert list(Email.objects.values_list("subject", flat=True)) == ["Old waiting"]


@pytest.mark.django_db(transaction=True)
def test_smtp_backend_gives_up_after_email_timeout(settings):
    from django.core.mail import get_connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 3.5
    assert get_connection().timeout == 3.5


def test_refusals_that_cannot_pass_are_permanent():
    assert issubclass(smtplib.SMTPRecipientsRefused, outbox.PERMANENT_MAIL_ERRORS)


def test_publishing_never_subscribes_to_the_result_store():
    # A Redis result backend would otherwise take a pub/sub subscription on every `.delay()`,
    # and a hung result Redis would hold up the request that publishes.
    from coalition.celery import app

    assert app.conf.task_ignore_result
    assert mail_deliver.ignore_result
    assert app.tasks["partners.tasks.partner_geocode"].ignore_result
