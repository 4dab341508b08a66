"""Permission and throttle policies for the partner API.

Object-level access is not decided here: views call `partners.permissions.partner_get_for_editor`,
the same chokepoint as the HTML member area. These classes only gate who may try.
"""

from __future__ import annotations

from typing import Any

from rest_framework import permissions, throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings


class IsStaff(permissions.BasePermission):
    """Coalition staff (create and approve partners)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class _LiveRatesMixin:
    # DRF copies the rates into the class when it is imported; reading them per request means
    # an override of `REST_FRAMEWORK` (tests, a settings reload) takes effect.
    scope: str | None

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return None if rate is None else str(rate)


class AnonRateThrottle(_LiveRatesMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_LiveRatesMixin, throttling.UserRateThrottle):
    pass


PARTNER_THROTTLES = [AnonRateThrottle, UserRateThrottle]
