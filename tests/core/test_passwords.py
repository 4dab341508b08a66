"""A password reset or change retires the user's API tokens (issue 13, bad input round two).

A token survived a password reset, so whoever had taken it kept API access after the owner had
locked them out of the site. Every way of setting a password is tried; signing in, re-hashing
the same password and ordinary saves keep the token.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

OLD = "old-horse-battery-staple"
NEW = "new-correct-horse-staple-9"


@pytest.fixture
def user():
    user = UserFactory(email="ana@example.org")
    user.set_password(OLD)
    user.save()
    return user


@pytest.fixture
def token(user):
    return Token.objects.create(user=user)


def _api_works(token: Token) -> bool:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api.get("/api/v1/me/").status_code == 200


def test_a_password_reset_retires_the_token(client, user, token):
    assert _api_works(token)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )
    form_url = client.get(link).url  # Django swaps the token for a session and redirects
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()
    assert not _api_works(token)


def test_a_password_change_retires_the_token(client, user, token):
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()


def test_a_password_set_in_the_admin_retires_the_token(client, user, token):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        f"/en/admin/auth/user/{user.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()


def test_set_password_in_code_retires_the_token(user, token):
    user.set_password(NEW)
    user.save(update_fields=["password"])
    assert not Token.objects.filter(user=user).exists()


def test_changepassword_command_retires_the_token(user, token, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW)
    call_command("changepassword", user.username, stdout=None)
    assert not Token.objects.filter(user=user).exists()


def test_signing_in_and_ordinary_saves_keep_the_token(client, user, token):
    response = client.post(reverse("login"), {"username": user.username, "password": OLD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None
    user.first_name = "Ana"
    user.save()
    assert Token.objects.filter(pk=token.pk).exists()
    assert _api_works(token)


def test_a_rehash_at_sign_in_is_not_a_new_password(user, token, settings):
    """Django re-hashes a password with the preferred hasher when it checks it: same password,
    new hash. That keeps the token."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    user.password = make_password(OLD, hasher="md5")
    user.save(update_fields=["password"])
    assert user.check_password(OLD)
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert Token.objects.filter(pk=token.pk).exists()
