from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partners.selectors import partner_list_for_country
from ratification.selectors.treaties import country_overview, headline_summary


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"headline": headline_summary()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: the process answers and the database does too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    """A country's treaty status with the partners working there.

    The project layer composes the apps: ratification gives the treaty part, partners the
    directory part (ratification never imports partners). Routed as `ratification:country-detail`
    by `coalition/urls.py`. Each section is one selector call adding to `context`.
    """
    overview = country_overview(iso2=iso2)
    if overview is None:
        raise Http404(_("No such country."))
    context: dict[str, Any] = {
        "country": overview,
        "partners": partner_list_for_country(country_code=overview.code),
    }
    return render(request, "ratification/country_detail.html", context)
