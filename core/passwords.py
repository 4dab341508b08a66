"""A new password retires the user's API tokens.

An API token is a second password that never expires: one that survived a password reset let
whoever had taken it go on using the API after the owner had locked them out of the site. So
whenever a password is set, by the reset link, the change form, the admin, `changepassword` or
any other code calling `set_password`, the user's tokens are deleted in the same save; the
member area (and `token_regenerate`) issues a new one.

A password that is only re-hashed at sign-in (a newer hasher, more iterations) is not a new
password and keeps the tokens: Django re-hashes through `set_password` too, but clears the raw
password it keeps for `password_changed` before saving, so the save is told apart the same way
Django tells it apart for its password validators.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from rest_framework.authtoken.models import Token


def password_was_set(user: AbstractBaseUser) -> bool:
    """True while saving a user whose password `set_password` has just set (`AbstractBaseUser`
    keeps the raw value until the save has told the password validators)."""
    return getattr(user, "_password", None) is not None


def retire_api_tokens_on_new_password(
    sender: type[AbstractBaseUser],
    instance: AbstractBaseUser,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """`post_save` receiver for the user model (connected in `CoreConfig.ready`)."""
    if created or raw or not password_was_set(instance):
        return
    Token.objects.filter(user_id=instance.pk).delete()
