"""Who may open staff pages and write through the API: one rule for every app.

Anonymous visitors of a staff page are sent to sign in; a signed-in member who is not staff gets
403 rather than the login page again (which reads as "wrong password" rather than "not
allowed"). Staff pages have fixed, public URLs, so a 404 would hide nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

ViewFunc = Callable[..., HttpResponseBase]


def user_is_staff(user: Any) -> bool:
    """Signed in, active and staff: the one definition of coalition staff."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def staff_required(view: ViewFunc) -> ViewFunc:
    """Function-view decorator: anonymous → login redirect; signed-in non-staff → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class IsStaff(BasePermission):
    """Coalition staff only (create and approve partners, staff-only endpoints)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return user_is_staff(request.user)


class IsStaffOrReadOnly(BasePermission):
    """Public reads; writes only for staff."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or user_is_staff(request.user)
