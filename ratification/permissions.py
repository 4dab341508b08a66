"""Who may do what in the ratification app: one place for the staff checks of pages and API."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

ViewFunc = Callable[..., HttpResponse]


def staff_required(view: ViewFunc) -> ViewFunc:
    """Anonymous visitors are sent to sign in; signed-in non-staff get 403, not a login loop.

    (`staff_member_required` would send a signed-in member back to the admin login page, which
    reads as "wrong password" rather than "not allowed".)
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class IsStaffOrReadOnly(BasePermission):
    """Public reads; writes only for staff (the same rule as DRF's `IsAdminUser`)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)
