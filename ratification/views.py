# Placeholder views: replaced by the ratification pages work.
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def treaty_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("treaties")


def treaty_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(slug)


def staff_dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")
