"""Rate limits keyed by `client_address`, for the API (DRF throttles) and for plain views.

DRF's own `get_ident` believes the whole `X-Forwarded-For` header when `NUM_PROXIES` is unset,
so a client sending a new fake address per request was never throttled; these subclasses ask
`core.http.client_address` instead.

Every count is kept in the shared cache (Redis with `CACHE_URL`, else the database cache), so
all web processes count together. While Redis is down (core.cache) the limits degrade on
purpose, in two ways:

- the general API limits (`AnonThrottle`, `UserThrottle`) fail open: they protect against load,
  and writing every read's count to the database in an outage would add load;
- the limits on writes (`rate_limited`: signing, join requests; `ScopedThrottle`: pledges and
  activities through the API) go on counting in the database cache, from zero at the outage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.cache import BaseCache, caches
from rest_framework import throttling
from rest_framework.settings import api_settings

from core.cache import DATABASE_CACHE_ALIAS, cache_is_down, counter_cache, counter_hit
from core.http import client_address

if TYPE_CHECKING:
    from rest_framework.views import APIView


class _ClientAddressMixin:
    scope: str | None

    def get_ident(self, request: Any) -> str:
        return client_address(request)

    # DRF copies the rates into the class when it is imported; reading them per request means an
    # override of `REST_FRAMEWORK` (tests, a settings reload) takes effect.
    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return None if rate is None else str(rate)


class AnonThrottle(_ClientAddressMixin, throttling.AnonRateThrottle):
    """Anonymous API clients, per client address (`anon` rate)."""


class UserThrottle(_ClientAddressMixin, throttling.UserRateThrottle):
    """Signed-in API clients per user (`user` rate); anonymous ones per client address."""


class ScopedThrottle(_ClientAddressMixin, throttling.ScopedRateThrottle):
    """Views that set `throttle_scope`; keyed by user or client address. Counts in the database
    cache while Redis is down (see the module doc)."""

    _cache: BaseCache | None = None

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return self._cache if self._cache is not None else counter_cache()

    def allow_request(self, request: Any, view: Any) -> bool:
        self._cache = counter_cache()
        allowed = super().allow_request(request, view)
        if self._cache is not caches[DATABASE_CACHE_ALIAS] and cache_is_down():
            # Redis failed during this very check, which then counted nothing: count it again
            # where the counts go while Redis is down.
            self._cache = caches[DATABASE_CACHE_ALIAS]
            allowed = super().allow_request(request, view)
        return allowed


def rate_limited(*, scope: str, key: str, limit: int, period: int) -> bool:
    """Count one hit for (`scope`, `key`); True when the count is over `limit` in `period` s.

    A fixed window in the shared cache (Redis in production, else the database cache), so
    every web process sees the same count; in a Redis outage it goes on in the database cache.
    """
    return counter_hit(f"ratelimit:{scope}:{key}", timeout=period) > limit


class _Scope:
    """Stands in for a DRF view: `ScopedThrottle` reads only its `throttle_scope`. (Not an
    `APIView`: importing `rest_framework.views` here would be circular, as DRF's views read
    this module's throttles from the settings when they are defined.)"""

    def __init__(self, scope: str) -> None:
        self.throttle_scope = scope


def scope_throttled(request: Any, *, scope: str) -> bool:
    """Count one request of a plain Django view against the API's `scope` rate
    (`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`); True when it is over the limit.

    The count is the API's own (`ScopedThrottle`, keyed by the signed-in user or else the client
    address), so a page and the API endpoint doing the same thing share one allowance: the
    member activity form and `POST /api/v1/campaigns/<slug>/activities/` allow 30 an hour
    together, not 30 each. A request over the limit is not counted.
    """
    return not ScopedThrottle().allow_request(request, cast("APIView", _Scope(scope)))
