"""The one client-address helper (shared core contract)."""

from __future__ import annotations

from django.test import RequestFactory

from coalition.http import client_address


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_remote_addr_and_a_forged_forwarded_for_is_ignored(settings):
    settings.BEHIND_PROXY = False
    request = _request(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.5"


def test_behind_a_proxy_the_hop_it_appended(settings):
    settings.BEHIND_PROXY = True
    settings.NUM_PROXIES = 1
    request = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"
    settings.NUM_PROXIES = 2
    assert client_address(request) == "6.6.6.6"
    settings.NUM_PROXIES = 3
    assert client_address(request) == "10.0.0.1"
