"""`{% partner_map partner location %}`: a partner profile's small map, from data the view already
has (no query beyond the partner's prefetched focus areas)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from maps.small_maps import partner_small_map
from partners.models import Partner

register = template.Library()


@register.simple_tag
def partner_map(partner: Partner, location: tuple[float, float] | None) -> SafeString:
    # The builders escape every string they embed (maps.builders); the output is HTML to keep.
    return mark_safe(partner_small_map(partner=partner, location=location))
