from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from partners.models import Partner
from partners.permissions import partner_get_for_admin, partner_get_for_editor


def editor_partner(request: HttpRequest, slug: str) -> Partner:
    try:
        return partner_get_for_editor(user=request.user, slug=slug)
    except Partner.DoesNotExist as exc:
        raise Http404 from exc


def admin_partner(request: HttpRequest, slug: str) -> Partner:
    try:
        return partner_get_for_admin(user=request.user, slug=slug)
    except Partner.DoesNotExist as exc:
        raise Http404 from exc


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anonymous users go to the login page; signed-in non-staff get a 403, not a login loop."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it,
    # and a spoofable key would make the throttle useless.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def add_service_errors(
    form: Any, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Show a service's `ValidationError` next to the matching form fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)
