"""The country page: its treaties (ratification), the partners based there (partners) and a small
map of both (maps)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from maps.selectors import country_icrmw_status
from maps.small_maps import country_small_map
from partners.selectors import partner_list_public
from ratification.selectors.treaties import country_overview

PARTNERS_PER_PAGE = 24


@require_safe
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    overview = country_overview(iso2=iso2)
    if overview is None:
        raise Http404(_("No such country."))
    # A page of partners at a time: a country with hundreds of them made a page of hundreds of
    # cards (176 KB). The small map still shows all of them.
    paginator = Paginator(
        partner_list_public()
        .prefetch_related(None)
        .prefetch_related("focus_areas")
        .filter(country=overview.code),
        PARTNERS_PER_PAGE,
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "coalition/country_detail.html",
        {
            "country": overview,
            "partners": list(page.object_list),
            "page": page,
            "small_map": country_small_map(country=country_icrmw_status(overview)),
        },
    )
