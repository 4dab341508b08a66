"""Who is asking: the client address used for throttles and abuse control."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the hop the trusted proxy appended to X-Forwarded-For.

    X-Forwarded-For is written by the client unless a proxy we run rewrites it, so it is read only
    when `BEHIND_PROXY` is set, and then only the entry `NUM_PROXIES` hops from the right (the one
    our own proxy added); anything to the left of it is client-controlled and ignored.
    """
    remote = str(request.META.get("REMOTE_ADDR", "") or "unknown")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    num_proxies = int(getattr(settings, "NUM_PROXIES", 1) or 1)
    if len(hops) < num_proxies:
        return remote
    return hops[-num_proxies]
