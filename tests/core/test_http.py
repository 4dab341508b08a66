from __future__ import annotations

import pytest
from django.test import RequestFactory

from core.http import client_address


def _request(remote: str = "203.0.113.9", xff: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_address(_request(xff="198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_appended_hop_is_used(settings):
    settings.BEHIND_PROXY, settings.NUM_PROXIES = True, 1
    # The client wrote "1.2.3.4"; the proxy appended the address it saw.
    assert client_address(_request(remote="10.0.0.2", xff="1.2.3.4, 198.51.100.7")) == (
        "198.51.100.7"
    )


def test_behind_two_proxies_the_outer_proxy_hop_is_used(settings):
    settings.BEHIND_PROXY, settings.NUM_PROXIES = True, 2
    request = _request(remote="10.0.0.3", xff="1.2.3.4, 198.51.100.7, 10.0.0.2")
    assert client_address(request) == "198.51.100.7"


@pytest.mark.parametrize("xff", ["", " , ", "not-an-ip", "198.51.100.7:443"])
def test_behind_a_proxy_a_missing_or_garbled_header_falls_back(settings, xff):
    settings.BEHIND_PROXY, settings.NUM_PROXIES = True, 1
    assert client_address(_request(remote="10.0.0.2", xff=xff)) == "10.0.0.2"


def test_no_remote_addr_is_unknown(settings):
    settings.BEHIND_PROXY = False
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == "unknown"
