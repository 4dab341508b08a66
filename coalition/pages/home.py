"""The home page: the ICRMW headline (ratification) over a light map preview (maps)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from maps.rendering import KIND_PREVIEW, MapQuery, map_render
from maps.selectors import LAYER_COUNTRIES
from ratification.selectors.treaties import HEADLINE_TREATY, headline_summary

HOME_MAP_QUERY = MapQuery(treaty=HEADLINE_TREATY, on=None, layers=(LAYER_COUNTRIES,))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # The home page leads with a light preview: the ICRMW status layer only (no partner layer,
    # coarse outlines: a fraction of the weight), cached like every map; /map/ has the rest.
    preview = map_render(query=HOME_MAP_QUERY, kind=KIND_PREVIEW)
    return render(request, "coalition/home.html", {"headline": headline_summary(), "map": preview})
