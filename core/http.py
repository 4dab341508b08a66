"""The client's address, decided in one place.

`X-Forwarded-For` is written by whoever sends the request, so it is trusted only when the
deployment says a proxy sits in front (`BEHIND_PROXY`), and then only the hop that proxy appended:
the entry `NUM_PROXIES` from the right. Anything a client put further left is ignored, so a
rotating fake header cannot reset a throttle.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest

T = TypeVar("T")

UNKNOWN_ADDRESS = "unknown"


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest | Any) -> str:
    """REMOTE_ADDR; behind a trusted proxy, the hop it appended to X-Forwarded-For.

    Accepts a Django `HttpRequest` or a DRF `Request` (which proxies `META`).
    """
    meta = request.META
    remote = str(meta.get("REMOTE_ADDR") or UNKNOWN_ADDRESS)
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    num_proxies = max(int(getattr(settings, "NUM_PROXIES", 1)), 1)
    # Fewer hops than proxies means a misconfigured chain; the leftmost is then the best guess.
    candidate = hops[-min(num_proxies, len(hops))]
    # A proxy writes an address; anything else (garbage, a port suffix from a broken proxy) is
    # not a key worth trusting.
    return candidate if _is_ip(candidate) else remote


def object_or_404(selector: Callable[..., T], /, **kwargs: Any) -> T:
    """Call a `*_get` selector; its `DoesNotExist` becomes a 404 (the selectors' contract)."""
    try:
        return selector(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
