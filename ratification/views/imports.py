# Placeholder views: replaced by the UNTC import work.
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def import_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("imports")


def import_upload(request: HttpRequest) -> HttpResponse:
    return HttpResponse("upload")


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(str(pk))
