"""The client's address, decided in one place (the API throttles and sign-in limits use it)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; only behind a trusted proxy (`BEHIND_PROXY`), the hop it appended.

    X-Forwarded-For is written by the client, so only the entries our own proxies appended can
    be trusted: with `NUM_PROXIES` proxies in front, that is the NUM_PROXIES-th from the right.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    num_proxies = max(int(getattr(settings, "NUM_PROXIES", 1)), 1)
    if len(hops) < num_proxies:
        return remote
    return hops[-num_proxies]
