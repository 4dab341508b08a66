# Placeholder views: replaced by the ratification pages work.
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def treaty_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("treaties")


def treaty_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(slug)


def treaty_participants_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    return HttpResponse(slug)


def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    return HttpResponse(iso2)
