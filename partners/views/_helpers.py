from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

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


def add_service_errors(
    form: Any, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Show a service's `ValidationError` next to the matching form fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)
