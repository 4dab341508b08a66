# Placeholder views: replaced by the partner directory work.
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def partner_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("partners")


def member_home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("member")
