from __future__ import annotations

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from core.mail import absolute_url, mail_send, single_line
from core.tasks import mail_deliver

CONTEXT = {"partner_name": "Sin Fronteras", "url": "https://example.org/verify/x/"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Org\nBcc: x@y", "Org Bcc: x@y"),
        ("  a\r\n\tb\x00c\u2028d  ", "a b c d"),
        ("plain", "plain"),
    ],
)
def test_single_line(text, expected):
    assert single_line(text) == expected


def test_single_line_cuts_long_text_with_an_ellipsis():
    assert single_line("x" * 300, max_length=10) == "x" * 9 + "…"


def test_absolute_url_prefers_the_request_base_over_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert absolute_url("home") == "http://127.0.0.1:8000/en/"
    assert absolute_url("home", base_url="http://127.0.0.1:8101/") == "http://127.0.0.1:8101/en/"


@pytest.mark.django_db(transaction=True)
def test_sent_only_after_commit_and_never_after_rollback(mailoutbox):
    with transaction.atomic():
        mail_send(
            to=["a@example.org"],
            subject="One",
            template="partners/verification_reminder",
            context=CONTEXT,
        )
        assert mailoutbox == []
    assert [m.subject for m in mailoutbox] == ["One"]

    def rolled_back() -> None:
        with transaction.atomic():
            mail_send(
                to=["b@example.org"],
                subject="Two",
                template="partners/verification_reminder",
                context=CONTEXT,
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()
    assert [m.subject for m in mailoutbox] == ["One"]


@pytest.mark.django_db(transaction=True)
def test_rendered_in_the_given_language_with_text_and_html(mailoutbox):
    mail_send(
        to=["a@example.org"],
        subject="Asunto",
        template="partners/verification_reminder",
        context=CONTEXT,
        language="es",
    )
    message = mailoutbox[0]
    assert "Sin Fronteras" in message.body
    assert "https://example.org/verify/x/" in message.body
    assert "Sin Fronteras" in message.alternatives[0][0]
    assert "directorio" in message.body  # Spanish text


@pytest.mark.django_db(transaction=True)
def test_no_recipients_sends_nothing(mailoutbox):
    mail_send(to=["", ""], subject="x", template="partners/verification_reminder", context=CONTEXT)
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_transient_smtp_errors_are_retried(mailoutbox, monkeypatch, settings):
    real_send = EmailBackend.send_messages
    calls = []

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("try later")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    # The first attempt (the eager nudge after commit) fails and the row waits for its retry;
    # with no backoff, the next sweep is the retry.
    settings.MAIL_RETRY_SECONDS = 0
    mail_send(
        to=["a@example.org"],
        subject="Retry",
        template="partners/verification_reminder",
        context=CONTEXT,
    )
    mail_deliver.apply()
    assert len(calls) == 2
    assert [m.subject for m in mailoutbox] == ["Retry"]


@pytest.mark.django_db(transaction=True)
def test_a_refused_recipient_is_logged_not_retried(mailoutbox, monkeypatch, caplog, settings):
    calls = []

    def refuse(self, messages):
        calls.append(1)
        raise smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    settings.MAIL_RETRY_SECONDS = 0
    mail_send(
        to=["a@example.org"],
        subject="Refused",
        template="partners/verification_reminder",
        context=CONTEXT,
    )
    result = mail_deliver.apply()
    assert result.successful()
    assert len(calls) == 1
    assert "refused" in caplog.text
