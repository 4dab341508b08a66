"""The country page: its treaties (ratification), the partners based there (partners) and a small
map of both (maps)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from maps.selectors import country_icrmw_status
from maps.small_maps import country_small_map
from partners.selectors import partner_list_for_country
from ratification.selectors.treaties import country_overview


@require_safe
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    overview = country_overview(iso2=iso2)
    if overview is None:
        raise Http404(_("No such country."))
    partners = partner_list_for_country(country_code=overview.code)
    return render(
        request,
        "coalition/country_detail.html",
        {
            "country": overview,
            "partners": partners,
            "small_map": country_small_map(
                country=country_icrmw_status(overview), partners=partners
            ),
        },
    )
