"""Every string a map shows, translated in the active language, for the builders."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maps.builders import MapText
from maps.selectors import map_status_label
from ratification.models import Treaty
from ratification.status import DENOUNCED, NONE, NOT_APPLICABLE, PARTY, SIGNATORY


def _long_date(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def map_text(*, treaty: Treaty | None = None, as_at: datetime.date | None = None) -> MapText:
    as_at_text = ""
    if as_at is not None:
        as_at_text = _("Status as at %(date)s") % {"date": _long_date(as_at)}
    if treaty is not None:
        label = _("Map of the participants in the %(treaty)s") % {
            "treaty": treaty.localized_short_name
        }
    else:
        label = _("Map of partner organisations")
    return MapText(
        map_label=label,
        legend_title=treaty.localized_short_name if treaty else _("Status"),
        party=map_status_label(PARTY),
        signatory=map_status_label(SIGNATORY),
        denounced=map_status_label(DENOUNCED),
        no_action=map_status_label(NONE),
        not_applicable=map_status_label(NOT_APPLICABLE),
        status_as_at=as_at_text,
        layer_status=_("Treaty status"),
        layer_partners=_("Partners"),
        layer_activities=_("Activities"),
        open_activity=_("See the activity"),
        signed=_("Signed"),
        party_since=_("Party since"),
        open_profile=_("Open the profile"),
        not_on_map=_("Not on the map"),
        attribution_shapes=_("Boundaries: Natural Earth"),
        attribution_geonames=_("Capitals and places: GeoNames (CC BY 4.0)"),
        disclaimer=_(
            "The boundaries and names shown and the designations used on this map do not imply "
            "official endorsement or acceptance by the United Nations."
        ),
        zoom_in=_("Zoom in"),
        zoom_out=_("Zoom out"),
        country_hint=_("Click for the country page"),
        format_date=_long_date,
    )
