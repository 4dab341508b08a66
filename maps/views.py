"""Map pages: the full map, its embeddable twin and the embeddable country card.

The country page, which composes treaties, partners and a small map, is in
`coalition/pages/country.py`.

Only `map_embed` and `country_card` may be framed by other sites (`core.framing.embeddable`);
every other page keeps the site-wide X-Frame-Options: DENY and `frame-ancestors 'none'`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.framing import embeddable
from maps.rendering import (
    KIND_EMBED,
    KIND_PAGE,
    MapQuery,
    MapQueryError,
    map_query_parse,
    map_render,
)
from maps.selectors import country_card as country_card_data


def _query(request: HttpRequest) -> MapQuery:
    # The page's checkboxes send `layers` once per ticked box; a link sends it comma-separated.
    params = {k: request.GET.get(k, "") for k in ("treaty", "as_of")}
    if "layers" in request.GET:
        params["layers"] = ",".join(request.GET.getlist("layers")) or ","
    return map_query_parse(params)


MAP_SCRIPT_MARK = "<!--map-script-->"


def _with_map_script(
    request: HttpRequest, template: str, context: dict[str, Any], script: str
) -> HttpResponse:
    """Render the page around a placeholder and put the (cached, often megabyte-sized) map
    script in only when building the response: passed through the template's nested blocks it
    would be copied at every level, which is most of a cached response's time."""
    page = render_to_string(template, context, request=request)
    before, mark, after = page.partition(MAP_SCRIPT_MARK)
    chunks = [before, script, after] if mark else [page]
    return HttpResponse([chunk.encode() for chunk in chunks])


def _bad_query(request: HttpRequest, message: str, *, embed: bool) -> HttpResponse:
    return render(
        request,
        "maps/map_error.html",
        {"message": message, "embed": embed, "map_url": reverse("maps:map")},
        status=400,
    )


@require_safe
def map_page(request: HttpRequest) -> HttpResponse:
    try:
        query = _query(request)
    except MapQueryError as exc:
        return _bad_query(request, str(exc), embed=False)
    rendered = map_render(query=query, kind=KIND_PAGE)
    if rendered is None:
        raise Http404(_("There is no treaty with that name."))
    embed_url = request.build_absolute_uri(reverse("maps:map-embed"))
    params = query.as_params()
    title = _("Ratification map")
    # Shown in a <textarea>, where the template escapes it: the visitor copies this exact text.
    embed_code = (
        f'<iframe src="{escape(embed_url)}?{escape(urlencode(params))}" width="100%" height="480" '
        f'style="border:0" loading="lazy" title="{escape(title)}"></iframe>'
    )
    return _with_map_script(
        request,
        "maps/map_page.html",
        {"map": rendered, "query": query, "embed_code": embed_code},
        rendered["script"],
    )


@embeddable
@require_safe
def map_embed(request: HttpRequest) -> HttpResponse:
    try:
        query = _query(request)
    except MapQueryError as exc:
        return _bad_query(request, str(exc), embed=True)
    rendered = map_render(query=query, kind=KIND_EMBED)
    if rendered is None:
        raise Http404(_("There is no treaty with that name."))
    full_url = request.build_absolute_uri(reverse("maps:map")) + "?" + urlencode(query.as_params())
    return _with_map_script(
        request, "maps/map_embed.html", {"map": rendered, "full_url": full_url}, rendered["script"]
    )


@embeddable
@require_safe
def country_card(request: HttpRequest, iso2: str) -> HttpResponse:
    card = country_card_data(iso2=iso2)
    if card is None:
        raise Http404(_("No such country."))
    page_url = request.build_absolute_uri(
        reverse("maps:country-detail", kwargs={"iso2": card.code})
    )
    return render(request, "maps/country_card.html", {"card": card, "page_url": page_url})
