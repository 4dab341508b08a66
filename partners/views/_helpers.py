from __future__ import annotations

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
