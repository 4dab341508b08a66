"""The user types services accept, and the "who did this" helper used for audit columns."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

# Whatever a request, a command or a task can hand a service as the actor: a signed-in user,
# the anonymous user, or nobody (management commands, Celery tasks).
AnyUser: TypeAlias = User | AnonymousUser | None


def actor_or_none(user: AnyUser) -> User | None:
    """The user to record as the author of a change, or None for anonymous/system actors."""
    if user is None or not user.is_authenticated:
        return None
    return user
