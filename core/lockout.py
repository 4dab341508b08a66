"""The page shown when django-axes refuses a sign-in (too many failures)."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.http import client_address


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: `client_address`, or None when that is not an IP address.

    django-axes stores the address in a GenericIPAddressField, and PostgreSQL refuses anything
    else in it (a request with no REMOTE_ADDR, such as the one `Client.force_login` builds).
    """
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """A translated page (429) saying how long to wait, instead of axes' bare message.

    It names neither the account nor the reason the lock applies (account or address): an
    attacker learns nothing about which usernames exist.
    """
    minutes = max(int(settings.AXES_COOLOFF_TIME.total_seconds() // 60), 1)
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
