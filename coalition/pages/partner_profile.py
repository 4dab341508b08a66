"""The partner profile page: the profile itself (partners) and the campaigns the partner signed
(campaigns, which sits above partners), with the small map of its location (maps). Its template
extends the partners app's profile with the campaign section; the URL keeps its name,
`partners:partner-detail`."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from campaigns.selectors import partner_campaigns
from maps.small_maps import partner_small_map
from partners.models import Partner
from partners.permissions import partner_get_for_viewer, user_can_edit_partner
from partners.selectors.commitments import partner_public_commitments
from partners.selectors.profiles import (
    partner_public_contact,
    partner_public_location,
    partner_public_social_links,
)


def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        partner = partner_get_for_viewer(user=request.user, slug=slug)
    except Partner.DoesNotExist as exc:
        raise Http404 from exc
    location = partner_public_location(partner)
    # The builders escape every string they embed (maps.builders); the output is HTML to keep.
    small_map = mark_safe(partner_small_map(partner=partner, location=location)) if location else ""
    return render(
        request,
        "coalition/partner_profile.html",
        {
            "partner": partner,
            "contact": partner_public_contact(partner),
            "location": location,
            "small_map": small_map,
            "social_links": partner_public_social_links(partner),
            "commitments": partner_public_commitments(partner=partner),
            "focus_areas": list(partner.focus_areas.all()),
            "languages": list(partner.languages.all()),
            "is_stale": partner.verification_is_stale(),
            "can_edit": user_can_edit_partner(request.user, partner),
            "campaigns": partner_campaigns(partner=partner),
        },
    )
