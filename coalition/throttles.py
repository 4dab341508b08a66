"""Throttles keyed by the client address (`coalition.http.client_address`).

DRF's own throttles read X-Forwarded-For according to NUM_PROXIES; these use the one project rule
instead, so the API and the HTML forms agree on who a client is.
"""

from __future__ import annotations

from django.core.cache import cache
from rest_framework import throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

from coalition.http import client_address


class _ClientAddressMixin:
    scope: str | None

    def get_ident(self, request: Request) -> str:
        return client_address(request._request)

    # DRF copies the rates into the class at import; reading them per request lets an override
    # of REST_FRAMEWORK (tests, a settings reload) take effect.
    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return None if rate is None else str(rate)


class AnonThrottle(_ClientAddressMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(_ClientAddressMixin, throttling.UserRateThrottle):
    pass


class ScopedThrottle(_ClientAddressMixin, throttling.ScopedRateThrottle):
    pass


def rate_limited(*, scope: str, key: str, limit: int, period: int) -> bool:
    """Count one hit for (`scope`, `key`) in the cache; True once more than `limit` hits fell in
    the current `period`-second window. Nothing is written to the database."""
    cache_key = f"rate:{scope}:{key}"
    # add() is atomic: only the first hit of a window creates the counter (with its expiry).
    if cache.add(cache_key, 1, timeout=period):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=period)
            count = 1
    return count > limit
