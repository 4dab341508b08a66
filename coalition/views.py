from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from maps.rendering import KIND_PREVIEW, MapQuery, map_render
from maps.selectors import LAYER_COUNTRIES
from ratification.selectors.treaties import HEADLINE_TREATY, headline_summary

HOME_MAP_QUERY = MapQuery(treaty=HEADLINE_TREATY, on=None, layers=(LAYER_COUNTRIES,))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The home page leads with a light preview: the ICRMW status layer only (no partner layer,
    # coarse outlines: a fraction of the weight), cached like every map; /map/ has the rest.
    preview = map_render(query=HOME_MAP_QUERY, kind=KIND_PREVIEW)
    return render(request, "home.html", {"headline": headline_summary(), "map": preview})


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
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """/favicon.ico, which browsers and feed readers ask for whatever the page says: the SVG."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
