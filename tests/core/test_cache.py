"""The shared cache: what a Redis outage answers, the counters that survive it, the database
cache that is the default (issue 13, "Several processes share the truth" and "Redis down")."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.core.cache import caches
from django.db import connection
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.cache import (
    DATABASE_CACHE_ALIAS,
    CacheUnavailable,
    ResilientRedisCache,
    cache_raise_to,
    cache_tables_create,
    counter_hit,
)
from core.throttles import ScopedThrottle, rate_limited
from tests.coalition.test_settings import ROOT
from tests.conftest import closed_port

pytestmark = pytest.mark.django_db


def _down_cache(retry_after: float = 5.0) -> ResilientRedisCache:
    return ResilientRedisCache(
        f"redis://127.0.0.1:{closed_port()}/0",
        {
            "RETRY_AFTER": retry_after,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    )


def test_an_unreachable_redis_is_an_empty_cache(caplog):
    cache = _down_cache()
    started = time.monotonic()
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.get_or_set("k", lambda: 42) == 42
    cache.set("k", 1)
    cache.set_many({"a": 1})
    cache.delete("k")
    cache.delete_many(["a"])
    cache.clear()
    assert cache.add("k", 1) is True  # as if free: idempotent work is queued once more
    assert cache.touch("k") is False
    with pytest.raises(CacheUnavailable):
        cache.incr("k")
    with pytest.raises(CacheUnavailable):
        cache.decr("k")
    assert time.monotonic() - started < 1.0
    errors = [r for r in caplog.records if r.name == "core.cache" and r.levelname == "ERROR"]
    assert len(errors) == 1  # the outage is logged once, not once a call
    assert "Redis cache unreachable" in errors[0].getMessage()
    assert cache.is_down


def test_after_retry_after_the_cache_tries_redis_again(caplog):
    cache = _down_cache(retry_after=0.05)
    cache.get("k")
    assert cache.is_down
    time.sleep(0.06)
    assert not cache.is_down
    cache.get("k")  # tried, failed again
    assert cache.is_down
    assert any("still unreachable" in r.getMessage() for r in caplog.records)


def test_the_log_never_carries_the_redis_password(caplog):
    cache = ResilientRedisCache(
        f"redis://:s3cret-pass@127.0.0.1:{closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5}},
    )
    cache.get("k")
    assert caplog.records
    assert all("s3cret-pass" not in r.getMessage() for r in caplog.records)


def test_counters_go_on_in_the_database_cache_while_redis_is_down(redis_down):
    assert [counter_hit("c", timeout=60) for _ in range(3)] == [1, 2, 3]
    assert caches[DATABASE_CACHE_ALIAS].get("c") == 3


def test_rate_limited_holds_its_limit_through_an_outage(redis_down):
    hits = [
        rate_limited(scope="pledge", key="198.51.100.1", limit=2, period=3600) for _ in range(4)
    ]
    assert hits == [False, False, True, True]


def test_scoped_api_throttle_counts_in_the_database_while_redis_is_down(settings, redis_down):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {**rest["DEFAULT_THROTTLE_RATES"], "probe": "2/minute"}
    settings.REST_FRAMEWORK = rest

    class Probe(APIView):
        permission_classes = [AllowAny]
        authentication_classes: list[type] = []
        throttle_classes = [ScopedThrottle]
        throttle_scope = "probe"

        def get(self, request):
            return Response({"ok": True})

    view = Probe.as_view()
    factory = APIRequestFactory()
    # The first request is the one that finds Redis down: it is counted all the same.
    assert [view(factory.get("/")).status_code for _ in range(3)] == [200, 200, 429]


def test_general_api_throttles_fail_open_while_redis_is_down(client, settings, redis_down):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {**rest["DEFAULT_THROTTLE_RATES"], "anon": "2/minute"}
    settings.REST_FRAMEWORK = rest
    assert [client.get("/api/v1/partners/").status_code for _ in range(4)] == [200] * 4


def test_raise_to_never_moves_a_number_back():
    cache = caches["default"]
    assert cache_raise_to("n", 5, timeout=60) == 5
    assert cache_raise_to("n", 3, timeout=60) == 5
    assert cache.get("n") == 5
    assert cache_raise_to("n", 7, timeout=60) == 7


def test_raise_to_answers_the_value_when_redis_is_down(redis_down):
    assert cache_raise_to("n", 9, timeout=60) == 9


def test_migrate_creates_the_database_cache_table():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE coalition_cache")
    assert "coalition_cache" not in connection.introspection.table_names()
    cache_tables_create(using="default")
    assert "coalition_cache" in connection.introspection.table_names()


def test_without_cache_url_the_default_cache_is_the_database():
    """Never the local-memory cache, which each process would have to itself."""
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "coalition.settings", "DEBUG": "1"}
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"


def test_with_cache_url_the_default_cache_is_the_resilient_redis():
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "c = settings.CACHES; print(c['default']['BACKEND'], c['database']['BACKEND'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "coalition.settings",
        "DEBUG": "1",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [
        "core.cache.ResilientRedisCache",
        "django.core.cache.backends.db.DatabaseCache",
    ]
