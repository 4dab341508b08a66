"""The user types services accept, and the "who did this" helper used for audit columns."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model

# Whatever a request, a command or a task can hand a service as the actor: a signed-in user,
# the anonymous user, or nobody (management commands, Celery tasks).
AnyUser: TypeAlias = User | AnonymousUser | None


def actor_or_none(user: AnyUser) -> User | None:
    """The user to record as the author of a change, or None for anonymous/system actors."""
    if user is None or not user.is_authenticated:
        return None
    return user


def history_user_set(instance: Model, user: AnyUser) -> None:
    """Name `user` as the author of the next django-simple-history record of `instance`.

    The history middleware only knows session users; services are also called from the token
    API, tasks and commands, so they pass the actor explicitly. Anonymous/system actors leave the
    history user empty.
    """
    actor = actor_or_none(user)
    if actor is not None:
        instance._history_user = actor  # type: ignore[attr-defined]  # read by simple-history
