# Placeholder views: replaced by the staff dashboard work.
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")
