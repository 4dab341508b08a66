"""Sign-in is throttled per account and per client address (the site and the Django admin).

Before: 25 wrong passwords in a row, then the right one signed in, on both login pages.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password
ATTACKER = "203.0.113.66"
ELSEWHERE = "198.51.100.7"


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request under /es/ leaves Spanish active in this thread: later tests expect English."""
    yield
    translation.activate("en")


def _sign_in(client, url, username, password, address):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _guess(client, url, username, address, times):
    for n in range(times):
        response = _sign_in(client, url, username, f"wrong-{n}", address)
        # The form again ("wrong password") until the failure that reaches the limit locks.
        locked = n + 1 >= settings.AXES_FAILURE_LIMIT
        assert response.status_code == (429 if locked else 200)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_after_the_limit_the_right_password_is_refused_with_a_message(client, url_name):
    user = StaffFactory(username="ana")  # staff, so the admin login would accept her
    url = reverse(url_name)

    _guess(client, url, user.username, ATTACKER, settings.AXES_FAILURE_LIMIT - 1)
    response = _sign_in(client, url, user.username, "wrong-again", ATTACKER)
    assert response.status_code == 429
    response = _sign_in(client, url, user.username, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert not _signed_in(client)
    body = response.content.decode()
    assert "Too many failed sign-in attempts" in body
    assert '<form method="post"' not in body


def test_the_account_stays_locked_from_another_address(client):
    user = UserFactory(username="ana")
    _guess(client, reverse("login"), user.username, ATTACKER, settings.AXES_FAILURE_LIMIT)

    response = _sign_in(client, reverse("login"), user.username, PASSWORD, ELSEWHERE)

    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_address_is_locked_for_every_account(client):
    UserFactory(username="ana")
    other = UserFactory(username="ben")
    _guess(client, reverse("login"), "ana", ATTACKER, settings.AXES_FAILURE_LIMIT)

    response = _sign_in(client, reverse("login"), other.username, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert not _signed_in(client)


def test_another_account_from_another_address_is_not_affected(client):
    UserFactory(username="ana")
    other = UserFactory(username="ben")
    _guess(client, reverse("login"), "ana", ATTACKER, settings.AXES_FAILURE_LIMIT)

    response = _sign_in(client, reverse("login"), other.username, PASSWORD, ELSEWHERE)

    assert response.status_code == 302
    assert _signed_in(client)


def test_the_lock_lifts_after_the_cool_off(client, monkeypatch):
    import axes.handlers.proxy
    from django.utils import timezone

    user = UserFactory(username="ana")
    _guess(client, reverse("login"), user.username, ATTACKER, settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, reverse("login"), user.username, PASSWORD, ATTACKER).status_code == 429

    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: later)
    response = _sign_in(client, reverse("login"), user.username, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert _signed_in(client)


def test_the_lockout_page_is_translated(client):
    user = UserFactory(username="ana")
    url = reverse("login")  # /en/...; the Spanish page is under /es/
    _guess(
        client, url.replace("/en/", "/es/"), user.username, ATTACKER, settings.AXES_FAILURE_LIMIT
    )

    response = _sign_in(client, url.replace("/en/", "/es/"), user.username, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()


def test_a_successful_sign_in_clears_the_account_failures(client):
    user = UserFactory(username="ana")
    url = reverse("login")
    _guess(client, url, user.username, ATTACKER, settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, url, user.username, PASSWORD, ATTACKER).status_code == 302
    client.logout()

    _guess(client, url, user.username, ATTACKER, settings.AXES_FAILURE_LIMIT - 1)
    response = _sign_in(client, url, user.username, PASSWORD, ATTACKER)

    assert response.status_code == 302


def test_a_request_without_a_client_address_is_recorded_without_one():
    from django.test import RequestFactory

    from core.lockout import client_ip

    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None
    request.META["REMOTE_ADDR"] = "2001:db8::1"
    assert client_ip(request) == "2001:db8::1"


def test_force_login_still_works(client):
    # The test client's force_login sends no REMOTE_ADDR; axes records the sign-in all the same
    # (on PostgreSQL an address that is not an IP used to make it fail).
    client.force_login(UserFactory(username="ana"))
    assert _signed_in(client)
