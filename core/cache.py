"""The Redis cache that an unreachable Redis cannot take down, and the counters built on it.

`ResilientRedisCache` is Django's own `RedisCache` (`CACHE_URL`) with one difference: when Redis
refuses, hangs past its socket timeout or answers an error, the call behaves as a cache with
nothing in it instead of raising, the outage is logged (once, not once a call) and for
`RETRY_AFTER` seconds (default 5) this process does not wait on Redis again. So every page,
sign-in, signature and API call keeps working, only uncached; `/healthz/ready` reports the cache
as down (its probe reads back nothing).

What each operation answers while Redis is down:

- `get` the default, `get_many` nothing, `has_key` False: a miss, so the caller computes;
- `set`, `set_many`, `delete`, `delete_many`, `touch`, `clear`: dropped;
- `add` True, as if the key were free. The project uses `add` to queue idempotent work once
  (the map re-render, the staff digest): without Redis the work is queued once more rather than
  never;
- `incr`/`decr` raise `CacheUnavailable`. A counter that cannot count must not answer as if it
  had: `counter_hit` below takes that to the database instead.

Not django-redis: its `IGNORE_EXCEPTIONS` catches the same errors, but answers None from every
operation (a `get_many` the caller iterates, an `add` the caller trusts) and waits a socket
timeout on every call while Redis hangs. This is Django's maintained backend plus the choice of
what an outage means, made once here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The cache alias kept in the database whatever CACHE_URL says (settings.CACHES): counters
# fall back to it when the default cache is Redis and Redis is down.
DATABASE_CACHE_ALIAS = "database"


class CacheUnavailable(Exception):
    """The cache could not be reached; raised only by `incr`/`decr`, see the module doc."""


class ResilientRedisCache(RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.retry_after = float(params.get("RETRY_AFTER", 5.0))
        self._down_until = 0.0
        self._failing = False
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        """True while this process is skipping Redis after a failure."""
        return time.monotonic() < self._down_until

    def _outage(self, exc: BaseException) -> None:
        with self._lock:
            first, self._failing = not self._failing, True
            self._down_until = time.monotonic() + self.retry_after
        # The exception's class and text only: the URL, with any password, never reaches a log.
        if first:
            logger.error(
                "Redis cache unreachable (%s: %s): serving uncached, trying again every %g s",
                type(exc).__name__,
                exc,
                self.retry_after,
            )
        else:
            logger.warning("Redis cache still unreachable (%s)", type(exc).__name__)

    def _call(self, method: Callable[..., Any], outage_answer: Any, *args: Any) -> Any:
        if self.is_down:
            return outage_answer
        try:
            result = method(self, *args)
        except (RedisError, OSError) as exc:
            self._outage(exc)
            return outage_answer
        if self._failing:
            with self._lock:
                self._failing, self._down_until = False, 0.0
            logger.warning("Redis cache reachable again")
        return result

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return bool(self._call(RedisCache.add, True, key, value, timeout, version))

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call(RedisCache.get, default, key, default, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._call(RedisCache.set, None, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return bool(self._call(RedisCache.touch, False, key, timeout, version))

    def delete(self, key: Any, version: Any = None) -> bool:
        return bool(self._call(RedisCache.delete, False, key, version))

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return dict(self._call(RedisCache.get_many, {}, keys, version))

    def has_key(self, key: Any, version: Any = None) -> bool:
        return bool(self._call(RedisCache.has_key, False, key, version))

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return list(self._call(RedisCache.set_many, [], data, timeout, version))

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call(RedisCache.delete_many, None, keys, version)

    def clear(self) -> None:
        self._call(RedisCache.clear, None)

    def raise_to(self, key: Any, value: int, *, timeout: int, version: Any = None) -> int:
        """See `cache_raise_to`."""
        return int(self._call(_raise_to, value, key, int(value), int(timeout), version))

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        unavailable = object()
        result = self._call(RedisCache.incr, unavailable, key, delta, version)
        if result is unavailable:
            raise CacheUnavailable("the cache could not be reached")
        return int(result)


# SET the key to ARGV[1] unless it already holds a larger number; answer what it holds after.
_RAISE_TO = """
local current = tonumber(redis.call('GET', KEYS[1]))
if current == nil or current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return tonumber(ARGV[1])
end
return current
"""


def cache_raise_to(key: str, value: int, *, timeout: int, alias: str = "default") -> int:
    """Store the number `value` under `key` unless the key holds a larger one; return the
    number it holds afterwards (`value` when the cache cannot be reached).

    Atomic on Redis (one script), so two processes publishing a counter out of order never move
    it back; elsewhere a read then a write.
    """
    cache = caches[alias]
    if isinstance(cache, ResilientRedisCache):
        return cache.raise_to(key, value, timeout=timeout)
    current = cache.get(key)
    if isinstance(current, int) and current >= value:
        return current
    cache.set(key, value, timeout=timeout)
    return value


def _raise_to(cache: ResilientRedisCache, key: Any, value: int, timeout: int, version: Any) -> int:
    full_key = cache.make_and_validate_key(key, version=version)
    client = cache._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
    return int(client.eval(_RAISE_TO, 1, full_key, value, timeout))


def cache_is_down(alias: str = "default") -> bool:
    """True when the cache `alias` is a `ResilientRedisCache` this process finds down now."""
    return bool(getattr(caches[alias], "is_down", False))


def counter_cache(alias: str = "default") -> BaseCache:
    """The cache `alias`, or the database cache while it is down: where shared counts go."""
    return caches[DATABASE_CACHE_ALIAS if cache_is_down(alias) else alias]


def counter_hit(key: str, *, timeout: int, alias: str = "default") -> int:
    """Add one to the counter `key` (created at 1, expiring `timeout` s after its first hit) in
    the shared cache and return the count.

    Every process counts in the same place: Redis (`CACHE_URL`) or the database cache. While
    Redis is down the count goes on in the database cache, a separate window that starts at
    the outage: a limit holds through it, never silently off.
    """
    try:
        return _hit(counter_cache(alias), key, timeout)
    except CacheUnavailable:
        return _hit(caches[DATABASE_CACHE_ALIAS], key, timeout)


def _hit(cache: BaseCache, key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def cache_tables_create(*, using: str = "default", **_: Any) -> None:
    """`createcachetable` after every `migrate` (a `post_migrate` receiver, `CoreConfig`): the
    database cache's table exists wherever the schema does, and no deploy step can forget it."""
    call_command("createcachetable", database=using, verbosity=0)
