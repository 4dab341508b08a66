"""Password reset: the same answer and the same work for every address, and throttled.

It answered faster for an address without an account (the lookup, rendering and queueing of the
e-mail happened in the request) and let one address be sent 21 resets in seconds. The page now
only counts the request and queues `core.auth.password_reset_deliver`; no timer is asserted,
the work is: the same response, the same queries and the same one queued callback, and no e-mail
until that callback runs.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.auth import password_reset_deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KNOWN = "forgot@example.org"
UNKNOWN = "nobody@example.org"


@pytest.fixture
def account():
    return UserFactory(email=KNOWN)


def _ask(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def _page(response, email):
    """The page without what differs on every response anyway (the masked CSRF token, CSP
    nonces) and without the address it echoes back in the form."""
    body = response.content.decode().replace(email, "")
    return re.sub(r'(value|nonce)="[^"]*"', r'\1=""', body)


def test_known_and_unknown_addresses_get_the_same_answer_and_work(
    client, account, mailoutbox, django_capture_on_commit_callbacks
):
    seen = {}
    for email in (KNOWN, UNKNOWN):
        sent_before = len(mailoutbox)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            response = _ask(client, email)
        seen[email] = (
            response.status_code,
            response["Location"],
            _page(response, email),
            [query["sql"] for query in queries.captured_queries],
            len(callbacks),
        )
        # Nothing was looked up, rendered or sent while the page answered.
        assert len(mailoutbox) == sent_before
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
    assert seen[KNOWN] == seen[UNKNOWN]
    assert seen[KNOWN][0] == 302
    assert seen[KNOWN][4] == 1  # one queued reset each, whether or not the address has an account
    assert [message.to for message in mailoutbox] == [[KNOWN]]


def test_the_task_mails_only_active_accounts_with_a_password(
    mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="inactive@example.org", is_active=False)
    unusable = UserFactory(email="unusable@example.org")
    unusable.set_unusable_password()
    unusable.save()
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("inactive@example.org", "unusable@example.org", UNKNOWN, "not an address"):
            password_reset_deliver(email=email, base_url="https://example.org", language="en")
    assert mailoutbox == []
    UserFactory(email=KNOWN)
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_deliver(
            email=KNOWN, base_url="https://coalition.example:8443", language="es"
        )
    (message,) = mailoutbox
    assert "https://coalition.example:8443/es/accounts/reset/" in message.body


def test_throttled_per_client_address(
    client, account, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESETS_PER_HOUR_PER_ADDRESS = 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        codes = [_ask(client, f"person{n}@example.org").status_code for n in range(3)]
        refused = _ask(client, KNOWN)
    assert codes == [302, 302, 302]
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(callbacks) == 3  # the refused one queued nothing
    # Another client address is counted on its own.
    assert _ask(client, KNOWN, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_throttled_per_account_whatever_the_spelling(
    client, account, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT = 2
    spellings = [KNOWN, "Forgot@EXAMPLE.org", " forgot@example.org"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        codes = [
            _ask(client, email, REMOTE_ADDR=f"198.51.100.{n}").status_code
            for n, email in enumerate(spellings)
        ]
    assert codes == [302, 302, 429]
    assert len(callbacks) == 2


def test_a_throttled_unknown_address_is_answered_like_a_known_one(client, account, settings):
    settings.PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT = 1
    answers = {}
    for email in (KNOWN, UNKNOWN):
        _ask(client, email, REMOTE_ADDR="198.51.100.1")
        response = _ask(client, email, REMOTE_ADDR="198.51.100.2")
        answers[email] = (response.status_code, _page(response, email))
    assert answers[KNOWN] == answers[UNKNOWN]
    assert answers[KNOWN][0] == 429


def test_the_reset_is_sent_even_when_the_broker_refuses(
    client, account, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    """Every task fails soft (core.broker.FailSoftTask): a publish the broker refused returns
    None. The reset is then written from the web process instead of being lost."""
    monkeypatch.setattr(password_reset_deliver, "delay", lambda **kwargs: None)
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask(client, KNOWN).status_code == 302
    assert [message.to for message in mailoutbox] == [[KNOWN]]
