from __future__ import annotations

import pytest
from django.core.cache import cache

from core.throttles import rate_limited

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/partners/"


@pytest.fixture
def low_rates(settings):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {**rest["DEFAULT_THROTTLE_RATES"], "anon": "5/minute"}
    settings.REST_FRAMEWORK = rest


def test_rotating_forwarded_for_does_not_reset_the_api_throttle(client, settings):
    # Issue 7, defect 4: 130 requests each with a new X-Forwarded-For were all 200.
    settings.BEHIND_PROXY = False
    statuses = [
        client.get(LIST_URL, HTTP_X_FORWARDED_FOR=f"10.1.{i // 250}.{i % 250}").status_code
        for i in range(130)
    ]
    assert statuses[:120] == [200] * 120
    assert statuses[120:] == [429] * 10


def test_behind_a_proxy_the_appended_hop_is_the_key(client, settings, low_rates):
    settings.BEHIND_PROXY, settings.NUM_PROXIES = True, 1
    # The same real client (proxy-appended 198.51.100.7) with a rotating fake prefix: limited.
    statuses = [
        client.get(LIST_URL, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 198.51.100.7").status_code
        for i in range(7)
    ]
    assert statuses == [200] * 5 + [429] * 2
    # Another real client behind the same proxy has its own allowance.
    assert client.get(LIST_URL, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_signed_in_users_are_throttled_per_user_not_per_address(client, settings, low_rates):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert all(client.get(LIST_URL).status_code == 200 for _ in range(7))


def test_rate_limited_counts_per_scope_and_key():
    hits = [rate_limited(scope="s", key="a", limit=2, period=60) for _ in range(3)]
    assert hits == [False, False, True]
    assert rate_limited(scope="s", key="b", limit=2, period=60) is False
    assert rate_limited(scope="other", key="a", limit=2, period=60) is False


def test_rate_limited_window_restarts_when_the_counter_expires():
    for _ in range(3):
        rate_limited(scope="s", key="a", limit=2, period=60)
    cache.delete("ratelimit:s:a")
    assert rate_limited(scope="s", key="a", limit=2, period=60) is False


def test_scoped_throttle_is_keyed_by_client_address(settings):
    from rest_framework.permissions import AllowAny
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from core.throttles import ScopedThrottle

    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {**rest["DEFAULT_THROTTLE_RATES"], "probe": "2/minute"}
    settings.REST_FRAMEWORK = rest
    settings.BEHIND_PROXY = False

    class Probe(APIView):
        permission_classes = [AllowAny]
        authentication_classes: list[type] = []
        throttle_classes = [ScopedThrottle]
        throttle_scope = "probe"

        def get(self, request):
            return Response({"ok": True})

    view = Probe.as_view()
    factory = APIRequestFactory()
    statuses = [
        view(factory.get("/", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")).status_code for i in range(3)
    ]
    assert statuses == [200, 200, 429]
